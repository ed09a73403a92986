-- Payments received at the store's counter (I3), loaded by the dealer's back office through
-- PUT /integrations/payments and shown in the customer's payment history next to portal
-- payments. A table of their own, not rows of `payments`: portal payments are the
-- exactly-once gateway flow (a portal user, an idempotency key, a gateway, holds on
-- invoices, the posting queue) and none of that applies here. A counter payment does not
-- change invoice balances: the back office sends those with its invoices.
-- Same numbering and meaning as migrations/sqlite/0012_counter_payments.sql.

CREATE TABLE counter_payments (
    id           UUID PRIMARY KEY,
    dealer_id    UUID NOT NULL REFERENCES dealers (id),
    customer_id  UUID NOT NULL REFERENCES customers (id),
    external_id  TEXT NOT NULL,
    received_on  DATE NOT NULL,
    -- Where it sorts among portal payments in the history: received_on at 00:00 UTC.
    history_at   TIMESTAMPTZ NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    method       TEXT NOT NULL CHECK (method IN ('cash', 'check', 'card', 'ach', 'other')),
    -- E.g. the check number.
    reference    TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (dealer_id, external_id)
);
CREATE INDEX counter_payments_customer ON counter_payments (customer_id, history_at);

-- The invoices a counter payment pays; what they leave of its amount is on account.
CREATE TABLE counter_payment_allocations (
    payment_id   UUID NOT NULL REFERENCES counter_payments (id) ON DELETE CASCADE,
    line_no      INTEGER NOT NULL,
    invoice_id   UUID NOT NULL REFERENCES invoices (id),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    PRIMARY KEY (payment_id, line_no)
);
CREATE INDEX counter_payment_allocations_invoice ON counter_payment_allocations (invoice_id);
