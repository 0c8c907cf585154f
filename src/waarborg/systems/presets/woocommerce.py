"""The WooCommerce preset: WordPress users, both order stores, notes, reviews, downloads.

Tables and columns follow ``shared/reference/schemas.md`` §1. Choices made here,
each visible in the generated file and meant to be reviewed:

- Orders are kept under the fiscal duty (AWR art. 52 lid 4: seven years from the
  end of the book year), in both stores: ``wc_orders`` and its addresses, meta and
  operational data (HPOS) and ``wp_posts``/``wp_postmeta`` (legacy, or both in
  compatibility mode). What the tax record does not need is minimised at once:
  IP address truncated, user agent, customer note, phone and the address search
  indexes removed, the link to the deleted account set to 0.
- The account (``wp_users``, ``wp_usermeta``) and the analytics copy
  (``wc_customer_lookup``) are deleted; WordPress itself never erases users.
- Comments are masked like WordPress's own eraser does, and the text too, since
  order notes name the customer.
- In the EAV tables only the listed meta keys are personal; erasure masks only those.
"""

from __future__ import annotations

from typing import Any, Literal

from waarborg.systems.presets.roles import Roles

FISCAL = "fiscal"
ERASED = {"fixed": "[verwijderd]"}
EMPTY = {"fixed": ""}


def _col(category: str, field: str) -> dict[str, str]:
    return {"category": category, "field": field}


def _address_keys(prefix: str, category: str) -> dict[str, Any]:
    return {
        f"{prefix}first_name": _col("naw", "first-name"),
        f"{prefix}last_name": _col("naw", "last-name"),
        f"{prefix}company": _col("company-name", "company"),
        f"{prefix}address_1": _col(category, "street"),
        f"{prefix}address_2": category,
        f"{prefix}city": _col(category, "city"),
        f"{prefix}state": category,
        f"{prefix}postcode": _col(category, "postcode"),
        f"{prefix}country": _col(category, "country"),
        f"{prefix}phone": _col("phone", "phone"),
    }


Storage = Literal["both", "hpos", "legacy"]


def woocommerce_tables(p: str, roles: Roles, storage: Storage = "both") -> dict[str, Any]:
    """The tables of both order stores, or of one (``hpos``: HPOS without
    compatibility mode; ``legacy``: orders as posts only)."""
    tables = _all_tables(p, roles)
    if storage == "hpos":
        return _without(tables, {f"{p}posts", f"{p}postmeta"})
    if storage == "legacy":
        hpos = ("wc_orders", "wc_order_addresses", "wc_order_operational_data", "wc_orders_meta")
        return _without(tables, {p + name for name in hpos})
    return tables


def _without(tables: dict[str, Any], gone: set[str]) -> dict[str, Any]:
    """``tables`` less ``gone``, and less the references to them."""
    kept = {name: dict(table) for name, table in tables.items() if name not in gone}
    for table in kept.values():
        if "references" in table:
            table["references"] = [
                ref for ref in table["references"] if ref["to"].partition(".")[0] not in gone
            ]
    return kept


