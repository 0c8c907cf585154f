"""`waarborg user add|list`: an account whose printed secret yields working codes."""

from __future__ import annotations

import re
from pathlib import Path

import pyotp
from typer.testing import CliRunner

from waarborg.cli import app
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.store.admins import check_login

ROOT = Path(__file__).resolve().parents[2]
WESERVIT = str(ROOT / "examples" / "weservit" / "register.yaml")


def test_user_add_prints_the_secret_once_and_it_signs_in(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--lang", "en", "--data-dir", str(tmp_path), "user"]
    result = runner.invoke(
        app, [*base, "add", "anna", "--role", "support", "--register", WESERVIT],
        input="correct horse battery staple\ncorrect horse battery staple\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "correct horse" not in result.output, "the password is never echoed"
    uri = re.search(r"otpauth://totp/\S+", result.output)
    secret = re.search(r"or type the secret: ([A-Z2-7]{32})", result.output)
    assert uri and secret and secret.group(1) in uri.group(0)
    store = Store(Settings(data_dir=tmp_path).store_url)
    with store.transaction() as session:
        account = check_login(
            session, 1, "anna", "correct horse battery staple",
            pyotp.TOTP(secret.group(1)).now(),
        )  # fmt: skip
    store.dispose()
    assert account.role == "support"
    listed = runner.invoke(app, [*base, "list"])
    assert listed.exit_code == 0 and "anna" in listed.output and "support" in listed.output
    assert secret.group(1) not in listed.output
    again = runner.invoke(app, [*base, "add", "anna", "--password", "another long password"])
    assert again.exit_code == 2 and "taken" in again.output
