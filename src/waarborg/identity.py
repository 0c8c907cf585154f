"""Normalising identities and hashing them with the installation key.

A person is looked up by e-mail address, phone number or a business system's
customer id. waarborg stores the normalised value next to a keyed hash
(HMAC-SHA256 with the installation secret): lookups use the hash, so the same
address in other case or with stray spaces finds the same person, and
anonymised records keep only the hash.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from typing import Literal

import phonenumbers

from waarborg._exceptions import InputError

IdentityKind = Literal["email", "phone", "customer-id"]
IDENTITY_KINDS: tuple[IdentityKind, ...] = ("email", "phone", "customer-id")


def normalise_email(value: str) -> str:
    """Trimmed, Unicode-normalised, lower case; rejects what cannot be an address."""
    text = unicodedata.normalize("NFC", value).strip().lower()
    local, at, domain = text.rpartition("@")
    if not at or not local or "." not in domain or " " in text or len(text) > 254:
        raise InputError("not an e-mail address", field="email")
    return text


def normalise_phone(value: str, region: str = "NL") -> str:
    """E.164 form (+31612345678); Dutch numbers without country code are assumed."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise InputError("not a phone number", field="phone") from None
    if not phonenumbers.is_possible_number(number):
        raise InputError("not a phone number", field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise(kind: IdentityKind, value: str) -> str:
    if kind == "email":
        return normalise_email(value)
    if kind == "phone":
        return normalise_phone(value)
    text = value.strip()
    if not text:
        raise InputError("empty customer id", field="customer_id")
    return text


def keyed_hash(secret: bytes, kind: str, normalised_value: str) -> str:
    """Hex HMAC-SHA256 of ``kind:value``; the same input always gives the same hash."""
    message = f"{kind}:{normalised_value}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