def _all_tables(p: str, roles: Roles) -> dict[str, Any]:
    account = roles("account")
    orders = roles("orders", "invoicing", "payments")
    users, hpos = f"{p}users", f"{p}wc_orders"
    order_hold = {"anchor": f"{hpos}.date_created_gmt"}
    tables: dict[str, Any] = {
        users: {
            "primary_key": "ID",
            "activities": account,
            "identity": {"user_email": "email", "ID": "customer-id"},
            "anchor": "user_registered",
            "columns": {
                "ID": "customer-number",
                "user_login": "username",
                "user_nicename": "username",
                "user_email": _col("email", "email"),
                "display_name": _col("naw", "name"),
                "user_pass": "password",
                "user_registered": "account-activity",
            },
            "erasure": "delete",
        },
        f"{p}usermeta": {
            "primary_key": "umeta_id",
            "activities": account,
            "references": [{"column": "user_id", "to": f"{users}.ID"}],
            "meta": {
                "key": "meta_key",
                "value": "meta_value",
                "keys": {
                    "first_name": _col("naw", "first-name"),
                    "last_name": _col("naw", "last-name"),
                    "nickname": "username",
                    "description": "correspondence",
                    **_address_keys("billing_", "billing-address"),
                    "billing_email": _col("email", "email"),
                    **_address_keys("shipping_", "delivery-address"),
                    "session_tokens": "ip-address",
                    "wc_last_active": "account-activity",
                    "_woocommerce_persistent_cart_*": "order-details",
                },
            },
            "erasure": "delete",
        },
        f"{p}wc_customer_lookup": {
            "primary_key": "customer_id",
            "activities": account,
            "identity": {"email": "email"},
            "references": [{"column": "user_id", "to": f"{users}.ID"}],
            "columns": {
                "username": "username",
                "first_name": _col("naw", "first-name"),
                "last_name": _col("naw", "last-name"),
                "email": _col("email", "email"),
                "postcode": _col("billing-address", "postcode"),
                "city": _col("billing-address", "city"),
                "date_last_active": "account-activity",
            },
            "erasure": "delete",
        },
        hpos: {
            "description": "HPOS orders and refunds",
            "primary_key": "id",
            "activities": orders,
            "identity": {"billing_email": "email"},
            "references": [
                {"column": "customer_id", "to": f"{users}.ID"},
                {"column": "parent_order_id", "to": f"{hpos}.id"},
            ],
            "anchor": "date_created_gmt",
            "columns": {
                "customer_id": "customer-number",
                "billing_email": _col("email", "email"),
                "total_amount": "order-details",
                "transaction_id": "payment-details",
                "ip_address": "ip-address",
                "user_agent": "browser",
                "customer_note": "correspondence",
            },
            "erasure": {
                "retain": FISCAL,
                "mask": {
                    "ip_address": "truncate-ip",
                    "user_agent": None,
                    "customer_note": None,
                    "customer_id": {"fixed": 0},
                },
            },
        },
        f"{p}wc_order_addresses": {
            "primary_key": "id",
            "activities": orders,
            "identity": {"email": "email"},
            "references": [{"column": "order_id", "to": f"{hpos}.id"}],
            "columns": {
                **_address_keys("", "address"),
                "email": _col("email", "email"),
            },
            "erasure": {"retain": FISCAL, **order_hold, "mask": {"phone": None}},
        },
        f"{p}wc_order_operational_data": {
            "primary_key": "id",
            "activities": orders,
            "references": [{"column": "order_id", "to": f"{hpos}.id"}],
            "columns": {"date_paid_gmt": "order-details", "date_completed_gmt": "order-details"},
            "erasure": {"retain": FISCAL, **order_hold},
        },
        f"{p}wc_orders_meta": {
            "primary_key": "id",
            "activities": orders,
            "references": [{"column": "order_id", "to": f"{hpos}.id"}],
            "meta": {
                "key": "meta_key",
                "value": "meta_value",
                "keys": {
                    "_billing_address_index": "billing-address",
                    "_shipping_address_index": "delivery-address",
                    "_wc_order_attribution_*": "website-activity",
                },
            },
            "erasure": {
                "retain": FISCAL,
                **order_hold,
                "mask": {
                    "_billing_address_index": None,
                    "_shipping_address_index": None,
                    "_wc_order_attribution_*": None,
                },
            },
        },
        **_legacy_orders(p, orders),
        **_comments_and_downloads(p, orders),
    }
    return tables


