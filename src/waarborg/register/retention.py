"""Retention rules as data: an anchor event plus a duration.

``order-completed + 7 years`` keeps data until seven years after the order was
completed. Fiscal retention (AWR art. 52 lid 4: seven years) is counted from the
end of the book year in which the anchor falls, so ``count_from:
end-of-book-year`` moves the start to that day. A rule may continue with
``then`` (the ibpix statement keeps order data "tot zes maanden nadat uw
bestelling is afgerond en zeven jaar daarna"). ``unstated`` records that the
statement gives no term at all, which the checker reports.

Short form in YAML: ``"order-completed + 7 years"``, ``"until unsubscribed"``,
``unstated``; everything else uses the mapping form documented in
``docs/register.md``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any, Literal

from pydantic import Field, model_validator

from waarborg.register._base import LocalText, Slug, StrictModel
from waarborg.register.duration import Duration

CountFrom = Literal["anchor", "end-of-book-year"]
_SHORT = re.compile(r"^\s*(?P<anchor>[a-z0-9][a-z0-9-]*)\s*(?:\+\s*(?P<keep>.+?))?\s*$")


class BookYear(StrictModel):
    """The last day of the book year; 31 December unless the company says otherwise."""

    month: int = Field(default=12, ge=1, le=12)
    day: int = Field(default=31, ge=1, le=31)

    def end_on_or_after(self, day: date) -> date:
        """The end of the book year in which ``day`` falls."""
        end = _clamped(day.year, self.month, self.day)
        return end if end >= day else _clamped(day.year + 1, self.month, self.day)


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


class RetentionStage(StrictModel):
    """A further period that starts where the previous one ended."""

    keep: Duration
    count_from: CountFrom = "anchor"
    obligation: Slug | None = None
    then: RetentionStage | None = None

    def until(self, start: date, book_year: BookYear) -> date:
        if self.count_from == "end-of-book-year":
            start = book_year.end_on_or_after(start)
        end = self.keep.after(start)
        return self.then.until(end, book_year) if self.then else end

    def stages(self) -> list[RetentionStage]:
        return [self, *(self.then.stages() if self.then else [])]


class RetentionRule(StrictModel):
    """How long an activity keeps its data; see the module docstring for the forms."""

    after: Slug | None = Field(
        default=None, description="anchor event id; None means the statement gives no term"
    )
    keep: Duration = Duration()
    count_from: CountFrom = "anchor"
    obligation: Slug | None = Field(
        default=None, description="statutory retention duty, e.g. 'fiscal' (AWR art. 52)"
    )
    then: RetentionStage | None = None
    note: LocalText | None = None

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_short_rule(value)
        if isinstance(value, dict) and "until" in value:
            value = dict(value)
            if "after" in value:
                raise ValueError("use either 'after' or 'until', not both")
            value["after"] = value.pop("until")
        return value

    @model_validator(mode="after")
    def _unstated_has_no_period(self) -> RetentionRule:
        if self.after is None and (not self.keep.is_zero or self.then or self.obligation):
            raise ValueError("a rule without an anchor ('after') cannot have a period")
        return self

    @property
    def stated(self) -> bool:
        return self.after is not None

    @property
    def open_ended(self) -> bool:
        """True for 'until <event>' with no period after it."""
        return self.stated and self.keep.is_zero and self.then is None

    def stages(self) -> list[RetentionStage]:
        first = RetentionStage(
            keep=self.keep, count_from=self.count_from, obligation=self.obligation
        )
        return [first, *(self.then.stages() if self.then else [])]

    def total(self) -> Duration:
        """The sum of all periods (ignoring the shift to the end of the book year)."""
        y = m = w = d = 0
        for stage in self.stages():
            y, m, w, d = (
                y + stage.keep.years,
                m + stage.keep.months,
                w + stage.keep.weeks,
                d + stage.keep.days,
            )
        return Duration(years=y, months=m, weeks=w, days=d)

    def keep_until(self, anchor_date: date, book_year: BookYear | None = None) -> date:
        """The last day the data may be kept when the anchor event fell on ``anchor_date``.

        Data is due for erasure on the day after. Raises ``ValueError`` for an
        unstated rule, which has no end.
        """
        if not self.stated:
            raise ValueError("an unstated retention rule has no end date")
        book_year = book_year or BookYear()
        start = anchor_date
        if self.count_from == "end-of-book-year":
            start = book_year.end_on_or_after(start)
        end = self.keep.after(start)
        return self.then.until(end, book_year) if self.then else end

    def is_due(self, anchor_date: date, at: date, book_year: BookYear | None = None) -> bool:
        """Whether data anchored on ``anchor_date`` must be gone by ``at``."""
        return at > self.keep_until(anchor_date, book_year)

    def obligations(self) -> list[str]:
        return [s.obligation for s in self.stages() if s.obligation]

    def counts_from_book_year(self) -> bool:
        return any(s.count_from == "end-of-book-year" for s in self.stages())

    def short(self) -> str:
        """Compact text such as ``order-completed + 7 years`` (for tables and logs)."""
        if not self.stated:
            return "unstated"
        text = str(self.after)
        for stage in self.stages():
            if not stage.keep.is_zero:
                text += f" + {stage.keep}"
            if stage.count_from == "end-of-book-year":
                text += " (from end of book year)"
        return text if text != str(self.after) else f"until {self.after}"


def parse_short_rule(text: str) -> dict[str, Any]:
    """``"order-completed + 7 years"``, ``"until unsubscribed"`` or ``"unstated"``."""
    cleaned = text.strip()
    if cleaned == "unstated":
        return {}
    if cleaned.startswith("until "):
        cleaned = cleaned[len("until ") :]
    match = _SHORT.match(cleaned)
    if not match:
        raise ValueError(
            f"not a retention rule: {text!r}; write '<anchor> + <duration>' "
            "(e.g. 'order-completed + 7 years'), 'until <anchor>' or 'unstated'"
        )
    rule: dict[str, Any] = {"after": match.group("anchor")}
    if match.group("keep"):
        rule["keep"] = match.group("keep")
    return rule
