"""The hand-written lower bounds do exactly waarborg's work, or the ratio means nothing.

On a small generated data set, waarborg's erasure of some people and the hand-written
one (each on its own fresh copy of the same data) leave identical databases, and
access finds the same rows, on SQLite, PostgreSQL and MariaDB.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from bench.datasets import SHAPE, TODAY, Shape
from bench.handwritten_custom import CustomHandWritten
from bench.handwritten_whmcs import WhmcsHandWritten

from waarborg.rights.execute import erasure_changes
from waarborg.rights.plan import plan_erasure
from waarborg.systems.collect import collect
from waarborg.systems.connect import Connector
from waarborg.systems.found import Identity
from waarborg.testdata.truth import load

SECRET = b"bench"
SIZE = 40
PEOPLE = (0, 3, 7, 11, 19, 23, 31, 38)


def _fresh(url: str, shape: Shape) -> None:
    engine = sa.create_engine(url)
    try:
        metadata = shape.metadata()
        metadata.drop_all(engine)
        load(engine, metadata, shape.generator(SIZE).rows(500))
    finally:
        engine.dispose()


def _dump(url: str, shape: Shape) -> dict[str, list[tuple[Any, ...]]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                name: [
                    tuple(str(v) if v is not None else None for v in row)
                    for row in connection.execute(sa.select(table).order_by(table.c.id))
                ]
                for name, table in shape.metadata().tables.items()
            }
    finally:
        engine.dispose()


def _waarborg(url: str, shape: Shape) -> tuple[dict[str, int], dict[str, int]]:
    register = shape.register()
    connector = Connector.open(shape.systems(register), shape.system, {shape.env: url})
    found, kinds = {}, {"delete": 0, "mask": 0, "hold": 0}
    try:
        for index in PEOPLE:
            email = shape.person(SIZE, index).email
            identity = [Identity("email", email)]
            found[email] = collect(connector, identity).count()
            collection = collect(connector, identity, holds=True)
            plan = plan_erasure(register, [collection], TODAY)
            for table in plan.tables:
                for kind in kinds:
                    kinds[kind] += len(getattr(table, kind))
            erasure_changes(connector, plan.tables, SECRET)
    finally:
        connector.dispose()
    return found, kinds


HAND = {"custom": CustomHandWritten, "whmcs": WhmcsHandWritten}


def _hand(url: str, shape: Shape) -> dict[str, int]:
    hand = HAND[shape.name](url, TODAY, SECRET)
    found = {}
    try:
        for index in PEOPLE:
            email = shape.person(SIZE, index).email
            found[email] = hand.access(email)
            assert hand.erase(email) == found[email]
    finally:
        hand.dispose()
    return found


def _same_work(url: str, name: str) -> None:
    shape = SHAPE[name]
    _fresh(url, shape)
    ours, kinds = _waarborg(url, shape)
    after_ours = _dump(url, shape)
    _fresh(url, shape)
    theirs = _hand(url, shape)
    after_theirs = _dump(url, shape)
    assert kinds["delete"] and kinds["hold"], kinds  # the data set exercises both
    assert theirs == ours
    assert after_theirs == after_ours


SHAPES = pytest.mark.parametrize("name", ["custom", "whmcs"])


@SHAPES
def test_lower_bound_does_waarborgs_work_on_sqlite(tmp_path: Path, name: str) -> None:
    _same_work(f"sqlite:///{tmp_path / 'data.db'}", name)


@SHAPES
def test_lower_bound_does_waarborgs_work_on_postgresql(postgres_url: str, name: str) -> None:
    _same_work(postgres_url, name)


@SHAPES
def test_lower_bound_does_waarborgs_work_on_mariadb(mysql_url: str, name: str) -> None:
    _same_work(mysql_url, name)


@pytest.mark.parametrize("size", [SIZE])
def test_an_erased_person_is_gone_for_the_lower_bound_too(tmp_path: Path, size: int) -> None:
    url = f"sqlite:///{tmp_path / 'bikes.db'}"
    shape = SHAPE["custom"]
    _fresh(url, shape)
    hand = CustomHandWritten(url, TODAY, SECRET)
    try:
        email = shape.person(size, PEOPLE[1]).email
        assert hand.access(email) > 0
        hand.erase(email)
        remaining = hand.access(email)
    finally:
        hand.dispose()
    assert remaining == 0  # the kept customer's e-mail is hashed: no longer found by it
