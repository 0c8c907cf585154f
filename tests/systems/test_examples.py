"""Every example systems map loads against its company's register."""

from __future__ import annotations

from pathlib import Path

import pytest

from waarborg.register import load_register
from waarborg.systems import load_systems

ROOT = Path(__file__).resolve().parent.parent.parent
MAPS = sorted((ROOT / "examples").glob("*/systems.yaml"))


@pytest.mark.parametrize("path", MAPS, ids=[p.parent.name for p in MAPS])
def test_example_map_loads(path: Path) -> None:
    systems = load_systems(path, load_register(path.parent / "register.yaml"))
    assert systems.systems


def test_there_are_examples() -> None:
    assert {p.parent.name for p in MAPS} >= {"itsb", "weservit"}
