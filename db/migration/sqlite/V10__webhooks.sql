-- Outbound webhooks (Standard Webhooks): endpoints, the outbox of events, one delivery per event and endpoint, and
-- each attempt. Events and deliveries are written in the transaction of the change that causes them.
CREATE TABLE webhook_endpoint (
    id              INTEGER PRIMARY KEY,
    url             TEXT    NOT NULL,
    events          TEXT    NOT NULL,   -- the event types it wants, comma-separated
    secret          TEXT    NOT NULL,   -- whsec_<base64>: signs its deliveries; shown once, in the answer that made it
    created_at      BIGINT  NOT NULL,
    failing_since   BIGINT,             -- its first failed attempt since its last success
    disabled_at     BIGINT,
    disabled_reason TEXT
);

CREATE TABLE webhook_message (
    id         INTEGER PRIMARY KEY,
    msg_id     TEXT    NOT NULL UNIQUE, -- webhook-id: the same on every attempt and replay
    type       TEXT    NOT NULL,
    body       TEXT    NOT NULL,        -- the JSON sent, exactly
    created_at BIGINT  NOT NULL
);
CREATE INDEX webhook_message_at ON webhook_message (created_at);

CREATE TABLE webhook_delivery (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES webhook_message (id),
    endpoint_id INTEGER NOT NULL,
    order_key   TEXT    NOT NULL,       -- the journey's order id ('' for account events): sent in order per key
    state       TEXT    NOT NULL,       -- PENDING, DELIVERED or FAILED
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    done_at     BIGINT
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (endpoint_id, state, next_at);
CREATE INDEX webhook_delivery_order ON webhook_delivery (endpoint_id, order_key, state, id);
CREATE INDEX webhook_delivery_message ON webhook_delivery (message_id);

CREATE TABLE webhook_attempt (
    id          INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL,
    endpoint_id INTEGER NOT NULL,
    at          BIGINT  NOT NULL,
    status_code INTEGER,                -- null: no HTTP answer (refused, timed out, connection failed)
    latency_ms  BIGINT  NOT NULL,
    answer      TEXT                    -- the first 1 KiB of the answer, or why there was none
);
CREATE INDEX webhook_attempt_endpoint ON webhook_attempt (endpoint_id, id);
CREATE INDEX webhook_attempt_at ON webhook_attempt (at);
