"""The same access and erasure as the WooCommerce (HPOS) preset, written by hand.

This is the lower bound the benchmark compares with: the fewest queries a developer
who knows the schema would write, each table queried once with every way into it
joined by OR, e-mail compared with ``lower()`` (served by the generated schema's
expression indexes), and the same erasure rules: the account, analytics copy and
downloads deleted, comments masked, orders kept for seven years from the end of
their book year with the IP truncated and what the invoice does not need removed,
older orders deleted.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from waarborg.systems.found import as_date

P = "wp_"
ATTRIBUTION = "_wc_order_attribution_%"


def _in(name: str) -> sa.BindParameter[Any]:
    return sa.bindparam(name, expanding=True)


def _q(sql: str, *expanding: str) -> sa.TextClause:
    statement = sa.text(sql.replace("{p}", P))
    return statement.bindparams(*(_in(name) for name in expanding))


USERS = _q('SELECT "ID" FROM {p}users WHERE lower(user_email) = :e')
USERMETA = _q("SELECT umeta_id FROM {p}usermeta WHERE user_id IN :u", "u")
LOOKUP = _q(
    "SELECT customer_id, username, first_name, last_name, email, postcode, city,"
    " date_last_active FROM {p}wc_customer_lookup WHERE user_id IN :u OR lower(email) = :e",
    "u",
)
ORDERS = _q(
    "SELECT id, customer_id, billing_email, total_amount, transaction_id, ip_address,"
    " user_agent, customer_note, date_created_gmt FROM {p}wc_orders"
    " WHERE customer_id IN :u OR lower(billing_email) = :e",
    "u",
)
REFUNDS = _q(
    "SELECT id, customer_id, billing_email, total_amount, transaction_id, ip_address,"
    " user_agent, customer_note, date_created_gmt FROM {p}wc_orders"
    " WHERE parent_order_id IN :o",
    "o",
)
ADDRESSES = _q(
    "SELECT id, order_id, first_name, last_name, company, address_1, address_2, city, state,"
    " postcode, country, phone, email FROM {p}wc_order_addresses"
    " WHERE order_id IN :o OR lower(email) = :e",
    "o",
)
OPDATA = _q(
    "SELECT id, order_id, date_paid_gmt, date_completed_gmt FROM {p}wc_order_operational_data"
    " WHERE order_id IN :o",
    "o",
)
ORDERMETA = _q(
    "SELECT id, order_id, meta_key, meta_value FROM {p}wc_orders_meta WHERE order_id IN :o", "o"
)
COMMENTS = _q(
    'SELECT "comment_ID", comment_author, comment_author_email, "comment_author_IP", comment_agent,'
    " comment_content FROM {p}comments WHERE user_id IN :u OR lower(comment_author_email) = :e"
    ' OR "comment_post_ID" IN :o',
    "u",
    "o",
)
PERMISSIONS = _q(
    "SELECT permission_id, user_email, user_id FROM"
    " {p}woocommerce_downloadable_product_permissions"
    " WHERE user_id IN :u OR lower(user_email) = :e OR order_id IN :o",
    "u",
    "o",
)
DOWNLOADS = _q(
    "SELECT download_log_id, user_ip_address, timestamp FROM {p}wc_download_log"
    " WHERE permission_id IN :d OR user_id IN :u",
    "d",
    "u",
)


class HandWritten:
    def __init__(self, url: str, today: date, secret: bytes = b""):
        # The queries quote identifiers the standard way; MariaDB needs ANSI_QUOTES for that.
        mysql = sa.engine.make_url(url).get_backend_name() == "mysql"
        ansi = {"init_command": "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')"}
        self.engine = sa.create_engine(url, connect_args=ansi if mysql else {})
        self.mysql = mysql
        self._rewritten: dict[str, sa.TextClause] = {}
        self.today = today
        self.secret = secret  # for bounds that mask with waarborg's keyed hash

    def _sql(self, clause: sa.TextClause) -> sa.TextClause:
        """On MariaDB, ``email = :e`` as its developer writes it: the default collation
        compares case-insensitively and uses the index; ``lower()`` would scan the
        table, since MariaDB has no expression indexes."""
        if not self.mysql:
            return clause
        # keyed by the SQL text: an id() could be reused by a clause built on the fly
        if clause.text not in self._rewritten:
            names = [n for n, p in clause._bindparams.items() if p.expanding]
            text = re.sub(r"lower\(([^)]+)\) = :e", r"\1 = :e", clause.text)
            self._rewritten[clause.text] = _q(text, *names)
        return self._rewritten[clause.text]

    def rows(self, connection: sa.Connection, clause: sa.TextClause, **params: Any) -> list[Any]:
        return list(connection.execute(self._sql(clause), params).all())

    def dispose(self) -> None:
        self.engine.dispose()

    def _find(self, connection: sa.Connection, email: str) -> dict[str, Any]:
        e = email.lower()

        def run(clause: sa.TextClause, params: dict[str, Any]) -> sa.CursorResult[Any]:
            return connection.execute(self._sql(clause), params)

        none = [-1]  # an IN list may not be empty
        users = [r[0] for r in run(USERS, {"e": e})] or none
        orders = {r[0]: r for r in run(ORDERS, {"u": users, "e": e})}
        order_ids = list(orders) or none
        orders.update({r[0]: r for r in run(REFUNDS, {"o": order_ids})})
        order_ids = list(orders) or none
        permissions = run(PERMISSIONS, {"u": users, "e": e, "o": order_ids}).all()
        found = {
            "users": [u for u in users if u != -1],
            "usermeta": run(USERMETA, {"u": users}).all(),
            "lookup": run(LOOKUP, {"u": users, "e": e}).all(),
            "orders": list(orders.values()),
            "addresses": run(ADDRESSES, {"o": order_ids, "e": e}).all(),
            "opdata": run(OPDATA, {"o": order_ids}).all(),
            "ordermeta": run(ORDERMETA, {"o": order_ids}).all(),
            "comments": run(COMMENTS, {"u": users, "e": e, "o": order_ids}).all(),
            "permissions": permissions,
        }
        ids = [r[0] for r in permissions] or none
        found["downloads"] = run(DOWNLOADS, {"d": ids, "u": users}).all()
        return found

    def access(self, email: str) -> int:
        """Every row of the person; returns how many."""
        with self.engine.connect() as connection:
            return sum(len(rows) for rows in self._find(connection, email).values())

    def erase(self, email: str) -> int:
        """The preset's erasure in one transaction; returns the rows found."""
        with self.engine.begin() as connection:
            found = self._find(connection, email)
            held: list[Any] = []
            expired: list[Any] = []
            for order in found["orders"]:
                created = as_date(order[8]) or self.today
                (held if date(created.year + 7, 12, 31) >= self.today else expired).append(order)
            run = connection.execute

            def delete(table: str, column: str, keys: Sequence[Any]) -> None:
                if keys:
                    # fixed table and column names from this module, values bound
                    sql = f"DELETE FROM {{p}}{table} WHERE {column} IN :k"  # noqa: S608
                    run(_q(sql, "k"), {"k": keys})

            delete("usermeta", "umeta_id", [r[0] for r in found["usermeta"]])
            delete("users", '"ID"', found["users"])
            delete("wc_customer_lookup", "customer_id", [r[0] for r in found["lookup"]])
            delete("wc_download_log", "download_log_id", [r[0] for r in found["downloads"]])
            delete(
                "woocommerce_downloadable_product_permissions",
                "permission_id",
                [r[0] for r in found["permissions"]],
            )
            comments = [r[0] for r in found["comments"]]
            if comments:
                run(
                    _q(
                        "UPDATE {p}comments SET comment_author = '[verwijderd]',"
                        " comment_author_email = '', comment_author_url = '',"
                        " \"comment_author_IP\" = '', comment_agent = '',"
                        " comment_content = '[verwijderd]', user_id = 0"
                        ' WHERE "comment_ID" IN :k',
                        "k",
                    ),
                    {"k": comments},
                )
            self._keep(run, held)
            gone = [r[0] for r in expired]
            for table in ("wc_order_addresses", "wc_order_operational_data", "wc_orders_meta"):
                delete(table, "order_id", gone)
            delete("wc_orders", "id", gone)
            return sum(len(rows) for rows in found.values())

    def _keep(self, run: Any, held: list[Any]) -> None:
        """Minimise kept orders: truncate the IP, drop what the invoice does not need."""
        if not held:
            return
        by_ip: dict[str | None, list[Any]] = {}
        for order in held:
            by_ip.setdefault(_truncated(order[5]), []).append(order[0])
        for ip, keys in by_ip.items():
            run(
                _q(
                    "UPDATE {p}wc_orders SET ip_address = :ip, user_agent = NULL,"
                    " customer_note = NULL, customer_id = 0 WHERE id IN :k",
                    "k",
                ),
                {"ip": ip, "k": keys},
            )
        keys = [o[0] for o in held]
        run(
            _q("UPDATE {p}wc_order_addresses SET phone = NULL WHERE order_id IN :k", "k"),
            {"k": keys},
        )
        run(
            _q(
                "UPDATE {p}wc_orders_meta SET meta_value = NULL WHERE order_id IN :k AND"
                " (meta_key IN ('_billing_address_index', '_shipping_address_index')"
                " OR meta_key LIKE :a)",
                "k",
            ),
            {"k": keys, "a": ATTRIBUTION},
        )


def _truncated(value: str | None) -> str | None:
    if not value:
        return None
    network = ipaddress.ip_network(f"{value}/24", strict=False)
    return str(network.network_address)
