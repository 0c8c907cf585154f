"""The WordPress + WooCommerce tables that hold customer data, as WooCommerce creates them.

Column lists and indexes follow ``wp_get_db_schema()`` (WordPress) and
``WC_Install::get_schema()`` / ``OrdersTableDataStore::get_database_schema()``
(WooCommerce, HPOS), as summarised in ``shared/reference/schemas.md`` §1. Only the
tables and columns a privacy request touches are created; the prefix is a
parameter like WordPress's ``$table_prefix``.
"""

from __future__ import annotations

import sqlalchemy as sa

from waarborg.testdata.schema import ID, LONGTEXT, lower_index, pk


def woocommerce_metadata(prefix: str = "wp_") -> sa.MetaData:
    md = sa.MetaData()
    p = prefix
    users = sa.Table(
        f"{p}users",
        md,
        pk("ID"),
        sa.Column("user_login", sa.String(60), nullable=False, server_default=""),
        sa.Column("user_pass", sa.String(255), nullable=False, server_default=""),
        sa.Column("user_nicename", sa.String(50), nullable=False, server_default=""),
        sa.Column("user_email", sa.String(100), nullable=False, server_default=""),
        sa.Column("user_url", sa.String(100), nullable=False, server_default=""),
        sa.Column("user_registered", sa.DateTime, nullable=False),
        sa.Column("user_activation_key", sa.String(255), nullable=False, server_default=""),
        sa.Column("user_status", sa.Integer, nullable=False, server_default="0"),
        sa.Column("display_name", sa.String(250), nullable=False, server_default=""),
        sa.Index("user_login_key", "user_login"),
        sa.Index("user_nicename", "user_nicename"),
        sa.Index("user_email", "user_email"),
    )
    lower_index(f"{p}users_lower_email", users.c.user_email)
    _meta_table(md, f"{p}usermeta", "umeta_id", "user_id")
    sa.Table(
        f"{p}posts",
        md,
        pk("ID"),
        sa.Column("post_author", ID, nullable=False, server_default="0"),
        sa.Column("post_date", sa.DateTime, nullable=False),
        sa.Column("post_date_gmt", sa.DateTime, nullable=False),
        sa.Column("post_content", LONGTEXT, nullable=False),
        sa.Column("post_title", sa.Text, nullable=False),
        sa.Column("post_excerpt", sa.Text, nullable=False),
        sa.Column("post_status", sa.String(20), nullable=False, server_default="publish"),
        sa.Column("post_password", sa.String(255), nullable=False, server_default=""),
        sa.Column("post_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("post_parent", ID, nullable=False, server_default="0"),
        sa.Column("post_type", sa.String(20), nullable=False, server_default="post"),
        sa.Index("type_status_date", "post_type", "post_status", "post_date", "ID"),
        sa.Index("post_parent", "post_parent"),
        sa.Index("post_author", "post_author"),
    )
    _meta_table(md, f"{p}postmeta", "meta_id", "post_id")
    comments = sa.Table(
        f"{p}comments",
        md,
        pk("comment_ID"),
        sa.Column("comment_post_ID", ID, nullable=False, server_default="0"),
        sa.Column("comment_author", sa.Text, nullable=False),
        sa.Column("comment_author_email", sa.String(100), nullable=False, server_default=""),
        sa.Column("comment_author_url", sa.String(200), nullable=False, server_default=""),
        sa.Column("comment_author_IP", sa.String(100), nullable=False, server_default=""),
        sa.Column("comment_date", sa.DateTime, nullable=False),
        sa.Column("comment_date_gmt", sa.DateTime, nullable=False),
        sa.Column("comment_content", sa.Text, nullable=False),
        sa.Column("comment_approved", sa.String(20), nullable=False, server_default="1"),
        sa.Column("comment_agent", sa.String(255), nullable=False, server_default=""),
        sa.Column("comment_type", sa.String(20), nullable=False, server_default="comment"),
        sa.Column("comment_parent", ID, nullable=False, server_default="0"),
        sa.Column("user_id", ID, nullable=False, server_default="0"),
        sa.Index("comment_post_ID", "comment_post_ID"),
        sa.Index("comment_author_email", "comment_author_email", mysql_length=10),
        sa.Index("woo_idx_comment_type", "comment_type"),
        sa.Index(f"{p}comments_user_id", "user_id"),
    )
    lower_index(f"{p}comments_lower_email", comments.c.comment_author_email)
    _hpos_tables(md, p)
    _other_wc_tables(md, p)
    return md


def _meta_table(md: sa.MetaData, name: str, key: str, owner: str) -> sa.Table:
    return sa.Table(
        name,
        md,
        pk(key),
        sa.Column(owner, ID, nullable=False, server_default="0"),
        sa.Column("meta_key", sa.String(255)),
        sa.Column("meta_value", LONGTEXT),
        sa.Index(f"{name}_{owner}", owner),
        sa.Index(f"{name}_meta_key", "meta_key", mysql_length=191),
    )


def _hpos_tables(md: sa.MetaData, p: str) -> None:
    orders = sa.Table(
        f"{p}wc_orders",
        md,
        sa.Column("id", ID, primary_key=True, autoincrement=False),
        sa.Column("status", sa.String(20)),
        sa.Column("currency", sa.String(10)),
        sa.Column("type", sa.String(20)),
        sa.Column("tax_amount", sa.Numeric(26, 8)),
        sa.Column("total_amount", sa.Numeric(26, 8)),
        sa.Column("customer_id", ID),
        sa.Column("billing_email", sa.String(320)),
        sa.Column("date_created_gmt", sa.DateTime),
        sa.Column("date_updated_gmt", sa.DateTime),
        sa.Column("parent_order_id", ID),
        sa.Column("payment_method", sa.String(100)),
        sa.Column("payment_method_title", sa.Text),
        sa.Column("transaction_id", sa.String(100)),
        sa.Column("ip_address", sa.String(100)),
        sa.Column("user_agent", sa.Text),
        sa.Column("customer_note", sa.Text),
        sa.Index(f"{p}wc_orders_status", "status"),
        sa.Index(f"{p}wc_orders_date_created", "date_created_gmt"),
        sa.Index(
            f"{p}wc_orders_customer_id_billing_email",
            "customer_id",
            "billing_email",
            mysql_length={"billing_email": 171},
        ),
        sa.Index(f"{p}wc_orders_billing_email", "billing_email", mysql_length=191),
        sa.Index(f"{p}wc_orders_parent_order_id", "parent_order_id"),
    )
    lower_index(f"{p}wc_orders_lower_billing_email", orders.c.billing_email)
    addresses = sa.Table(
        f"{p}wc_order_addresses",
        md,
        pk(),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("address_type", sa.String(20)),
        *(
            sa.Column(c, sa.Text)
            for c in (
                "first_name",
                "last_name",
                "company",
                "address_1",
                "address_2",
                "city",
                "state",
                "postcode",
                "country",
            )
        ),
        sa.Column("email", sa.String(320)),
        sa.Column("phone", sa.String(100)),
        sa.Index(f"{p}wc_order_addresses_order_id", "order_id"),
        sa.UniqueConstraint("address_type", "order_id", name=f"{p}wc_order_addresses_type_order"),
        sa.Index(f"{p}wc_order_addresses_email", "email", mysql_length=191),
        sa.Index(f"{p}wc_order_addresses_phone", "phone"),
    )
    lower_index(f"{p}wc_order_addresses_lower_email", addresses.c.email)
    sa.Table(
        f"{p}wc_order_operational_data",
        md,
        pk(),
        sa.Column("order_id", ID, unique=True),
        sa.Column("created_via", sa.String(100)),
        sa.Column("woocommerce_version", sa.String(20)),
        sa.Column("prices_include_tax", sa.Boolean),
        sa.Column("order_key", sa.String(100)),
        sa.Column("date_paid_gmt", sa.DateTime),
        sa.Column("date_completed_gmt", sa.DateTime),
        sa.Column("cart_hash", sa.String(100)),
    )
    sa.Table(
        f"{p}wc_orders_meta",
        md,
        pk(),
        sa.Column("order_id", ID),
        sa.Column("meta_key", sa.String(255)),
        sa.Column("meta_value", sa.Text),
        sa.Index(f"{p}wc_orders_meta_order_id", "order_id"),
        sa.Index(f"{p}wc_orders_meta_key", "meta_key", mysql_length=100),
    )


def _other_wc_tables(md: sa.MetaData, p: str) -> None:
    lookup = sa.Table(
        f"{p}wc_customer_lookup",
        md,
        pk("customer_id"),
        sa.Column("user_id", ID, unique=True),
        sa.Column("username", sa.String(60), nullable=False, server_default=""),
        sa.Column("first_name", sa.String(255), nullable=False),
        sa.Column("last_name", sa.String(255), nullable=False),
        sa.Column("email", sa.String(100)),
        sa.Column("date_last_active", sa.DateTime),
        sa.Column("date_registered", sa.DateTime),
        sa.Column("country", sa.String(2), nullable=False, server_default=""),
        sa.Column("postcode", sa.String(20), nullable=False, server_default=""),
        sa.Column("city", sa.String(100), nullable=False, server_default=""),
        sa.Column("state", sa.String(100), nullable=False, server_default=""),
        sa.Index(f"{p}wc_customer_lookup_email", "email"),
    )
    lower_index(f"{p}wc_customer_lookup_lower_email", lookup.c.email)
    permissions = sa.Table(
        f"{p}woocommerce_downloadable_product_permissions",
        md,
        pk("permission_id"),
        sa.Column("download_id", sa.String(36), nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=False, server_default="0"),
        sa.Column("order_key", sa.String(200), nullable=False),
        sa.Column("user_email", sa.String(200), nullable=False),
        sa.Column("user_id", ID),
        sa.Column("downloads_remaining", sa.String(9)),
        sa.Column("access_granted", sa.DateTime, nullable=False),
        sa.Column("download_count", ID, nullable=False, server_default="0"),
        sa.Index(f"{p}wdpp_order_id", "order_id"),
        sa.Index(f"{p}wdpp_user_id", "user_id"),
        sa.Index(f"{p}wdpp_user_email", "user_email", mysql_length=100),
    )
    lower_index(f"{p}wdpp_lower_user_email", permissions.c.user_email)
    sa.Table(
        f"{p}wc_download_log",
        md,
        pk("download_log_id"),
        sa.Column("timestamp", sa.DateTime, nullable=False),
        sa.Column("permission_id", ID, nullable=False),
        sa.Column("user_id", ID),
        sa.Column("user_ip_address", sa.String(100), server_default=""),
        sa.Index(f"{p}wc_download_log_permission_id", "permission_id"),
        sa.Index(f"{p}wc_download_log_user_id", "user_id"),
    )
