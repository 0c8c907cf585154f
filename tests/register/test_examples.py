"""The example registers of the reference customers load without problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED_COMPANIES
from waarborg import load_register

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("company", SEED_COMPANIES)
def test_example_register_loads(company: str) -> None:
    path = ROOT / "examples" / company / "register.yaml"
    if not path.exists():
        pytest.fail(f"examples/{company}/register.yaml is missing")
    register = load_register(path)
    assert register.activities
    assert set(register.statement.languages) == {"nl", "en"}
