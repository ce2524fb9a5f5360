// Version 4: deadlines. `deadline_rules` is the table the admin edits in «Сроки и календарь» (kind ×
// category × channel → amount and unit, with the norm it comes from), seeded with the defaults of
// shared/domain/deadline-rules.ts; `calendar_days` is the production calendar's exceptional days,
// seeded with the built-in years 2025–2027 and extended by import. Appeals keep each deadline they
// were registered with (deadline_at stays the resolution deadline the lists sort by).
import { DEFAULT_DEADLINE_RULES } from '../../../../shared/domain/deadline-rules.js';
import { BUILT_IN_CALENDAR } from '../../../../shared/domain/production-calendar.js';

export const version = 4;

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

const ruleRows = DEFAULT_DEADLINE_RULES.map(
  (r) => `(${q(r.kind)}, ${q(r.category)}, ${q(r.channel)}, ${r.amount}, ${q(r.unit)}, ${q(r.source)})`,
).join(',\n  ');

const dayRows = BUILT_IN_CALENDAR.flatMap((y) => y.days.map((d) => `(${q(d.date)}, ${q(d.type)}, ${q(y.source)})`)).join(',\n  ');

export const sql = /* sql */ `
CREATE TABLE deadline_rules (
  kind       TEXT NOT NULL CHECK (kind IN ('reaction', 'check', 'resolution', 'feedback', 'answer')),
  category   TEXT NOT NULL,
  channel    TEXT NOT NULL,
  amount     INTEGER NOT NULL CHECK (amount >= 0),
  unit       TEXT NOT NULL CHECK (unit IN ('minutes', 'hours', 'calendar_days', 'working_days', 'end_of_day', 'none')),
  source     TEXT NOT NULL,
  updated_at INTEGER,
  updated_by TEXT,
  PRIMARY KEY (kind, category, channel)
) STRICT, WITHOUT ROWID;

INSERT INTO deadline_rules (kind, category, channel, amount, unit, source) VALUES
  ${ruleRows};

CREATE TABLE calendar_days (
  date   TEXT PRIMARY KEY,
  type   TEXT NOT NULL CHECK (type IN ('holiday', 'workday', 'short')),
  source TEXT NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO calendar_days (date, type, source) VALUES
  ${dayRows};

ALTER TABLE appeals ADD COLUMN reaction_deadline_at INTEGER;
ALTER TABLE appeals ADD COLUMN check_deadline_at INTEGER;
ALTER TABLE appeals ADD COLUMN feedback_deadline_at INTEGER;
ALTER TABLE appeals ADD COLUMN answer_deadline_at INTEGER;
`;
