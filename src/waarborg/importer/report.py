"""The Markdown report of an import: what to check, what could not be placed, the
checker's findings, and where every value came from. Its texts go through the
gettext catalogue, so the report reads in Dutch or English like the rest of the CLI.
"""

from __future__ import annotations

from waarborg.check.report import SEVERITY_NAMES
from waarborg.i18n import N_, translate
from waarborg.importer.api import ImportResult

_KINDS = {
    "unknown-category": N_("unknown item in a list of data"),
    "artefact": N_("remains of a template"),
    "leftover": N_("template text never filled in"),
    "no-purpose": N_("heading without a recognised purpose"),
    "no-activities": N_("no processing activities found"),
    "unknown-company": N_("a company the lexicon does not know"),
}


def render_report(result: ImportResult, lang: str = "nl") -> str:
    register = result.register
    summary = translate(
        lang,
        "Draft register with {activities} activities, {parties} parties and {rights} "
        "rights. {traced} values traced to their source, {low} with low confidence, "
        "{unplaced} sentences not placed.",
    )
    lines = [
        "# " + translate(lang, "Import report: {source}").format(source=result.source),
        "",
        summary.format(
            activities=len(register.activities),
            parties=len(register.parties),
            rights=len(register.rights.offered),
            traced=len(result.traces),
            low=len(result.low_confidence),
            unplaced=len(result.unplaced),
        ),
        "",
    ]
    for section in (_low, _unplaced, _free_text, _notes, _findings, _trace_table):
        lines += section(result, lang)
    return "\n".join(lines) + "\n"


def _low(result: ImportResult, lang: str) -> list[str]:
    lines = [translate(lang, "## Values to check (low confidence)"), ""]
    if not result.low_confidence:
        return [*lines, translate(lang, "None."), ""]
    lines += [_header(lang, N_("field"), N_("value"), N_("confidence"), N_("why"))]
    for trace in result.low_confidence:
        cells = [f"`{trace.dotted}`", _cell(trace.value), f"{trace.confidence:.2f}"]
        lines.append("| " + " | ".join([*cells, _cell(trace.note)]) + " |")
    return [*lines, ""]


def _unplaced(result: ImportResult, lang: str) -> list[str]:
    head = translate(lang, "## Sentences that could not be placed ({count})")
    lines = [head.format(count=len(result.unplaced)), ""]
    if not result.unplaced and not result.empty_headings:
        lines.append(translate(lang, "None: every sentence was used."))
    line_word = translate(lang, "line")
    for sentence in result.unplaced:
        lines.append(f"- {line_word} {sentence.line}: {sentence.text}")
    empty = translate(lang, "heading without text")
    for heading, line in result.empty_headings:
        lines.append(f'- {line_word} {line}: {empty}: "{heading}"')
    return [*lines, ""]


def _free_text(result: ImportResult, lang: str) -> list[str]:
    """Sentences kept as an activity's 'details' only: no fact was read from them."""
    if not result.free_text:
        return []
    head = translate(lang, "## Sentences kept only as explanatory text ({count})")
    line_word = translate(lang, "line")
    lines = [head.format(count=len(result.free_text)), ""]
    lines += [f"- {line_word} {s.line}: {s.text}" for s in result.free_text]
    return [*lines, ""]


def _notes(result: ImportResult, lang: str) -> list[str]:
    if not result.notes:
        return []
    lines = [translate(lang, "## Unknown words and template remains"), ""]
    line_word = translate(lang, "line")
    for note in result.notes:
        where = f"{line_word} {note.sentence.line}: " if note.sentence else ""
        kind = translate(lang, _KINDS.get(note.kind, note.kind))
        lines.append(f'- {where}{kind}: "{note.text}"')
    return [*lines, ""]


def _findings(result: ImportResult, lang: str) -> list[str]:
    lines = [translate(lang, "## Findings of the checker (`waarborg check`)"), ""]
    if result.findings is None:
        return [*lines, translate(lang, "The checker was not run."), ""]
    if not result.findings:
        return [*lines, translate(lang, "No findings."), ""]
    for finding in result.findings:
        severity = translate(lang, SEVERITY_NAMES[finding.severity])
        where = f" ({finding.location})" if finding.location else ""
        fix = translate(lang, "Fix: {fix}").format(fix=finding.fix(lang))
        lines.append(f"- **{severity}** `{finding.check}`{where}: {finding.message(lang)} {fix}")
    return [*lines, ""]


def _trace_table(result: ImportResult, lang: str) -> list[str]:
    lines = [
        translate(lang, "## Where every value came from"),
        "",
        _header(lang, N_("field"), N_("value"), N_("confidence"), N_("line"), N_("source")),
    ]
    for trace in result.traces:
        line = str(trace.sentence.line) if trace.sentence else ""
        source = trace.sentence.text if trace.sentence else trace.note
        cells = [f"`{trace.dotted}`", _cell(trace.value), f"{trace.confidence:.2f}", line]
        lines.append("| " + " | ".join([*cells, _cell(source)]) + " |")
    return lines


def _header(lang: str, *names: str) -> str:
    cells = " | ".join(translate(lang, name) for name in names)
    return f"| {cells} |\n|" + "---|" * len(names)


def _cell(text: str) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 160 else text[:157] + "…"
