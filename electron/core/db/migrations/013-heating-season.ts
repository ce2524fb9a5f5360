// Version 13: the heating season (docs/heating-season.md). Each building's current heating status
// with its Samara date, reason, who set it and when; and the append-only history of every change.
// The status lived in two unused columns of buildings (v2, never written): they go, so there is one
// place to read it from.
export const version = 13;
export const sql = /* sql */ `
CREATE TABLE heating_statuses (
  building_id TEXT PRIMARY KEY REFERENCES buildings(id),
  status      TEXT NOT NULL CHECK (status IN ('not_connected', 'connected', 'partial', 'problem')),
  -- The Samara calendar date the status holds from, YYYY-MM-DD.
  status_date TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  set_by      TEXT NOT NULL,
  set_at      INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('manual', 'import', 'demo'))
) STRICT;

-- Every change of a building's status: appended, never changed or deleted.
CREATE TABLE heating_status_history (
  id          INTEGER PRIMARY KEY,
  building_id TEXT NOT NULL REFERENCES buildings(id),
  at          INTEGER NOT NULL,
  by          TEXT NOT NULL,
  from_status TEXT,
  to_status   TEXT NOT NULL,
  status_date TEXT NOT NULL,
  reason      TEXT NOT NULL,
  source      TEXT NOT NULL
) STRICT;
CREATE INDEX heating_status_history_building ON heating_status_history(building_id, at);
CREATE TRIGGER heating_status_history_no_update BEFORE UPDATE ON heating_status_history
BEGIN SELECT RAISE(ABORT, 'heating_status_history is append-only'); END;
CREATE TRIGGER heating_status_history_no_delete BEFORE DELETE ON heating_status_history
BEGIN SELECT RAISE(ABORT, 'heating_status_history is append-only'); END;

ALTER TABLE buildings DROP COLUMN heating_status;
ALTER TABLE buildings DROP COLUMN heating_status_at;
`;
