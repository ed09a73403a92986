-- View as customer (A14): a dealer's staff member sees the portal as one customer user,
-- read-only, until `expires_at` or until they exit. Each view is one row; its access token
-- names the row and is honoured only while `ended_at` is unset and the time has not run out.
CREATE TABLE view_sessions (
    id            BLOB PRIMARY KEY,
    dealer_id     BLOB NOT NULL REFERENCES dealers (id),
    actor_user_id BLOB NOT NULL REFERENCES users (id),
    customer_id   BLOB NOT NULL REFERENCES customers (id),
    user_id       BLOB NOT NULL REFERENCES users (id),
    started_at    TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL,
    ended_at      TIMESTAMP,
    end_reason    TEXT CHECK (end_reason IN ('exited', 'expired', 'revoked')),
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
-- The sweep that ends views whose time ran out looks only at open ones.
CREATE INDEX view_sessions_open ON view_sessions (expires_at) WHERE ended_at IS NULL;
