"""Cookies and similar technologies (Telecommunicatiewet art. 11.7a)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from waarborg.register._base import LocalText, Slug, StrictModel
from waarborg.register.duration import Duration, parse_duration


class AnalyticsSettings(StrictModel):
    """The AP's six steps for privacy-friendly Google Analytics.

    Source: AP, "Google Analytics" (cookies theme page) and its
    "Handleiding privacyvriendelijk instellen van Google Analytics".
    ``None`` means the statement does not say.
    """

    processor_agreement: bool | None = None
    ip_masking: bool | None = None
    data_sharing_off: bool | None = None
    advertising_off: bool | None = None
    user_id_off: bool | None = None
    visitors_informed: bool | None = None

    def privacy_friendly(self) -> bool:
        return all(
            v is True
            for v in (
                self.processor_agreement,
                self.ip_masking,
                self.data_sharing_off,
                self.advertising_off,
                self.user_id_off,
            )
        )


class Cookie(StrictModel):
    id: Slug
    name: str | None = Field(
        default=None,
        description="cookie or storage key name; a prefix ends with '*'; None when unnamed",
    )
    kind: Literal["cookie", "local-storage", "pixel", "fingerprint"] = "cookie"
    provider: Slug | Literal["first-party"] = "first-party"
    category: Slug = Field(description="cookie category id, e.g. 'analytics'")
    service: str | None = Field(default=None, description="e.g. 'Google Analytics'")
    purpose: LocalText
    duration: str = Field(
        description="'session', a duration such as '2 years', or 'unstated' when the "
        "statement does not say how long the cookie lasts"
    )
    consent_required: bool
    no_consent_reason: LocalText | None = None
    analytics: AnalyticsSettings | None = None

    @field_validator("duration")
    @classmethod
    def _session_or_duration(cls, value: str) -> str:
        if value not in ("session", "unstated"):
            parse_duration(value)
        return value

    def lifetime(self) -> Duration | None:
        """How long the cookie lasts; ``None`` for a session cookie or an unstated term."""
        if self.duration in ("session", "unstated"):
            return None
        return Duration.model_validate(self.duration)


class CookiePolicy(StrictModel):
    """How the site asks for cookie consent."""

    consent_mechanism: Literal[
        "banner", "continued-use", "browser-settings", "none", "unstated"
    ] = "unstated"
    reject_all_as_easy: bool | None = None
    description: LocalText | None = None
