-- When Zalo says the message reached the customer's phone (epoch ms UTC), and the questions asked about it so far.
ALTER TABLE message ADD COLUMN on_phone_at BIGINT;
ALTER TABLE message ADD COLUMN phone_checks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN next_phone_check_at BIGINT;
-- delivered messages not yet known to be on the phone: the few the phone check looks at
CREATE INDEX message_phone_pending ON message (status, on_phone_at, updated_at);
