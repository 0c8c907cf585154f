"""Facts about a register that several areas of checks ask about."""

from __future__ import annotations

from waarborg.check._core import Localized, msg
from waarborg.i18n import N_
from waarborg.register import Activity, Register

# Ways of "collecting consent" that involve no active choice (Art. 4(11); Planet49).
INVALID_CONSENT_METHODS: dict[str, str] = {
    "automatic-enrolment": N_("automatic enrolment"),
    "pre-ticked": N_("a pre-ticked box"),
    "continued-use": N_("continued use of the website"),
}
# Ways that are an active, recorded choice.
OPT_IN_METHODS = frozenset({"opt-in", "double-opt-in", "separate-request", "account-setting"})
MARKETING_PURPOSES = frozenset({"newsletter", "direct-marketing"})
# Electronic messages under Telecommunicatiewet art. 11.7 (e-mail, SMS).
ELECTRONIC_CHANNELS = frozenset({"email", "sms"})
PROFILING_PURPOSES = frozenset({"profiling", "personalised-advertising"})


def consent_method_words(method: str) -> Localized:
    return msg(INVALID_CONSENT_METHODS[method])


def is_sensitive(register: Register, category: str) -> bool:
    """Special categories (Art. 9) and criminal data (Art. 10)."""
    vocabulary = register.vocabulary
    if not vocabulary.has("data_categories", category):
        return False
    term = vocabulary.term("data_categories", category)
    return term.special or term.criminal


def electronic_channels(activity: Activity) -> list[int]:
    """Indices of the activity's e-mail/SMS marketing channels."""
    return [i for i, c in enumerate(activity.channels) if c.channel in ELECTRONIC_CHANNELS]


def is_electronic_marketing(activity: Activity) -> bool:
    """Marketing sent by e-mail or SMS; a newsletter without channels is e-mail."""
    if not MARKETING_PURPOSES & set(activity.purposes):
        return False
    if electronic_channels(activity):
        return True
    return "newsletter" in activity.purposes and not activity.channels


def is_profiling(activity: Activity) -> bool:
    return activity.profiling is not None or bool(PROFILING_PURPOSES & set(activity.purposes))
