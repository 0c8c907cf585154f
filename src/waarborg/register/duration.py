"""Durations and calendar arithmetic for retention rules and legal deadlines.

Months are calendar months: adding one month to 31 January gives the last day
of February (28 or 29), the rule Art. 12(3) deadlines and Dutch retention
periods follow. Years are twelve months, so 29 February plus one year is
28 February.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

from pydantic import model_serializer, model_validator

from waarborg.register._base import StrictModel

_UNITS = {
    "year": "years",
    "years": "years",
    "jaar": "years",
    "jaren": "years",
    "y": "years",
    "month": "months",
    "months": "months",
    "maand": "months",
    "maanden": "months",
    "m": "months",
    "week": "weeks",
    "weeks": "weeks",
    "weken": "weeks",
    "w": "weeks",
    "day": "days",
    "days": "days",
    "dag": "days",
    "dagen": "days",
    "d": "days",
}
_TERM = re.compile(r"(\d+)\s*([a-z]+)")
_ISO = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year = day.year + years
    month = month_index + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


class Duration(StrictModel):
    """A period such as ``7 years``, ``4 weeks`` or ``30 days``."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    @model_validator(mode="before")
    @classmethod
    def _parse_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_duration(value)
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValueError("a duration needs a unit, e.g. '7 years' or '30 days'")
        return value

    @model_validator(mode="after")
    def _not_negative(self) -> Duration:
        if min(self.years, self.months, self.weeks, self.days) < 0:
            raise ValueError("a duration cannot be negative")
        return self

    @model_serializer
    def _as_text(self) -> str:
        return str(self)

    def __str__(self) -> str:
        parts = []
        for amount, unit in (
            (self.years, "year"),
            (self.months, "month"),
            (self.weeks, "week"),
            (self.days, "day"),
        ):
            if amount:
                parts.append(f"{amount} {unit}{'' if amount == 1 else 's'}")
        return " ".join(parts) or "0 days"

    @property
    def is_zero(self) -> bool:
        return not (self.years or self.months or self.weeks or self.days)

    def after(self, day: date) -> date:
        """The date this long after ``day`` (calendar months first, then days)."""
        shifted = add_months(day, self.years * 12 + self.months)
        return shifted + timedelta(days=self.weeks * 7 + self.days)

    def approx_days(self) -> float:
        """Length in days for comparisons only (a month counts as 30.44 days)."""
        return (self.years * 12 + self.months) * 30.436875 + self.weeks * 7 + self.days

    def compare_key(self) -> tuple[float, int]:
        return (self.approx_days(), self.years * 12 + self.months)


def parse_duration(text: str) -> dict[str, int]:
    """Read ``"7 years"``, ``"1 year 6 months"``, ``"30 dagen"`` or ``"P7Y"``."""
    cleaned = (
        text.strip()
        .lower()
        .replace(",", " ")
        .replace("+", " ")
        .replace(" and ", " ")
        .replace(" en ", " ")
    )
    iso = _ISO.match(text.strip().upper())
    if iso and any(iso.groups()):
        y, m, w, d = (int(g) if g else 0 for g in iso.groups())
        return {"years": y, "months": m, "weeks": w, "days": d}
    result: dict[str, int] = {}
    position = 0
    for match in _TERM.finditer(cleaned):
        if cleaned[position : match.start()].strip():
            break
        unit = _UNITS.get(match.group(2))
        if unit is None or unit in result:
            break
        result[unit] = int(match.group(1))
        position = match.end()
    else:
        if result and not cleaned[position:].strip():
            return result
    raise ValueError(
        f"not a duration: {text!r}; write a number and a unit, e.g. '7 years', "
        "'3 months', '4 weeks', '30 days' (or ISO 8601 'P7Y')"
    )
