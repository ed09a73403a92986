-- The payment reconciler scans for payments left `processing` (a request that died between
-- reserving a payment and recording the gateway's outcome): a partial index keeps that scan
-- to the few such rows, however many payments there are.
CREATE INDEX payments_processing ON payments (created_at) WHERE status = 'processing';
