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
import type { Category, Channel } from '../../../shared/domain/appeal-vocabulary.js';
import { FINAL_STATUSES, STATUSES } from '../../../shared/domain/appeal-vocabulary.js';
import type { District } from '../../../shared/domain/districts.js';
import { CHECK_EVENT_TYPES } from '../../../shared/domain/deadline-progress.js';
import { SAMARA_OFFSET_MS } from '../../../shared/domain/samara-time.js';
import { FINAL_MOVE_TYPES, statusAfter, type StatusMove, type SummaryAppeal, type TrendCounts } from '../../../shared/reports/day-summary.js';
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

type AppealRow = [
  id: string, district: District, buildingId: string, category: Category, channel: Channel, executorId: string | null, receivedAt: number,
  pendingNow: number | null, reaction: number | null, check: number | null, resolution: number, feedback: number | null, answer: number | null,
  rowid: number,
];
type MoveRow = [appealId: string, at: number, type: string];
interface History {
  moves: StatusMove[];
  firstCheckAt: number | null;
}

function groupMoves(rows: readonly MoveRow[]): Map<string, StatusMove[]> {
  const moves = new Map<string, StatusMove[]>();
  for (const [id, at, type] of rows) {
    const to = statusAfter(type);
    if (to === null) continue;
    const list = moves.get(id);
    if (list) list.push({ at, type, to });
    else moves.set(id, [{ at, type, to }]);
  }
  return moves;
}

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
    // The open ones are a few thousand among hundreds of thousands: by status, never by receipt.
    const openIndex = district ? 'INDEXED BY appeals_district_status_deadline' : 'INDEXED BY appeals_status_deadline';
    // Rowids, read from the indexes alone where they can be: each row is then one lookup.
    const openRowids =
      asOf >= nowMs
        ? (this.statement(`SELECT a.rowid FROM appeals a ${openIndex} WHERE a.status IN (${OPEN_SQL}) ${d}`).pluck().all(...dp) as number[])
        : (this.statement(
            `WITH firsts AS (
               SELECT e.appeal_id, e.type, min(e.at) AS at, e.rowid AS rid FROM appeal_events e INDEXED BY appeal_events_type_at
               WHERE e.type IN (${FINAL_TYPES_SQL}) AND e.at >= ? GROUP BY e.appeal_id)
             SELECT a.rowid FROM firsts e CROSS JOIN appeals a ON a.id = e.appeal_id
             WHERE a.received_at < ? ${d} AND NOT (e.type = 'return_for_rework' AND ${LEFT_CLOSED_SQL.replaceAll('e.rowid', 'e.rid')})
             UNION
             SELECT a.rowid FROM appeals a ${openIndex} WHERE a.status IN (${OPEN_SQL}) AND a.received_at < ? ${d}
               AND NOT EXISTS (SELECT 1 FROM appeal_events x INDEXED BY appeal_events_appeal WHERE x.appeal_id = a.id AND x.at >= ? AND x.type IN (${FINAL_TYPES_SQL}))`,
          )
            .pluck()
            .all(asOf, asOf, ...dp, asOf, ...dp, asOf) as number[]);

    const dayRowids = this.statement(
      `SELECT a.rowid FROM appeals a WHERE a.received_at >= ? AND a.received_at < ? ${d}
       UNION SELECT a.rowid FROM appeal_events e INDEXED BY appeal_events_type_at JOIN appeals a ON a.id = e.appeal_id
       WHERE e.type IN (${FINAL_TYPES_SQL}) AND e.at >= ? AND e.at < ? ${d}`,
    )
      .pluck()
      .all(day.from, day.to, ...dp, day.from, asOf, ...dp) as number[];

    const today = asOf >= nowMs;
    const openSet = new Set(openRowids);
    const rowids = JSON.stringify([...new Set([...dayRowids, ...openRowids])]);
    const rows = this.statement(
      `SELECT a.id, a.district, a.building_id, a.category, a.channel, a.executor_org_id, a.received_at,
              a.next_deadline_at, a.reaction_deadline_at, a.check_deadline_at, a.deadline_at, a.feedback_deadline_at, a.answer_deadline_at, a.rowid
       FROM json_each(?) j CROSS JOIN appeals a ON a.rowid = j.value`,
    )
      .raw()
      .all(rowids) as AppealRow[];
    const open = new Set(rows.filter((r) => openSet.has(r[13])).map((r) => r[0]));
    // The day's moves into and out of a final status: enough to tell closed in the day, and open at
    // its end for the appeals that are not open then.
    const dayMoves = this.statement(
      `SELECT e.appeal_id, e.at, e.type FROM appeal_events e INDEXED BY appeal_events_type_at
       WHERE e.type IN (${FINAL_TYPES_SQL}) AND e.at >= ? AND e.at < ? ORDER BY e.at, e.rowid`,
    )
      .raw()
      .all(day.from, asOf) as MoveRow[];
    const moves = groupMoves(dayMoves);
    // A past day's open appeals: their whole history up to its end tells their status then, and the
    // first check (for overdue). Today the pending deadline kept in the database says it.
    const history = !today && open.size > 0 ? this.historyUpTo([...open], asOf) : new Map<string, History>();
    return rows.map(([id, dist, buildingId, category, channel, executorId, receivedAt, pendingNow, reaction, check, resolution, feedback, answer]): SummaryAppeal => {
      if (!open.has(id)) return { id, district: dist, buildingId, category, channel, executorId, receivedAt, moves: moves.get(id) ?? [] };
      if (today) return { id, district: dist, buildingId, category, channel, executorId, receivedAt, moves: moves.get(id) ?? [], pendingDeadlineNow: pendingNow };
      const own = history.get(id);
      return {
        id,
        district: dist,
        buildingId,
        category,
        channel,
        executorId,
        receivedAt,
        moves: own?.moves ?? [],
        firstCheckAt: own?.firstCheckAt ?? null,
        deadlines: { reaction, check, resolution, feedback, answer },
      };
    });
  }

  /** The trend's counts by Samara date, from its first day to now, and the appeals open now. */
  trendCounts(district: District | undefined, day: SummaryDay): TrendCounts {
    const start = (trendDays(day)[0] as SummaryDay).from;
    const d = district ? 'AND a.district = ?' : '';
    const dp = district ? [district] : [];
    const openNow = this.statement(`SELECT count(*) FROM appeals a WHERE a.status IN (${OPEN_SQL}) ${d}`).pluck().get(...dp) as number;
    const received = this.statement(`SELECT ${dayOf('a.received_at')} AS d, count(*) FROM appeals a WHERE a.received_at >= ? ${d} GROUP BY d`)
      .raw()
      .all(start, ...dp) as [number, number][];
    const joinDistrict = district ? 'JOIN appeals a ON a.id = e.appeal_id AND a.district = ?' : '';
    // Read from the index alone (type, at, appeal_id) for the city.
    const finals = this.statement(
      `SELECT e.type, ${dayOf('e.at')} AS d, count(*) FROM appeal_events e INDEXED BY appeal_events_type_at ${joinDistrict}
       WHERE e.type IN (${ENTRY_TYPES_SQL}) AND e.at >= ? GROUP BY e.type, d`,
    )
      .raw()
      .all(...dp, start) as [string, number, number][];
    // Returns for rework out of «Закрыто»: an event written here says `from`; one from another
    // workstation does not, and the move before it tells.
    const exits = this.statement(
      `SELECT e.appeal_id, ${dayOf('e.at')} AS d FROM appeal_events e INDEXED BY appeal_events_type_at ${joinDistrict}
       WHERE e.type = 'return_for_rework' AND e.at >= ?
         AND CASE WHEN json_extract(e.data, '$.from') IS NOT NULL THEN json_extract(e.data, '$.from') = 'closed' ELSE ${LEFT_CLOSED_SQL} END`,
    )
      .raw()
      .all(...dp, start) as [string, number][];
    const date = (n: number) => summaryDayOf(n * DAY_MS).date;
    const add = (m: Map<string, number>, key: string, n: number) => m.set(key, (m.get(key) ?? 0) + n);
    const counts = { openNow, received: new Map<string, number>(), closed: new Map<string, number>(), entries: new Map<string, number>(), exits: new Map<string, number>() };
    for (const [n, c] of received) counts.received.set(date(n), c);
    for (const [, n] of exits) add(counts.exits, date(n), 1);
    for (const [type, n, c] of finals) {
      add(counts.entries, date(n), c);
      if (type === 'close') add(counts.closed, date(n), c);
    }
    // An appeal closed twice in one day counts once; it was returned out of «Закрыто» in between.
    const reopened = [...new Set(exits.map(([id]) => id))];
    if (reopened.length > 0) {
      const closings = this.statement(
        `SELECT e.appeal_id, ${dayOf('e.at')} FROM appeal_events e INDEXED BY appeal_events_type_at
         WHERE e.type = 'close' AND e.at >= ? AND e.appeal_id IN (SELECT value FROM json_each(?))`,
      )
        .raw()
        .all(start, JSON.stringify(reopened)) as [string, number][];
      const seen = new Set<string>();
      for (const [id, n] of closings) {
        const key = `${id}:${n}`;
        if (seen.has(key)) add(counts.closed, date(n), -1);
        seen.add(key);
      }
    }
    return counts;
  }

  private historyUpTo(ids: readonly string[], asOf: number): Map<string, History> {
    const events = this.statement(
      `SELECT e.appeal_id, e.at, e.type FROM json_each(?) j
       CROSS JOIN appeal_events e INDEXED BY appeal_events_appeal ON e.appeal_id = j.value
       WHERE e.at < ? ORDER BY e.appeal_id, e.at, e.rowid`,
    )
      .raw()
      .all(JSON.stringify(ids), asOf) as MoveRow[];
    const out = new Map<string, History>();
    for (const [id, at, type] of events) {
      const entry = out.get(id) ?? { moves: [], firstCheckAt: null };
      const to = statusAfter(type);
      if (to !== null) entry.moves.push({ at, type, to });
      if (entry.firstCheckAt === null && (CHECK_EVENT_TYPES as readonly string[]).includes(type)) entry.firstCheckAt = at;
      out.set(id, entry);
    }
    return out;
  }

  /** Names of organisations by id. */
  /** Buildings' addresses and districts, by id. */
  buildingAddresses(ids: readonly string[]): Map<string, { address: string; district: District }> {
    if (ids.length === 0) return new Map();
    const rows = this.statement('SELECT b.id, b.address, b.district FROM json_each(?) j CROSS JOIN buildings b ON b.id = j.value')
      .raw()
      .all(JSON.stringify(ids)) as [string, string, District][];
    return new Map(rows.map(([id, address, district]) => [id, { address, district }]));
  }

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
