"""Signed links: they cannot be changed, reused for another purpose, or used after expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest

from waarborg.consent.links import BadLinkError, sign, verify
from waarborg.store.base import utcnow

SECRET = b"k" * 32


def test_a_link_holds_its_payload_for_its_own_purpose_only() -> None:
    token = sign(SECRET, "unsubscribe", {"s": "sub_" + "a" * 32, "a": "newsletter"})
    assert verify(SECRET, "unsubscribe", token) == {"s": "sub_" + "a" * 32, "a": "newsletter"}
    with pytest.raises(BadLinkError):
        verify(SECRET, "preferences", token)
    with pytest.raises(BadLinkError):
        verify(b"other" * 8, "unsubscribe", token)
    mac = token.partition(".")[2]
    forged = sign(SECRET, "unsubscribe", {"s": "sub_" + "b" * 32, "a": "newsletter"})
    with pytest.raises(BadLinkError):
        verify(SECRET, "unsubscribe", forged.partition(".")[0] + "." + mac)


def test_a_confirmation_link_expires() -> None:
    token = sign(SECRET, "confirm", {"s": "x"}, valid_for=timedelta(days=7))
    assert verify(SECRET, "confirm", token, now=utcnow() + timedelta(days=6)) == {"s": "x"}
    with pytest.raises(BadLinkError) as caught:
        verify(SECRET, "confirm", token, now=utcnow() + timedelta(days=8))
    assert "verlopen" in caught.value.render("nl")
