// Version 14: «Закрыть день». One row per district and day signed (or returned): the record as sync
// tracks it (shared/sync/apply-day-closure.ts, JSON: fields with their stamps, the history of
// signatures and returns), with the columns the screens filter and show. Written only through
// repositories/day-closure-rows.ts, by the local commands and by sync. Carry-overs are appeal events
// (`carried_over`), not rows here.
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
`;
