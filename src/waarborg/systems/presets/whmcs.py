"""The WHMCS preset: clients, contacts, users, orders, invoices, services, support, logs.

Columns follow ``shared/reference/whmcs-columns.txt`` (WHMCS 8.4). Choices made
here, each visible in the generated file and meant to be reviewed:

- A person is found as a client (``tblclients``), a contact, a login user
  (``tblusers``) or by the e-mail on a ticket. A user leads to the client
  accounts they *own* (``tblusers_clients.owner = 1``), never to accounts they
  were only invited to; a contact never leads to its client.
- Invoices, invoice items, transactions and orders are kept under the fiscal
  duty (AWR art. 52 lid 4) counted from their date. WHMCS prints an invoice
  from the live client profile unless "Store Client Data Snapshot" is on, so
  the client row is kept too, for as long as its latest invoice is, with what
  an invoice does not show (e-mail, phone, passwords, card and bank blobs,
  IP, notes) removed now.
- Services count their retention from ``tblhosting.termination_date`` (empty,
  so never due, while the service runs) and domains from ``tbldomains.expirydate``.
- Most WHMCS text columns are ``NOT NULL``, so masks write an empty string.
"""

from __future__ import annotations

from typing import Any

from waarborg.systems.presets.roles import Roles

FISCAL = "fiscal"
EMPTY = {"fixed": ""}


def _col(category: str, field: str) -> dict[str, str]:
    return {"category": category, "field": field}


def _person_columns(prefix: str = "") -> dict[str, Any]:
    return {
        f"{prefix}firstname": _col("naw", "first-name"),
        f"{prefix}lastname": _col("naw", "last-name"),
        f"{prefix}companyname": _col("company-name", "company"),
        f"{prefix}email": _col("email", "email"),
        f"{prefix}address1": _col("billing-address", "street"),
        f"{prefix}address2": "billing-address",
        f"{prefix}city": _col("billing-address", "city"),
        f"{prefix}state": "billing-address",
        f"{prefix}postcode": _col("billing-address", "postcode"),
        f"{prefix}country": _col("billing-address", "country"),
        f"{prefix}phonenumber": _col("phone", "phone"),
        f"{prefix}tax_id": "vat-number",
    }


def _by_client(column: str = "userid") -> dict[str, str]:
    return {"column": column, "to": "tblclients.id"}


def whmcs_tables(prefix: str, roles: Roles) -> dict[str, Any]:
    """WHMCS names its tables without a prefix; ``prefix`` is accepted and ignored."""
    account = roles("account")
    orders = roles("orders", "invoicing", "payments")
    invoicing = roles.optional("invoicing", "payments") or orders
    services = roles("services")
    tables: dict[str, Any] = {
        "tblclients": {
            "primary_key": "id",
            "activities": [*account, *(a for a in invoicing if a not in account)],
            "identity": {"email": "email", "id": "customer-id"},
            "anchor": "datecreated",
            "columns": {
                "id": "customer-number",
                **_person_columns(),
                "password": "password",
                "securityqans": "password",
                "notes": "correspondence",
                "cardlastfour": "payment-card",
                "bankacct": "bank-account",
                "ip": "ip-address",
                "host": "ip-address",
                "lastlogin": "account-activity",
                "marketing_emails_opt_in": "consent-choices",
            },
            "erasure": {
                "retain": FISCAL,
                "anchor": "tblinvoices.date",
                "mask": {
                    "email": "hash",
                    "phonenumber": EMPTY,
                    "password": EMPTY,
                    "securityqans": EMPTY,
                    "notes": EMPTY,
                    "cardlastfour": EMPTY,
                    "bankacct": None,
                    "ip": EMPTY,
                    "host": EMPTY,
                },
            },
        },
        "tblcontacts": {
            "primary_key": "id",
            "activities": account,
            "identity": {"email": "email"},
            "references": [_by_client()],
            "columns": {**_person_columns(), "password": "password"},
            "erasure": "delete",
        },
        "tblusers": {
            "primary_key": "id",
            "activities": account,
            "identity": {"email": "email"},
            "anchor": "created_at",
            "columns": {
                "first_name": _col("naw", "first-name"),
                "last_name": _col("naw", "last-name"),
                "email": _col("email", "email"),
                "password": "password",
                "security_question_answer": "password",
                "last_ip": "ip-address",
                "last_hostname": "ip-address",
                "last_login": "account-activity",
            },
            "erasure": "delete",
        },
        "tblusers_clients": {
            "description": "which login users may manage which client accounts",
            "primary_key": "id",
            "activities": account,
            "references": [
                {"column": "auth_user_id", "to": "tblusers.id"},
                _by_client("client_id"),
                {
                    "column": "client_id",
                    "to": "tblclients.id",
                    "follow": "up",
                    "where": {"owner": 1},
                },
            ],
            "columns": {"last_login": "account-activity"},
            "erasure": "delete",
        },
        **_billing(orders, invoicing),
        **_services(services),
        **_support(roles("support"), roles("activity-log"), roles("marketing"), account),
    }
    return tables


