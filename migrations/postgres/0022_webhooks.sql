-- Webhooks (I5, Standard Webhooks): a dealer's endpoints, the deliveries queued for each
-- (durable, in order per endpoint, retried with back-off) and every attempt made.
-- Same numbering and meaning as migrations/sqlite/0022_webhooks.sql.

CREATE TABLE webhook_endpoints (
    id                         UUID PRIMARY KEY,
    dealer_id                  UUID NOT NULL REFERENCES dealers (id),
    url                        TEXT NOT NULL,
    description                TEXT NOT NULL,
    -- Space-separated event types, sorted; empty: every type.
    event_types                TEXT NOT NULL,
    -- The `whsec_` secret, sealed with the server's key (secret_box), bound to the endpoint.
    secret_sealed              TEXT NOT NULL,
    -- After a rotation the old secret signs too until `previous_secret_expires_at` (24 h).
    previous_secret_sealed     TEXT,
    previous_secret_expires_at TIMESTAMPTZ,
    enabled                    BOOLEAN NOT NULL,
    disabled_reason            TEXT,
    disabled_at                TIMESTAMPTZ,
    -- Where the dispatcher stands in the dealer's event feed (opaque to this table).
    event_cursor               TEXT,
    -- Health: the last attempt and how many failed in a row since the last success.
    last_attempt_at            TIMESTAMPTZ,
    last_status_code           INTEGER,
    last_error                 TEXT,
    consecutive_failures       INTEGER NOT NULL DEFAULT 0,
    last_success_at            TIMESTAMPTZ,
    created_by                 UUID REFERENCES users (id),
    created_at                 TIMESTAMPTZ NOT NULL,
    updated_at                 TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_endpoints_dealer ON webhook_endpoints (dealer_id, created_at);

CREATE TABLE webhook_deliveries (
    -- UUID v7: the order of an endpoint's queue.
    id              UUID PRIMARY KEY,
    endpoint_id     UUID NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    dealer_id       UUID NOT NULL REFERENCES dealers (id),
    -- `webhook-id`: the same for every attempt (and a manual replay) of one message.
    message_id      TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    -- The event's id in the feed; NULL for `webhook.test`.
    event_id        TEXT,
    -- The body, exactly as signed and sent.
    payload         TEXT NOT NULL,
    -- pending | sending | delivered | failed
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    -- While `sending`: the claim's lease; a worker that died lets it lapse.
    locked_until    TIMESTAMPTZ,
    -- The delivery this one replays, when an admin asked for it.
    replay_of       UUID,
    created_at      TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    failed_at       TIMESTAMPTZ
);
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (endpoint_id, id)
    WHERE status IN ('pending', 'sending');
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, created_at);

CREATE TABLE webhook_attempts (
    id               UUID PRIMARY KEY,
    delivery_id      UUID NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at     TIMESTAMPTZ NOT NULL,
    -- NULL when no answer came (refused address, timeout, connection error).
    status_code      INTEGER,
    latency_ms       BIGINT NOT NULL,
    -- At most 1 KB of the answer's body.
    response_excerpt TEXT,
    error            TEXT,
    succeeded        BOOLEAN NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempted_at);
