"""A generated WooCommerce shop: customers, guests, orders, notes, reviews, downloads.

``WooCommerceShop(customers=…, orders_per_customer=…, storage=…)`` streams rows for
the tables of :mod:`woocommerce_schema` and records in :attr:`truth` which rows
belong to which person. Storage follows WooCommerce's modes: ``legacy`` (orders
as ``wp_posts`` + ``wp_postmeta``), ``hpos`` (``wc_orders`` and friends, with a
placeholder post per order) or ``sync`` (both, as with HPOS compatibility mode).

What makes requests hard is generated on purpose: guest orders and reviews
carrying the person's e-mail address in other case, rows reachable by two paths
(an address row by its order and by its e-mail), refunds pointing at their
parent order, order meta leading up to its order, orders old enough that their
fiscal retention has ended, and other people's rows all around.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal

from waarborg.testdata.people import Person
from waarborg.testdata.truth import Batch, Generated, Rows
from waarborg.testdata.woocommerce_rows import (
    address_index,
    comment_row,
    order_meta,
    post_row,
    user_meta,
)

Storage = Literal["legacy", "hpos", "sync"]
SHOP_EMAIL = "woocommerce@shop.example"
PRODUCTS = range(100, 140)
FIRST_ORDER = 1000


def case_variant(email: str, rng: random.Random) -> str:
    """The same address as people type it: capitalised, shouting, or as registered."""
    return rng.choice([email, email.upper(), email.title(), email.capitalize()])


@dataclass(kw_only=True)
class WooCommerceShop(Generated):
    customers: int = 50
    orders_per_customer: float = 3.0
    storage: Storage = "sync"
    prefix: str = "wp_"
    seed: int = 1
    notes: bool = True

    def rows(self, batch: int = 5000) -> Iterator[Batch]:
        """Every row, in batches per table; the admin and the products first."""
        out = Rows(batch)
        p = self.prefix
        self._ids = {"user": 1, "order": FIRST_ORDER - 1}
        when = datetime(2015, 1, 1)
        yield from out.add(
            f"{p}users",
            ID=1,
            user_login="beheer",
            user_email="beheer@shop.example",
            user_nicename="beheer",
            display_name="Beheer",
            user_registered=when,
        )
        for product in PRODUCTS:
            yield from out.add(
                f"{p}posts", **post_row(product, "product", f"Product {product}", when)
            )
        for index in range(self.customers):
            yield from self._customer(out, index)
        yield from out.flush()

    def _customer(self, out: Rows, index: int) -> Iterator[Batch]:
        who = self.person(index)
        rng = random.Random(self.seed * 7_777 + index)
        p, truth = self.prefix, self.truth
        user_id = self._next("user") if rng.random() < 0.8 else None
        joined = datetime.combine(self.today - timedelta(days=rng.randint(30, 3650)), time(10))
        if user_id is not None:
            truth.add(index, f"{p}users", user_id)
            yield from out.add(
                f"{p}users",
                ID=user_id,
                user_login=f"klant{user_id}",
                user_email=who.email,
                user_nicename=f"klant{user_id}",
                display_name=who.name,
                user_registered=joined,
            )
            for key, value in user_meta(who):
                meta_id = self._next("umeta")
                truth.add(index, f"{p}usermeta", meta_id)
                yield from out.add(
                    f"{p}usermeta",
                    umeta_id=meta_id,
                    user_id=user_id,
                    meta_key=key,
                    meta_value=value,
                )
        lookup_id = self._next("lookup")
        truth.add(index, f"{p}wc_customer_lookup", lookup_id)
        yield from out.add(
            f"{p}wc_customer_lookup",
            customer_id=lookup_id,
            user_id=user_id,
            username=f"klant{user_id}" if user_id else "",
            first_name=who.first_name,
            last_name=who.last_name,
            email=who.email,
            date_registered=joined if user_id else None,
            date_last_active=joined,
            country="NL",
            postcode=who.postcode,
            city=who.city,
        )
        count = max(0, round(rng.gauss(self.orders_per_customer, 1.0)))
        for _ in range(count):
            guest = user_id is None or rng.random() < 0.15
            yield from self._order(out, index, who, rng, None if guest else user_id)
        if rng.random() < 0.3:
            yield from self._review(out, index, who, rng, user_id)

    def _order(
        self,
        out: Rows,
        index: int,
        who: Person,
        rng: random.Random,
        user_id: int | None,
        parent: int | None = None,
    ) -> Iterator[Batch]:
        p, truth = self.prefix, self.truth
        order_id = self._next("order")
        created = datetime.combine(self.today - timedelta(days=rng.randint(1, 3650)), time(12))
        email = case_variant(who.email, rng) if user_id is None else who.email
        refund = parent is not None
        kind = "shop_order_refund" if refund else "shop_order"
        if self.storage in ("hpos", "sync"):
            yield from self._hpos_order(
                out, index, who, rng, order_id, user_id, email, created, parent
            )
        if self.storage in ("legacy", "sync"):
            truth.add(index, f"{p}posts", order_id)
            post = post_row(order_id, kind, f"Order &ndash; {created:%B %d, %Y}", created, parent)
            post["post_excerpt"] = "" if refund else "Graag na 17:00 bezorgen"
            yield from out.add(f"{p}posts", **post)
            for key, value in order_meta(who, email, user_id, refund):
                meta_id = self._next("pmeta")
                truth.add(index, f"{p}postmeta", meta_id)
                yield from out.add(
                    f"{p}postmeta",
                    meta_id=meta_id,
                    post_id=order_id,
                    meta_key=key,
                    meta_value=value,
                )
        else:
            # HPOS reserves the id with a placeholder post that holds no personal data.
            yield from out.add(
                f"{p}posts", **post_row(order_id, "shop_order_placehold", "", created)
            )
        if self.notes and not refund:
            note_id = self._next("comment")
            truth.add(index, f"{p}comments", note_id)
            yield from out.add(
                f"{p}comments",
                **comment_row(
                    note_id,
                    order_id,
                    "WooCommerce",
                    SHOP_EMAIL,
                    "",
                    f"Bestelling voor {who.name} is verzonden.",
                    "order_note",
                    0,
                    created,
                ),
            )
        if not refund and rng.random() < 0.2:
            yield from self._download(out, index, who, rng, order_id, user_id, email, created)
        if not refund and rng.random() < 0.1:
            yield from self._order(out, index, who, rng, user_id, parent=order_id)

    def _hpos_order(
        self,
        out: Rows,
        index: int,
        who: Person,
        rng: random.Random,
        order_id: int,
        user_id: int | None,
        email: str,
        created: datetime,
        parent: int | None,
    ) -> Iterator[Batch]:
        p, truth = self.prefix, self.truth
        truth.add(index, f"{p}wc_orders", order_id)
        yield from out.add(
            f"{p}wc_orders",
            id=order_id,
            status="wc-refunded" if parent else "wc-completed",
            currency="EUR",
            type="shop_order_refund" if parent else "shop_order",
            tax_amount=rng.randint(1, 50),
            total_amount=rng.randint(10, 400),
            customer_id=user_id or 0,
            billing_email=None if parent else email,
            date_created_gmt=created,
            date_updated_gmt=created,
            parent_order_id=parent or 0,
            payment_method="mollie_wc_gateway_ideal",
            payment_method_title="iDEAL",
            transaction_id=f"tr_{rng.getrandbits(40):x}",
            ip_address=who.ip,
            user_agent="Mozilla/5.0 (X11; Linux x86_64)",
            customer_note="",
        )
        if parent:
            return
        for kind in ("billing", "shipping"):
            address_id = self._next("address")
            truth.add(index, f"{p}wc_order_addresses", address_id)
            yield from out.add(
                f"{p}wc_order_addresses",
                id=address_id,
                order_id=order_id,
                address_type=kind,
                first_name=who.first_name,
                last_name=who.last_name,
                company=who.company or "",
                address_1=who.address_line,
                address_2="",
                city=who.city,
                state="",
                postcode=who.postcode,
                country="NL",
                email=email if kind == "billing" else None,
                phone=who.phone,
            )
        op_id = self._next("opdata")
        truth.add(index, f"{p}wc_order_operational_data", op_id)
        yield from out.add(
            f"{p}wc_order_operational_data",
            id=op_id,
            order_id=order_id,
            created_via="checkout",
            woocommerce_version="9.8.1",
            prices_include_tax=True,
            order_key=f"wc_order_{rng.getrandbits(48):x}",
            date_paid_gmt=created,
            date_completed_gmt=created + timedelta(days=2),
            cart_hash="",
        )
        for key, value in (
            ("_billing_address_index", address_index(who, email)),
            ("is_vat_exempt", "no"),
        ):
            meta_id = self._next("ometa")
            truth.add(index, f"{p}wc_orders_meta", meta_id)
            yield from out.add(
                f"{p}wc_orders_meta", id=meta_id, order_id=order_id, meta_key=key, meta_value=value
            )

    def _review(
        self, out: Rows, index: int, who: Person, rng: random.Random, user_id: int | None
    ) -> Iterator[Batch]:
        comment_id = self._next("comment")
        self.truth.add(index, f"{self.prefix}comments", comment_id)
        created = datetime.combine(self.today - timedelta(days=rng.randint(1, 900)), time(20))
        yield from out.add(
            f"{self.prefix}comments",
            **comment_row(
                comment_id,
                rng.choice(PRODUCTS),
                who.first_name,
                case_variant(who.email, rng),
                who.ip,
                "Prima product, snel geleverd.",
                "review",
                user_id or 0,
                created,
            ),
        )

    def _download(
        self,
        out: Rows,
        index: int,
        who: Person,
        rng: random.Random,
        order_id: int,
        user_id: int | None,
        email: str,
        created: datetime,
    ) -> Iterator[Batch]:
        p = self.prefix
        permission_id = self._next("permission")
        self.truth.add(index, f"{p}woocommerce_downloadable_product_permissions", permission_id)
        yield from out.add(
            f"{p}woocommerce_downloadable_product_permissions",
            permission_id=permission_id,
            download_id=f"{rng.getrandbits(64):016x}",
            product_id=rng.choice(PRODUCTS),
            order_id=order_id,
            order_key="wc_order_x",
            user_email=email,
            user_id=user_id or 0,
            downloads_remaining="",
            access_granted=created,
            download_count=1,
        )
        log_id = self._next("dlog")
        self.truth.add(index, f"{p}wc_download_log", log_id)
        yield from out.add(
            f"{p}wc_download_log",
            download_log_id=log_id,
            timestamp=created,
            permission_id=permission_id,
            user_id=user_id or 0,
            user_ip_address=who.ip,
        )