def _billing(orders: list[str], invoicing: list[str]) -> dict[str, Any]:
    return {
        "tblorders": {
            "primary_key": "id",
            "activities": orders,
            "references": [_by_client()],
            "anchor": "date",
            "columns": {
                "ordernum": "order-details",
                "amount": "order-details",
                "ipaddress": "ip-address",
                "notes": "correspondence",
                "fraudoutput": "behaviour",
            },
            "erasure": {
                "retain": FISCAL,
                "mask": {"ipaddress": "truncate-ip", "fraudoutput": EMPTY, "notes": EMPTY},
            },
        },
        "tblinvoices": {
            "primary_key": "id",
            "activities": invoicing,
            "references": [_by_client()],
            "anchor": "date",
            "columns": {
                "total": "order-details",
                "paymentmethod": "payment-details",
                "notes": "correspondence",
            },
            "erasure": {"retain": FISCAL},
        },
        "tblinvoiceitems": {
            "primary_key": "id",
            "activities": invoicing,
            "references": [{"column": "invoiceid", "to": "tblinvoices.id"}, _by_client()],
            "columns": {"description": "order-details", "amount": "order-details"},
            "erasure": {"retain": FISCAL, "anchor": "tblinvoices.date"},
        },
        "tblaccounts": {
            "description": "payments received and refunds",
            "primary_key": "id",
            "activities": invoicing,
            "references": [_by_client(), {"column": "invoiceid", "to": "tblinvoices.id"}],
            "anchor": "date",
            "columns": {
                "transid": "payment-details",
                "amountin": "payment-details",
                "description": "payment-details",
            },
            "erasure": {"retain": FISCAL},
        },
    }


def _services(services: list[str]) -> dict[str, Any]:
    return {
        "tblhosting": {
            "primary_key": "id",
            "activities": services,
            "references": [_by_client()],
            # the rule is "subscription-ended + ...": count from the day the service
            # ended, never from regdate (that would sweep a still-active service
            # registered long ago); an active service has no termination date, and a
            # row with an empty anchor is never due
            "anchor": "termination_date",
            "columns": {
                "domain": "domain-names",
                "username": "username",
                "password": "password",
                "dedicatedip": "ip-address",
                "assignedips": "ip-address",
                "notes": "correspondence",
            },
            "erasure": "delete",
        },
        "tbldomains": {
            "primary_key": "id",
            "activities": services,
            "references": [_by_client()],
            # a domain's subscription ends when its registration runs out (WHMCS
            # keeps expirydate current on every renewal), not when it was registered
            "anchor": "expirydate",
            "columns": {"domain": "domain-names", "additionalnotes": "correspondence"},
            "erasure": "delete",
        },
    }


def _support(
    support: list[str], log: list[str], marketing: list[str], account: list[str]
) -> dict[str, Any]:
    return {
        "tbltickets": {
            "primary_key": "id",
            "activities": support,
            "identity": {"email": "email"},
            "references": [_by_client()],
            "anchor": "date",
            "columns": {
                "name": _col("naw", "name"),
                "email": _col("email", "email"),
                "cc": "email",
                "ipaddress": "ip-address",
                "title": "support-messages",
                "message": "support-messages",
            },
            "erasure": "delete",
        },
        "tblticketreplies": {
            "primary_key": "id",
            "activities": support,
            "identity": {"email": "email"},
            "references": [{"column": "tid", "to": "tbltickets.id"}],
            "columns": {
                "name": _col("naw", "name"),
                "email": _col("email", "email"),
                "message": "support-messages",
            },
            "erasure": "delete",
        },
        "tblemails": {
            "description": "copies of every e-mail sent to the client",
            "primary_key": "id",
            "activities": support,
            "references": [_by_client()],
            "anchor": "date",
            "columns": {
                "to": "email",
                "cc": "email",
                "bcc": "email",
                "subject": "correspondence",
                "message": "correspondence",
            },
            "erasure": "delete",
        },
        "tblactivitylog": {
            "primary_key": "id",
            "activities": log,
            "references": [_by_client(), {"column": "user_id", "to": "tblusers.id"}],
            "anchor": "date",
            "columns": {"description": "account-activity", "ipaddr": "ip-address"},
            "erasure": "delete",
        },
        "tblnotes": {
            "description": "staff notes about the client",
            "primary_key": "id",
            "activities": account,
            "references": [_by_client()],
            "columns": {"note": "correspondence"},
            "erasure": "delete",
        },
        "tblquotes": {
            "primary_key": "id",
            "activities": account,
            "identity": {"email": "email"},
            "references": [_by_client()],
            "anchor": "datecreated",
            "columns": {
                **_person_columns(),
                "proposal": "correspondence",
                "customernotes": "correspondence",
            },
            "erasure": "delete",
        },
        "tblmarketing_consent": {
            "primary_key": "id",
            "activities": marketing,
            "references": [_by_client()],
            "anchor": "created_at",
            "columns": {"opt_in": "consent-choices", "ip_address": "ip-address"},
            "erasure": "delete",
        },
    }
