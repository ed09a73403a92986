-- Change of a login's email (A10): confirmed at the new address through a single-use,
-- expiring link (stored hashed). Same numbering and meaning as
-- migrations/sqlite/0005_email_changes.sql.

CREATE TABLE email_changes (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id),
    old_email   TEXT NOT NULL,
    -- Lower-cased.
    new_email   TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX email_changes_user ON email_changes (user_id);
