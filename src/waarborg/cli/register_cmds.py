"""`waarborg validate`: read a register and report every problem in it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from waarborg.cli._app import app, say
from waarborg.register import load_register

RegisterArg = Annotated[
    Path, typer.Argument(help="The register file (register.yaml).", show_default=False)
]


@app.command()
def validate(register: RegisterArg) -> None:
    """Check that a register loads: YAML, field types, ids, translations."""
    loaded = load_register(register)
    say(
        "{path}: valid register with {count} activities",
        path=str(register),
        count=len(loaded.activities),
    )
