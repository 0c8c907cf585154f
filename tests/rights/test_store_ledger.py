"""Requests leave their mark where the rest of waarborg looks: the hash-chained audit log
(with no personal data in it), and restrictions and objections that decide() honours."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from tests.rights.helpers import fulfilment
from tests.shops import business_url, whmcs
from waarborg import audit
from waarborg.decide import decide
from waarborg.store import Store
from waarborg.store.limit_tables import Restriction
from waarborg.store.states import state_by_ref
from waarborg.systems.found import Identity


def state(store_path: Path, organisation: int, ref: str):  # type: ignore[no-untyped-def]
    store = Store(f"sqlite:///{store_path}")
    try:
        with store.engine.connect() as connection:
            return state_by_ref(connection, organisation, ref)
    finally:
        store.dispose()


def test_requests_are_audited_and_limits_are_honoured_by_decide(tmp_path: Path) -> None:
    with business_url("sqlite", tmp_path) as url:
        business = whmcs(url, clients=12)
        objector, restricted = (business.data.person(i) for i in (0, 1))
        store_path = tmp_path / "store.db"
        with fulfilment(business, store_path) as service:
            organisation = service.organisation_id
            erased = next(
                p
                for p in map(business.data.person, range(2, 12))
                if list(service.plan("erasure", [Identity("email", p.email)]).held())
            )
            erasure = service.erase([Identity("email", erased.email)])
            objection = service.limit(
                "objection", [Identity("email", objector.email)], ["direct-marketing"]
            )
            first = service.limit("restriction", [Identity("email", restricted.email)])
            service.limit("restriction", [Identity("email", restricted.email.upper())])
        register = business.register

        held = sorted({a for table, _ in erasure.plan.held() for a in table.activities})
        assert held, "WHMCS invoices stay under the fiscal hold"
        kept = state(store_path, organisation, erasure.subject_ref)
        decision = decide(register, kept, held[0], [])
        assert not decision.allowed
        assert "restricted" in [r.code for r in decision.reasons]

        marketing = decide(
            register, state(store_path, organisation, objection.subject_ref), "direct-marketing", []
        )
        assert "objection-direct-marketing" in [r.code for r in marketing.reasons]
        other = decide(
            register,
            state(store_path, organisation, objection.subject_ref),
            "contact-form",
            ["email"],
        )
        assert not {"objection", "objection-direct-marketing"} & {r.code for r in other.reasons}

        limited = state(store_path, organisation, first.subject_ref)
        for activity in ("account", "contact-form"):
            assert "restricted" in [r.code for r in decide(register, limited, activity, []).reasons]

        store = Store(f"sqlite:///{store_path}")
        with store.engine.connect() as connection:
            assert audit.verify(connection, organisation).ok
            entries = list(audit.entries(connection, organisation))
            open_limits = connection.execute(
                sa.select(sa.func.count())
                .select_from(Restriction)
                .where(Restriction.ground == "accuracy-contested")
            ).scalar()
        store.dispose()
        assert open_limits == 1, "asking twice does not restrict twice"
        actions = {e.action for e in entries}
        assert {"request.read", "request.objection", "request.restriction"} <= actions
        text = repr(entries).lower()
        for person in (erased, objector, restricted):
            assert person.email.lower() not in text
        assert all(e.subject_ref is None or e.subject_ref.startswith("sub_") for e in entries)
