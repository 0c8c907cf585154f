"""`waarborg user add|list`: accounts for the admin console."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from waarborg.cli._app import app, say
from waarborg.cli._runtime import open_store, organisation_id
from waarborg.store.admins import ROLES, create_user, list_users, provisioning_uri

user = typer.Typer(help="Accounts for the admin console.", no_args_is_help=True)
app.add_typer(user, name="user")

OrganisationOption = Annotated[
    str | None, typer.Option("--organisation", help="The organisation's slug, e.g. weservit-b-v.")
]
RegisterOption = Annotated[
    Path | None, typer.Option("--register", help="Or: the organisation of this register.")
]


@user.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Lower-case login name, e.g. 'anna'.")],
    role: Annotated[
        str, typer.Option("--role", help=f"One of: {', '.join(ROLES)}.")
    ] = "privacy-officer",
    password: Annotated[
        str,
        typer.Option(
            "--password",
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="WAARBORG_NEW_USER_PASSWORD",
            help="Asked for when not given (or from WAARBORG_NEW_USER_PASSWORD).",
        ),
    ] = "",
    organisation: OrganisationOption = None,
    register: RegisterOption = None,
) -> None:
    """Make an account; prints its TOTP secret once, for an authenticator app."""
    store = open_store()
    org, slug = organisation_id(store, organisation, register)
    with store.transaction() as session:
        account, secret = create_user(session, org, username, role, password)
    say("Account {username} ({role}) of {organisation} made.", username=account.username,
        role=account.role, organisation=slug)  # fmt: skip
    say("Load this into an authenticator app (shown only now):")
    typer.echo(f"  {provisioning_uri(account.username, secret, f'waarborg {slug}')}")
    say("or type the secret: {secret}", secret=secret)
    store.dispose()


@user.command("list")
def list_accounts(organisation: OrganisationOption = None, register: RegisterOption = None) -> None:
    """Every account with its role and last login; never a secret."""
    store = open_store()
    org = organisation_id(store, organisation, register)[0]
    with store.reading() as session:
        for row in list_users(session, org):
            last = row.last_login_at.isoformat(timespec="minutes") if row.last_login_at else "-"
            typer.echo(f"{row.username:<24} {row.role:<16} {last}")
    store.dispose()
