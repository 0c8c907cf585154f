"""The request workflow from receipt to anonymised record, against the demo company's
business database, waarborg's store (SQLite and PostgreSQL) and a real SMTP server."""

from __future__ import annotations

import io
import json
import re
import threading
import zipfile
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.rights.office import NOW, WITH_INVOICES, Office
from waarborg._exceptions import ConflictError, InputError
from waarborg.demo.sync import sync_business_db
from waarborg.rights import workflow
from waarborg.rights.workflow import LinkError
from waarborg.rights.workflow_run import marketing_activities
from waarborg.store.audit_tables import AuditEntry
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.limit_tables import Objection
from waarborg.store.request_tables import SubjectRequest
from waarborg.store.subjects import Identity as StoreIdentity
from waarborg.store.subjects import find_subject

LINK = re.compile(r"http://centre\.test/\S+")


def body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return " ".join(str(part.get_content()).split())


def link(message: EmailMessage, word: str) -> str:
    found = [u for u in LINK.findall(body(message)) if f"/{word}/" in u]
    assert found, body(message)
    return found[0]


def token(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def request_row(office: Office, ref: str) -> SubjectRequest:
    with office.store.reading() as session:
        row = session.scalar(select(SubjectRequest).where(SubjectRequest.ref == ref))
        assert row is not None
        return row


def actions(office: Office, ref: str) -> list[str]:
    with office.store.reading() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.seq))
        return [r.action for r in rows if json.loads(r.details).get("request") == ref]


def test_access_request_from_receipt_to_anonymised_record(office: Office) -> None:
    email = office.customer(WITH_INVOICES)
    submitted = office.submit(
        kind="access",
        email=email.upper(),
        language="nl",
        now=NOW,
    )
    # Received on 31 January: due on the last day of February (Art. 12(3), calendar rule).
    assert request_row(office, submitted.ref).due_on == date(2027, 2, 28)
    assert office.deliver(NOW).sent == 1
    (verify_mail,) = office.mails_to(email)
    assert verify_mail["Subject"] == "Bevestig uw privacyverzoek bij Weservit B.V."
    verify_link = link(verify_mail, "verify")
    assert verify_link.startswith("http://centre.test/privacy/verify/")

    assert workflow.verify(office.desk, token(verify_link), now=NOW) == submitted.ref
    office.deliver(NOW)
    confirmation = office.mails_to(email)[1]
    assert "28 februari 2027" in body(confirmation)
    status = link(confirmation, "request")
    assert office.desk.status_ref(token(status)) == submitted.ref

    with office.fulfilment() as service:
        plan = workflow.plan(office.desk, submitted.ref, service, actor="owner")
        assert plan.found() > 0
        assert workflow.execute(office.desk, submitted.ref, service, actor="owner") == "done"
    office.deliver(NOW)
    answer = office.mails_to(email)[2]
    assert answer["Subject"] == "Antwoord op uw privacyverzoek bij Weservit B.V."
    package_link = link(answer, "package")
    ref, data = workflow.download(office.desk, token(package_link))
    assert ref == submitted.ref
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "index.html" in package.namelist()
        assert email in package.read("business.json").decode()

    workflow.close(office.desk, submitted.ref, actor="owner")
    closed = request_row(office, submitted.ref)
    assert closed.state == "closed" and closed.outcome == "done"
    assert closed.contact is None and closed.subject_id is None and closed.package_path is None
    assert set(closed.details) == {"summary"} and closed.details["summary"]["found"] > 0
    assert len(closed.identity_hash) == 64 and email not in str(closed.details)
    assert not office.desk.package_file(submitted.ref).exists()
    assert actions(office, submitted.ref) == [
        "request.received",
        "request.verified",
        "request.planned",
        "request.executing",
        "request.answered",
        "request.package-downloaded",
        "request.closed",
    ]


