-- Invoices and credit memos (E1), portal payments with their allocations (E4-E6, E8), the
-- dealer's payment methods (E5, H9), uploaded invoice PDFs, and the sandbox gateway's ledger.
-- Same numbering and meaning as migrations/sqlite/0007_payments.sql.

CREATE TABLE invoices (
    id             UUID PRIMARY KEY,
    dealer_id      UUID NOT NULL REFERENCES dealers (id),
    customer_id    UUID NOT NULL REFERENCES customers (id),
    location_id    UUID REFERENCES locations (id),
    contract_id    UUID REFERENCES contracts (id),
    external_id    TEXT NOT NULL,
    number         TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_memo')),
    status         TEXT NOT NULL CHECK (status IN ('open', 'paid', 'void')),
    invoice_date   DATE NOT NULL,
    due_date       DATE,
    po_number      TEXT,
    job_number     TEXT,
    subtotal_minor BIGINT NOT NULL,
    tax_minor      BIGINT NOT NULL,
    total_minor    BIGINT NOT NULL,
    -- What the back office says is still owed (negative on an open credit memo).
    balance_minor  BIGINT NOT NULL,
    -- Portal payments not yet posted by the back office, held against the balance so that
    -- the same amount cannot be paid twice. Amount due = balance_minor - pending_minor.
    pending_minor  BIGINT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (dealer_id, external_id),
    UNIQUE (dealer_id, number),
    CHECK (pending_minor >= 0)
);
CREATE INDEX invoices_customer_date ON invoices (customer_id, invoice_date, id);
CREATE INDEX invoices_customer_status_due ON invoices (customer_id, status, due_date);

CREATE TABLE invoice_lines (
    invoice_id       UUID NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL,
    item_code        TEXT,
    description      TEXT NOT NULL,
    quantity         INTEGER NOT NULL,
    unit_price_minor BIGINT NOT NULL,
    amount_minor     BIGINT NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);

-- Invoice PDFs pushed by the back office; the newest is served, else we render one.
CREATE TABLE invoice_documents (
    id          UUID PRIMARY KEY,
    invoice_id  UUID NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL,
    content     BYTEA NOT NULL,
    uploaded_at TIMESTAMPTZ NOT NULL,
    UNIQUE (invoice_id, sha256)
);

-- How a dealer takes money: one row per method, each with its own gateway account (E5).
-- Secrets never live here: `credentials_ref` names the server setting that holds them.
CREATE TABLE dealer_payment_methods (
    dealer_id       UUID NOT NULL REFERENCES dealers (id),
    method          TEXT NOT NULL CHECK (method IN ('card', 'ach')),
    gateway         TEXT NOT NULL CHECK (gateway IN ('sandbox')),
    enabled         BOOLEAN NOT NULL,
    -- What the browser needs to tokenise card or bank details with the gateway.
    public_key      TEXT,
    credentials_ref TEXT,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (dealer_id, method)
);

CREATE TABLE payments (
    id                UUID PRIMARY KEY,
    dealer_id         UUID NOT NULL REFERENCES dealers (id),
    customer_id       UUID NOT NULL REFERENCES customers (id),
    created_by        UUID NOT NULL REFERENCES users (id),
    -- Receipt number shown to the customer, e.g. PAY-7K3M-9QX2.
    number            TEXT NOT NULL,
    method            TEXT NOT NULL CHECK (method IN ('card', 'ach')),
    gateway           TEXT NOT NULL,
    amount_minor      BIGINT NOT NULL CHECK (amount_minor > 0),
    currency          TEXT NOT NULL,
    -- processing: gateway not answered yet; succeeded: card captured; pending: bank debit
    -- submitted, settles later; failed: declined, nothing taken.
    status            TEXT NOT NULL CHECK (status IN ('processing', 'succeeded', 'pending', 'failed')),
    -- What the customer may see of the instrument, as the gateway reported it.
    instrument_brand  TEXT,
    instrument_last4  TEXT,
    gateway_reference TEXT,
    failure_code      TEXT,
    failure_message   TEXT,
    receipt_email     TEXT NOT NULL,
    idempotency_key   TEXT NOT NULL,
    request_hash      TEXT NOT NULL,
    -- Set when the back office confirms it has posted the payment (integrations).
    posted_at         TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (dealer_id, number),
    UNIQUE (created_by, customer_id, idempotency_key)
);
CREATE INDEX payments_customer ON payments (customer_id, created_at);
CREATE INDEX payments_dealer_unposted ON payments (dealer_id, posted_at, created_at);

-- Where a payment goes: invoices, or the account itself (invoice_id NULL: on account).
CREATE TABLE payment_allocations (
    payment_id   UUID NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    line_no      INTEGER NOT NULL,
    invoice_id   UUID REFERENCES invoices (id),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    PRIMARY KEY (payment_id, line_no)
);
CREATE INDEX payment_allocations_invoice ON payment_allocations (invoice_id);

-- The sandbox gateway's own ledger: what a real gateway would hold on its side. Charges
-- are keyed by the idempotency key we send, so a retried charge is never taken twice.
CREATE TABLE sandbox_charges (
    idempotency_key TEXT PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    dealer_id       UUID NOT NULL REFERENCES dealers (id),
    method          TEXT NOT NULL,
    amount_minor    BIGINT NOT NULL,
    currency        TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    brand           TEXT,
    last4           TEXT,
    created_at      TIMESTAMPTZ NOT NULL
);
