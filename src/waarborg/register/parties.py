"""Processors, third parties and other recipients (Art. 13(1)(e)/(f), 28, 44–49)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from waarborg.register._base import CountryCode, LocalName, LocalText, Slug, StrictModel

# EEA member states; transfers to any other country need an Art. 45–49 ground.
# fmt: off
EEA_COUNTRIES = frozenset((
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
))
# fmt: on

Role = Literal["processor", "sub-processor", "third-party", "joint-controller", "authority"]


class Party(StrictModel):
    """Someone who receives personal data from the controller."""

    id: Slug
    name: LocalName
    role: Role
    kind: Slug = Field(description="recipient kind id, e.g. 'payment-provider'")
    country: CountryCode | None = None
    processor_agreement: bool | None = Field(
        default=None, description="verwerkersovereenkomst; None when the statement says nothing"
    )
    receives: list[Slug] = Field(default_factory=list, description="data category ids")
    transfer_safeguard: Slug | None = Field(
        default=None, description="for a country outside the EEA: the Art. 45–49 ground"
    )
    own_purposes: LocalText | None = Field(
        default=None, description="what the party also does with the data for itself"
    )
    description: LocalText | None = None
    privacy_policy_url: str | None = None

    @property
    def outside_eea(self) -> bool:
        return self.country is not None and self.country not in EEA_COUNTRIES
