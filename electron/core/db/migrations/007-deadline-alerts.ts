// Version 7: the deadline alerts already raised, so that each appeal is announced at most once as
// due within the hour and once as overdue — also across restarts. The «Сроки» list itself needs no
// new index: open appeals are few and (status, deadline_at) / (district, status, deadline_at) find
// them (see docs/decisions.md, «Сроки»).
export const version = 7;
export const sql = /* sql */ `
CREATE TABLE deadline_alerts (
  appeal_id   TEXT NOT NULL REFERENCES appeals(id),
  kind        TEXT NOT NULL CHECK (kind IN ('due_within_hour', 'overdue')),
  deadline_at INTEGER NOT NULL,
  notified_at INTEGER NOT NULL,
  PRIMARY KEY (appeal_id, kind)
) STRICT, WITHOUT ROWID;
`;
