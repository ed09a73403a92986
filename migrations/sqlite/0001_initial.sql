-- Initial schema: tenants, customers, portal users, contracts, sessions, audit.
-- Same numbering and meaning as migrations/postgres/0001_initial.sql.

CREATE TABLE dealers (
    id              BLOB PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    country         TEXT NOT NULL,
    currency        TEXT NOT NULL,
    locale          TEXT NOT NULL,
    terminology     TEXT NOT NULL CHECK (terminology IN ('rentals', 'hires')),
    primary_color   TEXT NOT NULL,
    accent_color    TEXT NOT NULL,
    logo_url        TEXT,
    support_phone   TEXT,
    support_email   TEXT,
    welcome_message TEXT,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE locations (
    id          BLOB PRIMARY KEY,
    dealer_id   BLOB NOT NULL REFERENCES dealers (id),
    external_id TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    phone       TEXT,
    email       TEXT,
    address     TEXT,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (dealer_id, external_id)
);

CREATE TABLE customers (
    id               BLOB PRIMARY KEY,
    dealer_id        BLOB NOT NULL REFERENCES dealers (id),
    external_id      TEXT NOT NULL,
    account_number   TEXT NOT NULL,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('account', 'cash')),
    phone            TEXT,
    phone_normalized TEXT,
    email            TEXT,
    postal_code      TEXT,
    address          TEXT,
    portal_enabled   BOOLEAN NOT NULL,
    home_location_id BLOB REFERENCES locations (id),
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (dealer_id, external_id),
    UNIQUE (dealer_id, account_number)
);
CREATE INDEX customers_dealer_name ON customers (dealer_id, name);
CREATE INDEX customers_dealer_phone ON customers (dealer_id, phone_normalized);

CREATE TABLE contacts (
    id          BLOB PRIMARY KEY,
    dealer_id   BLOB NOT NULL REFERENCES dealers (id),
    customer_id BLOB NOT NULL REFERENCES customers (id),
    external_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT,
    phone       TEXT,
    is_primary  BOOLEAN NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (dealer_id, external_id)
);
CREATE INDEX contacts_customer ON contacts (customer_id);

CREATE TABLE users (
    id                   BLOB PRIMARY KEY,
    email                TEXT NOT NULL UNIQUE,
    phone_normalized     TEXT,
    display_name         TEXT NOT NULL,
    password_hash        TEXT,
    role                 TEXT NOT NULL
        CHECK (role IN ('customer', 'dealer_staff', 'dealer_admin', 'platform_admin')),
    dealer_id            BLOB REFERENCES dealers (id),
    is_active            BOOLEAN NOT NULL,
    failed_logins        INTEGER NOT NULL,
    locked_at            TIMESTAMP,
    must_change_password BOOLEAN NOT NULL,
    last_login_at        TIMESTAMP,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);
CREATE INDEX users_phone ON users (phone_normalized);

CREATE TABLE memberships (
    id           BLOB PRIMARY KEY,
    user_id      BLOB NOT NULL REFERENCES users (id),
    customer_id  BLOB NOT NULL REFERENCES customers (id),
    role         TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    can_view     BOOLEAN NOT NULL,
    can_pay      BOOLEAN NOT NULL,
    can_call_off BOOLEAN NOT NULL,
    can_order    BOOLEAN NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (user_id, customer_id)
);
CREATE INDEX memberships_customer ON memberships (customer_id);

CREATE TABLE contracts (
    id               BLOB PRIMARY KEY,
    dealer_id        BLOB NOT NULL REFERENCES dealers (id),
    customer_id      BLOB NOT NULL REFERENCES customers (id),
    location_id      BLOB NOT NULL REFERENCES locations (id),
    external_id      TEXT NOT NULL,
    number           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('quote', 'reservation', 'open', 'closed')),
    job_number       TEXT,
    po_number        TEXT,
    job_site         TEXT,
    ordered_by       TEXT,
    notes            TEXT,
    start_date       DATE NOT NULL,
    close_date       DATE,
    amount_minor     INTEGER NOT NULL,
    amount_due_minor INTEGER NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (dealer_id, external_id),
    UNIQUE (dealer_id, number)
);
-- The contract list is always one customer's; these serve its default sort and filters.
CREATE INDEX contracts_customer_start ON contracts (customer_id, start_date, id);
CREATE INDEX contracts_customer_status_start ON contracts (customer_id, status, start_date);
CREATE INDEX contracts_customer_location ON contracts (customer_id, location_id);

CREATE TABLE contract_lines (
    id                 BLOB PRIMARY KEY,
    contract_id        BLOB NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    line_no            INTEGER NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('rental', 'sale', 'fee')),
    item_code          TEXT,
    description        TEXT NOT NULL,
    serial_number      TEXT,
    quantity           INTEGER NOT NULL,
    status             TEXT CHECK (status IN ('reserved', 'out', 'called_off', 'returned')),
    daily_rate_minor   INTEGER,
    weekly_rate_minor  INTEGER,
    monthly_rate_minor INTEGER,
    start_date         DATE,
    expected_return    DATE,
    returned_on        DATE,
    amount_minor       INTEGER NOT NULL,
    UNIQUE (contract_id, line_no)
);
CREATE INDEX contract_lines_status ON contract_lines (status, contract_id);

CREATE TABLE refresh_sessions (
    id          BLOB PRIMARY KEY,
    user_id     BLOB NOT NULL REFERENCES users (id),
    family_id   BLOB NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    rotated_at  TIMESTAMP,
    revoked_at  TIMESTAMP,
    ip          TEXT,
    user_agent  TEXT
);
CREATE INDEX refresh_sessions_family ON refresh_sessions (family_id);
CREATE INDEX refresh_sessions_user ON refresh_sessions (user_id);

CREATE TABLE audit_events (
    id            BLOB PRIMARY KEY,
    occurred_at   TIMESTAMP NOT NULL,
    actor_user_id BLOB REFERENCES users (id),
    dealer_id     BLOB REFERENCES dealers (id),
    customer_id   BLOB REFERENCES customers (id),
    action        TEXT NOT NULL,
    ip            TEXT,
    user_agent    TEXT,
    details       TEXT
);
CREATE INDEX audit_events_dealer_time ON audit_events (dealer_id, occurred_at);
CREATE INDEX audit_events_actor_time ON audit_events (actor_user_id, occurred_at);
