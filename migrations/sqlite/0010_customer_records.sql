-- Customer records the back office loads (I3): what a customer record carries beyond
-- 0001 (a mobile phone, the shipping address next to the billing one in `address`, the
-- credit limit) and the customer's jobs (sites). Same numbering and meaning as
-- migrations/postgres/0010_customer_records.sql.
ALTER TABLE customers ADD COLUMN mobile_phone TEXT;
ALTER TABLE customers ADD COLUMN shipping_address TEXT;
-- In the dealer's minor units; NULL when the back office sets no limit.
ALTER TABLE customers ADD COLUMN credit_limit_minor BIGINT;

CREATE TABLE jobs (
    id          BLOB PRIMARY KEY,
    dealer_id   BLOB NOT NULL REFERENCES dealers (id),
    customer_id BLOB NOT NULL REFERENCES customers (id),
    external_id TEXT NOT NULL,
    -- The customer's job number, as printed on contracts and invoices.
    number      TEXT,
    name        TEXT NOT NULL,
    address     TEXT,
    active      BOOLEAN NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (dealer_id, external_id)
);
CREATE INDEX jobs_customer ON jobs (customer_id, name);
