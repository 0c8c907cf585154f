-- The demo business database of Weservit B.V., a small Dutch hosting company.
-- Plain SQL (SQLite here; the same DDL runs on PostgreSQL and MariaDB with small type
-- changes). Times are UTC as 'YYYY-MM-DD HH:MM:SS', dates 'YYYY-MM-DD', money in cents.
-- Identity columns: customers.email and customers.customer_number; other tables reach a
-- person through customer_id or their own email column. Comments name the register's
-- data categories and the retention anchor each column carries.

CREATE TABLE customers (
    id              INTEGER PRIMARY KEY,
    customer_number TEXT NOT NULL UNIQUE,        -- identity (customer-id), e.g. 'WS-10042'
    email           TEXT NOT NULL UNIQUE,        -- identity (email)
    first_name      TEXT NOT NULL,               -- naw
    last_name       TEXT NOT NULL,               -- naw
    company_name    TEXT,                        -- company-name
    street          TEXT NOT NULL,               -- naw / billing-address
    house_number    TEXT NOT NULL,               -- naw / billing-address
    postcode        TEXT NOT NULL,               -- naw / billing-address, '5391 LJ'
    city            TEXT NOT NULL,               -- naw / billing-address
    country         TEXT NOT NULL DEFAULT 'NL',  -- billing-address
    phone           TEXT,                        -- phone, E.164 '+31612345678'
    iban            TEXT,                        -- payment-details (direct debit)
    created_at      TEXT NOT NULL,               -- anchor: collected
    closed_at       TEXT                         -- anchor: account-closed
);

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    order_number TEXT NOT NULL UNIQUE,           -- 'WS-2024-00017'
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    status       TEXT NOT NULL CHECK (status IN ('pending', 'completed', 'cancelled')),
    placed_at    TEXT NOT NULL,
    completed_at TEXT,                           -- anchor: order-completed
    total_cents  INTEGER NOT NULL,               -- order-details
    ip_address   TEXT                            -- ip-address of the checkout
);
CREATE INDEX ix_orders_customer_id ON orders (customer_id);

CREATE TABLE order_items (
    id               INTEGER PRIMARY KEY,
    order_id         INTEGER NOT NULL REFERENCES orders (id),
    product          TEXT NOT NULL,              -- order-details
    quantity         INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL
);
CREATE INDEX ix_order_items_order_id ON order_items (order_id);

CREATE TABLE subscriptions (
    id                  INTEGER PRIMARY KEY,
    customer_id         INTEGER NOT NULL REFERENCES customers (id),
    product             TEXT NOT NULL,           -- order-details, e.g. 'Webhosting Plus'
    monthly_price_cents INTEGER NOT NULL,
    started_at          TEXT NOT NULL,
    ended_at            TEXT                     -- anchor: subscription-ended
);
CREATE INDEX ix_subscriptions_customer_id ON subscriptions (customer_id);

CREATE TABLE invoices (
    id              INTEGER PRIMARY KEY,
    invoice_number  TEXT NOT NULL UNIQUE,        -- 'F2024-0017'
    customer_id     INTEGER NOT NULL REFERENCES customers (id),
    order_id        INTEGER REFERENCES orders (id),
    subscription_id INTEGER REFERENCES subscriptions (id),
    issued_on       TEXT NOT NULL,               -- anchor: invoice-date (fiscal, 7 years)
    due_on          TEXT NOT NULL,
    paid_on         TEXT,
    amount_cents    INTEGER NOT NULL,            -- incl. VAT
    vat_cents       INTEGER NOT NULL,
    billing_name    TEXT NOT NULL,               -- naw, as on the invoice (kept: fiscal duty)
    billing_address TEXT NOT NULL,               -- billing-address, as on the invoice
    iban            TEXT                         -- payment-details of the payer
);
CREATE INDEX ix_invoices_customer_id ON invoices (customer_id);

CREATE TABLE contact_messages (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customers (id),  -- empty when not (yet) a customer
    name        TEXT NOT NULL,                   -- naw
    email       TEXT NOT NULL,                   -- identity (email)
    phone       TEXT,                            -- phone
    subject     TEXT NOT NULL,                   -- correspondence
    body        TEXT NOT NULL,                   -- correspondence
    ip_address  TEXT,                            -- ip-address
    received_at TEXT NOT NULL,                   -- anchor: collected
    answered_at TEXT                             -- anchor: question-answered
);
CREATE INDEX ix_contact_messages_email ON contact_messages (email);

CREATE TABLE newsletter_subscribers (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,        -- identity (email)
    customer_id     INTEGER REFERENCES customers (id),
    source          TEXT NOT NULL CHECK (source IN ('checkout', 'website', 'portal')),
    subscribed_at   TEXT NOT NULL,
    confirmed_at    TEXT,                        -- double opt-in confirmed (empty: never)
    unsubscribed_at TEXT,                        -- anchor: unsubscribed
    ip_address      TEXT                         -- ip-address at sign-up
);

CREATE TABLE portal_activity (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    occurred_at TEXT NOT NULL,                   -- account-activity
    action      TEXT NOT NULL,                   -- 'login', 'dns-change', …
    ip_address  TEXT,                            -- ip-address
    user_agent  TEXT                             -- browser
);
CREATE INDEX ix_portal_activity_customer_id ON portal_activity (customer_id);
