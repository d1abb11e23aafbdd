-- Several instances on one database (issue 14): what they must agree on lives in the database, not in memory.
-- A lease: the instance running a background job (or holding one endpoint's webhook deliveries) until `until`,
-- epoch ms on the database's own clock; an instance that dies simply stops renewing it.
CREATE TABLE lease (
    name   TEXT   PRIMARY KEY,
    holder TEXT   NOT NULL,
    until  BIGINT NOT NULL
);

-- Dashboard sign-ins: a digest of each session id (never the id itself) and when it ends, valid on every instance.
CREATE TABLE dashboard_session (
    id_digest  TEXT   PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX dashboard_session_expires ON dashboard_session (expires_at);
