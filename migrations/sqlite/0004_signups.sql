-- Self sign-up (A3): a customer proves an account or contract number plus a fact on record
-- and gets an emailed, single-use, expiring confirmation link (stored hashed). Same
-- numbering and meaning as migrations/postgres/0004_signups.sql.

CREATE TABLE signups (
    id           BLOB PRIMARY KEY,
    dealer_id    BLOB NOT NULL REFERENCES dealers (id),
    customer_id  BLOB NOT NULL REFERENCES customers (id),
    -- Lower-cased: the customer's email or one of its contacts' emails; the new login.
    email        TEXT NOT NULL,
    display_name TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    requested_ip TEXT,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    used_at      TIMESTAMP,
    used_by      BLOB REFERENCES users (id)
);
CREATE INDEX signups_customer_email ON signups (customer_id, email);
