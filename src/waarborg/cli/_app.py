"""The Typer application and what every command shares.

Command modules import :data:`app` and add their commands; ``waarborg.cli``
imports them all. Domain errors are printed in the chosen language and turn
into exit status 2, never a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from waarborg._exceptions import WaarborgError
from waarborg.i18n import LANGUAGES, translate
from waarborg.settings import Settings


class _Group(TyperGroup):
    """Prints domain errors in the chosen language and exits with status 2."""

    def invoke(self, ctx: Any) -> Any:  # typer vendors its own click Context class
        try:
            return super().invoke(ctx)
        except WaarborgError as exc:
            typer.echo(exc.render(state.lang), err=True)
            ctx.exit(2)


app = typer.Typer(
    cls=_Group,
    name="waarborg",
    help="Keeps the promises of a privacy statement: register, statement, checks, enforcement.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@dataclass
class CliState:
    lang: str = "nl"
    data_dir: Path | None = None
    db_url: str | None = None

    def settings(self, **overrides: Any) -> Settings:
        """Settings from the environment, with this invocation's options on top."""
        chosen: dict[str, Any] = {"data_dir": self.data_dir, "db_url": self.db_url}
        chosen.update({k: v for k, v in overrides.items() if v is not None})
        return Settings.from_env(**chosen)


state = CliState()

LangOption = Annotated[
    str,
    typer.Option("--lang", help="Language of messages and output: nl or en."),
]


@app.callback()
def _global_options(
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language of messages: nl (default) or en.", envvar="WAARBORG_LANG"
        ),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Where waarborg keeps its files (default: ./var).",
            envvar="WAARBORG_DATA_DIR",
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="URL of waarborg's own database (default: SQLite in data dir).",
            envvar="WAARBORG_DB_URL",
        ),
    ] = None,
) -> None:
    chosen = lang or os.environ.get("WAARBORG_LANG") or "nl"
    if chosen not in LANGUAGES:
        raise typer.BadParameter(f"use one of {', '.join(LANGUAGES)}", param_hint="--lang")
    state.lang = chosen
    state.data_dir = data_dir
    state.db_url = db


def say(message: str, **params: Any) -> None:
    """Print a translated message to standard output."""
    typer.echo(translate(state.lang, message).format(**params))


def warn(message: str, **params: Any) -> None:
    typer.echo(translate(state.lang, message).format(**params), err=True)
