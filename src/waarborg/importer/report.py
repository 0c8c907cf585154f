"""The Markdown report of an import: what to check, what could not be placed, and
where every value came from. Written in Dutch, like the statement it reports on."""

from __future__ import annotations

from waarborg.importer.api import ImportResult

_KINDS = {
    "unknown-category": "onbekend gegeven in een opsomming",
    "artefact": "overblijfsel van een sjabloon",
    "leftover": "niet ingevulde sjabloontekst",
    "no-purpose": "kop zonder herkend doel",
    "no-activities": "geen verwerkingen gevonden",
}


def render_report(result: ImportResult) -> str:
    register = result.register
    lines = [
        f"# Importrapport: {result.source}",
        "",
        f"Conceptregister met {len(register.activities)} verwerkingen, "
        f"{len(register.parties)} ontvangers en {len(register.rights.offered)} rechten. "
        f"{len(result.traces)} waarden herleid tot hun bron, "
        f"{len(result.low_confidence)} met lage zekerheid, "
        f"{len(result.unplaced)} zinnen niet geplaatst.",
        "",
    ]
    lines += _low(result)
    lines += _unplaced(result)
    lines += _free_text(result)
    lines += _notes(result)
    lines += _findings(result)
    lines += _trace_table(result)
    return "\n".join(lines) + "\n"


def _low(result: ImportResult) -> list[str]:
    lines = ["## Waarden om te controleren (lage zekerheid)", ""]
    if not result.low_confidence:
        return [*lines, "Geen.", ""]
    lines += ["| veld | waarde | zekerheid | toelichting |", "|---|---|---|---|"]
    for trace in result.low_confidence:
        cells = [f"`{trace.dotted}`", _cell(trace.value), f"{trace.confidence:.2f}"]
        lines.append("| " + " | ".join([*cells, _cell(trace.note)]) + " |")
    return [*lines, ""]


def _unplaced(result: ImportResult) -> list[str]:
    lines = [f"## Zinnen die niet geplaatst konden worden ({len(result.unplaced)})", ""]
    if not result.unplaced:
        lines.append("Geen: elke zin is gebruikt.")
    for sentence in result.unplaced:
        lines.append(f"- regel {sentence.line}: {sentence.text}")
    for heading, line in result.empty_headings:
        lines.append(f'- regel {line}: kop zonder tekst: "{heading}"')
    return [*lines, ""]


def _free_text(result: ImportResult) -> list[str]:
    """Sentences kept as an activity's 'details' only: no fact was read from them."""
    if not result.free_text:
        return []
    lines = [f"## Zinnen alleen als toelichting overgenomen ({len(result.free_text)})", ""]
    lines += [f"- regel {s.line}: {s.text}" for s in result.free_text]
    return [*lines, ""]


def _notes(result: ImportResult) -> list[str]:
    if not result.notes:
        return []
    lines = ["## Onbekende woorden en sjabloonresten", ""]
    for note in result.notes:
        where = f"regel {note.sentence.line}: " if note.sentence else ""
        lines.append(f'- {where}{_KINDS.get(note.kind, note.kind)}: "{note.text}"')
    return [*lines, ""]


def _findings(result: ImportResult) -> list[str]:
    lines = ["## Bevindingen van de controle (`waarborg check`)", ""]
    if result.findings is None:
        return [*lines, "De controle is in deze installatie nog niet beschikbaar.", ""]
    if not result.findings:
        return [*lines, "Geen bevindingen.", ""]
    return [*lines, *(f"- {finding}" for finding in result.findings), ""]


def _trace_table(result: ImportResult) -> list[str]:
    lines = [
        "## Herkomst van elke waarde",
        "",
        "| veld | waarde | zekerheid | regel | bron |",
        "|---|---|---|---|---|",
    ]
    for trace in result.traces:
        line = str(trace.sentence.line) if trace.sentence else ""
        source = trace.sentence.text if trace.sentence else trace.note
        cells = [f"`{trace.dotted}`", _cell(trace.value), f"{trace.confidence:.2f}", line]
        lines.append("| " + " | ".join([*cells, _cell(source)]) + " |")
    return lines


def _cell(text: str) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 160 else text[:157] + "…"
