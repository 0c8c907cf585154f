"""`waarborg render`, `waarborg diff` and `waarborg publish`: the statement, what
changed between two versions, and storing a version for good."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from waarborg._exceptions import InputError, NotFoundError
from waarborg.cli._app import app, say, state
from waarborg.cli.register_cmds import RegisterArg
from waarborg.i18n import N_
from waarborg.register import Register, load_register
from waarborg.statement import build_version, describe_diff, diff_registers, render_statement
from waarborg.store import Store, organisation_slug
from waarborg.store.statements import find_version, publish_version

OutputOption = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Write to this file instead of standard output."),
]


def write_output(output: Path | None, content: str | bytes) -> None:
    """To the file when one is given, else to standard output (text only)."""
    if output is None:
        if isinstance(content, bytes):
            raise InputError.translatable(
                N_("this format is binary: give an output file with -o"), field="output"
            )
        typer.echo(content, nl=False)
        return
    try:
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise InputError.translatable(
            N_("cannot write {path}: {reason}"),
            {"path": str(output), "reason": exc.strerror or str(exc)},
            field="output",
        ) from None
    say("Wrote {path}", path=str(output))


@app.command()
def render(
    register: RegisterArg,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the statement: nl or en.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="html (a standalone page) or md.")] = "html",
    output: OutputOption = None,
) -> None:
    """Render the privacy statement of a register."""
    loaded = load_register(register)
    result = render_statement(loaded, lang or state.lang, fmt)
    write_output(output, result.document)


@app.command()
def diff(
    old: Annotated[
        str, typer.Argument(help="A register file, or a published version label or hash.")
    ],
    new: Annotated[
        str, typer.Argument(help="A register file, or a published version label or hash.")
    ],
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    org: Annotated[
        str | None, typer.Option("--org", help="Organisation key of stored versions (a slug).")
    ] = None,
) -> None:
    """Show what changed between two registers or published statement versions."""
    if fmt not in ("text", "json"):
        raise InputError.translatable(
            N_("unknown diff format {value!r}"),
            {"value": fmt},
            field="format",
            allowed=("text", "json"),
        )
    files = {ref: load_register(ref) for ref in (old, new) if Path(ref).is_file()}
    if org is None and files:
        org = organisation_slug(next(iter(files.values())).organisation.name)
    before, after = (files[ref] if ref in files else _stored(ref, org) for ref in (old, new))
    changes = diff_registers(before, after)
    if fmt == "json":
        typer.echo(json.dumps(changes.to_dict(), ensure_ascii=False, indent=2))
        return
    for line in describe_diff(changes, before, after, state.lang):
        typer.echo(line)


@app.command()
def publish(
    register: RegisterArg,
    by: Annotated[str | None, typer.Option("--by", help="Who publishes (kept with it).")] = None,
) -> None:
    """Store the statement of a register as an immutable, content-hashed version."""
    loaded = load_register(register)
    version = build_version(loaded)
    store = _store(create=True)
    try:
        store.upgrade()
        result = publish_version(store, loaded.organisation.name, version, by)
    finally:
        store.dispose()
    params = {
        "version": version.version,
        "organisation": result.organisation,
        "date": version.effective_date.isoformat(),
        "hash": version.content_hash[:12],
    }
    if result.created:
        say(
            "Published version {version} of {organisation}, effective {date} (content {hash}).",
            **params,
        )
    else:
        say(
            "Version {version} of {organisation} is already published with exactly this "
            "content (content {hash}); nothing changed.",
            **params,
        )


def _stored(reference: str, organisation: str | None) -> Register:
    store = _store(create=False)
    try:
        return find_version(store, reference, organisation).register()
    finally:
        store.dispose()


def _store(*, create: bool) -> Store:
    """waarborg's own store; reading never creates an empty SQLite file."""
    url = state.settings().store_url
    parsed = make_url(url)
    if not create and parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not Path(database).exists():
            raise NotFoundError.translatable(
                N_("no such register file, and no statement has been published yet")
            )
    return Store(url)
