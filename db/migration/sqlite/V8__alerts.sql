-- One alert per account- or configuration-level problem (an OA, or an OA's template), not a quiet failure per message.
-- Empty strings, not NULL, for "no OA/template": the partial unique index then keeps one active alert per key.
CREATE TABLE alert (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,             -- account or configuration
    oa_id       TEXT    NOT NULL DEFAULT '',
    template_id TEXT    NOT NULL DEFAULT '',
    code        TEXT    NOT NULL,             -- eSMS's code or Zalo's error, e.g. 789 or -124
    reason      TEXT    NOT NULL,
    since       BIGINT  NOT NULL,
    last_at     BIGINT  NOT NULL,
    hits        INTEGER NOT NULL,
    cleared_at  BIGINT
);
CREATE UNIQUE INDEX alert_active ON alert (kind, oa_id, template_id) WHERE cleared_at IS NULL;
