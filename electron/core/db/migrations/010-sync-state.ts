// Version 10: the workstation's sync state (docs/sync-protocol.md, electron/core/sync/).
// - sync_state: key/value: the pull cursor, a snapshot in progress (its page token and cursor), the
//   last successful sync and the last error;
// - sync_pull_log: every page pulled, with the outbox's last device sequence at that moment, so a
//   pushed op gets `seenServerSeq` (the position its workstation had pulled when it was made, §6);
// - outbox: the server's answer to each op (state 'sent' or 'rejected', the answer as JSON, when);
//   a rejected op stays here with its reason and advice, never dropped;
// - sync_records: the server's tracked record of each appeal and incident (apply.ts), over which the
//   pending ops are replayed;
// - sync_conflicts: the conflict records for «Конфликты», with who marked them reviewed.
export const version = 10;
export const sql = /* sql */ `
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE sync_pull_log (
  id              INTEGER PRIMARY KEY,
  server_seq      INTEGER NOT NULL,
  last_device_seq INTEGER NOT NULL,
  at              INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_pull_log_device_seq ON sync_pull_log(last_device_seq, server_seq);

ALTER TABLE outbox ADD COLUMN answer TEXT;
ALTER TABLE outbox ADD COLUMN answered_at INTEGER;
ALTER TABLE outbox ADD COLUMN reviewed_at INTEGER;
CREATE INDEX outbox_state ON outbox(state, device_seq);
CREATE INDEX outbox_entity ON outbox(entity_id, device_seq);

CREATE TABLE sync_records (
  entity_type TEXT NOT NULL CHECK (entity_type IN ('appeal', 'incident')),
  id          TEXT NOT NULL,
  version     INTEGER NOT NULL,
  server_seq  INTEGER NOT NULL,
  record      TEXT NOT NULL,
  PRIMARY KEY (entity_type, id)
) STRICT;

CREATE TABLE sync_conflicts (
  id          TEXT PRIMARY KEY,
  entity_type TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  field       TEXT NOT NULL,
  winner      TEXT NOT NULL,
  loser       TEXT NOT NULL,
  detected_at INTEGER NOT NULL,
  reviewed_by TEXT,
  reviewed_at INTEGER
) STRICT;
CREATE INDEX sync_conflicts_open ON sync_conflicts(reviewed_at, detected_at);
`;
