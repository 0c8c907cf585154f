"""Consent records travel in the access package (Art. 15): consents.json and the summary."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from tests.rights.helpers import fulfilment
from tests.shops import business_url, woocommerce
from waarborg.consent.records import Holder, Shown, choose, history, withdraw
from waarborg.rights.package import build_package
from waarborg.store.consents import text_hash
from waarborg.store.subjects import subject_by_ref
from waarborg.systems.found import Identity


def test_the_access_package_lists_every_consent_with_its_proof(tmp_path: Path) -> None:
    with business_url("sqlite", tmp_path) as url:
        shop = woocommerce(url, customers=3)
        who = shop.data.person(0)
        with fulfilment(shop, tmp_path / "store.db") as service:
            outcome, collections = service.access([Identity("email", who.email)])
            org = service.organisation_id
            with service.store.transaction() as session:
                holder = Holder(subject=subject_by_ref(session, org, outcome.subject_ref))
                shown = Shown(text_hash("Nieuwsbrief?"), "nl", "double-opt-in", ["newsletter"])
                choose(
                    session,
                    org,
                    holder,
                    activity="newsletter",
                    given=True,
                    shown=shown,
                    actor="test",
                )
                withdraw(
                    session,
                    org,
                    holder,
                    activity="newsletter",
                    method="unsubscribe-link",
                    actor="test",
                )
                consents = history(session, org, holder.subject)  # type: ignore[arg-type]
        data = build_package(
            shop.register,
            shop.systems,
            collections,
            subject_ref=outcome.subject_ref,
            lang="nl",
            made_at=datetime(2026, 6, 1, tzinfo=UTC),
            consents=consents,
        )
    archive = zipfile.ZipFile(io.BytesIO(data))
    exported = json.loads(archive.read("consents.json"))
    assert exported["subject"] == outcome.subject_ref
    (record,) = exported["consents"]
    assert record["activity"] == "newsletter"
    assert record["state"] == "withdrawn"
    assert record["withdrawal_method"] == "unsubscribe-link"
    assert record["shown_text_hash"] == text_hash("Nieuwsbrief?")
    summary = archive.read("index.html").decode()
    assert "Uw toestemmingen" in summary and "ingetrokken" in summary