def _legacy_orders(p: str, orders: list[str]) -> dict[str, Any]:
    users, posts = f"{p}users", f"{p}posts"
    return {
        posts: {
            "description": "legacy order storage: orders and refunds as posts",
            "primary_key": "ID",
            "activities": orders,
            "where": {"post_type": ["shop_order", "shop_order_refund"]},
            "references": [{"column": "post_parent", "to": f"{posts}.ID"}],
            "anchor": "post_date_gmt",
            "columns": {"post_excerpt": "correspondence", "post_date_gmt": "order-details"},
            "erasure": {"retain": FISCAL, "mask": {"post_excerpt": EMPTY}},
        },
        f"{p}postmeta": {
            "primary_key": "meta_id",
            "activities": orders,
            "identity": {"meta_value": {"kind": "email", "where": {"meta_key": "_billing_email"}}},
            "references": [
                {"column": "post_id", "to": f"{posts}.ID", "follow": "both"},
                {
                    "column": "meta_value",
                    "to": f"{users}.ID",
                    "where": {"meta_key": "_customer_user"},
                },
            ],
            "meta": {
                "key": "meta_key",
                "value": "meta_value",
                "keys": {
                    "_customer_user": "customer-number",
                    **_address_keys("_billing_", "billing-address"),
                    "_billing_email": _col("email", "email"),
                    **_address_keys("_shipping_", "delivery-address"),
                    "_customer_ip_address": "ip-address",
                    "_customer_user_agent": "browser",
                    "_transaction_id": "payment-details",
                    "_billing_address_index": "billing-address",
                    "_shipping_address_index": "delivery-address",
                    "Payer first name": "paypal-details",
                    "Payer last name": "paypal-details",
                    "Payer PayPal address": "paypal-details",
                },
            },
            "erasure": {
                "retain": FISCAL,
                "anchor": f"{posts}.post_date_gmt",
                "mask": {
                    "_customer_user": {"fixed": "0"},
                    "_customer_ip_address": "truncate-ip",
                    "_customer_user_agent": None,
                    "_billing_phone": None,
                    "_shipping_phone": None,
                    "_billing_address_index": None,
                    "_shipping_address_index": None,
                },
            },
        },
    }


def _comments_and_downloads(p: str, orders: list[str]) -> dict[str, Any]:
    users, posts, hpos = f"{p}users", f"{p}posts", f"{p}wc_orders"
    permissions = f"{p}woocommerce_downloadable_product_permissions"
    return {
        f"{p}comments": {
            "description": "order notes, product reviews and comments",
            "primary_key": "comment_ID",
            "activities": orders,
            "identity": {"comment_author_email": "email"},
            "references": [
                {"column": "comment_post_ID", "to": f"{posts}.ID"},
                {"column": "comment_post_ID", "to": f"{hpos}.id"},
                {"column": "user_id", "to": f"{users}.ID"},
            ],
            "anchor": "comment_date_gmt",
            "columns": {
                "comment_author": _col("name", "name"),
                "comment_author_email": _col("email", "email"),
                "comment_author_IP": "ip-address",
                "comment_agent": "browser",
                "comment_content": "reviews",
            },
            "erasure": {
                "mask": {
                    "comment_author": ERASED,
                    "comment_author_email": EMPTY,
                    "comment_author_url": EMPTY,
                    "comment_author_IP": EMPTY,
                    "comment_agent": EMPTY,
                    "comment_content": ERASED,
                    "user_id": {"fixed": 0},
                }
            },
        },
        permissions: {
            "primary_key": "permission_id",
            "activities": orders,
            "identity": {"user_email": "email"},
            "references": [
                {"column": "user_id", "to": f"{users}.ID"},
                {"column": "order_id", "to": f"{hpos}.id"},
                {"column": "order_id", "to": f"{posts}.ID"},
            ],
            "columns": {"user_email": _col("email", "email"), "user_id": "customer-number"},
            "erasure": "delete",
        },
        f"{p}wc_download_log": {
            "primary_key": "download_log_id",
            "activities": orders,
            "references": [
                {"column": "permission_id", "to": f"{permissions}.permission_id"},
                {"column": "user_id", "to": f"{users}.ID"},
            ],
            "columns": {"user_ip_address": "ip-address", "timestamp": "website-activity"},
            "erasure": "delete",
        },
    }
