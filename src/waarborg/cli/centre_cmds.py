"""`waarborg request list|handle|approve|extend|reject|close|login-key`: the privacy
contact's side of requests made in the privacy centre, for those who work from the
command line (the admin console offers the same).

Requests are named by their ``req_…`` reference; output shows references, kinds,
states and dates, never the requester's address.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated

import typer

from waarborg.cli._app import say, state
from waarborg.cli.request_cmds import fulfilment, request_app, show_plan
from waarborg.cli.systems_cmds import RegisterOption, SystemsOption, register_path
from waarborg.i18n import N_
from waarborg.register import load_register
from waarborg.rights import workflow
from waarborg.rights.workflow_links import Desk
from waarborg.rights.workflow_queue import open_requests
from waarborg.store import Store

RefArgument = Annotated[str, typer.Argument(help="The request's reference (req_…).")]
ACTOR = "cli"


@contextmanager
def desk() -> Iterator[Desk]:
    settings = state.settings()
    store = Store.from_settings(settings)
    store.upgrade()
    try:
        yield Desk.from_settings(settings, store)
    finally:
        store.dispose()


@request_app.command("list")
def list_(register: RegisterOption = None) -> None:
    """Open requests: overdue first, then due within a week, then later."""
    loaded = load_register(register_path(register))
    with desk() as office:
        organisation = office.store.ensure_organisation(loaded.organisation.name)
        with office.store.reading() as session:
            queue = open_requests(session, organisation, date.today())
    for title, items in (
        (N_("Overdue:"), queue.overdue),
        (N_("Due within a week:"), queue.this_week),
        (N_("Later:"), queue.later),
    ):
        if not items:
            continue
        say(title)
        for item in items:
            say(
                "  {ref}  {kind}  {state}  due {due} ({days} day(s))",
                ref=item.ref,
                kind=item.kind,
                state=item.state,
                due=item.due_on.isoformat(),
                days=item.days_left,
            )
    if not queue.all():
        say("no open requests")


@request_app.command("handle")
def handle(
    ref: RefArgument, register: RegisterOption = None, systems: SystemsOption = None
) -> None:
    """Plan a verified request and, unless it awaits approval, carry it out and answer."""
    with desk() as office, fulfilment(register, systems) as service:
        with office.store.reading() as session:
            row = workflow.find(session, ref)
            current = row.state if row else None
            waits = bool(row and row.details.get("approval_required"))
        if current == "verified":
            show_plan(workflow.plan(office, ref, service, actor=ACTOR))
            current = "planned"
        if current == "planned" and waits:
            say("{ref}: planned; approve it with `waarborg request approve`", ref=ref)
            return
        outcome = workflow.execute(office, ref, service, actor=ACTOR)
    say("{ref}: answered ({outcome}); the answer is in the outbox", ref=ref, outcome=outcome)


@request_app.command("approve")
def approve(ref: RefArgument) -> None:
    """Approve a planned request (where the register asks for approval)."""
    with desk() as office:
        workflow.approve(office, ref, actor=ACTOR)
    say("{ref}: approved", ref=ref)


@request_app.command("extend")
def extend(
    ref: RefArgument,
    reason: Annotated[str, typer.Option("--reason", help="Why; the person is sent it.")],
    months: Annotated[int, typer.Option("--months", help="1 or 2.")] = 2,
) -> None:
    """Extend the term by one or two months (Art. 12(3)), while it runs, with reasons."""
    with desk() as office:
        until = workflow.extend(office, ref, months, reason, actor=ACTOR)
    say("{ref}: due on {until}; the person is told by mail", ref=ref, until=until.isoformat())


@request_app.command("reject")
def reject(
    ref: RefArgument,
    reason: Annotated[str, typer.Option("--reason", help="Why; the person is sent it.")],
) -> None:
    """Refuse a request with reasons (the mail names the right to complain to the AP)."""
    with desk() as office:
        workflow.reject(office, ref, reason, actor=ACTOR)
    say("{ref}: refused; the person is told by mail", ref=ref)


@request_app.command("close")
def close(ref: RefArgument) -> None:
    """Reduce an answered or refused request to its anonymised record."""
    with desk() as office:
        workflow.close(office, ref, actor=ACTOR)
    say("{ref}: closed", ref=ref)


@request_app.command("login-key")
def login_key() -> None:
    """Print the key for login assertions (keep it as secret as a password)."""
    with desk() as office:
        key = office.login_key()
    say("Sign assertions with this key (see docs/centre.md):")
    typer.echo(key)
