"""The JSON API as a web developer meets it: keys, organisations, validation, decisions."""

from __future__ import annotations

import time
from pathlib import Path

from tests.web.conftest import Served, serve
from waarborg import audit
from waarborg.store.apikeys import create_api_key, revoke_api_key
from waarborg.store.consents import record_consent, text_hash
from waarborg.store.subjects import Identity, find_or_create_subject

DECIDE = {
    "subject": {"email": "jan@example.nl"},
    "activity": "order-handling",
    "categories": ["email", "naw"],
}


def entries(served: Served, site: str = "weservit") -> list[audit.AuditRecord]:
    org = getattr(served, site).organisation_id
    with served.store.reading() as session:
        return list(audit.entries(session.connection(), org))


def test_no_key_or_a_bad_key_is_401(served: Served) -> None:
    client = served.client
    for headers in (
        {},
        {"Authorization": "Basic dXNlcjpwdw=="},
        {"Authorization": "Bearer nonsense"},
        {"Authorization": f"Bearer {served.key[:-2]}xx"},
        {"Authorization": f"Bearer {served.key}"[:-1]},
    ):
        response = client.post("/api/decide", json=DECIDE, headers=headers)
        assert response.status_code == 401, headers
        assert response.json()["error"] == "unauthenticated"
        assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/activities").status_code == 401


def test_a_revoked_key_is_refused(served: Served) -> None:
    assert served.client.post("/api/decide", json=DECIDE, headers=served.auth()).status_code == 200
    with served.store.transaction() as session:
        revoke_api_key(session, served.key.split("_")[1])
    assert served.client.post("/api/decide", json=DECIDE, headers=served.auth()).status_code == 401


def test_a_cached_key_stops_working_when_its_time_is_up(tmp_path: Path) -> None:
    running = serve(f"sqlite:///{tmp_path / 'w.db'}", tmp_path, key_cache_seconds=0.3)
    with running.client as client:
        assert client.post("/api/decide", json=DECIDE, headers=running.auth()).status_code == 200
        with running.store.transaction() as session:
            revoke_api_key(session, running.key.split("_")[1])
        time.sleep(0.4)
        assert client.post("/api/decide", json=DECIDE, headers=running.auth()).status_code == 401
    running.store.dispose()


def test_a_key_of_another_organisation_is_403(served: Served) -> None:
    client = served.client
    webence = {"Waarborg-Organisation": served.webence.slug}
    # Webence's key on the default organisation (Weservit), then Weservit's key on Webence.
    response = client.post("/api/decide", json=DECIDE, headers=served.auth(served.other_key))
    assert response.status_code == 403 and response.json()["error"] == "forbidden"
    response = client.post("/api/decide", json=DECIDE, headers={**served.auth(), **webence})
    assert response.status_code == 403
    unknown = {"Waarborg-Organisation": "no-such-company"}
    assert client.get("/api/activities", headers={**served.auth(), **unknown}).status_code == 403
    # Each key works for its own organisation, named or by default.
    own = {**served.auth(served.other_key), **webence}
    body = {**DECIDE, "activity": client.get("/api/activities", headers=own).json()[0]["id"]}
    assert client.post("/api/decide", json=body, headers=own).status_code == 200
    named = {**served.auth(), "Waarborg-Organisation": served.weservit.slug}
    assert client.post("/api/decide", json=DECIDE, headers=named).status_code == 200
    assert entries(served, "webence")[-1].actor == f"apikey:{served.other_key.split('_')[1]}"


def test_malformed_bodies_are_422_naming_the_field(served: Served) -> None:
    def errors(body: object) -> list[dict[str, object]]:
        response = served.client.post("/api/decide", json=body, headers=served.auth())
        assert response.status_code == 422
        assert response.json()["error"] == "invalid-input"
        return response.json()["errors"]  # type: ignore[no-any-return]

    assert [e["field"] for e in errors({"categories": ["email"]})] == ["activity"]
    assert errors({**DECIDE, "categories": "email"})[0]["field"] == "categories"
    assert errors({**DECIDE, "colour": "red"})[0]["field"] == "colour"
    assert errors({**DECIDE, "at": "2026-01-01T10:00:00"})[0]["field"] == "at"
    assert errors({**DECIDE, "subject": {"ref": "sub_123"}})[0]["field"] == "subject.ref"
    unknown = errors({**DECIDE, "activity": "order-handlin"})[0]
    assert unknown["field"] == "activity" and "order-handling" in unknown["allowed"]  # type: ignore[operator]
    category = errors({**DECIDE, "categories": ["email", "shoe-size"]})[0]
    assert category["field"] == "categories" and "ip-address" in category["allowed"]  # type: ignore[operator]
    response = served.client.post(
        "/api/decide",
        content=b'{"activity": ',
        headers={**served.auth(), "content-type": "application/json"},
    )
    assert response.status_code == 422


