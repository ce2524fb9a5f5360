// «Итоги дня» in the local database: gathers every appeal that can count in a day's summary and
// its 14-day trend, with the status moves the figures need; shared/reports/day-summary.ts decides.
//
// What is read (docs/reports.md):
// - the candidates: appeals received in the trend's 14 days, appeals open now, and appeals with a
//   move into or out of a final status since the trend's first day (appeal_events_type_at, v12);
// - those moves (close, reject, mark_duplicate, return_for_rework) since then; where an appeal's first
//   such move is a return for rework, its last one before (it tells whether it was closed then);
// - for the appeals open at the instant the day stands as of, every status move up to it, the first
//   quality check and the deadlines: what overdue needs.
import type Database from 'better-sqlite3';
import type { AppealStatus, Category, Channel } from '../../../shared/domain/appeal-vocabulary.js';
import { FINAL_STATUSES, STATUSES } from '../../../shared/domain/appeal-vocabulary.js';
import type { District } from '../../../shared/domain/districts.js';
import { CHECK_EVENT_TYPES } from '../../../shared/domain/deadline-progress.js';
import { FINAL_MOVE_TYPES, isOpenAt, type StatusMove, type SummaryAppeal } from '../../../shared/reports/day-summary.js';
import { asOfInstant, trendDays, type SummaryDay } from '../../../shared/reports/summary-day.js';

const OPEN_STATUSES = STATUSES.filter((s) => !FINAL_STATUSES.includes(s));
const FINAL_TYPES_SQL = FINAL_MOVE_TYPES.map((t) => `'${t}'`).join(', ');
const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

type CandidateRow = [id: string, district: District, buildingId: string, category: Category, channel: Channel, executorId: string | null, receivedAt: number];
type MoveRow = [appealId: string, at: number, type: string, to: AppealStatus | null];
type DetailRow = [id: string, reaction: number | null, check: number | null, resolution: number, feedback: number | null, answer: number | null];

export class DaySummaryRepository {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** Every appeal that can count in the summary of `day` (and its trend), as of `nowMs`. */
  gather(district: District | undefined, day: SummaryDay, nowMs: number): SummaryAppeal[] {
    const start = (trendDays(day)[0] as SummaryDay).from;
    const districtSql = district ? 'AND a.district = ?' : '';
    const districtParam = district ? [district] : [];

    const candidates = this.statement(
      `WITH cand(id) AS (
         SELECT e.appeal_id FROM appeal_events e INDEXED BY appeal_events_type_at WHERE e.type IN (${FINAL_TYPES_SQL}) AND e.at >= ?
         UNION SELECT id FROM appeals WHERE received_at >= ? AND received_at < ?
         UNION SELECT id FROM appeals WHERE status IN (${OPEN_SQL}) AND received_at < ?
       )
       SELECT a.id, a.district, a.building_id, a.category, a.channel, a.executor_org_id, a.received_at
       FROM cand JOIN appeals a ON a.id = cand.id WHERE 1 ${districtSql}`,
    )
      .raw()
      .all(start, start, day.to, day.to, ...districtParam) as CandidateRow[];

    const moves = new Map<string, StatusMove[]>();
    const finalMoves = this.statement(
      `SELECT e.appeal_id, e.at, e.type, json_extract(e.data, '$.to') FROM appeal_events e INDEXED BY appeal_events_type_at
       JOIN appeals a ON a.id = e.appeal_id
       WHERE e.type IN (${FINAL_TYPES_SQL}) AND e.at >= ? ${districtSql} ORDER BY e.at, e.rowid`,
    )
      .raw()
      .all(start, ...districtParam) as MoveRow[];
    for (const [id, at, type, to] of finalMoves) {
      if (to === null) continue;
      const list = moves.get(id);
      if (list) list.push({ at, type, to });
      else moves.set(id, [{ at, type, to }]);
    }
    // A return for rework may come from «Выполнено» or «Проверено» as well as from «Закрыто»: the
    // last move before the window says which (whether the appeal was closed when the window began).
    const before = this.statement(
      `SELECT appeal_id, at, type, json_extract(data, '$.to') FROM appeal_events
       WHERE appeal_id = ? AND at < ? AND type IN (${FINAL_TYPES_SQL}) ORDER BY at DESC, rowid DESC LIMIT 1`,
    ).raw();
    for (const [id, list] of moves) {
      if (list[0]?.type !== 'return_for_rework') continue;
      const prior = before.get(id, start) as MoveRow | undefined;
      if (prior && prior[3] !== null) list.unshift({ at: prior[1], type: prior[2], to: prior[3] });
    }

    const appeals = new Map<string, SummaryAppeal>();
    for (const [id, d, buildingId, category, channel, executorId, receivedAt] of candidates) {
      appeals.set(id, { id, district: d, buildingId, category, channel, executorId, receivedAt, moves: moves.get(id) ?? [] });
    }

    // Overdue: the open ones at the day's instant get their full history up to it and their deadlines.
    const asOf = asOfInstant(day, nowMs);
    const open = [...appeals.values()].filter((a) => isOpenAt(a, asOf)).map((a) => a.id);
    if (open.length > 0) this.addDetails(appeals, open, asOf);
    return [...appeals.values()];
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
      // The moves up to the instant from the full history, the later ones (only final moves) as gathered.
      const later = appeal.moves.filter((m) => m.at >= asOf);
      appeals.set(id, {
        ...appeal,
        moves: [...(own?.moves ?? []), ...later],
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
