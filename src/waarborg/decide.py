"""The single decision: may this activity use these categories of this person now?

:func:`decide` is a pure function of the register and a plain
:class:`SubjectState` (consents, objections, restrictions, the dates of anchor
events), so the same answer comes out in a test, in the API and in a replay of the
audit log. It never reads a database: :func:`waarborg.store.subjects.load_subject_state`
builds the state, the caller logs the decision.

Business systems ask for a decision before every retrieval, so it must be cheap:
:func:`compile_register` turns the register into plain lookups once (declared
categories per activity, whether objection applies, the retention rule), and a
call allocates little more than its answer. ``bench.runtime`` measures it.

A decision lists every reason that applies, not only the first, so a developer
sees at once that an activity lacks a legal basis *and* asks for an undeclared
category.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from waarborg.i18n import N_, translate
from waarborg.register import Activity, BookYear, Register, RetentionRule

# Purposes that make an activity direct marketing, to which an objection is absolute
# (AVG/GDPR Art. 21(2)-(3); recital 70; commercial e-mail: Telecommunicatiewet art. 11.7).
DIRECT_MARKETING_PURPOSES = frozenset(
    {"direct-marketing", "newsletter", "personalised-advertising"}
)
# Bases an objection applies to. Art. 21(1) names 6(1)(e) and (f); an objection to
# processing based on consent is taken as withdrawing that consent (Art. 7(3)).
_OBJECTION_ARTICLES = {
    "legitimate-interest": "Art. 21(1)",
    "public-task": "Art. 21(1)",
    "consent": "Art. 7(3)",
}
_EFFECTIVE_OBJECTION = frozenset({"pending", "upheld"})


@cache
def local_zone() -> ZoneInfo:
    """Dutch calendar dates decide book years and retention ends, not UTC ones."""
    return ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True, slots=True)
class ConsentState:
    """The newest consent record of a person for one activity."""

    state: str  # given, refused, withdrawn, expired
    given_at: datetime | None = None
    ended_at: datetime | None = None
    expires_at: datetime | None = None


def _in_force(
    limited: str | None, start: datetime, end: datetime | None, activity: str, at: datetime
) -> bool:
    """Whether a limit on ``limited`` (None: every activity) applies to ``activity`` at ``at``."""
    return (limited is None or limited == activity) and start <= at and (end is None or at < end)


@dataclass(frozen=True, slots=True)
class ObjectionState:
    """An objection to one activity (``activity`` None: to every activity)."""

    activity: str | None
    status: str  # pending, upheld, overridden
    started_at: datetime
    ended_at: datetime | None = None

    def covers(self, activity: str, at: datetime) -> bool:
        return _in_force(self.activity, self.started_at, self.ended_at, activity, at)


@dataclass(frozen=True, slots=True)
class RestrictionState:
    """A restriction of processing (Art. 18) of one activity or (None) all."""

    activity: str | None
    ground: str
    started_at: datetime
    ended_at: datetime | None = None

    def covers(self, activity: str, at: datetime) -> bool:
        return _in_force(self.activity, self.started_at, self.ended_at, activity, at)


@dataclass(frozen=True, slots=True)
class SubjectState:
    """What :func:`decide` needs to know about one person; empty for a stranger.

    ``anchors`` maps a retention anchor (``order-completed``) to the Dutch calendar
    date of the newest such event: data is kept as long as the latest one allows.
    """

    ref: str | None = None
    consents: Mapping[str, ConsentState] = field(default_factory=dict)
    objections: tuple[ObjectionState, ...] = ()
    restrictions: tuple[RestrictionState, ...] = ()
    anchors: Mapping[str, date] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a decision is a denial: a stable ``code``, the article, and details."""

    code: str
    article: str | None
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        params = {k: _shown(v) for k, v in self.params.items()}
        return translate(lang, MESSAGES[self.code]).format(**params)


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple | frozenset):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)


MESSAGES = {
    "unknown-activity": N_("the register has no activity {activity}"),
    "basis-unstated": N_("the register states no legal basis for this activity"),
    "consent-missing": N_("this person has not given consent for this activity"),
    "consent-refused": N_("this person refused consent for this activity"),
    "consent-withdrawn": N_("this person withdrew consent for this activity"),
    "consent-expired": N_("this person's consent for this activity has expired"),
    "objection": N_("this person objected to this activity"),
    "objection-direct-marketing": N_(
        "this person objected to direct marketing, which must then stop"
    ),
    "restricted": N_("processing for this person is restricted ({ground})"),
    "category-not-declared": N_("not declared for this activity: {categories}"),
    "special-category-without-ground": N_(
        "special categories without an Art. 9(2) ground: {categories}"
    ),
    "retention-expired": N_("the retention period ended on {keep_until}"),
}
REASON_CODES = tuple(MESSAGES)


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    activity: str
    categories: tuple[str, ...]
    reasons: tuple[Reason, ...] = ()
    basis: str | None = None
    keep_until: date | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)


