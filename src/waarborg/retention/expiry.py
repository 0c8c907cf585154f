"""When a row of a mapped table is due: the retention arithmetic, without I/O.

A row is due when the latest of its applicable rules has run out. The rules of a
table are the retention rules of the activities its rows serve, counted from the
table's ``anchor`` column, and, for a table kept under a legal hold
(``erasure: {retain: fiscal}``), the hold's term counted from the hold anchor (AWR
art. 52 lid 4: seven years from the end of the book year), which outlives the
activity: an erased customer's invoices are kept until the hold ends.

A rule applies to a row when its anchor date is known. An open-ended rule
("until account-closed") has no date in a column: without a posted event it does
not make a row due, and does not keep one either when another rule with a period
has run out (an eight-year-old order of a customer who still shops is past its
fiscal term). A rule with no term at all (``unstated``) never makes a row due;
the checker reports it.

Every rule's last day (``keep_until``) only moves forward as the anchor does, so
for each anchor there is one cut-off date: rows anchored on or before it are due.
The sweep turns that into one indexed comparison instead of evaluating rules per
row, which is what lets it run near the speed of a hand-written ``DELETE``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from waarborg.register import Register, RetentionStage
from waarborg.register.retention import BookYear, RetentionRule
from waarborg.rights.holds import hold_term
from waarborg.systems.model import Action, Table

_EARLIEST = date(1900, 1, 1)


@dataclass(frozen=True)
class AnchoredRules:
    """The rules counted from one anchor (``column`` or ``table.column``)."""

    anchor: str
    rules: tuple[RetentionRule | RetentionStage, ...]
    reasons: tuple[str, ...]

    def keep_until(self, anchor_date: date, book_year: BookYear) -> date:
        """The last day a row anchored on ``anchor_date`` is kept under all these rules."""
        return max(_until(rule, anchor_date, book_year) for rule in self.rules)

    def last_due_anchor(self, today: date, book_year: BookYear) -> date | None:
        """The latest anchor date whose rows are due on ``today``; None when none are.

        ``keep_until`` never decreases as the anchor moves forward, so a binary search
        over days finds the boundary exactly.
        """
        if self.keep_until(_EARLIEST, book_year) >= today:
            return None
        low, high = _EARLIEST.toordinal(), today.toordinal()  # due at low, not at high
        while high - low > 1:
            middle = (low + high) // 2
            if self.keep_until(date.fromordinal(middle), book_year) < today:
                low = middle
            else:
                high = middle
        return date.fromordinal(low)


def _until(rule: RetentionRule | RetentionStage, anchor_date: date, book_year: BookYear) -> date:
    if isinstance(rule, RetentionRule):
        return rule.keep_until(anchor_date, book_year)
    return rule.until(anchor_date, book_year)


@dataclass(frozen=True)
class TableRules:
    """Everything that decides when rows of one table are due, and what happens then."""

    table: str
    action: Action
    """What the sweep does to a due row: ``delete`` or ``mask``; a retained table gets its
    ``then`` once the hold has ended."""
    anchored: tuple[AnchoredRules, ...] = field(default_factory=tuple)
    unstated: tuple[str, ...] = ()
    """Activities whose statement gives no term (never due on their account)."""

    @property
    def sweepable(self) -> bool:
        return bool(self.anchored)

    def reasons(self) -> list[str]:
        return [reason for group in self.anchored for reason in group.reasons]


def sweep_action(table: Table) -> Action:
    """A retained row is handled by the hold's ``then`` when it falls due."""
    action = table.erasure.action
    return table.erasure.then if action == "retain" else action


def table_rules(register: Register, name: str, table: Table) -> TableRules:
    """The rules of ``table``, grouped by the anchor they count from."""
    groups: dict[str, tuple[list[RetentionRule | RetentionStage], list[str]]] = {}
    unstated: list[str] = []
    for activity_id in table.activities:
        rule = register.activity(activity_id).retention
        if not rule.stated:
            unstated.append(activity_id)
        elif not rule.open_ended and table.anchor:
            rules, reasons = groups.setdefault(table.anchor, ([], []))
            rules.append(rule)
            reasons.append(f"{activity_id}: {rule.short()}")
    hold_anchor = table.hold_anchor()
    if table.erasure.retain and hold_anchor:
        term = hold_term(register, table)
        rules, reasons = groups.setdefault(hold_anchor, ([], []))
        rules.append(term)
        counted = " (from end of book year)" if term.count_from == "end-of-book-year" else ""
        reasons.append(f"hold {table.erasure.retain}: {hold_anchor} + {term.keep}{counted}")
    anchored = tuple(
        AnchoredRules(anchor, tuple(rules), tuple(reasons))
        for anchor, (rules, reasons) in groups.items()
    )
    return TableRules(name, sweep_action(table), anchored, tuple(unstated))


def cutoffs(rules: TableRules, today: date, book_year: BookYear) -> dict[str, date] | None:
    """The last due anchor date per anchor; None when no row of the table can be due."""
    found: dict[str, date] = {}
    for group in rules.anchored:
        last = group.last_due_anchor(today, book_year)
        if last is None:
            return None
        found[group.anchor] = last
    return found or None


def next_day(day: date) -> date:
    return day + timedelta(days=1)
