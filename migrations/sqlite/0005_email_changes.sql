-- Change of a login's email (A10): confirmed at the new address through a single-use,
-- expiring link (stored hashed). Same numbering and meaning as
-- migrations/postgres/0005_email_changes.sql.

CREATE TABLE email_changes (
    id          BLOB PRIMARY KEY,
    user_id     BLOB NOT NULL REFERENCES users (id),
    old_email   TEXT NOT NULL,
    -- Lower-cased.
    new_email   TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
CREATE INDEX email_changes_user ON email_changes (user_id);
