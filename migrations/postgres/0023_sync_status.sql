-- Same numbering and meaning as migrations/sqlite/0023_sync_status.sql.
--
-- 1. The posting trap (issue 14, item 5): a portal payment's hold on an invoice is released
--    only once a balance newer than the payment has arrived from the back office.
--    `invoices.balance_received_at` is when the back office last sent the invoice (every
--    `PUT /integrations/invoices` sets it); `payment_allocations.released_at` is when an
--    allocation stopped holding its amount on the invoice (a failed payment, or a posted one
--    once a newer balance arrived). NULL while it holds.
ALTER TABLE invoices ADD COLUMN balance_received_at TIMESTAMPTZ;
UPDATE invoices SET balance_received_at = updated_at;

ALTER TABLE payment_allocations ADD COLUMN released_at TIMESTAMPTZ;
-- Until now failed and posted payments released everything at once.
UPDATE payment_allocations SET released_at = (
    SELECT COALESCE(p.posted_at, p.updated_at) FROM payments p WHERE p.id = payment_allocations.payment_id
) WHERE payment_id IN (SELECT id FROM payments WHERE status = 'failed' OR posted_at IS NOT NULL);

-- 2. Sync status (H11): per dealer and kind of data the back office sends, when it last
--    arrived, how many records that call carried, and the last call refused for something
--    the back office sent (4xx). One row per (dealer, kind), upserted once per call: in the
--    write's own transaction for an accepted call, on its own for a refused one (the write
--    rolled back). `kind` is `shared::sync_status::SyncKind` (no CHECK: a new kind needs no
--    migration).
CREATE TABLE integration_sync (
    dealer_id         UUID NOT NULL REFERENCES dealers (id),
    kind              TEXT NOT NULL,
    last_arrived_at   TIMESTAMPTZ,
    last_records      BIGINT,
    last_error_at     TIMESTAMPTZ,
    last_error_status INTEGER,
    last_error_code   TEXT,
    last_error_title  TEXT,
    last_error_detail TEXT,
    PRIMARY KEY (dealer_id, kind)
);
