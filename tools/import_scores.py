"""Print precision and recall of `waarborg import` per field, per statement and overall.

    .venv/bin/python -m tools.import_scores

Seeds (../shared/seeds/*.txt) are compared with examples/<company>/register.yaml;
the importer's own fixtures (tests/importer/fixtures/) with their *.expected.yaml.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from waarborg.importer import import_statement
from waarborg.importer.scoring import FIELDS, Score, compare
from waarborg.register import load_register

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("weservit", "webence", "itsb", "twentenet", "ibpix")
FIXTURES = ROOT / "tests" / "importer" / "fixtures"


def docx_from_text(source: Path, target: Path) -> Path:
    """A Word document from ``*.docx.txt``: first line a title, 'Artikel …' lines headings."""
    import docx

    document = docx.Document()
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    for number, line in enumerate(lines):
        if number == 0:
            document.add_heading(line, level=0)
        elif line.startswith("Artikel "):
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    document.save(str(target))
    return target


def statement_file(path: Path, workdir: Path) -> Path:
    """The statement to import; ``*.docx.txt`` fixtures become real DOCX files first."""
    if path.name.endswith(".docx.txt"):
        return docx_from_text(path, workdir / path.name.removesuffix(".txt"))
    return path


def cases() -> list[tuple[str, str, Path, Path]]:
    """(group, name, statement, expected register) for every scored statement."""
    found = []
    seeds = ROOT.parent / "shared" / "seeds"
    for name in SEEDS:
        found.append(
            ("seeds", name, seeds / f"{name}.txt", ROOT / "examples" / name / "register.yaml")
        )
    for expected in sorted(FIXTURES.glob("*.expected.yaml")):
        stem = expected.name.removesuffix(".expected.yaml")
        statement = next(p for p in FIXTURES.glob(f"{stem}.*") if not p.name.endswith(".yaml"))
        found.append(("fixtures", stem, statement, expected))
    return found


def scores(statement: Path, expected: Path) -> dict[str, Score]:
    with tempfile.TemporaryDirectory() as workdir:
        result = import_statement(statement_file(statement, Path(workdir)), run_checker=False)
    return compare(load_register(expected), result.register)


def _row(label: str, result: dict[str, Score]) -> str:
    cells = [f"{result[f].precision:.2f}/{result[f].recall:.2f}" for f in FIELDS]
    return f"| {label} | " + " | ".join(cells) + " |"


def main() -> int:
    header = "| statement | " + " | ".join(f.replace("_", " ") for f in FIELDS) + " |"
    print("precision/recall per field\n")
    print(header)
    print("|---" * (len(FIELDS) + 1) + "|")
    totals: dict[str, dict[str, Score]] = {}
    for group, name, statement, expected in cases():
        result = scores(statement, expected)
        print(_row(name, result))
        total = totals.setdefault(group, {f: Score() for f in FIELDS})
        for field in FIELDS:
            total[field].add(result[field])
    for group, total in totals.items():
        print(_row(f"**{group} overall**", total))
        micro = Score()
        for field in FIELDS:
            micro.add(total[field])
        together = f"precision {micro.precision:.3f}, recall {micro.recall:.3f}"
        print(f"\n{group}: all fields together {together}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
