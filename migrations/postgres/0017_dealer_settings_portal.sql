-- Dealer settings (H9): the home tiles a dealer hides, guest payment on/off, where each
-- store's request emails go, gateway secret keys (encrypted at rest, never returned), and
-- uploaded logos. Same numbering and meaning as migrations/sqlite/0017.

-- Tile keys the customer's home leaves out, comma-separated (empty: every tile shows), so
-- a tile added later shows until an admin hides it.
ALTER TABLE dealers ADD COLUMN hidden_home_tiles TEXT NOT NULL DEFAULT '';
ALTER TABLE dealers ADD COLUMN guest_payment_enabled BOOLEAN NOT NULL DEFAULT FALSE;

-- Set by the dealer admin; the back-office sync owns `email` and never touches this one.
ALTER TABLE locations ADD COLUMN request_email TEXT;

-- AES-256-GCM ciphertext (`v1:` + base64 of nonce and sealed key), bound to the dealer and
-- method; the last four characters and when it was set are all that is ever shown.
ALTER TABLE dealer_payment_methods ADD COLUMN secret_key_sealed TEXT;
ALTER TABLE dealer_payment_methods ADD COLUMN secret_key_last4 TEXT;
ALTER TABLE dealer_payment_methods ADD COLUMN secret_key_updated_at TIMESTAMPTZ;

-- A dealer's uploaded logo; a new upload replaces the row (and so its id and URL).
CREATE TABLE dealer_logos (
    id           UUID PRIMARY KEY,
    dealer_id    UUID NOT NULL UNIQUE REFERENCES dealers (id),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/svg+xml')),
    size_bytes   BIGINT NOT NULL,
    content      BYTEA NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
