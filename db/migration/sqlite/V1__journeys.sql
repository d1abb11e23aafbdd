-- Journeys, their messages and every status event. Times are epoch milliseconds (UTC).
CREATE TABLE journey (
    id               INTEGER PRIMARY KEY,
    order_id         TEXT    NOT NULL UNIQUE,
    status           TEXT    NOT NULL,
    message_count    INTEGER NOT NULL DEFAULT 0,
    phones           TEXT    NOT NULL DEFAULT '',  -- distinct phones as given, comma-separated, for the list view
    created_at       BIGINT  NOT NULL,
    last_activity_at BIGINT  NOT NULL
);
CREATE INDEX journey_status ON journey (status, id);

CREATE TABLE message (
    id               INTEGER PRIMARY KEY,
    order_id         TEXT    NOT NULL REFERENCES journey (order_id),
    phone            TEXT    NOT NULL,   -- as the client gave it
    phone_norm       TEXT    NOT NULL,   -- 84xxxxxxxxx, for search
    template_id      TEXT    NOT NULL,
    oa_id            TEXT    NOT NULL,
    campaign_id      TEXT,
    params           TEXT    NOT NULL,   -- JSON array of strings, exactly as sent
    request_id       TEXT    NOT NULL UNIQUE,
    request_hash     TEXT    NOT NULL,   -- fingerprint of the send body, to tell a replay from a conflict
    sandbox          BOOLEAN NOT NULL,
    simulated        BOOLEAN NOT NULL,
    sms_id           TEXT    UNIQUE,
    status           TEXT    NOT NULL,
    esms_code        TEXT,
    esms_message     TEXT,
    failure_reason   TEXT,
    price            TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT,             -- set while QUEUED: when the retry loop may try again
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX message_order ON message (order_id, id);
CREATE INDEX message_phone ON message (phone_norm, order_id);
CREATE INDEX message_retry ON message (status, next_attempt_at);

CREATE TABLE event (
    id           INTEGER PRIMARY KEY,
    message_id   INTEGER NOT NULL REFERENCES message (id),
    at           BIGINT  NOT NULL,
    type         TEXT    NOT NULL,
    status       TEXT,
    source       TEXT    NOT NULL,
    repeats      INTEGER NOT NULL DEFAULT 1,
    late         BOOLEAN NOT NULL DEFAULT FALSE,
    conflict     BOOLEAN NOT NULL DEFAULT FALSE,
    detail       TEXT,                   -- JSON object: raw fields and what we made of them
    dedupe_key   TEXT                    -- identical callbacks share it; NULL for our own events
);
CREATE INDEX event_message ON event (message_id, at, id);
CREATE UNIQUE INDEX event_dedupe ON event (message_id, dedupe_key);

CREATE TABLE setting (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
