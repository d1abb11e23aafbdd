-- Callback floods (issue 12): a message keeps at most 50 distinct callback events; a further callback that changes
-- nothing counts as a repeat of the last one, and this column says how many of those repeats were such callbacks.
ALTER TABLE event ADD COLUMN capped INTEGER NOT NULL DEFAULT 0;
