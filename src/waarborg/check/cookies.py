"""Cookies and similar technologies (Telecommunicatiewet art. 11.7a; AP guidance).

Tracking, advertising and social-media cookies need prior consent, given actively:
continuing to use the site or leaving the browser's settings alone is not consent.
Google Analytics needs no consent only when set up the AP's privacy-friendly way
(processor agreement, IP addresses masked, data sharing off, no advertising features,
no User-ID); without IP masking, full IP addresses go to Google even with consent.
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, check, joined, msg
from waarborg.check._words import label
from waarborg.i18n import N_
from waarborg.register import AnalyticsSettings, Cookie, Register

_AP_GA = (
    "AP, 'Google Analytics' (autoriteitpersoonsgegevens.nl/themas/internet-slimme-apparaten/"
    "cookies/google-analytics) and its 'Handleiding privacyvriendelijk instellen van Google "
    "Analytics'"
)
TRACKING_CATEGORIES = frozenset({"marketing", "social-media"})
NOT_CONSENT = {
    "continued-use": N_("continuing to use the website"),
    "browser-settings": N_("the visitor's browser settings"),
    "none": N_("nothing at all"),
}
# The AP's steps that make Google Analytics consent-free, in its order.
_AP_STEPS = {
    "processor_agreement": N_("a processor agreement with Google"),
    "ip_masking": N_("IP addresses masked"),
    "data_sharing_off": N_("data sharing turned off"),
    "advertising_off": N_("advertising features turned off"),
    "user_id_off": N_("no User-ID"),
}


def _cookie_name(cookie: Cookie) -> str:
    """The cookie's name, else its service, else its id in the register."""
    return cookie.name or cookie.service or cookie.id


@check(
    "cookies.tracking-without-consent",
    severity="error",
    reference=N_("Telecommunicatiewet art. 11.7a"),
    source="Telecommunicatiewet art. 11.7a (implements art. 5(3) ePrivacy Directive); AP "
    "'Google Analytics' page: tracking and remarketing cookies need consent",
)
def tracking_without_consent(register: Register) -> Iterator[Hit]:
    for index, cookie in enumerate(register.cookies):
        if cookie.category in TRACKING_CATEGORIES and not cookie.consent_required:
            yield Hit(
                ("cookies", index, "consent_required"),
                N_(
                    'Cookie "{cookie}" ({category}) is placed without asking first, while '
                    "tracking, advertising and social-media cookies need prior consent."
                ),
                N_(
                    "Place it only after the visitor agrees in the cookie banner "
                    "(consent_required: true)."
                ),
                {
                    "cookie": _cookie_name(cookie),
                    "category": label(register, "cookie_categories", cookie.category),
                },
            )


@check(
    "cookies.invalid-consent-mechanism",
    severity="error",
    reference=N_("Telecommunicatiewet art. 11.7a; GDPR Art. 4(11)"),
    source="Telecommunicatiewet art. 11.7a with the consent standard of GDPR Art. 4(11); "
    "CJEU C-673/17 Planet49; eyeopen.nl example of continued-use consent",
)
def invalid_consent_mechanism(register: Register) -> Iterator[Hit]:
    mechanism = register.cookie_policy.consent_mechanism
    needing = [c for c in register.cookies if c.consent_required]
    if mechanism in NOT_CONSENT and needing:
        yield Hit(
            ("cookie_policy", "consent_mechanism"),
            N_(
                "The statement takes {mechanism} as consent for {cookies}, but consent must "
                "be an active choice made before the cookies are placed."
            ),
            N_(
                "Ask with a cookie banner where refusing is as easy as accepting "
                "(consent_mechanism: banner), and place these cookies only after a yes."
            ),
            {
                "mechanism": msg(NOT_CONSENT[mechanism]),
                "cookies": ", ".join(_cookie_name(c) for c in needing),
            },
        )


def _is_google_analytics(cookie: Cookie) -> bool:
    return cookie.analytics is not None or "google analytics" in (cookie.service or "").lower()


def _missing_steps(settings: AnalyticsSettings | None) -> list[str]:
    values = settings or AnalyticsSettings()
    return [words for step, words in _AP_STEPS.items() if getattr(values, step) is not True]


@check(
    "cookies.analytics-not-privacy-friendly",
    severity="error",
    reference=N_("Telecommunicatiewet art. 11.7a; AP guidance on Google Analytics"),
    source=_AP_GA,
)
def analytics_not_privacy_friendly(register: Register) -> Iterator[Hit]:
    for index, cookie in enumerate(register.cookies):
        if not _is_google_analytics(cookie) or cookie.consent_required:
            continue
        missing = _missing_steps(cookie.analytics)
        if missing:
            yield Hit(
                ("cookies", index, "analytics"),
                N_(
                    'Google Analytics ("{cookie}") is used without consent, but it is not set '
                    "up the privacy-friendly way: missing {steps}."
                ),
                N_(
                    "Take every step of the AP's guide and record it under analytics, or ask "
                    "consent first (consent_required: true)."
                ),
                {"cookie": _cookie_name(cookie), "steps": joined(msg(m) for m in missing)},
            )


@check(
    "cookies.analytics-ip-not-masked",
    severity="warning",
    reference=N_("GDPR Art. 5(1)(c), 25; AP guidance on Google Analytics"),
    source=f"{_AP_GA} (step 2: mask the IP address); GDPR Art. 5(1)(c) and 25 (data "
    "minimisation by design)",
)
def analytics_ip_not_masked(register: Register) -> Iterator[Hit]:
    for index, cookie in enumerate(register.cookies):
        settings = cookie.analytics
        if cookie.consent_required and settings is not None and settings.ip_masking is False:
            yield Hit(
                ("cookies", index, "analytics", "ip_masking"),
                N_(
                    'Google Analytics ("{cookie}") receives visitors\' full IP addresses: the '
                    "statement says they are not masked."
                ),
                N_("Turn on IP masking in Google Analytics and set analytics.ip_masking: true."),
                {"cookie": _cookie_name(cookie)},
            )


@check(
    "cookies.analytics-exemption-unexplained",
    severity="advice",
    reference=N_("Telecommunicatiewet art. 11.7a(3)"),
    source="Telecommunicatiewet art. 11.7a lid 3: no consent for analytics cookies only "
    "when they have little or no effect on privacy; AP 'Google Analytics' page",
)
def analytics_exemption_unexplained(register: Register) -> Iterator[Hit]:
    for index, cookie in enumerate(register.cookies):
        if (
            cookie.category == "analytics"
            and not cookie.consent_required
            and not _is_google_analytics(cookie)
            and cookie.no_consent_reason is None
        ):
            yield Hit(
                ("cookies", index, "consent_required"),
                N_(
                    'Analytics cookie "{cookie}" is placed without consent, but the statement '
                    "does not say why it has so little effect on privacy that none is needed."
                ),
                N_(
                    "Explain it under no_consent_reason (e.g. own server, counts only, no "
                    "profiles, IP addresses shortened), or ask consent first."
                ),
                {"cookie": _cookie_name(cookie)},
            )
