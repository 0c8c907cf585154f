"""The ``waarborg`` command: a thin layer over the library."""

from __future__ import annotations

from waarborg.cli import check_cmds, register_cmds  # noqa: F401  (registers their commands)
from waarborg.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
