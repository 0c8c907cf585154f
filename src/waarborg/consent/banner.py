"""The cookie banner's configuration, built from the register's cookies.

The banner is vanilla-cookieconsent (npm, see ``package.json``); waarborg hands it
a configuration in which every cookie category of the register is a category of
the banner, with its services and cookies listed in the statement's languages.
Categories whose cookies all go without consent (Telecommunicatiewet art. 11.7a
lid 3: strictly necessary or analytics with little privacy impact) are read-only
and on; the others are off until the visitor says yes. "Reject all" sits next to
"Accept all" in the first layer with equal weight: the AP's guidance on cookie banners
asks that refusing be as easy as accepting, and consent must be freely given
(Art. 4(11), 7(4) AVG). Choices can be changed at any time (Art. 7(3) AVG:
withdrawing as easy as giving).

The text a visitor is shown is hashed per language (:func:`shown_hash`), so each
recorded choice points at the exact wording it answered (Art. 7(1)).
"""

from __future__ import annotations

import json
from typing import Any

from waarborg.i18n import N_, translate
from waarborg.register import Register
from waarborg.register.cookies import Cookie
from waarborg.store.consents import text_hash

# Activity ids under which cookie choices are stored: ``cookies:<category>``.
COOKIE_ACTIVITY = "cookies:{category}"

TEXTS = {
    "title": N_("We use cookies"),
    "description": N_(
        "We would like to use cookies that are not strictly necessary. You choose: accept "
        "all, reject all, or choose per category. You can change your choice at any time."
    ),
    "accept_all": N_("Accept all"),
    "reject_all": N_("Reject all"),
    "preferences": N_("Choose per category"),
    "preferences_title": N_("Cookie settings"),
    "save": N_("Save my choice"),
    "close": N_("Close"),
    "name": N_("Name"),
    "service": N_("Service"),
    "purpose": N_("Purpose"),
    "duration": N_("How long"),
    "always_on": N_("These cookies are needed for the site to work and are always on."),
    "unnamed": N_("(not named)"),
    "session": N_("until you close your browser"),
    "unstated": N_("not stated"),
}


def consent_categories(register: Register) -> list[str]:
    """The categories a visitor chooses about: those with a cookie that needs consent."""
    return sorted({c.category for c in register.cookies if c.consent_required})


def _categories(register: Register) -> list[str]:
    """Every category of the register's cookies, the ones without consent first."""
    every = {c.category for c in register.cookies} | {"necessary"}
    needs = set(consent_categories(register))
    return sorted(every - needs) + sorted(needs)


def _t(lang: str, key: str) -> str:
    return translate(lang, TEXTS[key])


def _row(cookie: Cookie, register: Register, lang: str) -> dict[str, str]:
    service = cookie.service or (
        register.organisation.display_name()
        if cookie.provider == "first-party"
        else cookie.provider
    )
    duration = cookie.duration
    if duration in ("session", "unstated"):
        duration = _t(lang, duration)
    return {
        "name": cookie.name or _t(lang, "unnamed"),
        "service": service,
        "purpose": cookie.purpose.get(lang) if lang in cookie.purpose.languages() else "",
        "duration": duration,
    }


def translation(register: Register, lang: str) -> dict[str, Any]:
    """The banner's texts in ``lang``: both modals, a section per category with its cookies."""
    needs = set(consent_categories(register))
    sections: list[dict[str, Any]] = []
    for category in _categories(register):
        cookies = [c for c in register.cookies if c.category == category]
        description = "" if category in needs else _t(lang, "always_on")
        section: dict[str, Any] = {
            "title": register.vocabulary.label("cookie_categories", category, lang),
            "description": description,
            "linkedCategory": category,
        }
        if cookies:
            section["cookieTable"] = {
                "headers": {k: _t(lang, k) for k in ("name", "service", "purpose", "duration")},
                "body": [_row(c, register, lang) for c in cookies],
            }
        sections.append(section)
    return {
        "consentModal": {
            "title": _t(lang, "title"),
            "description": _t(lang, "description"),
            "acceptAllBtn": _t(lang, "accept_all"),
            "acceptNecessaryBtn": _t(lang, "reject_all"),
            "showPreferencesBtn": _t(lang, "preferences"),
        },
        "preferencesModal": {
            "title": _t(lang, "preferences_title"),
            "acceptAllBtn": _t(lang, "accept_all"),
            "acceptNecessaryBtn": _t(lang, "reject_all"),
            "savePreferencesBtn": _t(lang, "save"),
            "closeIconLabel": _t(lang, "close"),
            "sections": sections,
        },
    }


def shown_hash(register: Register, lang: str) -> str:
    """SHA-256 of the banner's texts in ``lang``, as stored with each choice."""
    return text_hash(json.dumps(translation(register, lang), sort_keys=True, ensure_ascii=False))


def _auto_clear(cookies: list[Cookie]) -> dict[str, Any]:
    """Cookies the banner deletes when their category is withdrawn (named ones only)."""
    names = [c.name for c in cookies if c.name and c.kind == "cookie"]
    return {"cookies": [{"name": n.removesuffix("*")} for n in names]}


def banner_config(register: Register) -> dict[str, Any]:
    """The configuration object for ``CookieConsent.run`` (without the callbacks)."""
    needs = set(consent_categories(register))
    categories: dict[str, Any] = {}
    for category in _categories(register):
        cookies = [c for c in register.cookies if c.category == category]
        if category in needs:
            categories[category] = {"enabled": False, "readOnly": False}
            categories[category]["autoClear"] = _auto_clear(cookies)
        else:
            categories[category] = {"enabled": True, "readOnly": True}
    languages = list(register.statement.languages)
    return {
        "categories": categories,
        # Shown to headless browsers too, so a cookie scan sees what visitors see.
        "hideFromBots": False,
        "guiOptions": {
            # "Reject all" and "Accept all" as equal buttons in the first layer.
            "consentModal": {"layout": "box", "equalWeightButtons": True, "flipButtons": False},
            "preferencesModal": {"layout": "box", "equalWeightButtons": True},
        },
        "language": {
            "default": languages[0],
            "autoDetect": "document",
            "translations": {lang: translation(register, lang) for lang in languages},
        },
    }
