// «Итоги дня» in the local database: reads what a day's summary needs and hands it to
// shared/reports/day-summary.ts, which decides. Everything goes by indexes over short ranges
// (docs/reports.md):
// - the day's appeals: received in it (appeals_received), with a move into or out of a final
//   status in it (appeal_events_type_at, v12), and those open at the instant it stands as of —
//   for today the open statuses (an index), for a past day the appeals whose first such move after
//   its end says they were open then; the open ones get their whole history up to that instant and
//   their deadlines, for overdue;
// - the trend: counts by Samara date since its first day (received, closed, moves into a final
//   status and out of «Закрыто»), from which trendFromCounts takes the open ones back from now.
import type Database from 'better-sqlite3';
import type { AppealStatus, Category, Channel } from '../../../shared/domain/appeal-vocabulary.js';
import { FINAL_STATUSES, STATUSES } from '../../../shared/domain/appeal-vocabulary.js';
import type { District } from '../../../shared/domain/districts.js';
import { CHECK_EVENT_TYPES } from '../../../shared/domain/deadline-progress.js';
import { SAMARA_OFFSET_MS } from '../../../shared/domain/samara-time.js';
import { FINAL_MOVE_TYPES, type StatusMove, type SummaryAppeal, type TrendCounts } from '../../../shared/reports/day-summary.js';
import { asOfInstant, DAY_MS, summaryDayOf, trendDays, type SummaryDay } from '../../../shared/reports/summary-day.js';

const OPEN_STATUSES = STATUSES.filter((s) => !FINAL_STATUSES.includes(s));
const FINAL_TYPES_SQL = FINAL_MOVE_TYPES.map((t) => `'${t}'`).join(', ');
const ENTRY_TYPES_SQL = "'close', 'reject', 'mark_duplicate'";
const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
/** The Samara day number of an instant column, for GROUP BY. */
const dayOf = (column: string) => `((${column} + ${SAMARA_OFFSET_MS}) / ${DAY_MS})`;
/**
 * Whether the event e (a return for rework) took the appeal out of «Закрыто»: the move into or out
 * of a final status before it was a closing. (Events from other workstations do not say `from`.)
 */
const LEFT_CLOSED_SQL = `coalesce((SELECT p.type FROM appeal_events p INDEXED BY appeal_events_appeal WHERE p.appeal_id = e.appeal_id AND p.type IN (${FINAL_TYPES_SQL})
  AND (p.at < e.at OR (p.at = e.at AND p.rowid < e.rowid)) ORDER BY p.at DESC, p.rowid DESC LIMIT 1), '') = 'close'`;

type AppealRow = [id: string, district: District, buildingId: string, category: Category, channel: Channel, executorId: string | null, receivedAt: number];
type MoveRow = [appealId: string, at: number, type: string, to: AppealStatus | null];
type DetailRow = [id: string, reaction: number | null, check: number | null, resolution: number, feedback: number | null, answer: number | null];

export class DaySummaryRepository {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /**
   * The appeals that can count in the day's figures: received or with a final move in the day, and
   * open at its instant (with their full history up to it and their deadlines).
   */
  gather(district: District | undefined, day: SummaryDay, nowMs: number): SummaryAppeal[] {
    const asOf = asOfInstant(day, nowMs);
    const d = district ? 'AND a.district = ?' : '';
    const dp = district ? [district] : [];
    const openIds =
      asOf >= nowMs
        ? (this.statement(`SELECT a.id FROM appeals a WHERE a.status IN (${OPEN_SQL}) ${d}`).pluck().all(...dp) as string[])
        : (this.statement(
            `WITH firsts AS (
               SELECT e.appeal_id, e.type, min(e.at) AS at, e.rowid AS rid FROM appeal_events e INDEXED BY appeal_events_type_at
               WHERE e.type IN (${FINAL_TYPES_SQL}) AND e.at >= ? GROUP BY e.appeal_id)
             SELECT a.id FROM firsts e JOIN appeals a ON a.id = e.appeal_id
             WHERE a.received_at < ? ${d} AND NOT (e.type = 'return_for_rework' AND ${LEFT_CLOSED_SQL.replaceAll('e.rowid', 'e.rid')})
             UNION
             SELECT a.id FROM appeals a WHERE a.status IN (${OPEN_SQL}) AND a.received_at < ? ${d}
               AND NOT EXISTS (SELECT 1 FROM appeal_events x INDEXED BY appeal_events_appeal WHERE x.appeal_id = a.id AND x.at >= ? AND x.type IN (${FINAL_TYPES_SQL}))`,
          )
            .pluck()
            .all(asOf, asOf, ...dp, asOf, ...dp, asOf) as string[]);

    const dayIds = this.statement(
      `SELECT a.id FROM appeals a WHERE a.received_at >= ? AND a.received_at < ? ${d}
       UNION SELECT a.id FROM appeal_events e INDEXED BY appeal_events_type_at JOIN appeals a ON a.id = e.appeal_id
       WHERE e.type IN (${FINAL_TYPES_SQL}) AND e.at >= ? AND e.at < ? ${d}`,
    )
      .pluck()
      .all(day.from, day.to, ...dp, day.from, asOf, ...dp) as string[];

    const ids = JSON.stringify([...new Set([...dayIds, ...openIds])]);
    const rows = this.statement(
      `SELECT a.id, a.district, a.building_id, a.category, a.channel, a.executor_org_id, a.received_at
       FROM json_each(?) j CROSS JOIN appeals a ON a.id = j.value`,
    )
      .raw()
      .all(ids) as AppealRow[];
    // The day's moves into and out of a final status: enough to tell closed in the day, and open at
    // its end for the appeals that are not (those get their whole history below).
    const moves = new Map<string, StatusMove[]>();
    const dayMoves = this.statement(
      `SELECT e.appeal_id, e.at, e.type, json_extract(e.data, '$.to') FROM appeal_events e INDEXED BY appeal_events_type_at
       WHERE e.type IN (${FINAL_TYPES_SQL}) AND e.at >= ? AND e.at < ? ORDER BY e.at, e.rowid`,
    )
      .raw()
      .all(day.from, asOf) as MoveRow[];
    for (const [id, at, type, to] of dayMoves) {
      if (to === null) continue;
      const list = moves.get(id);
      if (list) list.push({ at, type, to });
      else moves.set(id, [{ at, type, to }]);
    }
    const appeals = new Map<string, SummaryAppeal>();
    for (const [id, dist, buildingId, category, channel, executorId, receivedAt] of rows) {
      appeals.set(id, { id, district: dist, buildingId, category, channel, executorId, receivedAt, moves: moves.get(id) ?? [] });
    }
    if (openIds.length > 0) this.addDetails(appeals, openIds, asOf);
    return [...appeals.values()];
  }

