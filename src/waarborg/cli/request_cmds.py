"""`waarborg request …`: fulfil a verified person's request from the command line.

The person is named by ``--email`` (and/or ``--phone``, ``--customer-id
SYSTEM:ID``); verifying that the requester is that person happens before, in the
privacy centre or by the privacy contact. Output gives counts, tables and dates,
never the person's data (the access package holds that).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, cast

import typer

from waarborg._exceptions import InputError
from waarborg.cli._app import app, say, state
from waarborg.cli.systems_cmds import RegisterOption, SystemsOption, load_both
from waarborg.consent.records import history
from waarborg.rights.execute import Fulfilment, Outcome
from waarborg.rights.package import build_package
from waarborg.rights.plan import KINDS, Plan, RequestKind
from waarborg.rights.rectify import FIELD_KINDS, validate_fields
from waarborg.rights.store_ledger import ledger_for
from waarborg.store import Store
from waarborg.store.subjects import find_subject_by_ref
from waarborg.systems.apply import Changes
from waarborg.systems.found import Identity
from waarborg.systems.model import FieldKind

request_app = typer.Typer(
    help="Fulfil a data-subject request: plan, access, erase, rectify, restrict, object.",
    no_args_is_help=True,
)
app.add_typer(request_app, name="request")

EmailOption = Annotated[str | None, typer.Option("--email", help="The person's e-mail address.")]
PhoneOption = Annotated[str | None, typer.Option("--phone", help="The person's phone number.")]
CustomerOption = Annotated[
    list[str] | None,
    typer.Option("--customer-id", help="SYSTEM:ID, a customer id in one system (repeatable)."),
]
ActivityOption = Annotated[
    list[str] | None, typer.Option("--activity", help="Only this activity (repeatable).")
]


def identities(email: str | None, phone: str | None, customers: list[str] | None) -> list[Identity]:
    found = [Identity("email", email)] if email else []
    if phone:
        found.append(Identity("phone", phone))
    for value in customers or ():
        system, sep, customer = value.partition(":")
        if not sep or not customer:
            raise InputError("write --customer-id as SYSTEM:ID", field="customer_id")
        found.append(Identity("customer-id", customer, system=system))
    if not found:
        raise InputError("name the person: --email, --phone or --customer-id", field="email")
    return [identity.normalised() for identity in found]


@contextmanager
def fulfilment(register: Path | None, systems: Path | None) -> Iterator[Fulfilment]:
    """Register, map, store and every connected system, opened before anything runs."""
    loaded_register, loaded_systems = load_both(register, systems)
    settings = state.settings()
    store = Store.from_settings(settings)
    store.upgrade()
    organisation = store.ensure_organisation(loaded_register.organisation.name)
    secret = settings.secret()
    service = Fulfilment.open(
        loaded_register,
        loaded_systems,
        os.environ,
        store=store,
        ledger=ledger_for(store, organisation, secret),
        secret=secret,
        organisation_id=organisation,
    )
    try:
        yield service
    finally:
        service.close()
        store.dispose()


def show_plan(plan: Plan) -> None:
    for system in plan.systems():
        say("{system}:", system=system)
        for table in plan.for_system(system):
            say(
                "  {table}: {found} found, {delete} to delete, {mask} to mask, "
                "{update} to update, {keep} kept",
                table=table.table,
                found=table.found,
                delete=len(table.delete),
                mask=len(table.mask),
                update=len(table.update),
                keep=len(table.hold),
            )
            groups = sorted({(h.obligation, h.until) for h in table.hold})
            for obligation, until in groups:
                count = sum(1 for h in table.hold if (h.obligation, h.until) == (obligation, until))
                say(
                    "    {count} kept under {obligation} until {until}, erased the day after",
                    count=count,
                    obligation=obligation,
                    until=until.isoformat(),
                )
    if not plan.found():
        say("nothing found about this person")


def progress(system: str, changes: Mapping[str, Changes]) -> None:
    say(
        "{system}: {deleted} row(s) deleted, {rewritten} row(s) changed",
        system=system,
        deleted=sum(c.deleted for c in changes.values()),
        rewritten=sum(c.rewritten for c in changes.values()),
    )


def show_outcome(outcome: Outcome) -> None:
    kept = list(outcome.plan.held())
    if kept:
        say("{count} row(s) kept under a legal hold and restricted:", count=len(kept))
        held = [t for t in outcome.plan.tables if t.hold]
        show_plan(Plan(outcome.plan.kind, outcome.plan.made_on, held))
    say("subject {ref}: done", ref=outcome.subject_ref)


@request_app.command("plan")
def plan(
    kind: Annotated[
        str, typer.Argument(help="access, erasure, rectification, restriction or objection.")
    ],
    email: EmailOption = None,
    phone: PhoneOption = None,
    customer_id: CustomerOption = None,
    fields: Annotated[
        list[str] | None, typer.Option("--field", help="For rectification: a field kind.")
    ] = None,
    register: RegisterOption = None,
    systems: SystemsOption = None,
) -> None:
    """What a request would read, change and keep, per system and table; changes nothing."""
    if kind not in KINDS:
        raise InputError(f"unknown request kind {kind!r}", field="kind", allowed=KINDS)
    chosen: RequestKind = kind
    wanted: list[FieldKind] = []
    for name in fields or ():
        if name not in FIELD_KINDS:
            raise InputError(f"unknown field {name!r}", field="field", allowed=FIELD_KINDS)
        wanted.append(cast(FieldKind, name))
    with fulfilment(register, systems) as service:
        show_plan(service.plan(chosen, identities(email, phone, customer_id), wanted))


@request_app.command("access")
def access(
    output: Annotated[Path, typer.Option("-o", "--output", help="The zip file to write.")],
    email: EmailOption = None,
    phone: PhoneOption = None,
    customer_id: CustomerOption = None,
    language: Annotated[
        str | None, typer.Option("--language", help="Language of the summary: nl or en.")
    ] = None,
    register: RegisterOption = None,
    systems: SystemsOption = None,
) -> None:
    """A copy of all the person's data (Art. 15, 20): JSON, CSV and a readable summary."""
    lang = language or state.lang
    if lang not in ("nl", "en"):
        raise InputError("use nl or en", field="language", allowed=("nl", "en"))
    with fulfilment(register, systems) as service:
        outcome, collections = service.access(identities(email, phone, customer_id))
        with service.store.reading() as session:
            subject = find_subject_by_ref(session, service.organisation_id, outcome.subject_ref)
            consents = history(session, service.organisation_id, subject) if subject else []
        data = build_package(
            service.register,
            service.systems,
            collections,
            subject_ref=outcome.subject_ref,
            lang=lang,
            made_at=datetime.now(UTC),
            consents=consents,
        )
    output.write_bytes(data)
    say(
        "{path}: {rows} row(s) from {tables} table(s) for subject {ref}",
        path=str(output),
        rows=outcome.plan.found(),
        tables=len(outcome.plan.tables),
        ref=outcome.subject_ref,
    )


