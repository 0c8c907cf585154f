"""`waarborg import`: a published privacy statement → a draft register and a report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from waarborg._exceptions import InputError
from waarborg.check import counts
from waarborg.cli._app import app, say, state
from waarborg.i18n import translate
from waarborg.importer import import_statement, render_report

StatementArg = Annotated[
    Path,
    typer.Argument(help="The privacy statement: .txt, .html, .pdf or .docx.", show_default=False),
]
OutputOption = Annotated[
    Path,
    typer.Option("-o", "--output", help="Where to write the draft register; '-' prints it."),
]
ReportOption = Annotated[
    Path | None,
    typer.Option("--report", help="Where to write the Markdown report; '-' prints it."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite existing files.")]


@app.command("import")
def import_(
    statement: StatementArg,
    output: OutputOption = Path("register.yaml"),
    report: ReportOption = None,
    force: ForceOption = False,
) -> None:
    """Read an existing Dutch privacy statement into a draft register, then check it."""
    for target in (output, report):
        if target is not None and str(target) != "-" and target.exists() and not force:
            raise InputError(
                translate(state.lang, "{path} already exists; use --force to overwrite it").format(
                    path=str(target)
                ),
                field="output",
            )
    written_to = "<stdout>" if str(output) == "-" else str(output)
    result = import_statement(statement, register_file=written_to)
    _write(output, result.yaml)
    say(
        "Draft register: {activities} activities, {parties} parties, "
        "{traced} values traced to the sentence they came from.",
        activities=len(result.register.activities),
        parties=len(result.register.parties),
        traced=len(result.traces),
    )
    if str(output) != "-":
        say("Written to {path}.", path=str(output))
    say("{count} values with low confidence, marked ⚠ CHECK.", count=len(result.low_confidence))
    say("{count} sentences could not be placed.", count=len(result.unplaced))
    found = counts(result.findings or [])
    say(
        "The checker found {error} errors, {warning} warnings and {advice} pieces of advice "
        "in the draft: see the report, or run `waarborg check` on the register.",
        **found,
    )
    if report is not None:
        _write(report, render_report(result, state.lang))
        if str(report) != "-":
            say("Report written to {path}.", path=str(report))
    else:
        say("Use --report report.md for the full report.")


def _write(target: Path, text: str) -> None:
    if str(target) == "-":
        typer.echo(text, nl=False)
        return
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            translate(state.lang, "cannot write {path}: {reason}").format(
                path=str(target), reason=exc.strerror or str(exc)
            ),
            field="output",
        ) from None
