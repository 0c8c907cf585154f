"""The consent API against SQLite and PostgreSQL: give, refuse, withdraw, read back,
and the decision honouring it at once."""

from __future__ import annotations

from typing import Any, get_args

from sqlalchemy import select

from tests.web.conftest import Served
from waarborg.store.audit_tables import AuditEntry
from waarborg.store.consent_tables import COLLECTION_METHODS, ConsentRecord
from waarborg.store.consents import text_hash
from waarborg.web.api.consent_schemas import Method

SHOWN = "Mogen wij uw locatie gebruiken om de dichtstbijzijnde winkel te tonen?"


def _give(served: Served, state: str = "given", **holder: Any) -> Any:
    body = {
        "activity": "location",
        "state": state,
        "language": "nl",
        "collection_method": "form",
        "shown_text": SHOWN,
        **(holder or {"subject": {"email": "an@example.nl"}}),
    }
    return served.client.post("/api/consents", json=body, headers=served.auth())


def _decide(served: Served) -> Any:
    body = {"subject": {"email": "an@example.nl"}, "activity": "location", "categories": []}
    return served.client.post("/api/decide", json=body, headers=served.auth()).json()


def test_consent_given_is_proven_and_allows_the_activity(served: Served) -> None:
    assert _decide(served)["allowed"] is False
    answer = _give(served)
    assert answer.status_code == 201, answer.text
    given = answer.json()
    assert given["state"] == "given"
    assert given["shown_text_hash"] == text_hash(SHOWN)
    assert given["purposes"] == ["location-services"]
    assert given["collection_method"] == "form"
    assert _decide(served)["allowed"] is True
    with served.store.reading() as session:
        row = session.scalar(select(ConsentRecord).where(ConsentRecord.ref == given["record"]))
        assert row is not None and row.subject_id is not None
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "consent.given" in actions


def test_withdrawal_is_as_easy_and_honoured_at_once(served: Served) -> None:
    _give(served)
    answer = served.client.post(
        "/api/consents/withdraw",
        json={"subject": {"email": "an@example.nl"}, "activity": "location", "method": "account"},
        headers=served.auth(),
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"] == "withdrawn"
    assert answer.json()["withdrawal_method"] == "account"
    decision = _decide(served)
    assert decision["allowed"] is False
    assert "consent-withdrawn" in [r["code"] for r in decision["reasons"]]
    again = served.client.post(
        "/api/consents/withdraw",
        json={"subject": {"email": "an@example.nl"}, "activity": "location"},
        headers=served.auth(),
    )
    assert again.status_code == 404


def test_refusing_after_giving_withdraws_and_the_state_reads_back(served: Served) -> None:
    first = _give(served).json()
    refused = _give(served, "refused").json()
    assert refused["state"] == "refused"
    state = served.client.post(
        "/api/consents/state", json={"subject": {"email": "an@example.nl"}}, headers=served.auth()
    ).json()
    assert [c["state"] for c in state["consents"]] == ["refused"]
    assert state["subject"].startswith("sub_")
    with served.store.reading() as session:
        old = session.scalar(select(ConsentRecord).where(ConsentRecord.ref == first["record"]))
        new = session.scalar(select(ConsentRecord).where(ConsentRecord.ref == refused["record"]))
        assert old is not None and new is not None
        assert old.state == "withdrawn" and new.supersedes_id == old.id


def test_anonymous_cookie_consent_reads_back(served: Served) -> None:
    visitor = {"anonymous_id": "v" * 24}
    body = {
        "activity": "cookies:analytics",
        "state": "given",
        "language": "en",
        "collection_method": "banner",
        "shown_text_hash": "a" * 64,
        **visitor,
    }
    assert served.client.post("/api/consents", json=body, headers=served.auth()).status_code == 201
    state = served.client.post("/api/consents/state", json=visitor, headers=served.auth()).json()
    assert state["subject"] is None
    assert [(c["activity"], c["state"]) for c in state["consents"]] == [
        ("cookies:analytics", "given")
    ]
    unknown = served.client.post(
        "/api/consents", json={**body, "activity": "cookies:nonsense"}, headers=served.auth()
    )
    assert unknown.status_code == 422


def test_a_consent_needs_the_text_shown_and_one_holder(served: Served) -> None:
    body = {"activity": "location", "state": "given", "language": "nl"}
    body |= {"collection_method": "form", "subject": {"email": "an@example.nl"}}
    assert served.client.post("/api/consents", json=body, headers=served.auth()).status_code == 422
    both = {**body, "shown_text": "x", "anonymous_id": "v" * 24}
    assert served.client.post("/api/consents", json=both, headers=served.auth()).status_code == 422
    assert served.client.post("/api/consents", json={**body, "shown_text": "x"}).status_code == 401


def test_the_api_offers_every_collection_method_the_store_knows() -> None:
    assert set(get_args(Method)) == set(COLLECTION_METHODS)
