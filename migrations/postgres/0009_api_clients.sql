-- Dealers are created by an operator (J4), each with its own time zone; the back office
-- signs in as an API client with client credentials (I2), and its actions are audited as
-- that client. Same numbering and meaning as migrations/sqlite/0009_api_clients.sql.

-- An IANA zone name (`America/Denver`): the dealer's "today" for due dates and call-offs.
ALTER TABLE dealers ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';

CREATE TABLE api_clients (
    id                UUID PRIMARY KEY,
    dealer_id         UUID NOT NULL REFERENCES dealers (id),
    name              TEXT NOT NULL,
    -- The public half of the credentials, sent as `client_id`.
    client_id         TEXT NOT NULL UNIQUE,
    -- SHA-256 of the secret (256 random bits, so a slow hash adds nothing); never the secret.
    secret_hash       TEXT NOT NULL,
    -- Bumped by every rotation; tokens carry it, so a rotation ends the tokens of the old secret.
    secret_generation BIGINT NOT NULL,
    -- Space-separated OAuth scopes, sorted.
    scopes            TEXT NOT NULL,
    created_by        UUID REFERENCES users (id),
    created_at        TIMESTAMPTZ NOT NULL,
    rotated_at        TIMESTAMPTZ,
    revoked_at        TIMESTAMPTZ,
    last_used_at      TIMESTAMPTZ
);
CREATE INDEX api_clients_dealer ON api_clients (dealer_id, created_at);

ALTER TABLE audit_events ADD COLUMN actor_client_id UUID REFERENCES api_clients (id);
