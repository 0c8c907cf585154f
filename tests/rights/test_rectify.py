"""Rectification: validated values written wherever the person's current data is;
records kept under a legal hold stay as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.rights.helpers import dump, fulfilment
from tests.shops import business_url, whmcs, woocommerce
from waarborg import InputError
from waarborg.rights.rectify import validate_fields
from waarborg.systems.found import Identity


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("postcode", "5391lj", "5391 LJ"),
        ("phone", "06-12345678", "+31 6 12345678"),
        ("iban", "nl91 abna 0417 1643 00", "NL91ABNA0417164300"),
        ("email", " Jan.Jansen@Example.NL ", "jan.jansen@example.nl"),
        ("country", "nl", "NL"),
        ("city", " Nuland ", "Nuland"),
    ],
)
def test_values_are_checked_and_written_the_way_they_are_stored(
    field: str, value: str, expected: str
) -> None:
    assert validate_fields({field: value}) == {field: expected}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("postcode", "1234 SA"),  # PostNL never issues SA, SD or SS
        ("postcode", "0123 AB"),
        ("phone", "06-1234"),
        ("iban", "NL91ABNA0417164301"),  # wrong check digits
        ("email", "jan.example.nl"),
        ("favourite-colour", "blue"),
    ],
)
def test_invalid_values_name_their_field(field: str, value: str) -> None:
    with pytest.raises(InputError) as caught:
        validate_fields({field: value})
    assert caught.value.field == field


def test_rectify_postcode_and_phone_across_tables_but_not_in_held_orders(tmp_path: Path) -> None:
    with business_url("sqlite", tmp_path) as url:
        shop = woocommerce(url, customers=10)
        index = next(
            i
            for i in range(10)
            if shop.data.truth.of(i).get("wp_users") and shop.data.truth.of(i).get("wp_wc_orders")
        )
        who = shop.data.person(index)
        values = validate_fields({"postcode": "5391 LJ", "phone": "0612345678"})
        before = dump(url)
        with fulfilment(shop, tmp_path / "store.db") as service:
            outcome = service.rectify([Identity("email", who.email)], values)
            again = service.rectify([Identity("email", who.email)], values)
        assert outcome.rewritten() > 0 and again.rewritten() == 0
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT meta_key, meta_value FROM wp_usermeta WHERE user_id = :u"),
                {"u": next(iter(shop.data.truth.of(index)["wp_users"]))[0]},
            )
            meta = {key: value for key, value in rows}
            lookup = connection.execute(
                sa.text("SELECT postcode FROM wp_wc_customer_lookup WHERE email = :e"),
                {"e": who.email},
            ).scalar_one()
        engine.dispose()
        assert meta["billing_postcode"] == "5391 LJ" and meta["shipping_postcode"] == "5391 LJ"
        assert meta["billing_phone"] == "+31 6 12345678"
        assert meta["rich_editing"] == "true"
        assert lookup == "5391 LJ"
        held = {(t.table, h.key) for t, h in outcome.plan.held()}
        after = dump(url)
        assert held, "recent orders are under the fiscal hold"
        for table, key in held:
            assert after[table][key] == before[table][key]


@pytest.mark.parametrize("kind", ["sqlite", "mysql"])
def test_whmcs_rectify_changes_the_client_not_their_contacts(kind: str, tmp_path: Path) -> None:
    with business_url(kind, tmp_path) as url:
        install = whmcs(url, clients=12)
        index = next(i for i in range(12) if install.data.truth.of(i).get("tblcontacts"))
        who = install.data.person(index)
        before = dump(url)
        with fulfilment(install, tmp_path / "store.db") as service:
            service.rectify(
                [Identity("email", who.email)], validate_fields({"phone": "0201234567"})
            )
        after = dump(url)
    (client,) = install.data.truth.of(index)["tblclients"]
    (contact,) = install.data.truth.of(index)["tblcontacts"]
    assert "+31 20 123 4567" in after["tblclients"][client]
    assert after["tblcontacts"][contact] == before["tblcontacts"][contact]