def test_unknown_address_gets_the_same_answer_and_mail(sqlite_office: Office) -> None:
    office = sqlite_office
    known = office.customer("SELECT email FROM customers ORDER BY id LIMIT 1")
    unknown = "niemand.bekend@example.org"
    for address in (known, unknown):
        office.submit(
            kind="access",
            email=address,
            language="nl",
            now=NOW,
        )
    assert office.deliver(NOW).sent == 2
    (for_known,) = office.mails_to(known)
    (for_unknown,) = office.mails_to(unknown)
    assert for_known["Subject"] == for_unknown["Subject"]
    assert LINK.sub("LINK", body(for_known)) == LINK.sub("LINK", body(for_unknown))

    ref = workflow.verify(office.desk, token(link(for_unknown, "verify")), now=NOW)
    with office.fulfilment() as service:
        assert workflow.execute(office.desk, ref, service, actor="owner") == "nothing-found"
    office.deliver(NOW)
    answer = office.mails_to(unknown)[-1]
    assert "geen persoonsgegevens" in body(answer)
    assert "/package/" not in body(answer)
    with office.store.reading() as session:  # no record kept of someone we hold nothing on
        stranger = StoreIdentity("email", unknown)
        assert find_subject(session, office.organisation_id, stranger, office.desk.secret) is None
        assert request_row(office, ref).subject_id is None


def test_verification_link_works_once_and_expires(sqlite_office: Office) -> None:
    office = sqlite_office

    def submit() -> str:
        return office.submit(
            kind="erasure",
            email="iemand@example.com",
            language="en",
            now=NOW,
        ).token

    first = submit()
    workflow.verify(office.desk, first, now=NOW + timedelta(minutes=59))
    with pytest.raises(LinkError):
        workflow.verify(office.desk, first, now=NOW + timedelta(minutes=59))
    late = submit()
    with pytest.raises(LinkError) as caught:
        workflow.verify(office.desk, late, now=NOW + timedelta(minutes=61))
    assert caught.value.render("nl") != caught.value.render("en")
    with pytest.raises(LinkError):
        workflow.verify(office.desk, "made-up-token", now=NOW)


def test_erasure_keeps_the_invoice_restricted(sqlite_office: Office) -> None:
    office = sqlite_office
    email = office.customer(WITH_INVOICES)
    customer = office.count("SELECT id FROM customers WHERE email = ?", email)
    invoices = office.count("SELECT count(*) FROM invoices WHERE customer_id = ?", customer)
    assert invoices > 0
    submitted = office.submit_verified(kind="erasure", email=email, language="en", now=NOW)
    with office.fulfilment() as service:
        workflow.plan(office.desk, submitted.ref, service, actor="owner")
        assert workflow.execute(office.desk, submitted.ref, service, actor="owner") == "done"
    assert office.count("SELECT count(*) FROM customers WHERE email = ?", email) == 0
    assert office.count("SELECT count(*) FROM invoices WHERE customer_id = ?", customer) == invoices
    office.deliver(NOW)
    answer = office.mails_to(email)[-1]
    assert answer["Subject"] == "Answer to your privacy request to Weservit B.V."
    assert "we must still keep by law" in body(answer)
    summary = request_row(office, submitted.ref).details["summary"]
    invoice_plan = next(t for t in summary["tables"] if t["table"] == "invoices")
    assert invoice_plan["keep"] == invoices


def test_approval_extension_and_rejection(sqlite_office: Office) -> None:
    office = sqlite_office
    rights = office.register.rights.model_copy(update={"approval_required": True})
    office.register = office.register.model_copy(update={"rights": rights})
    submitted = office.submit(
        kind="access",
        email="klant@example.net",
        language="nl",
        now=NOW,
    )
    with pytest.raises(ConflictError):
        workflow.approve(office.desk, submitted.ref, actor="owner")  # not verified yet
    workflow.verify(office.desk, submitted.token, now=NOW)
    with office.fulfilment() as service:
        workflow.plan(office.desk, submitted.ref, service, actor="owner")
        with pytest.raises(ConflictError):
            workflow.execute(office.desk, submitted.ref, service, actor="owner")
    until = workflow.extend(
        office.desk,
        submitted.ref,
        2,
        "We must search three old systems.",
        actor="owner",
        today=date(2027, 2, 10),
    )
    assert until == date(2027, 4, 28)
    with pytest.raises(InputError):
        workflow.extend(
            office.desk, submitted.ref, 1, "once more, please", actor="owner", today=NOW.date()
        )
    office.deliver(NOW)
    extended = office.mails_to("klant@example.net")[-1]
    assert "28 april 2027" in body(extended) and "three old systems" in body(extended)
    workflow.reject(
        office.desk, submitted.ref, "Manifestly excessive: the tenth request.", actor="owner"
    )
    office.deliver(NOW)
    rejected = office.mails_to("klant@example.net")[-1]
    assert "Autoriteit Persoonsgegevens" in body(rejected)
    assert request_row(office, submitted.ref).outcome == "rejected"


