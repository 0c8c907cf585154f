"""A generated WHMCS installation: clients, contacts, login users, orders, invoices,
services, tickets, e-mails and logs, with :attr:`truth` recording whose rows are whose.

On purpose: login users that own one client account and are invited to another
(the invitation must not lead to the other account), contacts who are people of
their own, guest tickets carrying the client's address in other case, ticket
replies by staff inside the client's ticket, and invoices both inside and past
their fiscal retention.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from waarborg.testdata.people import Person
from waarborg.testdata.truth import Batch, Generated, Rows
from waarborg.testdata.woocommerce import case_variant


@dataclass(kw_only=True)
class WhmcsInstall(Generated):
    """``clients`` clients (people 0..clients-1); their contacts are people from
    ``clients`` on, so a contact can be looked up as a person too."""

    clients: int = 40
    orders_per_client: float = 2.0
    seed: int = 2

    def __post_init__(self) -> None:
        super().__post_init__()
        self.contacts: dict[int, int] = {}

    def _day(self, rng: random.Random, most: int) -> date:
        return self.today - timedelta(days=rng.randint(1, most))

    def rows(self, batch: int = 5000) -> Iterator[Batch]:
        out = Rows(batch)
        self._ids, self.contacts = {}, {}
        for index in range(self.clients):
            yield from self._client(out, index)
        yield from out.flush()

    def _client(self, out: Rows, index: int) -> Iterator[Batch]:
        who, truth = self.person(index), self.truth
        rng = random.Random(self.seed * 9_001 + index)
        client_id = index + 1  # client ids follow the people, so invitations can point ahead
        joined = self._day(rng, 3650)
        truth.add(index, "tblclients", client_id)
        yield from out.add(
            "tblclients",
            id=client_id,
            uuid=f"uuid-{client_id}",
            **{**_person(who), "email": case_variant(who.email, rng)},
            password="$2y$10$hash",
            securityqans="",
            notes="Belt liever dan dat hij mailt",
            cardlastfour="4242",
            ip=who.ip,
            host=f"host-{who.ip.replace('.', '-')}.example.net",
            language="dutch",
            bankacct=who.iban.encode(),
            datecreated=joined,
            lastlogin=datetime.combine(joined, time(9)),
            marketing_emails_opt_in=1,
            currency=1,
        )
        if rng.random() < 0.7:
            yield from self._user(out, index, who, client_id, rng)
        if rng.random() < 0.3:
            yield from self._contact(out, index, client_id)
        for _ in range(max(0, round(rng.gauss(self.orders_per_client, 1.0)))):
            yield from self._order(out, index, who, client_id, rng)
        for _ in range(rng.randint(0, 2)):
            yield from self._ticket(out, index, who, client_id, rng)
        yield from self._logs(out, index, who, client_id, rng)

    def _user(
        self, out: Rows, index: int, who: Person, client_id: int, rng: random.Random
    ) -> Iterator[Batch]:
        user_id = self._next("user")
        self.truth.add(index, "tblusers", user_id)
        yield from out.add(
            "tblusers",
            id=user_id,
            first_name=who.first_name,
            last_name=who.last_name,
            email=who.email,
            password="$2y$10$hash",
            last_ip=who.ip,
            last_hostname="",
            last_login=datetime.combine(self.today, time(8)),
            created_at=datetime.combine(self.today, time(8)),
        )
        links = [(client_id, 1)]
        if client_id < self.clients and rng.random() < 0.3:
            links.append((client_id + 1, 0))  # invited to the next client's account
        for target, owner in links:
            link_id = self._next("link")
            self.truth.add(index, "tblusers_clients", link_id)
            self.truth.add(target - 1, "tblusers_clients", link_id)
            yield from out.add(
                "tblusers_clients",
                id=link_id,
                auth_user_id=user_id,
                client_id=target,
                owner=owner,
                permissions="all",
            )
        log_id = self._next("log")
        self.truth.add(index, "tblactivitylog", log_id)
        yield from out.add(
            "tblactivitylog",
            id=log_id,
            date=datetime.combine(self.today, time(8)),
            description=f"User Logged In - User ID: {user_id}",
            user="User",
            userid=0,
            user_id=user_id,
            admin_id=0,
            ipaddr=who.ip,
        )

    def _contact(self, out: Rows, index: int, client_id: int) -> Iterator[Batch]:
        contact_person = self.clients + index
        contact = self.person(contact_person)
        contact_id = self._next("contact")
        self.contacts[contact_person] = contact_id
        for owner in (index, contact_person):
            self.truth.add(owner, "tblcontacts", contact_id)
        yield from out.add(
            "tblcontacts", id=contact_id, userid=client_id, **_person(contact), password=""
        )

    def _order(
        self, out: Rows, index: int, who: Person, client_id: int, rng: random.Random
    ) -> Iterator[Batch]:
        truth = self.truth
        day = self._day(rng, 3650)
        when = datetime.combine(day, time(11))
        order_id, invoice_id, item_id = self._next("order"), self._next("invoice"), 0
        for table, key in (("tblorders", order_id), ("tblinvoices", invoice_id)):
            truth.add(index, table, key)
        yield from out.add(
            "tblorders",
            id=order_id,
            ordernum=1_000_000 + order_id,
            userid=client_id,
            contactid=0,
            invoiceid=invoice_id,
            date=when,
            amount=rng.randint(5, 300),
            paymentmethod="mollie",
            status="Active",
            ipaddress=who.ip,
            fraudoutput="score 0.1",
            notes="",
        )
        yield from out.add(
            "tblinvoices",
            id=invoice_id,
            userid=client_id,
            invoicenum=f"F{invoice_id:06d}",
            date=day,
            duedate=day + timedelta(days=14),
            datepaid=when,
            total=rng.randint(5, 300),
            status="Paid",
            paymentmethod="mollie",
            notes="",
        )
        domain = f"{who.last_name.lower().replace(' ', '')}{order_id}.nl"
        for description in (f"Webhosting Basis - {domain}", f"Domeinregistratie - {domain}"):
            item_id = self._next("item")
            truth.add(index, "tblinvoiceitems", item_id)
            yield from out.add(
                "tblinvoiceitems",
                id=item_id,
                invoiceid=invoice_id,
                userid=client_id,
                relid=order_id,
                type="Hosting",
                description=description,
                amount=9.95,
            )
        transaction_id = self._next("transaction")
        truth.add(index, "tblaccounts", transaction_id)
        yield from out.add(
            "tblaccounts",
            id=transaction_id,
            userid=client_id,
            invoiceid=invoice_id,
            date=when,
            gateway="mollie",
            description=f"Invoice Payment {who.iban}",
            transid=f"tr_{order_id}",
            amountin=9.95,
        )
        hosting_id, domain_id = self._next("hosting"), self._next("domain")
        truth.add(index, "tblhosting", hosting_id)
        truth.add(index, "tbldomains", domain_id)
        status, ended = self._service_end(hosting_id, day)
        yield from out.add(
            "tblhosting",
            id=hosting_id,
            userid=client_id,
            orderid=order_id,
            packageid=1,
            regdate=day,
            domain=domain,
            username=f"u{hosting_id}",
            password="enc",
            notes="",
            dedicatedip="",
            assignedips=who.ip,
            domainstatus=status,
            termination_date=ended,
        )
        yield from out.add(
            "tbldomains",
            id=domain_id,
            userid=client_id,
            orderid=order_id,
            registrationdate=day,
            domain=domain,
            registrar="openprovider",
            expirydate=ended or _next_anniversary(day, self.today),
            additionalnotes="",
        )

    def _service_end(self, hosting_id: int, day: date) -> tuple[str, date | None]:
        """(status, termination date): about half the services have ended, some long
        ago; an active one has no termination date, however old it is. A random
        generator of its own, so the rest of the data stays as it was."""
        rng = random.Random(self.seed * 7_919 + hosting_id)
        if rng.random() < 0.5:
            return "Active", None
        ended = min(day + timedelta(days=rng.randint(30, 1500)), self.today - timedelta(days=1))
        return rng.choice(("Terminated", "Cancelled")), ended

    def _ticket(
        self, out: Rows, index: int, who: Person, client_id: int, rng: random.Random
    ) -> Iterator[Batch]:
        guest = rng.random() < 0.3
        ticket_id = self._next("ticket")
        when = datetime.combine(self._day(rng, 1000), time(15))
        self.truth.add(index, "tbltickets", ticket_id)
        yield from out.add(
            "tbltickets",
            id=ticket_id,
            tid=f"T-{ticket_id:05d}",
            did=1,
            contactid=0,
            userid=0 if guest else client_id,
            name=who.name if guest else "",
            email=case_variant(who.email, rng) if guest else "",
            cc="",
            ipaddress=who.ip,
            date=when,
            title="Mail werkt niet",
            message=f"Groet, {who.name}",
            status="Open",
        )
        for staff in (False, True):
            reply_id = self._next("reply")
            self.truth.add(index, "tblticketreplies", reply_id)
            yield from out.add(
                "tblticketreplies",
                id=reply_id,
                tid=ticket_id,
                userid=0,
                contactid=0,
                name="" if staff else who.name,
                email="" if staff else who.email,
                date=when + timedelta(hours=2),
                admin="Support" if staff else "",
                message="Opgelost." if staff else f"Nog steeds stuk. {who.phone}",
            )

    def _logs(
        self, out: Rows, index: int, who: Person, client_id: int, rng: random.Random
    ) -> Iterator[Batch]:
        truth, when = self.truth, datetime.combine(self.today, time(7))
        for subject in ("Welkom", "Factuur"):
            email_id = self._next("email")
            truth.add(index, "tblemails", email_id)
            yield from out.add(
                "tblemails",
                id=email_id,
                userid=client_id,
                subject=subject,
                message=f"Beste {who.first_name},",
                date=when,
                to=who.email,
                cc="",
                bcc="",
            )
        log_id = self._next("log")
        truth.add(index, "tblactivitylog", log_id)
        yield from out.add(
            "tblactivitylog",
            id=log_id,
            date=when,
            user="System",
            description=f"Client Profile Modified - User ID: {client_id}",
            userid=client_id,
            user_id=0,
            admin_id=0,
            ipaddr=who.ip,
        )
        consent_id = self._next("consent")
        truth.add(index, "tblmarketing_consent", consent_id)
        yield from out.add(
            "tblmarketing_consent",
            id=consent_id,
            userid=client_id,
            opt_in=1,
            admin=0,
            ip_address=who.ip,
            created_at=when,
        )
        if rng.random() < 0.3:
            note_id, quote_id = self._next("note"), self._next("quote")
            truth.add(index, "tblnotes", note_id)
            truth.add(index, "tblquotes", quote_id)
            yield from out.add(
                "tblnotes",
                id=note_id,
                userid=client_id,
                adminid=1,
                created=when,
                note="Klant wil jaarfactuur",
            )
            yield from out.add(
                "tblquotes",
                id=quote_id,
                subject="VPS",
                userid=client_id,
                **_person(who),
                proposal="",
                customernotes="",
                datecreated=self.today,
            )


def _person(who: Person) -> dict[str, str]:
    return {
        "firstname": who.first_name,
        "lastname": who.last_name,
        "companyname": who.company or "",
        "email": who.email,
        "address1": who.address_line,
        "address2": "",
        "city": who.city,
        "state": "",
        "postcode": who.postcode,
        "country": "NL",
        "phonenumber": who.phone,
        "tax_id": "",
    }


def _next_anniversary(day: date, today: date) -> date:
    """The first anniversary of ``day`` after ``today``: a domain renewed every year."""
    years = today.year - day.year
    for more in (years, years + 1):
        try:
            candidate = day.replace(year=day.year + more)
        except ValueError:  # 29 February
            candidate = date(day.year + more, 3, 1)
        if candidate > today:
            return candidate
    return date(today.year + 1, day.month, min(day.day, 28))