def test_decide_reads_a_bad_body_as_every_other_route_does(served: Served) -> None:
    """/api/decide reads its body by hand (speed); its answers match FastAPI's own.

    /api/access-log is read by FastAPI: for bodies that fail before the model is
    looked at, both must answer alike.
    """
    json_type = {"content-type": "application/json"}
    bodies: list[tuple[bytes, dict[str, str]]] = [
        (b'{"activity": "order-handling"}', {"content-type": "text/plain"}),
        (b'{"activity": "order-handling"}', {}),
        (b"activity=order-handling", {"content-type": "application/x-www-form-urlencoded"}),
        (b"", json_type),
        (b'{"activity": ', json_type),
        (b"[1]", json_type),
        (b"null", json_type),
        (b'{"activity": "\xff"}', json_type),  # not UTF-8
        (b"[" * 100_000 + b"]" * 100_000, json_type),  # nested beyond the parser's depth
    ]
    answers = []
    for content, headers in bodies:
        pair = [
            served.client.post(path, content=content, headers={**served.auth(), **headers})
            for path in ("/api/decide", "/api/access-log")
        ]
        assert pair[0].status_code == pair[1].status_code
        assert pair[0].json() == pair[1].json()
        fields = [e["field"] for e in pair[0].json().get("errors", [])]
        answers.append((pair[0].status_code, fields))
    assert answers == [
        (422, ["body"]),
        (422, ["body"]),
        (422, ["body"]),
        (422, ["body"]),
        (422, ["13"]),
        (422, ["body"]),
        (422, ["body"]),
        (400, []),
        (400, []),
    ]
    vendor = {**served.auth(), "content-type": "application/vnd.shop+json; charset=utf-8"}
    assert served.client.post("/api/decide", json=DECIDE, headers=vendor).status_code == 200


