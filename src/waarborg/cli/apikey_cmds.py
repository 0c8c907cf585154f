"""`waarborg apikey create|list|revoke`: keys for the company's systems to call the API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import select

from waarborg.cli._app import app, say, state
from waarborg.cli._runtime import open_store, organisation_id
from waarborg.i18n import translate
from waarborg.store.apikeys import create_api_key, list_api_keys, revoke_api_key
from waarborg.store.tables import Organisation

apikey = typer.Typer(help="API keys for business systems.", no_args_is_help=True)
app.add_typer(apikey, name="apikey")

OrganisationOption = Annotated[
    str | None, typer.Option("--organisation", help="The organisation's slug, e.g. weservit-b-v.")
]
RegisterOption = Annotated[
    Path | None, typer.Option("--register", help="Or: the organisation of this register.")
]


@apikey.command("create")
def create(
    system: Annotated[str, typer.Option("--system", help="The calling system, e.g. webshop.")],
    label: Annotated[str | None, typer.Option("--label", help="A note for the list.")] = None,
    organisation: OrganisationOption = None,
    register: RegisterOption = None,
) -> None:
    """Make a key; it is shown this once and stored only as a hash."""
    store = open_store()
    org, slug = organisation_id(store, organisation, register)
    with store.transaction() as session:
        row, key = create_api_key(session, org, system, label)
    say("API key {key_id} for {system} of {organisation}:", key_id=row.key_id, system=system,
        organisation=slug)  # fmt: skip
    typer.echo(key)
    say("Keep it safe: it is not shown again.")
    store.dispose()


@apikey.command("list")
def list_keys(organisation: OrganisationOption = None, register: RegisterOption = None) -> None:
    """Every key with its system and state; never the secret."""
    store = open_store()
    org = organisation_id(store, organisation, register)[0] if organisation or register else None
    lang = state.lang
    with store.reading() as session:
        slugs = {i: s for i, s in session.execute(select(Organisation.id, Organisation.slug))}
        for row in list_api_keys(session, org):
            status = (
                translate(lang, "revoked {date}").format(date=row.revoked_at.date().isoformat())
                if row.revoked_at
                else translate(lang, "active")
            )
            typer.echo(
                f"{row.key_id}  {slugs[row.organisation_id]:<24} {row.system:<16} "
                f"{row.created_at.date().isoformat()}  {status}  {row.label or ''}".rstrip()
            )
    store.dispose()


@apikey.command("revoke")
def revoke(key_id: Annotated[str, typer.Argument(help="The key id from `apikey list`.")]) -> None:
    """Refuse a key from now on (a running server notices within seconds)."""
    store = open_store()
    with store.transaction() as session:
        revoke_api_key(session, key_id)
    say("API key {key_id} revoked.", key_id=key_id)
    store.dispose()
