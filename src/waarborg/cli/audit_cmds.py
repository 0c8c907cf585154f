"""`waarborg audit verify|export`: check the hash chain, hand the log over."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated

import typer

from waarborg import audit
from waarborg._exceptions import InputError
from waarborg.cli._app import app, say, state, warn
from waarborg.cli._runtime import open_store, organisation_id
from waarborg.i18n import N_

audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")

OrganisationOption = Annotated[
    str | None, typer.Option("--organisation", help="The organisation's slug, e.g. weservit-b-v.")
]


@audit_app.command("verify")
def verify(organisation: OrganisationOption = None) -> None:
    """Walk the hash chain; name the first changed, deleted or misplaced entry (exit 1)."""
    store = open_store()
    org, slug = organisation_id(store, organisation, None)
    with store.reading() as session:
        result = audit.verify(session.connection(), org)
    store.dispose()
    if result.ok:
        say("{organisation}: {result}", organisation=slug, result=result.render(state.lang))
        return
    warn("{organisation}: {result}", organisation=slug, result=result.render(state.lang))
    raise typer.Exit(1)


@audit_app.command("export")
def export(
    since: Annotated[
        str, typer.Option("--since", help="From this date (YYYY-MM-DD) or ISO 8601 time.")
    ],
    organisation: OrganisationOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Write the entries since a moment as JSON lines, hashes included."""
    moment = _moment(since)
    store = open_store()
    org, _slug = organisation_id(store, organisation, None)
    count = 0
    with store.reading() as session:
        records = audit.entries(session.connection(), org, moment)
        if output is None:
            for record in records:
                typer.echo(json.dumps(record.as_json(), ensure_ascii=False))
                count += 1
        else:
            with output.open("w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(record.as_json(), ensure_ascii=False) + "\n")
                    count += 1
            say("{count} entries written to {path}", count=count, path=str(output))
    store.dispose()


def _moment(text: str) -> datetime:
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(), tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InputError.translatable(
            N_("give a date (YYYY-MM-DD) or an ISO 8601 time"), field="since"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
