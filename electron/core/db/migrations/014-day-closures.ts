// Version 14: «Закрыть день». One row per district and day signed (or returned): the record as sync
// tracks it (shared/sync/apply-day-closure.ts, JSON: fields with their stamps, the history of
// signatures and returns), with the columns the screens filter and show. Written only through
// repositories/day-closure-rows.ts, by the local commands and by sync. Carry-overs are appeal events
// (`carried_over`), not rows here. sync_records (the server's records, over which pending ops are
// replayed) takes the days and the buildings' heating statuses too: rebuilt for its CHECK, which
// SQLite cannot alter.
export const version = 14;
export const sql = /* sql */ `
CREATE TABLE day_closures (
  id            TEXT PRIMARY KEY,
  district      TEXT NOT NULL,
  day           TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('signed', 'returned')),
  comment       TEXT NOT NULL,
  signed_by     TEXT NOT NULL,
  signed_at     INTEGER NOT NULL,
  figures       TEXT NOT NULL,
  carried_over  INTEGER NOT NULL,
  return_reason TEXT,
  returned_by   TEXT,
  returned_at   INTEGER,
  record        TEXT NOT NULL,
  updated_at    INTEGER NOT NULL,
  UNIQUE (district, day)
) STRICT;
CREATE INDEX day_closures_day ON day_closures(day, district);
CREATE INDEX appeal_events_carried_over ON appeal_events(appeal_id, at) WHERE type = 'carried_over';

CREATE TABLE sync_records_v14 (
  entity_type TEXT NOT NULL CHECK (entity_type IN ('appeal', 'incident', 'day_closure', 'building_heating')),
  id          TEXT NOT NULL,
  version     INTEGER NOT NULL,
  server_seq  INTEGER NOT NULL,
  record      TEXT NOT NULL,
  PRIMARY KEY (entity_type, id)
) STRICT;
INSERT INTO sync_records_v14 (entity_type, id, version, server_seq, record) SELECT entity_type, id, version, server_seq, record FROM sync_records;
DROP TABLE sync_records;
ALTER TABLE sync_records_v14 RENAME TO sync_records;
`;
