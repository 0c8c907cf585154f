"""The privacy contact's commands: list what is due, handle, extend, reject, close."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.rights.office import ROOT, SECRET, WITH_INVOICES, Office
from waarborg.cli import app
from waarborg.rights import workflow
from waarborg.store import utcnow


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_list_handle_extend_reject_close(
    sqlite_office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = sqlite_office
    monkeypatch.setenv("WAARBORG_SECRET_KEY", SECRET)
    monkeypatch.setenv("WESERVIT_DATABASE_URL", office.env["WESERVIT_DATABASE_URL"])
    monkeypatch.setenv("WAARBORG_SMTP_PORT", str(office.smtp.port))
    head = ["--lang", "en", "--data-dir", str(tmp_path), "--db", office.store.url]
    register = ["--register", str(ROOT / "examples" / "weservit" / "register.yaml")]
    email = office.customer(WITH_INVOICES)
    refs = []
    for address, days in ((email, 40), ("tweede@example.com", 2)):
        at = utcnow() - timedelta(days=days)
        submitted = workflow.submit(
            office.desk,
            office.register,
            office.organisation_id,
            kind="access",
            email=address,
            language="en",
            now=at,
        )
        workflow.verify(office.desk, submitted.token, now=at)
        refs.append(submitted.ref)
    late, fresh = refs
    listed = run(*head, "request", "list", *register)
    assert listed.index("Overdue:") < listed.index(late) < listed.index("Later:")
    assert listed.index("Later:") < listed.index(fresh)
    assert email not in listed

    handled = run(*head, "request", "handle", late, *register)
    assert "business:" in handled and f"{late}: answered (done)" in handled
    extended = run(
        *head, "request", "extend", fresh, "--months", "1", "--reason", "Three systems to search."
    )
    assert f"{fresh}: due on" in extended
    run(*head, "request", "reject", fresh, "--reason", "A repeated request, answered last week.")
    assert "closed" in run(*head, "request", "close", fresh)
    assert "closed" in run(*head, "request", "close", late)
    assert "no open requests" in run(*head, "request", "list", *register)