  /** The trend's counts by Samara date, from its first day to now, and the appeals open now. */
  trendCounts(district: District | undefined, day: SummaryDay): TrendCounts {
    const start = (trendDays(day)[0] as SummaryDay).from;
    const d = district ? 'AND a.district = ?' : '';
    const dp = district ? [district] : [];
    const openNow = this.statement(`SELECT count(*) FROM appeals a WHERE a.status IN (${OPEN_SQL}) ${d}`).pluck().get(...dp) as number;
    const received = this.statement(
      `SELECT ${dayOf('a.received_at')} AS d, count(*) FROM appeals a WHERE a.received_at >= ? ${d} GROUP BY d`,
    )
      .raw()
      .all(start, ...dp) as [number, number][];
    const joinDistrict = district ? 'JOIN appeals a ON a.id = e.appeal_id AND a.district = ?' : '';
    const finals = this.statement(
      `SELECT ${dayOf('e.at')} AS d, e.type = 'close', count(*), count(DISTINCT e.appeal_id)
       FROM appeal_events e INDEXED BY appeal_events_type_at ${joinDistrict}
       WHERE e.type IN (${ENTRY_TYPES_SQL}) AND e.at >= ? GROUP BY d, e.type = 'close'`,
    )
      .raw()
      .all(...dp, start) as [number, number, number, number][];
    const exits = this.statement(
      `SELECT ${dayOf('e.at')} AS d, count(*) FROM appeal_events e INDEXED BY appeal_events_type_at ${joinDistrict}
       WHERE e.type = 'return_for_rework' AND e.at >= ? AND ${LEFT_CLOSED_SQL} GROUP BY d`,
    )
      .raw()
      .all(...dp, start) as [number, number][];
    const date = (n: number) => summaryDayOf(n * DAY_MS).date;
    const counts = { openNow, received: new Map<string, number>(), closed: new Map<string, number>(), entries: new Map<string, number>(), exits: new Map<string, number>() };
    for (const [n, c] of received) counts.received.set(date(n), c);
    for (const [n, c] of exits) counts.exits.set(date(n), c);
    for (const [n, isClose, c, distinct] of finals) {
      counts.entries.set(date(n), (counts.entries.get(date(n)) ?? 0) + c);
      if (isClose) counts.closed.set(date(n), distinct);
    }
    return counts;
  }

  private addDetails(appeals: Map<string, SummaryAppeal>, ids: readonly string[], asOf: number): void {
    const json = JSON.stringify(ids);
    const events = this.statement(
      `SELECT e.appeal_id, e.at, e.type, json_extract(e.data, '$.to') FROM json_each(?) j
       CROSS JOIN appeal_events e ON e.appeal_id = j.value
       WHERE e.at < ? ORDER BY e.appeal_id, e.at, e.rowid`,
    )
      .raw()
      .all(json, asOf) as MoveRow[];
    const full = new Map<string, { moves: StatusMove[]; firstCheckAt: number | null }>();
    for (const [id, at, type, to] of events) {
      const entry = full.get(id) ?? { moves: [], firstCheckAt: null };
      if (to !== null) entry.moves.push({ at, type, to });
      if (entry.firstCheckAt === null && (CHECK_EVENT_TYPES as readonly string[]).includes(type)) entry.firstCheckAt = at;
      full.set(id, entry);
    }
    const details = this.statement(
      `SELECT a.id, a.reaction_deadline_at, a.check_deadline_at, a.deadline_at, a.feedback_deadline_at, a.answer_deadline_at
       FROM json_each(?) j CROSS JOIN appeals a ON a.id = j.value`,
    )
      .raw()
      .all(json) as DetailRow[];
    for (const [id, reaction, check, resolution, feedback, answer] of details) {
      const appeal = appeals.get(id);
      if (!appeal) continue;
      const own = full.get(id);
      appeals.set(id, {
        ...appeal,
        moves: own?.moves ?? [],
        firstCheckAt: own?.firstCheckAt ?? null,
        deadlines: { reaction, check, resolution, feedback, answer },
      });
    }
  }

  /** Names of organisations by id. */
  organisationNames(ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    const rows = this.statement('SELECT o.id, o.name FROM json_each(?) j CROSS JOIN organisations o ON o.id = j.value')
      .raw()
      .all(JSON.stringify(ids)) as [string, string][];
    return new Map(rows);
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
