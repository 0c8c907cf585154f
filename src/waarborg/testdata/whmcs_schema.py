"""The WHMCS tables that hold client data, with the columns of WHMCS 8.4.

Column names and indexes follow ``shared/reference/whmcs-columns.txt`` (a
mysqldump of a WHMCS 8.4 demo install). Like WHMCS, most text columns are
``TEXT NOT NULL``; a few columns the privacy work does not touch are left out.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from waarborg.testdata.schema import lower_index, pk


def _text(*names: str, nullable: bool = False) -> list[sa.Column[Any]]:
    return [sa.Column(name, sa.Text, nullable=nullable) for name in names]


def _int(*names: str) -> list[sa.Column[Any]]:
    return [sa.Column(name, sa.Integer, nullable=False, server_default="0") for name in names]


PERSON = (
    "firstname",
    "lastname",
    "companyname",
    "email",
    "address1",
    "address2",
    "city",
    "state",
    "postcode",
    "country",
    "phonenumber",
)


def whmcs_metadata() -> sa.MetaData:
    md = sa.MetaData()
    clients = sa.Table(
        "tblclients",
        md,
        pk(),
        sa.Column("uuid", sa.String(255), nullable=False),
        *_text(*PERSON),
        sa.Column("tax_id", sa.String(128), nullable=False),
        *_text("password", "securityqans", "notes", "cardlastfour", "ip", "host", "language"),
        sa.Column("bankacct", sa.LargeBinary),
        sa.Column("datecreated", sa.Date, nullable=False),
        sa.Column("lastlogin", sa.DateTime),
        *_int("marketing_emails_opt_in", "currency"),
        sa.Column("status", sa.String(10), nullable=False, server_default="Active"),
        sa.Index("email", "email", mysql_length=64),
    )
    lower_index("tblclients_lower_email", clients.c.email)
    contacts = sa.Table(
        "tblcontacts",
        md,
        pk(),
        *_int("userid"),
        *_text(*PERSON),
        sa.Column("tax_id", sa.String(128), nullable=False),
        *_text("password"),
        sa.Index("userid_firstname_lastname", "userid"),
        sa.Index("tblcontacts_email", "email", mysql_length=64),
    )
    lower_index("tblcontacts_lower_email", contacts.c.email)
    users = sa.Table(
        "tblusers",
        md,
        pk(),
        *(
            sa.Column(c, sa.String(255), nullable=False)
            for c in ("first_name", "last_name", "email", "password")
        ),
        sa.Column("security_question_answer", sa.String(255), nullable=False, server_default=""),
        sa.Column("last_ip", sa.String(64), nullable=False, server_default=""),
        sa.Column("last_hostname", sa.String(255), nullable=False, server_default=""),
        sa.Column("last_login", sa.DateTime),
        sa.Column("created_at", sa.DateTime),
        sa.UniqueConstraint("email", name="tblusers_email_unique"),
    )
    lower_index("tblusers_lower_email", users.c.email)
    sa.Table(
        "tblusers_clients",
        md,
        pk(),
        *_int("auth_user_id", "client_id", "owner"),
        sa.Column("permissions", sa.Text),
        sa.Column("last_login", sa.DateTime),
        sa.UniqueConstraint("auth_user_id", "client_id", name="user_id_client_id"),
        sa.Index("client_id_owner_idx", "client_id", "owner"),
    )
    _billing(md)
    _services_and_support(md)
    return md


def _billing(md: sa.MetaData) -> None:
    sa.Table(
        "tblorders",
        md,
        pk(),
        sa.Column("ordernum", sa.BigInteger, nullable=False),
        *_int("userid", "contactid", "invoiceid"),
        sa.Column("date", sa.DateTime, nullable=False),
        sa.Column("amount", sa.Numeric(16, 2), nullable=False),
        *_text("paymentmethod", "status", "ipaddress", "fraudoutput", "notes"),
        sa.Index("tblorders_userid", "userid"),
    )
    sa.Table(
        "tblinvoices",
        md,
        pk(),
        *_int("userid"),
        *_text("invoicenum"),
        sa.Column("date", sa.Date),
        sa.Column("duedate", sa.Date),
        sa.Column("datepaid", sa.DateTime),
        sa.Column("total", sa.Numeric(16, 2), nullable=False),
        *_text("status", "paymentmethod", "notes"),
        sa.Index("tblinvoices_userid", "userid"),
    )
    sa.Table(
        "tblinvoiceitems",
        md,
        pk(),
        *_int("invoiceid", "userid", "relid"),
        sa.Column("type", sa.String(30), nullable=False),
        *_text("description"),
        sa.Column("amount", sa.Numeric(16, 2), nullable=False),
        sa.Index("invoiceid", "invoiceid"),
        sa.Index("tblinvoiceitems_userid", "userid"),
    )
    sa.Table(
        "tblaccounts",
        md,
        pk(),
        *_int("userid", "invoiceid"),
        sa.Column("date", sa.DateTime),
        *_text("gateway", "description", "transid"),
        sa.Column("amountin", sa.Numeric(16, 2), nullable=False),
        sa.Index("tblaccounts_invoiceid", "invoiceid"),
        sa.Index("tblaccounts_userid", "userid"),
    )


def _services_and_support(md: sa.MetaData) -> None:
    sa.Table(
        "tblhosting",
        md,
        pk(),
        *_int("userid", "orderid", "packageid"),
        sa.Column("regdate", sa.Date, nullable=False),
        *_text("domain", "username", "password", "notes", "dedicatedip", "assignedips"),
        sa.Column("domainstatus", sa.String(20), nullable=False),
        sa.Column("termination_date", sa.Date),  # NULL while the service runs
        sa.Index("tblhosting_userid", "userid"),
    )
    sa.Table(
        "tbldomains",
        md,
        pk(),
        *_int("userid", "orderid"),
        sa.Column("registrationdate", sa.Date, nullable=False),
        *_text("domain", "registrar"),
        sa.Column("expirydate", sa.Date),
        *_text("additionalnotes"),
        sa.Index("tbldomains_userid", "userid"),
    )
    tickets = sa.Table(
        "tbltickets",
        md,
        pk(),
        sa.Column("tid", sa.String(128), nullable=False),
        *_int("did", "userid", "contactid"),
        *_text("name", "email", "cc"),
        sa.Column("ipaddress", sa.String(64), nullable=False, server_default=""),
        sa.Column("date", sa.DateTime, nullable=False),
        *_text("title", "message"),
        sa.Column("status", sa.String(64), nullable=False),
        sa.Index("tbltickets_userid", "userid"),
    )
    lower_index("tbltickets_lower_email", tickets.c.email)
    replies = sa.Table(
        "tblticketreplies",
        md,
        pk(),
        *_int("tid", "userid", "contactid"),
        *_text("name", "email"),
        sa.Column("date", sa.DateTime, nullable=False),
        *_text("message", "admin"),
        sa.Index("tid_date", "tid", "date"),
    )
    lower_index("tblticketreplies_lower_email", replies.c.email)
    sa.Table(
        "tblemails",
        md,
        pk(),
        *_int("userid"),
        *_text("subject", "message"),
        sa.Column("date", sa.DateTime),
        *_text("to", "cc", "bcc", nullable=True),
        sa.Index("tblemails_userid", "userid"),
    )
    sa.Table(
        "tblactivitylog",
        md,
        pk(),
        sa.Column("date", sa.DateTime, nullable=False),
        *_text("description", "user"),
        *_int("userid", "user_id", "admin_id"),
        *_text("ipaddr"),
        sa.Index("tblactivitylog_userid", "userid"),
        sa.Index("tblactivitylog_user_id", "user_id"),
    )
    sa.Table(
        "tblnotes",
        md,
        pk(),
        *_int("userid", "adminid"),
        sa.Column("created", sa.DateTime),
        *_text("note"),
        sa.Index("tblnotes_userid", "userid"),
    )
    quotes = sa.Table(
        "tblquotes",
        md,
        pk(),
        *_text("subject"),
        *_int("userid"),
        *_text(*PERSON),
        sa.Column("tax_id", sa.String(128), nullable=False),
        *_text("proposal", "customernotes"),
        sa.Column("datecreated", sa.Date),
    )
    lower_index("tblquotes_lower_email", quotes.c.email)
    sa.Table(
        "tblmarketing_consent",
        md,
        pk(),
        *_int("userid", "opt_in", "admin"),
        sa.Column("ip_address", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime),
        sa.Index("tblmarketing_consent_userid", "userid"),
    )
