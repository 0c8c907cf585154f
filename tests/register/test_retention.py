"""Retention arithmetic: calendar months, month ends, leap years, the book year."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waarborg.register import BookYear, Duration, RetentionRule, add_months

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
durations = st.builds(
    Duration,
    years=st.integers(0, 12),
    months=st.integers(0, 30),
    weeks=st.integers(0, 10),
    days=st.integers(0, 400),
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
    ],
)
def test_calendar_months_clamp_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@given(days, st.integers(0, 600))
def test_adding_months_lands_in_the_right_month_on_the_same_or_last_day(
    start: date, months: int
) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(start.day, last)


@given(days, durations)
def test_duration_never_moves_backwards(start: date, duration: Duration) -> None:
    assert duration.after(start) >= start
    assert (duration.after(start) == start) == duration.is_zero


@given(days, durations, durations)
def test_a_longer_period_never_ends_earlier(start: date, a: Duration, b: Duration) -> None:
    longer = Duration(
        years=a.years + b.years,
        months=a.months + b.months,
        weeks=a.weeks + b.weeks,
        days=a.days + b.days,
    )
    assert longer.after(start) >= a.after(start)


@given(days)
def test_one_year_is_twelve_months(start: date) -> None:
    assert Duration(years=1).after(start) == Duration(months=12).after(start)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 years", Duration(years=7)),
        ("1 year", Duration(years=1)),
        ("4 weeks", Duration(weeks=4)),
        ("30 days", Duration(days=30)),
        ("1 year 6 months", Duration(years=1, months=6)),
        ("3 maanden", Duration(months=3)),
        ("P7Y", Duration(years=7)),
        ("P1Y6M", Duration(years=1, months=6)),
    ],
)
def test_duration_text_forms(text: str, expected: Duration) -> None:
    assert Duration.model_validate(text) == expected


@pytest.mark.parametrize("text", ["seven years", "7", "7 yearz", "-1 year", "", "7 years 2 years"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Duration.model_validate(text)


@given(durations)
def test_duration_text_round_trips(duration: Duration) -> None:
    assert Duration.model_validate(str(duration)) == duration


def test_fiscal_retention_counts_from_end_of_book_year() -> None:
    # AWR art. 52 lid 4: seven years from the end of the book year.
    rule = RetentionRule.model_validate(
        {"after": "order-completed", "keep": "7 years", "count_from": "end-of-book-year"}
    )
    assert rule.keep_until(date(2018, 3, 14)) == date(2025, 12, 31)
    assert not rule.is_due(date(2018, 3, 14), date(2025, 12, 31))
    assert rule.is_due(date(2018, 3, 14), date(2026, 1, 1))


def test_book_year_other_than_calendar_year() -> None:
    rule = RetentionRule.model_validate(
        {"after": "invoice-date", "keep": "7 years", "count_from": "end-of-book-year"}
    )
    june = BookYear(month=6, day=30)
    assert rule.keep_until(date(2020, 7, 1), june) == date(2028, 6, 30)
    assert rule.keep_until(date(2020, 6, 30), june) == date(2027, 6, 30)


@given(days, st.integers(1, 12))
def test_book_year_end_is_on_or_after_anchor_and_within_a_year(anchor: date, month: int) -> None:
    book_year = BookYear(month=month, day=31)
    end = book_year.end_on_or_after(anchor)
    assert anchor <= end < anchor + timedelta(days=366)
    assert end.month == month and end.day == calendar.monthrange(end.year, month)[1]


def test_then_stage_continues_where_the_first_ended() -> None:
    # ibpix: "tot zes maanden nadat uw bestelling is afgerond en zeven jaar daarna"
    rule = RetentionRule.model_validate(
        {
            "after": "order-completed",
            "keep": "6 months",
            "then": {"keep": "7 years", "obligation": "fiscal"},
        }
    )
    # 31 Aug 2020 + 6 months = 28 Feb 2021 (clamped); + 7 years = 28 Feb 2028.
    assert rule.keep_until(date(2020, 8, 31)) == date(2028, 2, 28)
    assert rule.total() == Duration(years=7, months=6)
    assert rule.obligations() == ["fiscal"]


@pytest.mark.parametrize(
    ("text", "after", "keep"),
    [
        ("order-completed + 7 years", "order-completed", Duration(years=7)),
        ("until unsubscribed", "unsubscribed", Duration()),
        ("collected + 1 year", "collected", Duration(years=1)),
        ("account-closed + 3 months", "account-closed", Duration(months=3)),
    ],
)
def test_short_forms(text: str, after: str, keep: Duration) -> None:
    rule = RetentionRule.model_validate(text)
    assert (rule.after, rule.keep) == (after, keep)


def test_unstated_rule_has_no_end() -> None:
    rule = RetentionRule.model_validate("unstated")
    assert not rule.stated
    with pytest.raises(ValueError, match="no end"):
        rule.keep_until(date(2020, 1, 1))


def test_open_ended_until_event() -> None:
    assert RetentionRule.model_validate("until account-closed").open_ended
    assert not RetentionRule.model_validate("account-closed + 3 months").open_ended


@given(days, durations)
def test_rule_json_round_trip_keeps_the_arithmetic(anchor: date, keep: Duration) -> None:
    rule = RetentionRule(after="collected", keep=keep)
    again = RetentionRule.model_validate(rule.model_dump(mode="json"))
    assert again == rule
    assert again.keep_until(anchor) == rule.keep_until(anchor)
