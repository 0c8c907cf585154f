"""People by identity, their events, and the state the decision reads — on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from waarborg import ConflictError, InputError, NotFoundError
from waarborg.decide import decide
from waarborg.register import Register, load_register
from waarborg.store import Store
from waarborg.store.consents import record_consent, text_hash, withdraw_consent
from waarborg.store.limits import (
    assess_objection,
    end_objection,
    lift_restriction,
    record_objection,
    record_restriction,
)
from waarborg.store.states import load_subject_state
from waarborg.store.subjects import (
    Identity,
    find_or_create_subject,
    find_subject,
    record_event,
    subject_by_ref,
)

SECRET = b"test-secret"


@pytest.fixture(scope="module")
def weservit(examples_dir) -> Register:  # type: ignore[no-untyped-def]
    return load_register(examples_dir / "weservit" / "register.yaml")


def test_the_same_address_in_other_case_finds_the_same_person(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    with store.transaction() as session:
        subject, created = find_or_create_subject(
            session, org, [Identity("email", "Jan.Jansen@Example.NL ")], SECRET
        )
        assert created and subject.ref.startswith("sub_")
    with store.transaction() as session:
        again, created = find_or_create_subject(
            session, org, [Identity("email", "jan.jansen@example.nl")], SECRET
        )
        assert not created and again.ref == subject.ref
        found = find_subject(session, org, Identity("email", "JAN.jansen@example.nl"), SECRET)
        assert found is not None and found.ref == subject.ref
        assert subject_by_ref(session, org, subject.ref).id == subject.id


def test_identities_are_per_organisation_and_hashed_with_the_secret(store: Store) -> None:
    first = store.ensure_organisation("Weservit B.V.")
    second = store.ensure_organisation("Webence")
    with store.transaction() as session:
        one, _ = find_or_create_subject(session, first, [Identity("email", "a@b.nl")], SECRET)
        two, created = find_or_create_subject(
            session, second, [Identity("email", "a@b.nl")], SECRET
        )
        assert created and one.ref != two.ref
        assert find_subject(session, first, Identity("email", "a@b.nl"), b"other") is None
        with pytest.raises(NotFoundError):
            subject_by_ref(session, second, one.ref)


def test_new_identities_join_the_known_person_and_conflicts_are_refused(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    with store.transaction() as session:
        jan, _ = find_or_create_subject(session, org, [Identity("email", "jan@x.nl")], SECRET)
        same, created = find_or_create_subject(
            session,
            org,
            [
                Identity("email", "jan@x.nl"),
                Identity("customer-id", "C-1"),
                Identity("phone", "06 12345678"),
            ],
            SECRET,
        )
        assert not created and same.id == jan.id
        by_phone = find_subject(session, org, Identity("phone", "+31612345678"), SECRET)
        assert by_phone is not None and by_phone.id == jan.id
        find_or_create_subject(session, org, [Identity("email", "piet@x.nl")], SECRET)
        with pytest.raises(ConflictError):
            find_or_create_subject(
                session,
                org,
                [Identity("email", "piet@x.nl"), Identity("customer-id", "C-1")],
                SECRET,
            )
    with store.transaction() as session, pytest.raises(InputError) as raised:
        find_or_create_subject(session, org, [Identity("email", "not an address")], SECRET)
    assert raised.value.field == "email" and "not an address" not in str(raised.value)


def test_events_are_recorded_once_per_system_kind_and_reference(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    when = datetime(2024, 3, 1, 10, tzinfo=UTC)
    with store.transaction() as session:
        subject, _ = find_or_create_subject(session, org, [Identity("email", "a@b.nl")], SECRET)
        first, created = record_event(
            session, org, system="webshop", kind="order-completed", reference="order-1",
            occurred_at=when, subject_id=subject.id,
        )  # fmt: skip
        assert created
    with store.transaction() as session:
        again, created = record_event(
            session, org, system="webshop", kind="order-completed", reference="order-1",
            occurred_at=when + timedelta(days=1), subject_id=subject.id,
        )  # fmt: skip
        assert not created and again.id == first.id and again.occurred_at == when
        _, created = record_event(
            session, org, system="portal", kind="order-completed", reference="order-1",
            occurred_at=when,
        )  # fmt: skip
        assert created


def test_subject_state_feeds_the_decision(store: Store, weservit: Register) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    start = datetime(2025, 1, 1, tzinfo=UTC)
    now = datetime(2026, 6, 1, tzinfo=UTC)
    with store.transaction() as session:
        subject, _ = find_or_create_subject(session, org, [Identity("email", "a@b.nl")], SECRET)
        for day, reference in ((date(2024, 12, 31), "o-1"), (date(2025, 2, 1), "o-2")):
            record_event(
                session, org, system="webshop", kind="order-completed", reference=reference,
                occurred_at=datetime(day.year, day.month, day.day, 23, 30, tzinfo=UTC),
                subject_id=subject.id,
            )  # fmt: skip
        consent = record_consent(
            session, org, subject=subject, activity="order-handling", state="given",
            shown_text_hash=text_hash("Ik ga akkoord"), language="nl",
            collection_method="form", collected_at=start,
        )  # fmt: skip
        record_consent(
            session, org, subject=subject, activity="statistics-and-profiling", state="refused",
            shown_text_hash=text_hash("Statistieken?"), language="nl",
            collection_method="banner", collected_at=start,
        )  # fmt: skip
        objection = record_objection(session, subject, activity="direct-marketing", start=start)
        restriction = record_restriction(
            session, subject, ground="accuracy-contested", activity="portal-access", start=start
        )
    with store.reading() as session:
        state = load_subject_state(session, subject_by_ref(session, org, subject.ref))
    assert state.ref == subject.ref
    # The newest order counts, by its Dutch date: 23:30 UTC on 1 February is 00:30 on the 2nd.
    assert state.anchors == {"order-completed": date(2025, 2, 2)}
    assert decide(weservit, state, "order-handling", ["email"], now).allowed
    assert decide(weservit, state, "statistics-and-profiling", ["ip-address"], now).codes == (
        "consent-refused",
    )
    assert (
        "objection-direct-marketing" in decide(weservit, state, "direct-marketing", [], now).codes
    )
    assert decide(weservit, state, "portal-access", ["email"], now).codes == (
        "consent-missing",
        "restricted",
    )
    with store.transaction() as session:
        withdraw_consent(session, org, consent.ref, method="account", at=now - timedelta(days=1))
        lift_restriction(session, org, restriction.ref, reason="corrected", at=now - timedelta(1))
        end_objection(session, org, objection.ref, at=now - timedelta(days=1))
    with store.reading() as session:
        state = load_subject_state(session, subject_by_ref(session, org, subject.ref))
    assert decide(weservit, state, "order-handling", ["email"], now).codes == ("consent-withdrawn",)
    assert "restricted" not in decide(weservit, state, "portal-access", [], now).codes
    assert decide(weservit, state, "direct-marketing", [], now).codes == ("basis-unstated",)


def test_a_direct_marketing_objection_cannot_be_overridden(
    store: Store, weservit: Register
) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    with store.transaction() as session:
        subject, _ = find_or_create_subject(session, org, [Identity("email", "a@b.nl")], SECRET)
        marketing = record_objection(session, subject, activity="direct-marketing")
        everything = record_objection(session, subject)
        profiling = record_objection(session, subject, activity="statistics-and-profiling")
        for ref in (marketing.ref, everything.ref):
            with pytest.raises(ConflictError, match=r"Art\. 21\(3\)"):
                assess_objection(session, weservit, org, ref, status="overridden", assessment="x")
        assessed = assess_objection(
            session, weservit, org, profiling.ref, status="overridden", assessment="fraud"
        )
        assert assessed.status == "overridden" and assessed.decided_at is not None


def test_limits_and_consents_check_their_input(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    with store.transaction() as session:
        subject, _ = find_or_create_subject(session, org, [Identity("email", "a@b.nl")], SECRET)
        with pytest.raises(InputError) as raised:
            record_restriction(session, subject, ground="because")
        assert raised.value.field == "ground" and "legal-claims" in raised.value.allowed
        start = datetime(2026, 1, 1, tzinfo=UTC)
        with pytest.raises(InputError):
            record_restriction(session, subject, ground="legal-claims", start=start, end=start)
        with pytest.raises(InputError) as raised:
            record_consent(
                session, org, subject=subject, activity="x", state="withdrawn",
                shown_text_hash=text_hash("t"), language="nl", collection_method="form",
            )  # fmt: skip
        assert raised.value.field == "state"
        with pytest.raises(InputError):
            record_consent(
                session, org, activity="x", state="given", shown_text_hash=text_hash("t"),
                language="nl", collection_method="form",
            )  # fmt: skip
        anonymous = record_consent(
            session, org, anonymous_id="c0ffee", activity="cookies", state="given",
            shown_text_hash=text_hash("banner"), language="en", collection_method="banner",
        )  # fmt: skip
        assert anonymous.ref.startswith("cns_")
        withdraw_consent(session, org, anonymous.ref, method="banner")
        with pytest.raises(ConflictError):
            withdraw_consent(session, org, anonymous.ref, method="banner")
        with pytest.raises(NotFoundError):
            lift_restriction(session, org, "rst_missing")
