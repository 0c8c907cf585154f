"""The consent benchmark at a tiny size, so it cannot rot (its figures belong in bench/)."""

from __future__ import annotations

from bench import consent


def test_every_answered_consent_write_is_in_the_store() -> None:
    result = consent.measure(seconds=0.5, connections=2)
    assert result["writes"] > 0
    assert result["stored"] == result["writes"]
