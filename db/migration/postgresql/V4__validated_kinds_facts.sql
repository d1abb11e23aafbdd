-- PostgreSQL: the same columns and indexes as on SQLite. SQLite's data repair (sandbox sends moved to VALIDATED) is
-- not needed: a PostgreSQL database starts after it, empty or filled by ./run.sh migrate-to from a repaired one.
-- What kind of failure a failed, rejected or expired message had (recipient, account, configuration, ...).
ALTER TABLE message ADD COLUMN failure_kind TEXT;
-- Zalo's own id of the message (a callback's partnerids), the key for asking whether it reached the phone.
ALTER TABLE message ADD COLUMN zalo_message_id TEXT;
-- When eSMS says it recorded the outcome (the time after ____ in error_info), epoch ms UTC; null when not given.
ALTER TABLE event ADD COLUMN reported_at BIGINT;

-- A resend is a new message in the same step as the one it replaces; a message is resent at most once.
ALTER TABLE message ADD COLUMN resend_of BIGINT REFERENCES message (id);
CREATE UNIQUE INDEX message_resend_of ON message (resend_of);
-- finds the few messages of one failure kind (the night-time resends look for "timing")
CREATE INDEX message_failure_kind ON message (failure_kind, status);
