"""Validating new values before a rectification writes them (Art. 16).

Each field kind has its validator: e-mail addresses are normalised, Dutch
postcodes checked and written as ``1234 AB`` (python-stdnum, which also refuses
the letter pairs SA, SD and SS), phone numbers checked with libphonenumber and
written in international form, IBANs checked (mod 97 and the country's format)
and written compactly. A value that does not pass names its field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import get_args

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError
from stdnum.nl import postcode as stdnum_postcode

from waarborg._exceptions import InputError
from waarborg.identity import normalise_email
from waarborg.systems.model import FieldKind

FIELD_KINDS: tuple[str, ...] = get_args(FieldKind)


def validate_fields(values: Mapping[str, str]) -> dict[FieldKind, str]:
    """Each value checked and written the way it is stored; InputError names the field."""
    result: dict[FieldKind, str] = {}
    for name, value in values.items():
        if name not in FIELD_KINDS:
            raise InputError(f"unknown field {name!r}", field=name, allowed=FIELD_KINDS)
        result[name] = validate_field(name, value)  # type: ignore[index]
    return result


def validate_field(kind: str, value: str) -> str:
    text = value.strip()
    if kind == "email":
        return normalise_email(text)
    if kind == "phone":
        return _phone(text)
    if kind == "postcode":
        try:
            return str(stdnum_postcode.validate(text))
        except ValidationError:
            raise InputError("not a Dutch postcode (1234 AB)", field="postcode") from None
    if kind == "iban":
        try:
            return str(stdnum_iban.validate(text))
        except ValidationError:
            raise InputError("not a valid IBAN", field="iban") from None
    if kind == "country":
        if len(text) != 2 or not text.isalpha():
            raise InputError("a country is a two-letter code such as NL", field="country")
        return text.upper()
    if not text or len(text) > 200:
        raise InputError("give between 1 and 200 characters", field=kind)
    return text


def _phone(text: str) -> str:
    try:
        number = phonenumbers.parse(text, "NL")
    except phonenumbers.NumberParseException:
        raise InputError("not a phone number", field="phone") from None
    if not phonenumbers.is_valid_number(number):
        raise InputError("not a valid phone number", field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
