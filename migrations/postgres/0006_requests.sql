-- Customer requests to the store (D2-D4, C7), their status history, staff notifications
-- (H7), feedback (G1, H8), item positions (D5) and uploaded contract PDFs (C5).
-- Same numbering and meaning as migrations/sqlite/0006_requests.sql.

CREATE TABLE customer_requests (
    id                UUID PRIMARY KEY,
    dealer_id         UUID NOT NULL REFERENCES dealers (id),
    customer_id       UUID NOT NULL REFERENCES customers (id),
    -- The store that works it: the location of the (first) contract concerned, else the
    -- customer's home location; NULL means the dealer's main address.
    location_id       UUID REFERENCES locations (id),
    -- The contract a book-again request copies.
    contract_id       UUID REFERENCES contracts (id),
    kind              TEXT NOT NULL CHECK (kind IN ('call_off', 'service', 'extension', 'book_again')),
    -- Human-friendly confirmation number, e.g. CO-7K3M-9QX2.
    number            TEXT NOT NULL,
    status            TEXT NOT NULL
        CHECK (status IN ('requested', 'acknowledged', 'scheduled', 'completed', 'cancelled')),
    created_by        UUID NOT NULL REFERENCES users (id),
    -- Client-chosen key: a retry with the same key returns the first request.
    idempotency_key   TEXT,
    -- SHA-256 of the submitted body, to refuse a reused key with a different body.
    request_hash      TEXT,
    -- Call-off: the pickup date asked for, an optional time window, and the date from
    -- which billing should stop (the evidence, D3).
    pickup_date       DATE,
    pickup_window     TEXT,
    billing_stop_date DATE,
    -- Set by the store when it schedules the pickup or visit.
    scheduled_date    DATE,
    -- Extension: the new expected return. Book again: the wished start date.
    requested_date    DATE,
    -- Book again: the wished end date.
    requested_end_date DATE,
    service_kind      TEXT CHECK (service_kind IN ('breakdown', 'damage', 'maintenance', 'other')),
    description       TEXT,
    site_address      TEXT,
    contact_name      TEXT NOT NULL,
    contact_phone     TEXT,
    contact_email     TEXT NOT NULL,
    notes             TEXT,
    cancel_reason     TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (dealer_id, number),
    UNIQUE (created_by, customer_id, idempotency_key)
);
CREATE INDEX customer_requests_customer ON customer_requests (customer_id, created_at);
CREATE INDEX customer_requests_dealer_status ON customer_requests (dealer_id, status, created_at);

CREATE TABLE request_lines (
    request_id  UUID NOT NULL REFERENCES customer_requests (id) ON DELETE CASCADE,
    line_id     UUID NOT NULL REFERENCES contract_lines (id),
    contract_id UUID NOT NULL REFERENCES contracts (id),
    PRIMARY KEY (request_id, line_id)
);
CREATE INDEX request_lines_line ON request_lines (line_id);

-- Every status a request went through, with who and when: what the customer follows.
CREATE TABLE request_events (
    id             UUID PRIMARY KEY,
    request_id     UUID NOT NULL REFERENCES customer_requests (id) ON DELETE CASCADE,
    status         TEXT NOT NULL
        CHECK (status IN ('requested', 'acknowledged', 'scheduled', 'completed', 'cancelled')),
    note           TEXT,
    scheduled_date DATE,
    actor_user_id  UUID REFERENCES users (id),
    -- 'customer' or 'store'
    actor_kind     TEXT NOT NULL CHECK (actor_kind IN ('customer', 'store')),
    occurred_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX request_events_request ON request_events (request_id, occurred_at);

CREATE TABLE feedback (
    id            UUID PRIMARY KEY,
    dealer_id     UUID NOT NULL REFERENCES dealers (id),
    customer_id   UUID NOT NULL REFERENCES customers (id),
    location_id   UUID REFERENCES locations (id),
    created_by    UUID NOT NULL REFERENCES users (id),
    kind          TEXT NOT NULL CHECK (kind IN ('question', 'feedback', 'complaint')),
    subject       TEXT NOT NULL,
    message       TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_phone TEXT,
    status        TEXT NOT NULL CHECK (status IN ('new', 'handled')),
    handled_at    TIMESTAMPTZ,
    handled_by    UUID REFERENCES users (id),
    handled_note  TEXT,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX feedback_dealer_status ON feedback (dealer_id, status, created_at);
CREATE INDEX feedback_customer ON feedback (customer_id, created_at);

-- In-app notifications for a dealer's staff; read state is per user.
CREATE TABLE staff_notifications (
    id          UUID PRIMARY KEY,
    dealer_id   UUID NOT NULL REFERENCES dealers (id),
    location_id UUID REFERENCES locations (id),
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    request_id  UUID REFERENCES customer_requests (id),
    feedback_id UUID REFERENCES feedback (id),
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX staff_notifications_dealer ON staff_notifications (dealer_id, created_at);

CREATE TABLE staff_notification_reads (
    notification_id UUID NOT NULL REFERENCES staff_notifications (id) ON DELETE CASCADE,
    user_id         UUID NOT NULL REFERENCES users (id),
    read_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (notification_id, user_id)
);

-- Last known position of each tracked asset, fed by the back office or telematics (D5).
-- Keyed by the asset's serial number, which is what contract lines carry.
CREATE TABLE asset_positions (
    dealer_id     UUID NOT NULL REFERENCES dealers (id),
    serial_number TEXT NOT NULL,
    latitude      DOUBLE PRECISION NOT NULL,
    longitude     DOUBLE PRECISION NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    source        TEXT NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (dealer_id, serial_number)
);

-- Contract PDFs uploaded by the back office (C5); the newest one is served.
CREATE TABLE contract_documents (
    id          UUID PRIMARY KEY,
    dealer_id   UUID NOT NULL REFERENCES dealers (id),
    contract_id UUID NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size_bytes  BIGINT NOT NULL,
    content     BYTEA NOT NULL,
    uploaded_by UUID REFERENCES users (id),
    uploaded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX contract_documents_contract ON contract_documents (contract_id, uploaded_at);