@request_app.command("erase")
def erase(
    email: EmailOption = None,
    phone: PhoneOption = None,
    customer_id: CustomerOption = None,
    request_id: Annotated[
        str | None, typer.Option("--request-id", help="Your reference for this request.")
    ] = None,
    register: RegisterOption = None,
    systems: SystemsOption = None,
) -> None:
    """Erase the person everywhere; rows under a legal hold are kept and restricted.

    Safe to run again: an interrupted erasure resumes, a finished one changes nothing.
    """
    with fulfilment(register, systems) as service:
        outcome = service.erase(
            identities(email, phone, customer_id), request_ref=request_id, progress=progress
        )
    show_outcome(outcome)


@request_app.command("rectify")
def rectify(
    values: Annotated[
        list[str],
        typer.Option("--set", help="FIELD=VALUE, e.g. postcode='1234 AB' (repeatable)."),
    ],
    email: EmailOption = None,
    phone: PhoneOption = None,
    customer_id: CustomerOption = None,
    register: RegisterOption = None,
    systems: SystemsOption = None,
) -> None:
    """Correct fields (email, phone, postcode, iban, name, street, city, …), validated."""
    pairs = {}
    for value in values:
        name, sep, new = value.partition("=")
        if not sep:
            raise InputError("write --set as FIELD=VALUE", field="set")
        pairs[name.strip()] = new
    checked = validate_fields(pairs)
    with fulfilment(register, systems) as service:
        outcome = service.rectify(identities(email, phone, customer_id), checked, progress)
    show_outcome(outcome)


@request_app.command("restrict")
def restrict(
    email: EmailOption = None,
    phone: PhoneOption = None,
    customer_id: CustomerOption = None,
    activity: ActivityOption = None,
    ground: Annotated[
        str,
        typer.Option(
            "--ground",
            help="accuracy-contested, unlawful-processing, legal-claims or objection-pending.",
        ),
    ] = "accuracy-contested",
    register: RegisterOption = None,
    systems: SystemsOption = None,
) -> None:
    """Restrict processing (Art. 18); decisions deny the activities from now on."""
    with fulfilment(register, systems) as service:
        outcome = service.limit(
            "restriction", identities(email, phone, customer_id), activity or (), ground=ground
        )
    show_outcome(outcome)


@request_app.command("object")
def object_(
    email: EmailOption = None,
    phone: PhoneOption = None,
    customer_id: CustomerOption = None,
    activity: ActivityOption = None,
    reason: Annotated[str | None, typer.Option("--reason", help="The person's reason.")] = None,
    register: RegisterOption = None,
    systems: SystemsOption = None,
) -> None:
    """Record an objection (Art. 21); it applies at once, pending your assessment."""
    with fulfilment(register, systems) as service:
        outcome = service.limit(
            "objection", identities(email, phone, customer_id), activity or (), reason=reason
        )
    show_outcome(outcome)
