-- Dashboard overview: counts by status over a time window and the "not final for a while" list.
-- (created_at, status) covers the window counts without touching the table rows.
CREATE INDEX message_created ON message (created_at, status);
CREATE INDEX message_status_created ON message (status, created_at);
