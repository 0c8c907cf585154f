"""`waarborg export`: the register in formats other tools read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from waarborg._exceptions import InputError
from waarborg.cli._app import app
from waarborg.cli.register_cmds import RegisterArg
from waarborg.cli.statement_cmds import OutputOption, write_output
from waarborg.export import EXPORTS
from waarborg.i18n import N_
from waarborg.register import Register, load_register


@app.command()
def export(
    register: RegisterArg,
    fmt: Annotated[
        str,
        typer.Option("--format", help="json, dpv-jsonld, dpv-turtle, fideslang, xlsx or csv."),
    ] = "json",
    output: OutputOption = None,
) -> None:
    """Export the register: canonical JSON, W3C DPV, fideslang, or the Art. 30 table."""
    exporter: Callable[[Register], str | bytes] | None = EXPORTS.get(fmt)
    if exporter is None:
        raise InputError.translatable(
            N_("unknown export format {value!r}"),
            {"value": fmt},
            field="format",
            allowed=tuple(EXPORTS),
        )
    write_output(output, exporter(load_register(register)))
