// Version 1: the reference data the foundation needs, appeals with their append-only events, and
// the outbox of operations for sync.
export const version = 1;
export const sql = /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE organisations (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL,
  name             TEXT NOT NULL,
  inn              TEXT,
  phone            TEXT,
  dispatcher_phone TEXT,
  email            TEXT
) STRICT;

CREATE TABLE buildings (
  id                TEXT PRIMARY KEY,
  district          TEXT NOT NULL,
  address           TEXT NOT NULL,
  search_key        TEXT NOT NULL,
  management_org_id TEXT REFERENCES organisations(id)
) STRICT;
CREATE INDEX buildings_district ON buildings(district);

CREATE TABLE appeals (
  id              TEXT PRIMARY KEY,
  number          TEXT NOT NULL UNIQUE,
  official_number TEXT UNIQUE,
  building_id     TEXT NOT NULL REFERENCES buildings(id),
  district        TEXT NOT NULL,
  flat            TEXT NOT NULL DEFAULT '',
  applicant_name  TEXT NOT NULL,
  applicant_phone TEXT NOT NULL DEFAULT '',
  channel         TEXT NOT NULL,
  category        TEXT NOT NULL,
  description     TEXT NOT NULL,
  status          TEXT NOT NULL,
  executor_org_id TEXT REFERENCES organisations(id),
  received_at     INTEGER NOT NULL,
  registered_at   INTEGER NOT NULL,
  registered_by   TEXT NOT NULL,
  deadline_at     INTEGER NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX appeals_district_status_deadline ON appeals(district, status, deadline_at);
CREATE INDEX appeals_status_deadline ON appeals(status, deadline_at);
CREATE INDEX appeals_deadline ON appeals(deadline_at);
CREATE INDEX appeals_received ON appeals(received_at);
CREATE INDEX appeals_building ON appeals(building_id);

-- The audit trail: appended, never changed or deleted.
CREATE TABLE appeal_events (
  id        TEXT PRIMARY KEY,
  appeal_id TEXT NOT NULL REFERENCES appeals(id),
  type      TEXT NOT NULL,
  at        INTEGER NOT NULL,
  by        TEXT NOT NULL,
  data      TEXT NOT NULL
) STRICT;
CREATE INDEX appeal_events_appeal ON appeal_events(appeal_id, at);
CREATE TRIGGER appeal_events_no_update BEFORE UPDATE ON appeal_events
BEGIN SELECT RAISE(ABORT, 'appeal_events is append-only'); END;
CREATE TRIGGER appeal_events_no_delete BEFORE DELETE ON appeal_events
BEGIN SELECT RAISE(ABORT, 'appeal_events is append-only'); END;

-- Operations waiting to be pushed to the central endpoint, in device sequence order.
CREATE TABLE outbox (
  device_seq     INTEGER PRIMARY KEY,
  op_id          TEXT NOT NULL UNIQUE,
  device_id      TEXT NOT NULL,
  hlc            TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  entity_type    TEXT NOT NULL,
  entity_id      TEXT NOT NULL,
  base_version   INTEGER NOT NULL,
  schema_version INTEGER NOT NULL,
  command        TEXT NOT NULL,
  payload        TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  state          TEXT NOT NULL DEFAULT 'pending'
) STRICT;
`;
