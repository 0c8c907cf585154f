"""The custom shape's access and erasure (the bike shop's map), written by hand.

The lower bound for ``bench.datasets``' custom shape: the fewest queries a developer
who knows the schema would write, doing the map's work (``custom_map`` in
``waarborg.testdata.custom``). Invoices and orders are kept seven years from the end
of their book year (AWR art. 52 lid 4); the customer row is kept as long as its
latest invoice, with e-mail hashed and what an invoice does not show removed; an
expired order a kept row still points at is masked, not deleted (the foreign key
would refuse), as waarborg's plan does; everything else of the person is deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import Any

import sqlalchemy as sa

from bench.handwritten import HandWritten, _q
from waarborg.systems.found import as_date
from waarborg.systems.masking import keyed_hash, truncate_ips

CUSTOMERS = _q("SELECT id, email FROM customers WHERE lower(email) = :e")
ADDRESSES = _q("SELECT id FROM addresses WHERE customer_id IN :c", "c")
ORDERS = _q(
    "SELECT id, replaces_order_id, placed_at, ip, customer_id FROM orders WHERE customer_id IN :c",
    "c",
)
LINKED_ORDERS = _q(
    "SELECT id, replaces_order_id, placed_at, ip, customer_id FROM orders"
    " WHERE replaces_order_id IN :o OR id IN :r",
    "o",
    "r",
)
INVOICES = _q(
    "SELECT id, order_id, issued_on, customer_id FROM invoices"
    " WHERE order_id IN :o OR customer_id IN :c",
    "o",
    "c",
)
LATEST = _q(
    "SELECT customer_id, max(issued_on) FROM invoices WHERE customer_id IN :c GROUP BY customer_id",
    "c",
)
LOGINS = _q("SELECT id FROM login_events WHERE customer_id IN :c", "c")
MESSAGES = _q("SELECT id, reply_to FROM messages WHERE customer_id IN :c OR lower(email) = :e", "c")
REPLIES = _q("SELECT id, reply_to FROM messages WHERE reply_to IN :m", "m")
NEWSLETTER = _q("SELECT id FROM newsletter WHERE lower(email) = :e")
NONE = [-1]  # an IN list may not be empty


def _until(anchor: Any) -> date | None:
    """The last day of the fiscal hold: seven years from the end of the book year
    (AWR art. 52 lid 4; the register's book year is the calendar year)."""
    day = as_date(anchor)
    return None if day is None else date(day.year + 7, 12, 31)


class CustomHandWritten(HandWritten):
    def _find(self, connection: sa.Connection, email: str) -> dict[str, Any]:
        e = email.lower()

        run = partial(self.rows, connection)
        customers = run(CUSTOMERS, e=e)
        c = [r[0] for r in customers] or NONE
        orders = {r[0]: r for r in run(ORDERS, c=c)}
        new = list(orders.values())
        while new:  # replaces_order_id is followed both ways, to the end of the chain
            o = [r[0] for r in new]
            r = [x[1] for x in new if x[1] is not None] or NONE
            new = [x for x in run(LINKED_ORDERS, o=o, r=r) if x[0] not in orders]
            orders.update({x[0]: x for x in new})
        messages = {r[0]: r for r in run(MESSAGES, c=c, e=e)}
        new = list(messages)
        while new:  # and a message leads to the replies to it
            new = [x[0] for x in run(REPLIES, m=new) if x[0] not in messages]
            messages.update({m: (m,) for m in new})
        return {
            "customers": customers,
            "addresses": run(ADDRESSES, c=c),
            "orders": list(orders.values()),
            "invoices": run(INVOICES, o=list(orders) or NONE, c=c),
            "login_events": run(LOGINS, c=c),
            "messages": list(messages),
            "newsletter": run(NEWSLETTER, e=e),
        }

    def erase(self, email: str) -> int:
        """The map's erasure in one transaction; returns the rows found."""
        with self.engine.begin() as connection:
            found = self._find(connection, email)
            run = connection.execute
            held = self._held(run, found)
            kept_orders = self._kept_orders(found, held)

            def delete(table: str, keys: Sequence[Any], link: str | None = None) -> None:
                if not keys:
                    return
                if link:  # InnoDB checks a self-reference row by row: cut the links first
                    # fixed table and column names from this module, values bound
                    sql = f"UPDATE {table} SET {link} = NULL WHERE id IN :k"  # noqa: S608
                    run(_q(sql, "k"), {"k": keys})
                run(_q(f"DELETE FROM {table} WHERE id IN :k", "k"), {"k": keys})  # noqa: S608

            delete("login_events", [r[0] for r in found["login_events"]])
            delete("addresses", [r[0] for r in found["addresses"]])
            delete("messages", found["messages"], "reply_to")
            delete("newsletter", [r[0] for r in found["newsletter"]])
            delete("invoices", [r[0] for r in found["invoices"] if r[0] not in held["invoices"]])
            self._mask_orders(run, found["orders"], held["orders"], kept_orders)
            gone = [r[0] for r in found["orders"] if r[0] not in kept_orders]
            delete("orders", gone, "replaces_order_id")
            kept = held["customers"] | {r[4] for r in found["orders"] if r[0] in kept_orders}
            kept |= {r[3] for r in found["invoices"] if r[0] in held["invoices"]}
            self._mask_customers(run, [r for r in found["customers"] if r[0] in kept])
            delete("customers", [r[0] for r in found["customers"] if r[0] not in kept])
            return sum(len(rows) for rows in found.values())

    def _held(self, run: Any, found: dict[str, Any]) -> dict[str, set[Any]]:
        today = self.today
        c = [r[0] for r in found["customers"]] or NONE
        latest = dict(run(self._sql(LATEST), {"c": c}).all())

        def holds(anchor: Any) -> bool:
            until = _until(anchor)
            return until is not None and until >= today

        return {
            "customers": {r[0] for r in found["customers"] if holds(latest.get(r[0]))},
            "orders": {r[0] for r in found["orders"] if holds(r[2])},
            "invoices": {r[0] for r in found["invoices"] if holds(r[2])},
        }

    @staticmethod
    def _kept_orders(found: dict[str, Any], held: dict[str, set[Any]]) -> set[Any]:
        """Held orders, and every order a kept invoice or kept order points at."""
        kept = set(held["orders"])
        kept |= {r[1] for r in found["invoices"] if r[0] in held["invoices"]}
        replaces = {r[0]: r[1] for r in found["orders"]}
        todo = list(kept)
        while todo:
            parent = replaces.get(todo.pop())
            if parent is not None and parent not in kept:
                kept.add(parent)
                todo.append(parent)
        return kept

    @staticmethod
    def _mask_orders(run: Any, orders: list[Any], held: set[Any], kept: set[Any]) -> None:
        """Truncate the IP and drop the note; an expired order kept only because a
        kept row points at it loses its total too (masked whole)."""
        for order_id, _, _, ip, _ in orders:
            if order_id in kept:
                whole = "" if order_id in held else ", total = 0"
                sql = f"UPDATE orders SET ip = :ip, note = NULL{whole} WHERE id = :k"  # noqa: S608
                run(sa.text(sql), {"ip": truncate_ips(ip) if ip else None, "k": order_id})

    def _mask_customers(self, run: Any, customers: list[Any]) -> None:
        """Kept customers (held, or pointed at by a kept order or invoice) keep only what
        an invoice shows: the e-mail hashed, phone, birth date and IBAN removed."""
        for customer_id, email in customers:
            run(
                sa.text(
                    "UPDATE customers SET email = :e, full_name = '', phone = NULL,"
                    " date_of_birth = NULL, iban = NULL WHERE id = :k"
                ),
                {"e": keyed_hash(email, self.secret, "customers.email", 254), "k": customer_id},
            )
