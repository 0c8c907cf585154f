"""The WHMCS preset's access and erasure, written by hand.

The lower bound for the WHMCS shape: the fewest queries a developer who knows the
schema would write, doing the preset's work (``waarborg.systems.presets.whmcs``). A
person is a client, contact, login user (leading to the clients they own) or the
e-mail on a ticket or reply. Invoices, invoice items, payments and orders are kept
seven years from the end of their book year (AWR art. 52 lid 4); the client row as
long as its latest invoice, with what an invoice does not show emptied; a kept order
loses its IP's last octet, fraud output and notes. Everything else is deleted.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import sqlalchemy as sa

from bench.handwritten import HandWritten, _q
from bench.handwritten_custom import NONE, _until
from waarborg.systems.masking import keyed_hash, truncate_ips

USERS = _q("SELECT id FROM tblusers WHERE lower(email) = :e")
OWNED = _q("SELECT client_id FROM tblusers_clients WHERE auth_user_id IN :u AND owner = 1", "u")
# two queries, not a subquery: PostgreSQL would filter every client with a hashed subplan
CLIENTS = _q("SELECT id, email FROM tblclients WHERE lower(email) = :e OR id IN :o", "o")
LINKS = _q("SELECT id FROM tblusers_clients WHERE auth_user_id IN :u OR client_id IN :c", "u", "c")
CONTACTS = _q("SELECT id FROM tblcontacts WHERE userid IN :c OR lower(email) = :e", "c")
QUOTES = _q("SELECT id FROM tblquotes WHERE userid IN :c OR lower(email) = :e", "c")
TICKETS = _q("SELECT id FROM tbltickets WHERE userid IN :c OR lower(email) = :e", "c")
REPLIES = _q("SELECT id FROM tblticketreplies WHERE tid IN :t OR lower(email) = :e", "t")
ACTIVITY = _q("SELECT id FROM tblactivitylog WHERE userid IN :c OR user_id IN :u", "c", "u")
ORDERS = _q('SELECT id, "date", ipaddress FROM tblorders WHERE userid IN :c', "c")
INVOICES = _q('SELECT id, "date" FROM tblinvoices WHERE userid IN :c', "c")
ITEMS = _q(
    'SELECT i.id, v."date" FROM tblinvoiceitems i LEFT JOIN tblinvoices v ON v.id = i.invoiceid'
    " WHERE i.invoiceid IN :v OR i.userid IN :c",
    "v",
    "c",
)
ACCOUNTS = _q('SELECT id, "date" FROM tblaccounts WHERE userid IN :c OR invoiceid IN :v', "c", "v")
LATEST = _q('SELECT userid, max("date") FROM tblinvoices WHERE userid IN :c GROUP BY userid', "c")
BY_CLIENT = ("tblhosting", "tbldomains", "tblemails", "tblnotes", "tblmarketing_consent")
# fixed table names from this module, values bound; built once (``_sql`` caches by clause)
SELECT_BY_CLIENT = {t: _q(f"SELECT id FROM {t} WHERE userid IN :c", "c") for t in BY_CLIENT}  # noqa: S608
DELETED = (
    "tblusers", "tblusers_clients", "tblcontacts", "tblquotes", "tbltickets",
    "tblticketreplies", "tblactivitylog", *BY_CLIENT,
)  # fmt: skip
RETAINED = ("tblinvoiceitems", "tblaccounts", "tblinvoices", "tblorders")


class WhmcsHandWritten(HandWritten):
    def _find(self, connection: sa.Connection, email: str) -> dict[str, Any]:
        e = email.lower()

        run = partial(self.rows, connection)
        users = run(USERS, e=e)
        u = [r[0] for r in users] or NONE
        owned = [r[0] for r in run(OWNED, u=u)] or NONE
        clients = run(CLIENTS, e=e, o=owned)
        c = [r[0] for r in clients] or NONE
        tickets = run(TICKETS, c=c, e=e)
        invoices = run(INVOICES, c=c)
        v = [r[0] for r in invoices] or NONE
        found: dict[str, Any] = {
            "tblusers": users,
            "tblclients": clients,
            "tblusers_clients": run(LINKS, u=u, c=c),
            "tblcontacts": run(CONTACTS, c=c, e=e),
            "tblquotes": run(QUOTES, c=c, e=e),
            "tbltickets": tickets,
            "tblticketreplies": run(REPLIES, t=[r[0] for r in tickets] or NONE, e=e),
            "tblactivitylog": run(ACTIVITY, c=c, u=u),
            "tblorders": run(ORDERS, c=c),
            "tblinvoices": invoices,
            "tblinvoiceitems": run(ITEMS, v=v, c=c),
            "tblaccounts": run(ACCOUNTS, c=c, v=v),
        }
        for table, query in SELECT_BY_CLIENT.items():
            found[table] = run(query, c=c)
        return found

    def erase(self, email: str) -> int:
        """The preset's erasure in one transaction; returns the rows found."""
        with self.engine.begin() as connection:
            found = self._find(connection, email)
            run = connection.execute
            today = self.today

            def held(anchor: Any) -> bool:
                until = _until(anchor)
                return until is not None and until >= today

            def delete(table: str, keys: list[Any]) -> None:
                if keys:
                    sql = f"DELETE FROM {table} WHERE id IN :k"  # noqa: S608
                    run(_q(sql, "k"), {"k": keys})

            for table in DELETED:
                delete(table, [r[0] for r in found[table]])
            for table in RETAINED:
                delete(table, [r[0] for r in found[table] if not held(r[1])])
            for order_id, placed, ip in found["tblorders"]:
                if held(placed):
                    new_ip = ip if ip is None else (truncate_ips(ip) or "")
                    run(
                        sa.text(
                            "UPDATE tblorders SET ipaddress = :ip, fraudoutput = '', notes = ''"
                            " WHERE id = :k"
                        ),
                        {"ip": new_ip, "k": order_id},
                    )
            clients = found["tblclients"]
            c = [r[0] for r in clients] or NONE
            latest: dict[Any, Any] = dict(run(self._sql(LATEST), {"c": c}).all())
            delete("tblclients", [r[0] for r in clients if not held(latest.get(r[0]))])
            for client_id, client_email in clients:
                if held(latest.get(client_id)):
                    self._mask_client(run, client_id, client_email)
            return sum(len(rows) for rows in found.values())

    def _mask_client(self, run: Any, client_id: int, email: str | None) -> None:
        """Keep what an invoice prints; the e-mail hashed, the rest emptied."""
        hashed = None if email is None else keyed_hash(email, self.secret, "tblclients.email")
        run(
            sa.text(
                "UPDATE tblclients SET email = :e, phonenumber = '', password = '',"
                " securityqans = '', notes = '', cardlastfour = '', bankacct = NULL,"
                " ip = '', host = '' WHERE id = :k"
            ),
            {"e": hashed, "k": client_id},
        )
