"""Art. 12(3) AVG: one calendar month or the shorter promised term; extension rules."""

from __future__ import annotations

from datetime import date

import pytest

from waarborg._exceptions import InputError
from waarborg.register.duration import Duration
from waarborg.rights.deadlines import days_left, due_date, extend


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2027, 1, 31), date(2027, 2, 28)),  # no 31 February: the month's last day
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2027, 1, 15), date(2027, 2, 15)),  # same date next month
        (date(2027, 12, 20), date(2028, 1, 20)),  # across the year
        (date(2027, 3, 31), date(2027, 4, 30)),
    ],
)
def test_one_calendar_month_by_the_calendar_rule(received: date, due: date) -> None:
    assert due_date(received) == due


def test_the_statements_shorter_promise_wins() -> None:
    # IT Services Best: "binnen 30 dagen"; a 30-day promise is shorter than March's month.
    assert due_date(date(2027, 3, 1), Duration.model_validate("30 days")) == date(2027, 3, 31)
    assert due_date(date(2027, 1, 10), Duration.model_validate("4 weeks")) == date(2027, 2, 7)
    # In February 30 days is longer than the calendar month: the law's month wins.
    assert due_date(date(2027, 2, 1), Duration.model_validate("30 days")) == date(2027, 3, 1)
    assert due_date(date(2027, 1, 31), Duration.model_validate("30 days")) == date(2027, 2, 28)
    # A promise longer than the law does not extend the legal term.
    assert due_date(date(2027, 1, 10), Duration.model_validate("6 weeks")) == date(2027, 2, 10)


def test_extension_by_up_to_two_months_with_reasons_while_the_term_runs() -> None:
    granted = extend(date(2027, 2, 28), date(2027, 2, 20), 2, "  many   linked accounts to search ")
    assert granted.until == date(2027, 4, 28)
    assert granted.reason == "many linked accounts to search"
    assert extend(date(2027, 1, 31), date(2027, 1, 31), 1, "a complex request").until == date(
        2027, 2, 28
    )


@pytest.mark.parametrize(
    ("today", "months", "reason", "extended", "allowed", "field"),
    [
        (date(2027, 3, 1), 2, "too late to extend", False, True, "months"),  # term over
        (date(2027, 2, 1), 3, "three months is too long", False, True, "months"),
        (date(2027, 2, 1), 0, "zero months is nothing", False, True, "months"),
        (date(2027, 2, 1), 1, "", False, True, "reason"),  # no reasons
        (date(2027, 2, 1), 1, "busy", False, True, "reason"),
        (date(2027, 2, 1), 1, "a second extension", True, True, "months"),
        (date(2027, 2, 1), 1, "statement promised none", False, False, "months"),
    ],
)
def test_extension_refused(
    today: date, months: int, reason: str, extended: bool, allowed: bool, field: str
) -> None:
    with pytest.raises(InputError) as caught:
        extend(date(2027, 2, 28), today, months, reason, already_extended=extended, allowed=allowed)
    assert caught.value.field == field


def test_days_left() -> None:
    assert days_left(date(2027, 2, 28), date(2027, 2, 21)) == 7
    assert days_left(date(2027, 2, 28), date(2027, 3, 2)) == -2
