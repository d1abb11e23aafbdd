-- Account trouble (eSMS 101, 102, 103, 140, 143) pauses sending for the whole account instead of burning messages.
-- The one row, while it exists, says since when, why, and when to probe again.
CREATE TABLE account_pause (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    code          TEXT    NOT NULL,
    since         BIGINT  NOT NULL,
    next_probe_at BIGINT  NOT NULL
);
-- The eSMS code holding a QUEUED message while sending is paused (null: not held).
ALTER TABLE message ADD COLUMN held_reason TEXT;
-- The RequestId eSMS was given last, when it differs from request_id (a held message eSMS never took goes out afresh).
ALTER TABLE message ADD COLUMN esms_request_id TEXT;
-- True once any attempt may have reached eSMS without a definite answer: then only the same RequestId may follow.
ALTER TABLE message ADD COLUMN unknown_outcome BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE message SET unknown_outcome = TRUE WHERE status = 'QUEUED' AND attempts >= 1;
CREATE INDEX message_held ON message (held_reason, id);
