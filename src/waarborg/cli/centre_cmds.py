"""`waarborg request login-key`: the key the company's site vouches for logged-in
customers with, so their requests in the privacy centre need no confirmation mail."""

from __future__ import annotations

import typer

from waarborg.cli._app import say, state
from waarborg.cli.request_cmds import request_app
from waarborg.rights.workflow_links import Desk
from waarborg.store import Store


@request_app.command("login-key")
def login_key() -> None:
    """Print the key for login assertions (keep it as secret as a password)."""
    settings = state.settings()
    store = Store.from_settings(settings)
    try:
        key = Desk.from_settings(settings, store).login_key()
    finally:
        store.dispose()
    say("Sign assertions with this key (see docs/centre.md):")
    typer.echo(key)
