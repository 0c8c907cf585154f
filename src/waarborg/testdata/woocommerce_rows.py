"""Rows as WordPress and WooCommerce write them: posts, comments and meta keys.

The meta keys are those of ``WC_Customer_Data_Store`` (user meta, no leading
underscore) and the legacy order store (post meta, with a leading underscore),
including the concatenated address search index that copies every address field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from waarborg.testdata.people import Person


def post_row(
    post_id: int, kind: str, title: str, when: datetime, parent: int | None = None
) -> dict[str, Any]:
    return {
        "ID": post_id,
        "post_author": 1,
        "post_date": when,
        "post_date_gmt": when,
        "post_content": "",
        "post_title": title,
        "post_excerpt": "",
        "post_status": "wc-completed" if kind.startswith("shop_order") else "publish",
        "post_password": "",
        "post_name": f"{kind}-{post_id}",
        "post_parent": parent or 0,
        "post_type": kind,
    }


def comment_row(
    comment_id: int,
    post_id: int,
    author: str,
    email: str,
    ip: str,
    content: str,
    kind: str,
    user_id: int,
    when: datetime,
) -> dict[str, Any]:
    return {
        "comment_ID": comment_id,
        "comment_post_ID": post_id,
        "comment_author": author,
        "comment_author_email": email,
        "comment_author_url": "",
        "comment_author_IP": ip,
        "comment_date": when,
        "comment_date_gmt": when,
        "comment_content": content,
        "comment_approved": "1",
        "comment_agent": "WooCommerce" if kind == "order_note" else "",
        "comment_type": kind,
        "comment_parent": 0,
        "user_id": user_id,
    }


def user_meta(who: Person) -> list[tuple[str, str]]:
    return [
        ("first_name", who.first_name),
        ("last_name", who.last_name),
        ("nickname", who.first_name.lower()),
        ("rich_editing", "true"),
        ("wp_capabilities", 'a:1:{s:8:"customer";b:1;}'),
        ("billing_first_name", who.first_name),
        ("billing_last_name", who.last_name),
        ("billing_address_1", who.address_line),
        ("billing_city", who.city),
        ("billing_postcode", who.postcode),
        ("billing_country", "NL"),
        ("billing_email", who.email),
        ("billing_phone", who.phone),
        ("shipping_first_name", who.first_name),
        ("shipping_last_name", who.last_name),
        ("shipping_address_1", who.address_line),
        ("shipping_postcode", who.postcode),
        ("shipping_city", who.city),
        ("wc_last_active", "1767225600"),
    ]


def order_meta(who: Person, email: str, user_id: int | None, refund: bool) -> list[tuple[str, str]]:
    if refund:
        return [("_refund_amount", "12.50"), ("_refund_reason", "Retour")]
    return [
        ("_customer_user", str(user_id or 0)),
        ("_order_currency", "EUR"),
        ("_billing_first_name", who.first_name),
        ("_billing_last_name", who.last_name),
        ("_billing_address_1", who.address_line),
        ("_billing_city", who.city),
        ("_billing_postcode", who.postcode),
        ("_billing_country", "NL"),
        ("_billing_email", email),
        ("_billing_phone", who.phone),
        ("_shipping_first_name", who.first_name),
        ("_shipping_last_name", who.last_name),
        ("_shipping_address_1", who.address_line),
        ("_shipping_postcode", who.postcode),
        ("_customer_ip_address", who.ip),
        ("_customer_user_agent", "Mozilla/5.0"),
        ("_billing_address_index", address_index(who, email)),
        ("_order_total", "49.95"),
    ]


def address_index(who: Person, email: str) -> str:
    return " ".join(
        (
            who.first_name,
            who.last_name,
            who.address_line,
            who.postcode,
            who.city,
            "NL",
            email,
            who.phone,
        )
    )
