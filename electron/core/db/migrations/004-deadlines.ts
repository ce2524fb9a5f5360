// Version 4: deadlines. `deadline_rules` is the table the admin edits in «Сроки и календарь» (kind ×
// category × channel → amount and unit, with the norm it comes from), seeded with the defaults of
// shared/domain/deadline-rules.ts; `calendar_days` is the production calendar's exceptional days,
// seeded with the built-in years 2025–2027 and extended by import. Appeals keep each deadline they
// were registered with (deadline_at stays the resolution deadline the lists sort by).
// The rules seeded here are the defaults as they were at version 4, written out: the defaults of
// today have a priority (migration 008 moves this table to them).
import { BUILT_IN_CALENDAR } from '../../../../shared/domain/production-calendar.js';

export const version = 4;

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

const PRACTICE = 'Практика администрации района (настраивается)';
const EMERGENCY_REACTION = `${PRACTICE}; авария — передать сразу, чтобы уложиться в 30 минут (ПП № 416)`;
const PP416 = 'ПП РФ от 15.05.2013 № 416, п. 13: аварийно-диспетчерская служба локализует аварию за 30 минут';
const PP354 = 'ПП РФ от 06.05.2011 № 354, раздел X: проверка качества не позднее 2 часов, если причина неизвестна';
const FZ59 = 'Федеральный закон от 02.05.2006 № 59-ФЗ, ст. 12: письменный ответ в течение 30 дней со дня регистрации';

/** kind, category, channel, amount, unit, source. */
const V4_RULES: ReadonlyArray<readonly [string, string, string, number, string, string]> = [
  ['reaction', '*', '*', 1, 'hours', PRACTICE],
  ['reaction', 'no_heating', '*', 10, 'minutes', EMERGENCY_REACTION],
  ['reaction', 'heating_leak', '*', 10, 'minutes', EMERGENCY_REACTION],
  ['check', '*', '*', 0, 'none', 'Проверка качества назначается по жалобам на качество отопления'],
  ['check', 'no_heating', '*', 2, 'hours', PP354],
  ['check', 'low_temperature', '*', 2, 'hours', PP354],
  ['check', 'air_lock', '*', 2, 'hours', PP354],
  ['resolution', '*', '*', 0, 'end_of_day', 'Практика администраций: обращения отрабатываются в день поступления'],
  ['resolution', 'no_heating', '*', 30, 'minutes', PP416],
  ['resolution', 'heating_leak', '*', 30, 'minutes', PP416],
  ['feedback', '*', '*', 1, 'working_days', `${PRACTICE}: позвонить заявителю не позднее следующего рабочего дня`],
  ['answer', '*', '*', 0, 'none', 'Устное обращение: письменный ответ не требуется'],
  ['answer', '*', 'email', 30, 'calendar_days', FZ59],
  ['answer', '*', 'pos', 30, 'calendar_days', FZ59],
];

const ruleRows = V4_RULES.map(
  ([kind, category, channel, amount, unit, source]) => `(${q(kind)}, ${q(category)}, ${q(channel)}, ${amount}, ${q(unit)}, ${q(source)})`,
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
