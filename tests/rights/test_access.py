"""The access package: every value of the person, labelled, and a readable summary."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.rights.helpers import fulfilment
from tests.shops import Business, business_url, whmcs, woocommerce
from waarborg.rights.package import build_package
from waarborg.systems.found import Identity

MADE = datetime(2026, 6, 1, 12, tzinfo=UTC)


def package(business: Business, index: int, lang: str, tmp_path: Path) -> zipfile.ZipFile:
    who = business.data.person(index)
    with fulfilment(business, tmp_path / "store.db") as service:
        outcome, collections = service.access([Identity("email", who.email)])
        ledger = service.ledger
    data = build_package(
        business.register,
        business.systems,
        collections,
        subject_ref=outcome.subject_ref,
        lang=lang,
        made_at=MADE,
    )
    assert [e.action for e in ledger.events] == ["request.read"] * len(  # type: ignore[attr-defined]
        [t for c in collections for t in c.found()]
    )
    return zipfile.ZipFile(io.BytesIO(data))


@pytest.mark.parametrize("kind", ["sqlite", "mysql"])
def test_woocommerce_package_holds_exactly_the_persons_rows(kind: str, tmp_path: Path) -> None:
    with business_url(kind, tmp_path) as url:
        shop = woocommerce(url, customers=10)
        index = max(range(10), key=lambda i: len(shop.data.truth.of(i).get("wp_wc_orders", ())))
        who = shop.data.person(index)
        archive = package(shop, index, "nl", tmp_path)
        exported = json.loads(archive.read("shop.json"))
        owned = shop.data.truth.of(index)
        for table, keys in owned.items():
            rows = exported["tables"][table]["rows"]
            if shop.systems.systems["shop"].tables[table].meta is None:
                assert len(rows) == len(keys), table
        orders = exported["tables"]["wp_wc_orders"]
        assert orders["categories"]["billing_email"] == "email"
        assert {r["billing_email"].lower() for r in orders["rows"] if r["billing_email"]} == {
            who.email
        }
        usermeta = exported["tables"].get("wp_usermeta", {"rows": []})["rows"]
        assert all(r["key"] not in ("rich_editing", "wp_capabilities") for r in usermeta)
        assert "user_pass" not in json.dumps(exported)  # passwords are never handed out
        text = " ".join(archive.read(n).decode() for n in archive.namelist()).lower()
        others = [shop.data.person(i).email for i in range(10) if i != index]
        assert not any(email in text for email in others)
        with archive.open("shop/wp_wc_orders.csv") as handle:
            lines = list(csv.reader(io.TextIOWrapper(handle, "utf-8")))
        assert lines[0][1] == "billing_email" and len(lines) == len(owned["wp_wc_orders"]) + 1


def test_summary_lists_per_activity_categories_purpose_basis_retention_and_recipients(
    tmp_path: Path,
) -> None:
    with business_url("sqlite", tmp_path) as url:
        install = whmcs(url, clients=6)
        index = next(i for i in range(6) if install.data.truth.of(i).get("tblinvoices"))
        dutch = package(install, index, "nl", tmp_path).read("index.html").decode()
        english = package(install, index, "en", tmp_path).read("index.html").decode()
    assert "Afhandelen bestelling" in dutch and "Handling your order" in english
    assert "het afhandelen van uw bestelling" in dutch  # the purpose
    assert "toestemming" in dutch and "consent" in english  # the legal basis
    assert "7 jaar na afronding van de bestelling" in dutch
    assert "7 years after completion of the order" in english
    assert "bezorgdienst" in dutch.lower() or "delivery" in english.lower()
    assert "Uw persoonsgegevens bij Weservit B.V." in dutch
    assert "e-mailadres" in dutch and "email address" in english


def test_a_person_without_data_gets_an_empty_package(tmp_path: Path) -> None:
    with business_url("sqlite", tmp_path) as url:
        shop = woocommerce(url, customers=3)
        with fulfilment(shop, tmp_path / "store.db") as service:
            outcome, collections = service.access([Identity("email", "niemand@example.nl")])
        data = build_package(
            shop.register,
            shop.systems,
            collections,
            subject_ref=outcome.subject_ref,
            lang="en",
            made_at=MADE,
        )
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert json.loads(archive.read("shop.json"))["tables"] == {}
    assert "We hold no personal data about you" in archive.read("index.html").decode()