def test_mail_waits_while_the_smtp_server_is_down(sqlite_office: Office) -> None:
    office = sqlite_office
    office.smtp.stop()
    office.submit(
        kind="access",
        email="wacht@example.org",
        language="nl",
        now=NOW,
    )
    assert office.deliver(NOW).retrying == 1
    office.smtp.start()
    assert office.deliver(NOW).sent == 0  # not yet due again
    assert office.deliver(NOW + timedelta(minutes=2)).sent == 1
    assert len(office.mails_to("wacht@example.org")) == 1


def test_package_link_limits(sqlite_office: Office, tmp_path: Path) -> None:
    office = sqlite_office
    email = office.customer(WITH_INVOICES)
    submitted = office.submit_verified(kind="portability", email=email, language="en", now=NOW)
    with office.fulfilment() as service:
        workflow.execute(office.desk, submitted.ref, service, actor="owner", now=NOW)
    package = office.desk.package_token(submitted.ref)
    for _ in range(office.desk.package_download_limit):
        workflow.download(office.desk, package, now=NOW)
    with pytest.raises(LinkError):
        workflow.download(office.desk, package, now=NOW)
    assert not office.desk.package_file(submitted.ref).exists()
    with pytest.raises(LinkError):
        workflow.download(office.desk, package + "x", now=NOW)


def test_a_link_clicked_twice_at_once_verifies_once(office: Office) -> None:
    submitted = office.submit(
        kind="access",
        email="twee-tabs@example.com",
        language="nl",
        now=NOW,
    )
    results: list[str] = []
    barrier = threading.Barrier(2)

    def click() -> None:
        barrier.wait()
        try:
            workflow.verify(office.desk, submitted.token, now=NOW)
            results.append("verified")
        except LinkError:
            results.append("refused")
        except Exception as error:  # SQLite may refuse the second writer outright
            results.append(type(error).__name__)

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("verified") == 1
    assert actions(office, submitted.ref).count("request.verified") == 1
    office.deliver(NOW)
    assert len(office.mails_to("twee-tabs@example.com")) == 2  # the link, one confirmation


def test_an_interrupted_execution_finishes_on_the_next_run(sqlite_office: Office) -> None:
    office = sqlite_office
    email = office.customer(WITH_INVOICES)
    submitted = office.submit_verified(kind="erasure", email=email, language="nl", now=NOW)
    with office.store.transaction() as session:  # as if the process died mid-way
        row = session.scalars(
            select(SubjectRequest).where(SubjectRequest.ref == submitted.ref)
        ).one()
        row.state = "executed"
    with office.fulfilment() as service:
        assert workflow.execute(office.desk, submitted.ref, service, actor="owner") == "done"
        with pytest.raises(ConflictError):  # answered: a third run changes nothing
            workflow.execute(office.desk, submitted.ref, service, actor="owner")
    assert office.count("SELECT count(*) FROM customers WHERE email = ?", email) == 0
    office.deliver(NOW)
    answers = [m for m in office.mails_to(email) if "Antwoord" in m["Subject"]]
    assert len(answers) == 1


def test_withdraw_consent_and_stop_marketing(sqlite_office: Office) -> None:
    office = sqlite_office
    sync_business_db(office.store, office.organisation_id, office.business_db, office.desk.secret)
    email = office.customer("SELECT email FROM customers WHERE closed_at IS NULL LIMIT 1")
    with office.store.reading() as session:
        subject = find_subject(
            session, office.organisation_id, StoreIdentity("email", email), office.desk.secret
        )
        assert subject is not None
        given = session.scalars(
            select(ConsentRecord).where(
                ConsentRecord.subject_id == subject.id, ConsentRecord.state == "given"
            )
        ).all()
    assert given
    outcomes = {}
    for kind in ("withdraw-consent", "stop-marketing"):
        submitted = office.submit_verified(kind=kind, email=email, language="nl", now=NOW)
        with office.fulfilment() as service:
            outcomes[kind] = workflow.execute(office.desk, submitted.ref, service, actor="o")
    with office.store.reading() as session:
        states = set(
            session.scalars(
                select(ConsentRecord.state).where(ConsentRecord.subject_id == subject.id)
            )
        )
        objections = session.scalars(
            select(Objection).where(Objection.subject_id == subject.id)
        ).all()
    assert states == {"withdrawn"} and outcomes["withdraw-consent"] == "done"
    marketing = marketing_activities(office.register, ())
    assert len(marketing) >= 2  # Weservit's newsletter and direct marketing
    assert {o.activity_id for o in objections} == set(marketing)
    assert outcomes["stop-marketing"] == "done"
