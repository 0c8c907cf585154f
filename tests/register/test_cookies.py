"""Cookies: a statement that gives no lifetime is recorded as such, not guessed."""

from __future__ import annotations

import pytest

from tests.statement.helpers import example
from waarborg import RegisterError
from waarborg.register import Cookie, Duration, parse_register


def test_unstated_session_and_stated_lifetimes() -> None:
    base = {"id": "c", "category": "analytics", "purpose": "x", "consent_required": True}
    assert Cookie.model_validate({**base, "duration": "unstated"}).lifetime() is None
    assert Cookie.model_validate({**base, "duration": "session"}).lifetime() is None
    assert Cookie.model_validate({**base, "duration": "2 years"}).lifetime() == Duration(years=2)


def test_a_lifetime_that_is_not_a_duration_is_reported_where_it_is() -> None:
    text = example("webence").model_dump_json()  # JSON is YAML
    broken = text.replace('"duration":"unstated"', '"duration":"forever"', 1)
    with pytest.raises(RegisterError) as caught:
        parse_register(broken, "register.json")
    assert "cookies.0.duration" in caught.value.render("en")
