// Version 6: mass outages («Инциденты»). An incident stops heat at a heat source (every building it
// heats) or at a chosen set of buildings; its buildings are fixed when it is created. Appeals at
// those buildings registered while it is active are linked to it; restoring it moves them to
// checking. Each incident keeps its own append-only audit trail, like appeal_events.
export const version = 6;
export const sql = /* sql */ `
CREATE TABLE incidents (
  id                 TEXT PRIMARY KEY,
  number             TEXT NOT NULL UNIQUE,
  scope              TEXT NOT NULL CHECK (scope IN ('heat_source', 'buildings')),
  heat_source_id     TEXT REFERENCES heat_sources(id),
  cause              TEXT NOT NULL,
  started_at         INTEGER NOT NULL,
  planned_restore_at INTEGER,
  restored_at        INTEGER,
  created_at         INTEGER NOT NULL,
  created_by         TEXT NOT NULL,
  -- The districts affected, comma-separated (copied from its buildings for the list's filter).
  districts          TEXT NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1,
  updated_at         INTEGER NOT NULL,
  CHECK (scope = 'buildings' OR heat_source_id IS NOT NULL)
) STRICT;
CREATE INDEX incidents_active ON incidents(restored_at, started_at);

CREATE TABLE incident_buildings (
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  building_id TEXT NOT NULL REFERENCES buildings(id),
  PRIMARY KEY (incident_id, building_id)
) WITHOUT ROWID, STRICT;
CREATE INDEX incident_buildings_building ON incident_buildings(building_id, incident_id);

CREATE TABLE appeal_incidents (
  appeal_id   TEXT NOT NULL REFERENCES appeals(id),
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  linked_at   INTEGER NOT NULL,
  PRIMARY KEY (appeal_id, incident_id)
) WITHOUT ROWID, STRICT;
CREATE INDEX appeal_incidents_incident ON appeal_incidents(incident_id, appeal_id);

CREATE TABLE incident_events (
  id          TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  type        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  by          TEXT NOT NULL,
  data        TEXT NOT NULL
) STRICT;
CREATE INDEX incident_events_incident ON incident_events(incident_id, at);
CREATE TRIGGER incident_events_no_update BEFORE UPDATE ON incident_events
BEGIN SELECT RAISE(ABORT, 'incident_events is append-only'); END;
CREATE TRIGGER incident_events_no_delete BEFORE DELETE ON incident_events
BEGIN SELECT RAISE(ABORT, 'incident_events is append-only'); END;
`;