def test_error_bodies_never_echo_personal_data(served: Served) -> None:
    address = "geheim.adres@example.nl"
    for body in (
        {**DECIDE, "subject": {"email": address, "phone": "0612345678"}},
        {**DECIDE, "subject": {"email": "not-an-address " + address}},
        {**DECIDE, "subject": {"email": address, "name": "Jan"}},
        {**DECIDE, "activity": address},
    ):
        response = served.client.post("/api/decide", json=body, headers=served.auth())
        assert response.status_code == 422, body
        assert address not in response.text and "0612345678" not in response.text
    response = served.client.post(
        "/api/access-log",
        json={**DECIDE, "details": {"note": f"sent to {address}"}},
        headers=served.auth(),
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "details"
    assert address not in response.text
    response = served.client.post(
        "/api/subjects/lookup", json={"email": address}, headers=served.auth()
    )
    assert response.status_code == 404 and address not in response.text


def test_a_decision_is_answered_and_audit_logged(served: Served) -> None:
    org = served.weservit.organisation_id
    secret = served.app.state.waarborg.secret
    with served.store.transaction() as session:
        subject, _ = find_or_create_subject(
            session, org, [Identity("email", "jan@example.nl")], secret
        )
        record_consent(
            session, org, subject=subject, activity="order-handling", state="given",
            shown_text_hash=text_hash("Ja, graag"), language="nl", collection_method="form",
        )  # fmt: skip
    response = served.client.post("/api/decide", json=DECIDE, headers=served.auth())
    assert response.status_code == 200
    answer = response.json()
    assert answer["allowed"] is True and answer["reasons"] == []
    assert answer["subject"] == subject.ref and answer["basis"] == "consent"
    denied = served.client.post(
        "/api/decide",
        json={**DECIDE, "activity": "newsletter", "categories": ["email", "health"]},
        headers={**served.auth(), "Accept-Language": "nl-NL,nl;q=0.9"},
    ).json()
    assert denied["allowed"] is False
    assert [r["code"] for r in denied["reasons"]] == [
        "basis-unstated", "category-not-declared", "special-category-without-ground",
    ]  # fmt: skip
    assert (
        denied["reasons"][0]["message"] == "het register noemt geen grondslag voor deze verwerking"
    )
    assert denied["reasons"][0]["article"] == "Art. 6(1)"
    logged = entries(served)
    assert [(e.action, e.outcome, e.seq) for e in logged[-2:]] == [
        ("decide", "allowed", answer["audit_seq"]),
        ("decide", "denied", denied["audit_seq"]),
    ]
    last = logged[-1]
    assert last.subject_ref == subject.ref and last.system == "webshop"
    assert last.categories == ("email", "health") and "jan@" not in str(last.as_json())
    assert last.details["reasons"][0] == "basis-unstated"
    with served.store.reading() as session:
        assert audit.verify(session.connection(), org).ok


def test_a_stranger_is_decided_without_becoming_a_subject(served: Served) -> None:
    body = {**DECIDE, "subject": {"email": "nieuw@example.nl"}}
    answer = served.client.post("/api/decide", json=body, headers=served.auth()).json()
    assert answer["subject"] is None and answer["allowed"] is False
    lookup = served.client.post(
        "/api/subjects/lookup", json={"email": "nieuw@example.nl"}, headers=served.auth()
    )
    assert lookup.status_code == 404
    unknown_ref = {**DECIDE, "subject": {"ref": "sub_" + "0" * 32}}
    assert (
        served.client.post("/api/decide", json=unknown_ref, headers=served.auth()).status_code
        == 404
    )


def test_events_are_idempotent_and_count_for_retention(served: Served) -> None:
    event = {
        "kind": "order-completed",
        "reference": "WS-2015-001",
        "occurred_at": "2015-03-01T12:00:00+01:00",
        "subject": {"email": "Jan@Example.nl", "customer_id": "C-77"},
    }
    first = served.client.post("/api/events", json=event, headers=served.auth())
    assert first.status_code == 201 and first.json()["created"] is True
    again = served.client.post("/api/events", json=event, headers=served.auth())
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["subject"] == first.json()["subject"]
    by_id = served.client.post(
        "/api/subjects/lookup", json={"customer_id": "C-77"}, headers=served.auth()
    )
    assert by_id.json()["subject"] == first.json()["subject"]
    # 2015 + 7 years has passed: the order data must be gone.
    answer = served.client.post("/api/decide", json=DECIDE, headers=served.auth()).json()
    assert "retention-expired" in [r["code"] for r in answer["reasons"]]
    assert answer["keep_until"] == "2022-03-01"
    bad = served.client.post(
        "/api/events", json={**event, "kind": "order-done"}, headers=served.auth()
    )
    assert bad.status_code == 422 and "order-completed" in bad.json()["errors"][0]["allowed"]


def test_an_access_elsewhere_is_logged_and_judged(served: Served) -> None:
    body = {**DECIDE, "subject": {"customer_id": "C-9"}, "details": {"screen": "invoices"}}
    response = served.client.post("/api/access-log", json=body, headers=served.auth())
    assert response.status_code == 201
    answer = response.json()
    assert answer["subject"].startswith("sub_") and answer["allowed"] is False
    last = entries(served)[-1]
    assert (last.action, last.outcome, last.subject_ref) == ("access", "denied", answer["subject"])
    assert last.details["screen"] == "invoices" and last.seq == answer["audit_seq"]


def test_activities_list_the_valid_ids(served: Served) -> None:
    listed = served.client.get("/api/activities", headers=served.auth()).json()
    ids = [a["id"] for a in listed]
    assert ids[0] == "order-handling" and "newsletter" in ids
    assert "ip-address" in listed[0]["data_categories"]


def test_security_headers_on_pages_and_api(served: Served) -> None:
    for path in ("/privacy", "/does-not-exist", "/api/activities", "/api/nothing"):
        response = served.client.get(path, headers=served.auth())
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
    page = served.client.get("/privacy")
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'self'" in page.headers["content-security-policy"]
    api = served.client.get("/api/activities", headers=served.auth())
    assert api.headers["cache-control"] == "no-store"
    assert api.headers["content-security-policy"].startswith("default-src 'none'")


def test_keys_are_stored_hashed(served: Served) -> None:
    with served.store.transaction() as session:
        row, key = create_api_key(session, served.weservit.organisation_id, "portal")
        assert key.startswith(f"wbk_{row.key_id}_")
        assert key.split("_", 2)[2] not in row.secret_hash
