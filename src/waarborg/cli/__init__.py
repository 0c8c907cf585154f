"""The ``waarborg`` command: a thin layer over the library."""

from __future__ import annotations

from waarborg.cli import (  # noqa: F401  (each registers its commands)
    apikey_cmds,
    audit_cmds,
    check_cmds,
    export_cmds,
    import_cmds,
    register_cmds,
    request_cmds,
    retention_cmds,
    serve_cmds,
    statement_cmds,
    systems_cmds,
    worker_cmds,
)
from waarborg.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
