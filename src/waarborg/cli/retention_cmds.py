"""`waarborg retention …`: what is due under the register's retention rules, and the sweep.

Output gives tables, counts and dates, never a row's values or keys.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated

import typer

from waarborg._exceptions import InputError
from waarborg.cli._app import app, say, state
from waarborg.cli._runtime import organisation_store
from waarborg.cli.systems_cmds import RegisterOption, SystemsOption, load_both, register_path
from waarborg.i18n import N_
from waarborg.register import load_register
from waarborg.retention import DEFAULT_BATCH, RetentionPlan, RunSummary, plan, recent_runs, run
from waarborg.retention.events import store_events

retention_app = typer.Typer(
    help="Retention enforced: what is due, and sweeps that erase it.", no_args_is_help=True
)
app.add_typer(retention_app, name="retention")


DRY_RUN_DONE = N_("run {ref} (dry run): {due} row(s) due, nothing changed")
RUN_DONE = N_("run {ref}: {deleted} row(s) deleted, {masked} masked, {due} were due")
PAST_DRY_RUN = N_("{ref} {state} on {day} (dry run): {due} due")
PAST_RUN = N_("{ref} {state} on {day}: {deleted} deleted, {masked} masked")


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[
    Format, typer.Option("--format", help="text (default) or json, for scripts.")
]
OnOption = Annotated[
    str | None,
    typer.Option("--on", help="Count as on this day (YYYY-MM-DD); default today (UTC)."),
]


def _day(on: str | None) -> date:
    if on is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(on)
    except ValueError:
        raise InputError("write the day as YYYY-MM-DD", field="on") from None


def show_plan(result: RetentionPlan) -> None:
    say("retention plan on {day}:", day=result.as_of.isoformat())
    for table in result.tables:
        if not table.last_due_anchor and not table.reasons:
            continue
        say(
            "  {system}.{table} ({action}): {now} due now, {soon} more within 30 days, "
            "{rows} row(s)",
            system=table.system,
            table=table.table,
            action=table.action,
            now=table.due_now,
            soon=table.due_next_30_days,
            rows=table.rows,
        )
        for reason in table.reasons:
            say("    rule: {reason}", reason=reason)
    say(
        "{now} row(s) due now, {soon} more within 30 days",
        now=result.due_now(),
        soon=result.due_next_30_days(),
    )


@retention_app.command("plan")
def plan_cmd(
    register: RegisterOption = None,
    systems: SystemsOption = None,
    output: FormatOption = Format.text,
    on: OnOption = None,
) -> None:
    """Per system, table and action: rows due now and within the next 30 days."""
    loaded_register, loaded_systems = load_both(register, systems)
    # the posted events (account-closed, ...) live in the store
    with organisation_store(loaded_register.organisation.name) as (store, organisation):
        result = plan(
            loaded_register, loaded_systems, os.environ, today=_day(on),
            events=store_events(store, organisation),
        )  # fmt: skip
    if output is Format.json:
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        show_plan(result)


def show_run(summary: RunSummary) -> None:
    for system, tables in summary.report.get("systems", {}).items():
        for name, counts in tables.items():
            if counts.get("due") or counts.get("deleted") or counts.get("masked"):
                say(
                    "{system}.{table}: {due} due, {deleted} deleted, {masked} masked, {kept} kept",
                    system=system,
                    table=name,
                    due=counts.get("due", 0),
                    deleted=counts.get("deleted", 0),
                    masked=counts.get("masked", 0),
                    kept=counts.get("kept", 0),
                )
    totals = summary.totals()
    say(DRY_RUN_DONE if summary.dry_run else RUN_DONE, ref=summary.ref, **totals)


@retention_app.command("run")
def run_cmd(
    register: RegisterOption = None,
    systems: SystemsOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count and report only; change nothing.")
    ] = False,
    batch: Annotated[
        int,
        typer.Option(
            "--batch", min=1, help="At most this many rows per transaction (default 1000)."
        ),
    ] = DEFAULT_BATCH,
    on: OnOption = None,
    output: FormatOption = Format.text,
) -> None:
    """Sweep every due row: each table's erasure action, in batches, with a run report."""
    loaded_register, loaded_systems = load_both(register, systems)
    with organisation_store(loaded_register.organisation.name) as (store, organisation):
        summary = run(
            store, organisation, loaded_register, loaded_systems, os.environ,
            today=_day(on), secret=state.settings().secret(), dry_run=dry_run, batch=batch,
        )  # fmt: skip
    if output is Format.json:
        typer.echo(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False))
    else:
        show_run(summary)
    if summary.state == "failed":
        raise typer.Exit(2)


@retention_app.command("runs")
def runs_cmd(
    register: RegisterOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many (default 10).")] = 10,
    output: FormatOption = Format.text,
) -> None:
    """Past runs, newest first."""
    loaded = load_register(register_path(register))
    with organisation_store(loaded.organisation.name) as (store, organisation):
        found = recent_runs(store, organisation, limit)
    if output is Format.json:
        typer.echo(json.dumps([r.to_dict() for r in found], indent=2, ensure_ascii=False))
        return
    for summary in found:
        totals = summary.totals()
        say(
            PAST_DRY_RUN if summary.dry_run else PAST_RUN,
            ref=summary.ref,
            state=summary.state,
            day=summary.as_of.isoformat(),
            due=totals["due"],
            deleted=totals["deleted"],
            masked=totals["masked"],
        )
    if not found:
        say("no retention runs yet")
