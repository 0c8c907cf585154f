"""Who the controller is (Art. 13(1)(a)/(b), Art. 30(1)(a))."""

from __future__ import annotations

from pydantic import Field

from waarborg.register._base import CountryCode, LocalText, StrictModel
from waarborg.register.retention import BookYear


class Address(StrictModel):
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: CountryCode = "NL"

    def lines(self) -> list[str]:
        town = " ".join(p for p in (self.postcode, self.city) if p)
        return [line for line in (self.street, town) if line]


class Contact(StrictModel):
    """A person or desk to contact; every field optional, the checker says what is missing."""

    name: str | None = None
    role: LocalText | None = None
    email: str | None = None
    phone: str | None = None
    address: Address | None = None


class Organisation(StrictModel):
    name: str = Field(min_length=1, description="legal name, e.g. 'Weservit B.V.'")
    trade_names: list[str] = Field(default_factory=list)
    address: Address | None = None
    coc_number: str | None = Field(
        default=None, description="Kamer van Koophandel number (8 digits)", pattern=r"^\d{8}$"
    )
    vat_number: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    privacy_contact: Contact | None = None
    dpo: Contact | None = Field(default=None, description="functionaris gegevensbescherming")
    representative: Contact | None = Field(default=None, description="Art. 27 representative")
    supervisory_authority: str = "autoriteit-persoonsgegevens"
    book_year: BookYear = BookYear()

    def display_name(self) -> str:
        """The name customers know: the first trade name, else the legal name."""
        return self.trade_names[0] if self.trade_names else self.name
