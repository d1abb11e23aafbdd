-- Sandbox sends end VALIDATED (eSMS only checked them; no callback ever comes). Earlier ones waited as ACCEPTED
-- and were expired after 7 days, which failed their journeys: move them, then recount those journeys.
UPDATE message SET status = 'VALIDATED', failure_reason = NULL
WHERE sandbox = 1 AND status IN ('ACCEPTED', 'PENDING_APPROVAL', 'WAITING', 'SENT', 'EXPIRED');

UPDATE journey SET status = (
    SELECT CASE
        WHEN SUM(m.status NOT IN ('CANCELLED', 'VALIDATED')) = 0
            THEN CASE WHEN SUM(m.status = 'VALIDATED') > 0 THEN 'VALIDATED' ELSE 'CANCELLED' END
        WHEN SUM(m.status IN ('QUEUED', 'ACCEPTED', 'PENDING_APPROVAL', 'WAITING', 'SENT')) > 0 THEN 'ACTIVE'
        WHEN SUM(m.status NOT IN ('CANCELLED', 'VALIDATED', 'DELIVERED')) = 0 THEN 'DELIVERED'
        ELSE 'FAILED' END
    FROM message m WHERE m.order_id = journey.order_id)
WHERE order_id IN (SELECT order_id FROM message WHERE sandbox = 1);

-- What kind of failure a failed, rejected or expired message had (recipient, account, configuration, ...).
ALTER TABLE message ADD COLUMN failure_kind TEXT;
-- Zalo's own id of the message (a callback's partnerids), the key for asking whether it reached the phone.
ALTER TABLE message ADD COLUMN zalo_message_id TEXT;
-- When eSMS says it recorded the outcome (the time after ____ in error_info), epoch ms UTC; null when not given.
ALTER TABLE event ADD COLUMN reported_at BIGINT;

-- A resend is a new message in the same step as the one it replaces; a message is resent at most once.
ALTER TABLE message ADD COLUMN resend_of INTEGER REFERENCES message (id);
CREATE UNIQUE INDEX message_resend_of ON message (resend_of);
-- finds the few messages of one failure kind (the night-time resends look for "timing")
CREATE INDEX message_failure_kind ON message (failure_kind, status);