class CompiledActivity:
    """One activity, reduced to what a decision reads."""

    __slots__ = (
        "_until_cache",
        "basis",
        "basis_reason",
        "book_year",
        "declared",
        "direct_marketing",
        "id",
        "needs_consent",
        "objection_article",
        "retention",
        "special_without_ground",
    )

    def __init__(self, activity: Activity, register: Register, special: frozenset[str]):
        self.id = activity.id
        self.basis = activity.legal_basis.basis
        self.declared = frozenset(activity.data_categories) | frozenset(
            register.global_data_categories
        )
        self.direct_marketing = bool(
            DIRECT_MARKETING_PURPOSES.intersection(activity.purposes) or activity.channels
        )
        self.needs_consent = self.basis == "consent"
        self.objection_article = _OBJECTION_ARTICLES.get(self.basis)
        self.basis_reason = (
            Reason("basis-unstated", "Art. 6(1)") if self.basis == "unstated" else None
        )
        # Requested categories that are special while the register names no Art. 9(2) ground.
        self.special_without_ground = (
            special if activity.legal_basis.special_category_ground is None else frozenset()
        )
        self.retention: RetentionRule | None = (
            activity.retention if activity.retention.stated else None
        )
        self.book_year: BookYear = register.organisation.book_year
        self._until_cache: dict[date, date] = {}

    def keep_until(self, anchor: date) -> date:
        """The last day data anchored on ``anchor`` may be kept (memoised)."""
        found = self._until_cache.get(anchor)
        if found is None and self.retention is not None:
            if len(self._until_cache) > 8192:
                self._until_cache.clear()
            found = self.retention.keep_until(anchor, self.book_year)
            self._until_cache[anchor] = found
        return found or anchor


class CompiledRegister:
    """A register prepared for many decisions; build once with :func:`compile_register`."""

    def __init__(self, register: Register):
        self.register = register
        vocabulary = register.vocabulary
        special = frozenset(
            t.id for t in vocabulary.terms("data_categories") if t.special or t.criminal
        )
        self.activities = {
            a.id: CompiledActivity(a, register, special) for a in register.activities
        }
        self.category_ids = frozenset(vocabulary.ids("data_categories"))

    def activity_ids(self) -> list[str]:
        return list(self.activities)

    def declared_categories(self) -> set[str]:
        return {c for a in self.activities.values() for c in a.declared}


_compiled: dict[int, CompiledRegister] = {}


def compile_register(register: Register) -> CompiledRegister:
    """The compiled form of ``register``, made once per register object."""
    key = id(register)
    found = _compiled.get(key)
    if found is None or found.register is not register:
        found = CompiledRegister(register)
        _compiled[key] = found
        weakref.finalize(register, _compiled.pop, key, None)
    return found


def decide(
    register: Register | CompiledRegister,
    subject: SubjectState,
    activity: str,
    categories: Iterable[str],
    at: datetime | None = None,
) -> Decision:
    """May ``activity`` use ``categories`` of ``subject`` at ``at`` (default: now)?"""
    compiled = register if isinstance(register, CompiledRegister) else compile_register(register)
    wanted = tuple(categories)
    act = compiled.activities.get(activity)
    if act is None:
        reason = Reason("unknown-activity", "Art. 5(1)(b)", {"activity": activity})
        return Decision(False, activity, wanted, (reason,))
    when = at if at is not None else datetime.now(UTC)
    reasons: list[Reason] = []
    if act.basis_reason is not None:
        reasons.append(act.basis_reason)
    elif act.needs_consent:
        consent_reason = _consent_reason(subject.consents.get(activity), when)
        if consent_reason is not None:
            reasons.append(consent_reason)
    if subject.objections:
        _objection_reasons(act, subject.objections, when, reasons)
    for restriction in subject.restrictions:
        if restriction.covers(activity, when):
            reasons.append(Reason("restricted", "Art. 18(2)", {"ground": restriction.ground}))
            break
    _category_reasons(act, wanted, reasons)
    keep_until = None
    if act.retention is not None:
        anchor = subject.anchors.get(act.retention.after or "")
        if anchor is not None:
            keep_until = act.keep_until(anchor)
            if when.astimezone(local_zone()).date() > keep_until:
                reasons.append(
                    Reason("retention-expired", "Art. 5(1)(e)", {"keep_until": keep_until})
                )
    return Decision(not reasons, activity, wanted, tuple(reasons), act.basis, keep_until)


def _category_reasons(
    act: CompiledActivity, wanted: tuple[str, ...], reasons: list[Reason]
) -> None:
    undeclared = [c for c in wanted if c not in act.declared]
    if undeclared:
        reasons.append(
            Reason("category-not-declared", "Art. 5(1)(b)-(c)", {"categories": undeclared})
        )
    special = [c for c in wanted if c in act.special_without_ground]
    if special:
        reasons.append(
            Reason("special-category-without-ground", "Art. 9(1)", {"categories": special})
        )


def _consent_reason(consent: ConsentState | None, at: datetime) -> Reason | None:
    """None when valid consent existed at ``at``; else why not (Art. 6(1)(a), 7)."""
    if consent is None or consent.given_at is None or consent.given_at > at:
        if consent is not None and consent.state == "refused":
            return Reason("consent-refused", "Art. 6(1)(a)")
        return Reason("consent-missing", "Art. 7(1)")
    if consent.ended_at is not None and consent.ended_at <= at:
        if consent.state == "withdrawn":
            return Reason("consent-withdrawn", "Art. 7(3)")
        if consent.state == "refused":
            return Reason("consent-refused", "Art. 6(1)(a)")
        return Reason("consent-expired", "Art. 6(1)(a)")
    if consent.expires_at is not None and consent.expires_at <= at:
        return Reason("consent-expired", "Art. 6(1)(a)")
    return None


def _objection_reasons(
    act: CompiledActivity,
    objections: tuple[ObjectionState, ...],
    at: datetime,
    reasons: list[Reason],
) -> None:
    for objection in objections:
        if not objection.covers(act.id, at):
            continue
        if act.direct_marketing:
            # Absolute: no balancing, no "overridden" (Art. 21(3)).
            reasons.append(Reason("objection-direct-marketing", "Art. 21(3)"))
            return
        if act.objection_article is not None and objection.status in _EFFECTIVE_OBJECTION:
            reasons.append(Reason("objection", act.objection_article))
            return
