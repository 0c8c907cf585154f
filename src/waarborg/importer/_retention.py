"""Retention sentences → retention rules.

Dutch statements phrase a term in a handful of ways, which this module reads:

- "tot uw bestelling is afgerond en zeven jaar daarna" → ``order-completed + 7 years``
- "tot zes maanden nadat uw bestelling is afgerond en zeven jaar daarna" → six months,
  then seven years
- "tot drie maanden nadat u het account hebt opgeheven" → ``account-closed + 3 months``
- "voor één jaar", "maximaal 1 jaar" (no event) → ``collected + 1 year``
- "totdat u het abonnement opzegt" → ``until subscription-ended``
- "zolang als nodig" → the vague ``no-longer-necessary``, which the checker flags

"(dat is de wettelijke bewaarplicht)" adds ``obligation: fiscal`` to the last period;
a rule that names the statutory duty but no term gets the duty's minimum, at low
confidence, because the statement leaves the term to the reader.
"""

from __future__ import annotations

import re
from typing import Any

from waarborg.importer._lexicon import Lexicon, normalise
from waarborg.register.taxonomy import default_taxonomy

_UNIT_WORDS = r"(jaar|jaren|maanden|maand|weken|week|dagen|dag)"


def is_retention_sentence(lex: Lexicon, text: str) -> bool:
    return lex.retention_triggers.any(text)


def parse_retention(lex: Lexicon, text: str) -> tuple[dict[str, Any], float] | None:
    """The rule a sentence states and a confidence, or None when it states none."""
    norm = normalise(text)
    anchor_hits = lex.anchors.hits(norm)
    anchor = anchor_hits[0].id if anchor_hits else None
    periods = _periods(lex, norm)
    obligation = lex.obligations.first(norm)
    if not periods and lex.duty_without_term.any(norm) and obligation:
        return _statutory_minimum(anchor or "collected", obligation), 0.55
    if not periods and anchor is None:
        return None
    if not periods:
        return {"after": anchor}, 0.6 if anchor and _vague(anchor) else 0.9
    rule: dict[str, Any] = {"keep": periods[0]}
    if anchor:
        rule = {"after": anchor, **rule}
    if len(periods) > 1:
        rule["then"] = {"keep": periods[1]}
    if obligation:
        rule.get("then", rule)["obligation"] = obligation
    confidence = 0.9 if anchor else 0.75
    return rule, confidence


def with_anchor(rule: dict[str, Any], anchor: str) -> dict[str, Any]:
    """``rule`` counting from ``anchor`` when the sentence named no event."""
    return rule if "after" in rule else {"after": anchor, **rule}


def split_label(text: str) -> tuple[str | None, str]:
    """'Nieuwsbrief: tot je je afmeldt.' → ('Nieuwsbrief', 'tot je je afmeldt.')."""
    match = re.match(r"^([^:]{2,60}):\s+(.+)$", text)
    if match and len(match.group(1).split()) <= 6:
        return match.group(1), match.group(2)
    return None, text


def _vague(anchor: str) -> bool:
    return default_taxonomy().term("retention_anchors", anchor).vague


def _periods(lex: Lexicon, norm: str) -> list[str]:
    """The periods in order: 'zes maanden nadat … en zeven jaar daarna' → two."""
    found = []
    for match in re.finditer(rf"(?<![\w-])([\w]+) {_UNIT_WORDS}(?![\w])", norm):
        number = lex.number(match.group(1))
        if number is None or _is_age(norm, match.end()):
            continue
        unit = lex.units[match.group(2)]
        found.append(f"{number} {unit[:-1] if number == 1 else unit}")
    return found


def _is_age(norm: str, end: int) -> bool:
    """'jonger dan 16 jaar' is an age, not a term."""
    return bool(re.match(r"\s*(oud|jong)", norm[end:]))


def _statutory_minimum(anchor: str, obligation: str) -> dict[str, Any]:
    term = default_taxonomy().term("retention_obligations", obligation)
    rule: dict[str, Any] = {"after": anchor, "keep": str(term.minimum), "obligation": obligation}
    if term.count_from == "end-of-book-year":
        rule["count_from"] = "end-of-book-year"
    return rule


def rule_text(rule: dict[str, Any] | str) -> str:
    """Short human form for traces: 'order-completed + 7 years (fiscal)'."""
    if isinstance(rule, str):
        return rule
    text = str(rule.get("after", "unstated"))
    stages = [rule, rule["then"]] if "then" in rule else [rule]
    for stage in stages:
        if "keep" in stage:
            text += f" + {stage['keep']}"
        if "obligation" in stage:
            text += f" ({stage['obligation']})"
    return text if "keep" in rule else f"until {text}"
