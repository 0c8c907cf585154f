"""``import_statement``: a published statement in, a draft register out."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from waarborg._exceptions import StatementFileError
from waarborg.check import Finding, run_checks
from waarborg.i18n import N_
from waarborg.importer._activities import find_activities
from waarborg.importer._assemble import Assembler
from waarborg.importer._blocks import Block, text_blocks
from waarborg.importer._document import Sentence, build_document
from waarborg.importer._emit import emit
from waarborg.importer._globals import apply_global_rules, read_globals
from waarborg.importer._model import Draft, Note, Trace
from waarborg.importer._organisation import read_organisation
from waarborg.importer.reading import html_blocks, read_blocks
from waarborg.register import Register, parse_register

_HEADER = [
    "Draft register imported by `waarborg import` from {source}.",
    "Every value is followed by its confidence, the source line and the sentence it came from.",
    "⚠ CHECK marks values the importer is unsure of; the report lists what it could not place.",
    "Check and complete this draft, then run `waarborg check` on it.",
    "",
]


@dataclass
class ImportResult:
    """The draft register, where each value came from, and what could not be placed."""

    source: str
    register: Register
    yaml: str
    traces: list[Trace]
    unplaced: list[Sentence]
    notes: list[Note]
    empty_headings: list[tuple[str, int]]
    free_text: list[Sentence] = field(default_factory=list)
    findings: list[Finding] | None = field(default=None)

    @property
    def low_confidence(self) -> list[Trace]:
        return [t for t in self.traces if t.low]


def import_statement(
    source: str | Path, *, run_checker: bool = True, register_file: str | None = None
) -> ImportResult:
    """Read a statement (a path, or the text itself) into a draft register.

    A ``str`` that names an existing file is read as that file; any other string is
    the statement's text (plain text, or HTML when it starts like a page).
    ``register_file`` is where the draft will be written, so that the checker's
    findings point at its lines.
    """
    blocks, name = _blocks(source)
    if not any(b.text.strip() for b in blocks):
        raise StatementFileError(name, N_("the file is empty"))
    document = build_document(blocks)
    draft = Draft(document)
    read_organisation(draft)
    find_activities(draft)
    read_globals(draft)
    apply_global_rules(draft)
    assembler = Assembler(draft)
    data = assembler.build()
    text = emit(data, assembler.traces, [line.format(source=name) for line in _HEADER])
    register = parse_register(text, register_file or f"<draft of {name}>")
    _lead_ins(document.sentences, draft.used)
    unplaced = [s for s in document.sentences if s.id not in draft.used]
    empty = [(h, line) for h, line in document.empty_headings if h.lower() not in text.lower()]
    result = ImportResult(
        name, register, text, assembler.traces, unplaced, draft.notes, empty, draft.free_text
    )
    if run_checker:
        result.findings = run_checks(register)
    return result


def _lead_ins(sentences: list[Sentence], used: set[int]) -> None:
    """'U hebt de volgende rechten:' is placed when the list it introduces is."""
    for sentence, following in itertools.pairwise(sentences):
        if sentence.text.endswith(":") and following.item and following.id in used:
            used.add(sentence.id)


def _blocks(source: str | Path) -> tuple[list[Block], str]:
    if isinstance(source, Path):
        return read_blocks(source), str(source)
    if "\n" not in source and len(source) < 1024 and Path(source).is_file():
        return read_blocks(Path(source)), source
    head = source.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return html_blocks(source), "<text>"
    return text_blocks(source), "<text>"
