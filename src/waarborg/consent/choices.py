"""Recording a visitor's cookie choices from the banner, category by category.

The banner sends the categories accepted; every category that needs consent and
is not among them counts as refused. Only changes are written: a category newly
accepted gets a ``given`` record, one newly rejected gets ``refused`` (and a given
consent is withdrawn first, with method ``banner``: withdrawing through the same
banner that gave it, Art. 7(3)). Sending the same choice twice writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from waarborg._exceptions import InputError
from waarborg.consent.banner import COOKIE_ACTIVITY, consent_categories, shown_hash
from waarborg.consent.records import Holder, Shown, choose, current
from waarborg.register import Register


@dataclass(frozen=True)
class Recorded:
    given: tuple[str, ...]
    refused: tuple[str, ...]


def record_choices(
    session: Session,
    organisation_id: int,
    register: Register,
    *,
    consent_id: str,
    accepted: Sequence[str],
    language: str,
    user_agent: str | None = None,
) -> Recorded:
    """Store what changed in this visitor's choices; returns the categories written."""
    asked = consent_categories(register)
    unknown = sorted(set(accepted) - set(asked) - {"necessary"} - _free(register))
    if unknown:
        raise InputError("unknown cookie category", field="accepted", allowed=asked)
    if language not in register.statement.languages:
        raise InputError(
            "the statement is not published in this language",
            field="language",
            allowed=register.statement.languages,
        )
    holder = Holder(anonymous_id=consent_id)
    now = current(session, organisation_id, holder)
    evidence = {"user_agent": (user_agent or "")[:200]} if user_agent else {}
    text_hash = shown_hash(register, language)
    given: list[str] = []
    refused: list[str] = []
    for category in asked:
        activity = COOKIE_ACTIVITY.format(category=category)
        previous = now.get(activity)
        wants = category in accepted
        in_force = previous is not None and previous.state == "given"
        if wants == in_force and (wants or previous is not None):
            continue  # unchanged: already given, or already refused or withdrawn
        choose(
            session,
            organisation_id,
            holder,
            activity=activity,
            given=wants,
            shown=Shown(text_hash, language, "banner", purposes=[category], evidence=evidence),
            actor="banner",
            previous=previous,
        )
        (given if wants else refused).append(category)
    return Recorded(tuple(given), tuple(refused))


def _free(register: Register) -> set[str]:
    """Categories whose cookies need no consent (always on in the banner)."""
    return {c.category for c in register.cookies} - set(consent_categories(register))
