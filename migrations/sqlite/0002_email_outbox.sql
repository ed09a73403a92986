-- Durable email outbox (G2) and password reset tokens (A7).
-- Same numbering and meaning as migrations/postgres/0002_email_outbox.sql.

CREATE TABLE email_outbox (
    id              BLOB PRIMARY KEY,
    dealer_id       BLOB REFERENCES dealers (id),
    kind            TEXT NOT NULL,
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until    TIMESTAMP,
    last_error      TEXT,
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
-- The worker's question: what is due now?
CREATE INDEX email_outbox_due ON email_outbox (status, next_attempt_at);

CREATE TABLE email_attempts (
    id           BLOB PRIMARY KEY,
    email_id     BLOB NOT NULL REFERENCES email_outbox (id) ON DELETE CASCADE,
    attempted_at TIMESTAMP NOT NULL,
    succeeded    BOOLEAN NOT NULL,
    error        TEXT
);
CREATE INDEX email_attempts_email ON email_attempts (email_id);

CREATE TABLE password_reset_tokens (
    id         BLOB PRIMARY KEY,
    user_id    BLOB NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    ip         TEXT
);
CREATE INDEX password_reset_tokens_user ON password_reset_tokens (user_id);
