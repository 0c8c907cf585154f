"""The five reference statements import into registers that match the hand-written ones.

Scores are precision and recall per field (see waarborg.importer.scoring); the
importer's own fixtures, two of them written before it was tuned on them, are
held to the same bar, so the rules are measured on text they were not built from.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tools.import_scores import FIXTURES, SEEDS, cases, scores

from waarborg.importer import import_statement
from waarborg.importer.scoring import FIELDS, Score
from waarborg.register import load_register

CASES = cases()


def _total(group: str) -> dict[str, Score]:
    total = {field: Score() for field in FIELDS}
    for case_group, _, statement, expected in CASES:
        if case_group == group:
            for field, score in scores(statement, expected).items():
                total[field].add(score)
    return total


# The seeds are the reference customers (goal 0.95 per field). The fixtures measure how
# the rules carry over to text they were not built from, so their bar is a little lower:
# several were scored blind first (see docs/import.md) and keep the misses that remain.
@pytest.mark.parametrize(("group", "bar"), [("seeds", 0.95), ("fixtures", 0.9)])
def test_every_field_scores_above_the_bar_over_the_group(
    group: str, bar: float, shared_dir: Path
) -> None:
    total = _total(group)
    weak = {
        field: (round(s.precision, 3), round(s.recall, 3))
        for field, s in total.items()
        if s.precision < bar or s.recall < bar
    }
    assert not weak, f"fields below {bar} precision/recall on the {group}: {weak}"


@pytest.mark.parametrize(
    ("name", "statement", "expected"),
    [(n, s, e) for _, n, s, e in CASES],
    ids=[n for _, n, _, _ in CASES],
)
def test_each_statement_scores_at_least_09_over_all_fields(
    name: str, statement: Path, expected: Path, shared_dir: Path
) -> None:
    together = Score()
    for score in scores(statement, expected).values():
        together.add(score)
    assert together.precision >= 0.9, name
    assert together.recall >= 0.9, name


@pytest.mark.parametrize("company", SEEDS)
def test_draft_is_a_register_that_loads_from_the_written_file(
    company: str, shared_dir: Path, tmp_path: Path
) -> None:
    result = import_statement(shared_dir / "seeds" / f"{company}.txt", run_checker=False)
    target = tmp_path / "register.yaml"
    target.write_text(result.yaml, encoding="utf-8")
    loaded = load_register(target)
    assert [a.id for a in loaded.activities] == [a.id for a in result.register.activities]
    assert loaded.statement.languages == ["nl"]


def test_each_category_is_traced_to_the_sentence_that_names_it(shared_dir: Path) -> None:
    result = import_statement(shared_dir / "seeds" / "weservit.txt", run_checker=False)
    order = result.register.activities[0]
    traces = {t.path: t for t in result.traces}
    naw = order.data_categories.index("naw")
    trace = traces[("activities", 0, "data_categories", naw)]
    assert trace.sentence is not None
    assert "naw-gegevens" in trace.sentence.text
    assert trace.sentence.line == 15
    assert f"line {trace.sentence.line}" in result.yaml


def test_fixture_statements_exist_for_each_expected_register() -> None:
    expected = sorted(FIXTURES.glob("*.expected.yaml"))
    assert len(expected) >= 3
    for path in expected:
        stem = path.name.removesuffix(".expected.yaml")
        assert [p for p in FIXTURES.glob(f"{stem}.*") if not p.name.endswith(".yaml")], stem
