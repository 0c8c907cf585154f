"""Identities are normalised before hashing, so case and spacing never split a person."""

from __future__ import annotations

import pytest

from waarborg import InputError
from waarborg.identity import keyed_hash, normalise, normalise_email, normalise_phone


def test_email_case_and_spaces_do_not_matter() -> None:
    assert normalise_email("  Jan.Jansen@Example.NL ") == "jan.jansen@example.nl"


@pytest.mark.parametrize("bad", ["", "jan", "jan@", "@example.nl", "jan@localhost", "a b@c.nl"])
def test_not_an_email(bad: str) -> None:
    with pytest.raises(InputError) as caught:
        normalise_email(bad)
    assert caught.value.field == "email"
    assert bad.strip() not in str(caught.value) or not bad.strip()


@pytest.mark.parametrize("raw", ["06 12345678", "+31 6 12345678", "0031612345678", "06-1234 5678"])
def test_dutch_mobile_numbers_normalise_to_e164(raw: str) -> None:
    assert normalise_phone(raw) == "+31612345678"


def test_keyed_hash_is_stable_and_depends_on_key_and_kind() -> None:
    value = normalise("email", "Jan@Example.nl")
    assert keyed_hash(b"k1", "email", value) == keyed_hash(b"k1", "email", "jan@example.nl")
    assert keyed_hash(b"k1", "email", value) != keyed_hash(b"k2", "email", value)
    assert keyed_hash(b"k1", "email", value) != keyed_hash(b"k1", "customer-id", value)
    assert len(keyed_hash(b"k1", "email", value)) == 64
