"""`waarborg check`: what is wrong with a register, where, why, and how to fix it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from waarborg.check import exit_status, render_json, render_text, run_checks
from waarborg.cli._app import app, state
from waarborg.cli.register_cmds import RegisterArg
from waarborg.i18n import LANGUAGES
from waarborg.register import load_register


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("check")
def check_register(
    register: RegisterArg,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="text for people, json for programs.")
    ] = OutputFormat.text,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of the findings: nl or en (default: --lang before the command).",
        ),
    ] = None,
) -> None:
    """Check a register against the AVG, the Telecommunicatiewet and AP guidance.

    Exits with status 1 when there are errors, so a build can fail on them.
    """
    chosen = lang or state.lang
    if chosen not in LANGUAGES:
        raise typer.BadParameter(f"use one of {', '.join(LANGUAGES)}", param_hint="--lang")
    findings = run_checks(load_register(register))
    render = render_json if output is OutputFormat.json else render_text
    typer.echo(render(findings, str(register), chosen))
    raise typer.Exit(exit_status(findings))
