-- Reconciliation, cancellation and retention (issue 5). Times are epoch milliseconds (UTC).
-- When the reconciler may next ask eSMS about a message, and how often it already asked (spaces questions out).
ALTER TABLE message ADD COLUMN next_check_at BIGINT;
ALTER TABLE message ADD COLUMN checks INTEGER NOT NULL DEFAULT 0;
-- Set while a call to eSMS for this message is in flight: a cancel must not race the answer.
ALTER TABLE message ADD COLUMN in_flight_until BIGINT;
-- Optional deadline from the sender: not accepted by eSMS by then -> CANCELLED.
ALTER TABLE message ADD COLUMN send_before BIGINT;
-- Non-final messages by age of their last event (reconciler, stuckFor, expiry).
CREATE INDEX message_open ON message (status, updated_at);
-- Retention purges journeys by last activity.
CREATE INDEX journey_activity ON journey (last_activity_at);
