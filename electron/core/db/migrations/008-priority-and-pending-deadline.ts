// Version 8: the appeal's priority and its pending deadline.
// - appeals.priority: 'emergency' («Аварийное») or 'normal'; existing appeals get the default of
//   their category (no heating, a leak → emergency), as shared/domain/appeal-vocabulary.ts does.
// - deadline_rules gets a priority dimension (kind × category × priority × channel). The 10-minute
//   reaction and the 30-minute localisation become rules on priority 'emergency'; the old category
//   rules for them go unless the admin had edited them (then they stay, and as category rules they
//   are more specific than the emergency rule: the admin's word wins).
// - appeals.next_deadline_at / next_deadline_kind: the earliest deadline whose step is still to be
//   done (shared/domain/deadline-progress.ts states the same rules in TypeScript), kept by triggers
//   on every change of status or deadline and on every recorded check, and indexed for open appeals
//   only, so «Сроки» and the alerts read a short partial index. An appeal inserted already finished
//   (loaded in bulk) has none and is not touched again.
// - deadline_alerts is kept per appeal, deadline kind and alert kind: an appeal is announced once
//   for its overdue reaction and again when its resolution is overdue, each once, across restarts.
//   The alerts already raised were all about the resolution deadline.
export const version = 8;

const OPEN = `'registered', 'transferred', 'in_progress', 'done_by_executor', 'verified', 'returned'`;

/** The pending deadline of the row being updated in `appeals`, as (at, kind), or no row. */
const NEXT_DEADLINE = /* sql */ `
  SELECT v, k FROM (
    SELECT 0 AS o, 'reaction' AS k, CASE WHEN appeals.status = 'registered' THEN appeals.reaction_deadline_at END AS v
    UNION ALL
    SELECT 1, 'check', CASE WHEN appeals.status IN ('registered', 'transferred', 'in_progress', 'done_by_executor', 'returned')
      AND NOT EXISTS (SELECT 1 FROM appeal_events e WHERE e.appeal_id = appeals.id AND e.type IN ('verify', 'verify_failed'))
      THEN appeals.check_deadline_at END
    UNION ALL
    SELECT 2, 'resolution', CASE WHEN appeals.status IN ('registered', 'transferred', 'in_progress', 'returned') THEN appeals.deadline_at END
    UNION ALL
    SELECT 3, 'feedback', CASE WHEN appeals.status IN (${OPEN}) THEN appeals.feedback_deadline_at END
    UNION ALL
    SELECT 4, 'answer', CASE WHEN appeals.status IN (${OPEN}) THEN appeals.answer_deadline_at END
  ) WHERE v IS NOT NULL ORDER BY v, o LIMIT 1`;

const SET_NEXT = `UPDATE appeals SET (next_deadline_at, next_deadline_kind) = (${NEXT_DEADLINE})`;

const PRACTICE = 'Практика администрации района (настраивается)';
const EMERGENCY_REACTION = `${PRACTICE}; авария — передать сразу, чтобы уложиться в 30 минут (ПП № 416)`;
const PP416 = 'ПП РФ от 15.05.2013 № 416, п. 13: аварийно-диспетчерская служба локализует аварию за 30 минут';

export const sql = /* sql */ `
ALTER TABLE appeals ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('emergency', 'normal'));
UPDATE appeals SET priority = 'emergency' WHERE category IN ('no_heating', 'heating_leak');

CREATE TABLE deadline_rules_v8 (
  kind       TEXT NOT NULL CHECK (kind IN ('reaction', 'check', 'resolution', 'feedback', 'answer')),
  category   TEXT NOT NULL,
  priority   TEXT NOT NULL CHECK (priority IN ('*', 'emergency', 'normal')),
  channel    TEXT NOT NULL,
  amount     INTEGER NOT NULL CHECK (amount >= 0),
  unit       TEXT NOT NULL CHECK (unit IN ('minutes', 'hours', 'calendar_days', 'working_days', 'end_of_day', 'none')),
  source     TEXT NOT NULL,
  updated_at INTEGER,
  updated_by TEXT,
  PRIMARY KEY (kind, category, priority, channel)
) STRICT, WITHOUT ROWID;
INSERT INTO deadline_rules_v8 (kind, category, priority, channel, amount, unit, source, updated_at, updated_by)
  SELECT kind, category, '*', channel, amount, unit, source, updated_at, updated_by FROM deadline_rules
  WHERE NOT (updated_at IS NULL AND kind IN ('reaction', 'resolution') AND category IN ('no_heating', 'heating_leak') AND channel = '*');
INSERT OR IGNORE INTO deadline_rules_v8 (kind, category, priority, channel, amount, unit, source) VALUES
  ('reaction', '*', 'emergency', '*', 10, 'minutes', '${EMERGENCY_REACTION}'),
  ('resolution', '*', 'emergency', '*', 30, 'minutes', '${PP416}');
DROP TABLE deadline_rules;
ALTER TABLE deadline_rules_v8 RENAME TO deadline_rules;

ALTER TABLE appeals ADD COLUMN next_deadline_at INTEGER;
ALTER TABLE appeals ADD COLUMN next_deadline_kind TEXT CHECK (next_deadline_kind IN ('reaction', 'check', 'resolution', 'feedback', 'answer'));
${SET_NEXT} WHERE status IN (${OPEN});
CREATE INDEX appeals_next_deadline ON appeals(next_deadline_at) WHERE next_deadline_at IS NOT NULL;
CREATE INDEX appeals_district_next_deadline ON appeals(district, next_deadline_at) WHERE next_deadline_at IS NOT NULL;

CREATE TRIGGER appeals_next_deadline_insert AFTER INSERT ON appeals
WHEN NEW.status IN (${OPEN})
BEGIN
  ${SET_NEXT} WHERE id = NEW.id;
END;
CREATE TRIGGER appeals_next_deadline_update
AFTER UPDATE OF status, deadline_at, reaction_deadline_at, check_deadline_at, feedback_deadline_at, answer_deadline_at ON appeals
BEGIN
  ${SET_NEXT} WHERE id = NEW.id;
END;
CREATE TRIGGER appeal_events_next_deadline AFTER INSERT ON appeal_events WHEN NEW.type IN ('verify', 'verify_failed')
BEGIN
  ${SET_NEXT} WHERE id = NEW.appeal_id;
END;

CREATE TABLE deadline_alerts_v8 (
  appeal_id     TEXT NOT NULL REFERENCES appeals(id),
  deadline_kind TEXT NOT NULL CHECK (deadline_kind IN ('reaction', 'check', 'resolution', 'feedback', 'answer')),
  kind          TEXT NOT NULL CHECK (kind IN ('due_within_hour', 'overdue')),
  deadline_at   INTEGER NOT NULL,
  notified_at   INTEGER NOT NULL,
  PRIMARY KEY (appeal_id, deadline_kind, kind)
) STRICT, WITHOUT ROWID;
INSERT INTO deadline_alerts_v8 (appeal_id, deadline_kind, kind, deadline_at, notified_at)
  SELECT appeal_id, 'resolution', kind, deadline_at, notified_at FROM deadline_alerts;
DROP TABLE deadline_alerts;
ALTER TABLE deadline_alerts_v8 RENAME TO deadline_alerts;
`;
