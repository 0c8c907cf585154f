"""Acceptance: on generated WooCommerce and WHMCS databases with orders over ten years,
a sweep erases exactly the rows past their term, keeps every invoice younger than
seven years after the end of its book year, and a second run changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.retention.oracle import dump, expected_due
from tests.shops import TODAY, Business, business_url, whmcs, woocommerce
from waarborg.retention import plan, recent_runs, run
from waarborg.store import Store

SECRET = b"test-installation-secret"


@pytest.fixture(params=["sqlite", "postgresql", "mysql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with business_url(request.param, tmp_path) as url:
        yield url


def _store(tmp_path: Path) -> tuple[Store, int]:
    store = Store(f"sqlite:///{tmp_path / 'waarborg.db'}")
    store.upgrade()
    return store, store.ensure_organisation("Test BV")


def fiscal_last_day(day: date) -> date:
    """AWR art. 52 lid 4: kept seven years from the end of the book year (31 December)."""
    return date(day.year + 7, 12, 31)


def _year_of(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def sweep_and_check(business: Business, tmp_path: Path, invoices: dict[str, str]) -> None:
    store, org = _store(tmp_path)
    before = dump(business.url)
    due = expected_due(business, TODAY)
    assert sum(len(keys) for keys in due.values()) > 20, "the generator made old rows"
    planned = plan(business.register, business.systems, business.env, today=TODAY)
    assert {t.table: t.due_now for t in planned.tables} == {t: len(k) for t, k in due.items()}

    first = run(store, org, business.register, business.systems, business.env,
                today=TODAY, secret=SECRET, batch=7)  # fmt: skip
    after = dump(business.url)
    spec = business.systems.systems[business.system_id].tables
    for table, rows in before.items():
        mapped = spec.get(table)
        for key, row in rows.items():
            if table in due and key in due[table] and mapped and mapped.erasure.action != "mask":
                assert key not in after[table], (table, key)
            elif table in due and key in due[table]:
                assert key in after[table], (table, key)  # masked in place
            else:
                assert after[table].get(key) == row, (table, key)  # not due: untouched
    # the fiscal duty, checked with the statute's arithmetic rather than the code's
    for table, column in invoices.items():
        kept_young = 0
        for key, row in before[table].items():
            created = _year_of(_value(business, table, column, row))
            if fiscal_last_day(created) >= TODAY:
                assert key in after[table], (table, key)
                kept_young += 1
            else:
                assert key not in after[table], (table, key)
        assert kept_young > 0
    report = first.report["systems"][business.system_id]
    assert sum(c["deleted"] for c in report.values()) == sum(
        len(due[t]) for t in due if spec[t].erasure.action != "mask"
    )
    assert first.state == "done"

    second = run(store, org, business.register, business.systems, business.env,
                 today=TODAY, secret=SECRET, batch=50)  # fmt: skip
    assert dump(business.url) == after
    assert second.totals()["deleted"] == 0 and second.totals()["masked"] == 0
    assert [r.ref for r in recent_runs(store, org, 5)] == [second.ref, first.ref]
    store.dispose()


def _value(business: Business, table: str, column: str, row: tuple[Any, ...]) -> Any:
    import sqlalchemy as sa

    engine = business.engine()
    try:
        names = [c["name"] for c in sa.inspect(engine).get_columns(table)]
    finally:
        engine.dispose()
    return row[names.index(column)]


def test_woocommerce_sweep_erases_exactly_what_is_due(backend: str, tmp_path: Path) -> None:
    business = woocommerce(backend, customers=30)
    sweep_and_check(business, tmp_path, {"wp_wc_orders": "date_created_gmt"})


def test_whmcs_sweep_keeps_invoices_for_seven_years(backend: str, tmp_path: Path) -> None:
    business = whmcs(backend, clients=30)
    sweep_and_check(business, tmp_path, {"tblinvoices": "date"})
