// «Сроки»: open appeals by their pending deadline relative to now — the earliest deadline whose
// step is still to be done (appeals.next_deadline_at and next_deadline_kind, kept by triggers,
// migration 8; shared/domain/deadline-progress.ts) — and the deadline alerts raised once per appeal,
// deadline kind and alert kind (table deadline_alerts).
//
// Only open appeals with a pending deadline are in the partial indexes appeals_next_deadline and
// appeals_district_next_deadline (a few thousand among hundreds of thousands), so every query walks
// one short range of one of them.
import type Database from 'better-sqlite3';
import type { AlertKind, DeadlineAlert } from '../../../shared/contract/alert-event-schema.js';
import { DUE_WITHIN_HOUR_MS, type DueAppeal, type DueBucket, type DueCounts } from '../../../shared/contract/alerts-schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import { endOfSamaraDay } from '../../../shared/domain/samara-time.js';

export interface DueQuery {
  readonly district?: District | undefined;
  readonly bucket: DueBucket;
  readonly offset: number;
  readonly limit: number;
}

/** The number people use: the official city-wide one once the server has given it. */
const DUE_COLUMNS = `a.id, coalesce(a.official_number, a.number) AS number, b.address, a.district, a.flat, a.category, a.priority, a.status, o.name AS executorName,
  a.received_at AS receivedAt, a.next_deadline_at AS deadlineAt, a.next_deadline_kind AS deadlineKind`;
const DUE_JOINS = `JOIN buildings b ON b.id = a.building_id LEFT JOIN organisations o ON o.id = a.executor_org_id`;

/** Pinned: the planner must not walk an index of all appeals, closed ones too, to save a sort. */
function pendingIndex(district: District | undefined): string {
  return district ? 'INDEXED BY appeals_district_next_deadline' : 'INDEXED BY appeals_next_deadline';
}

/** The half-open deadline range [from, to) of a bucket at an instant. */
export function bucketRange(bucket: DueBucket, nowMs: number): { from: number; to: number } {
  const hour = nowMs + DUE_WITHIN_HOUR_MS;
  switch (bucket) {
    case 'overdue':
      return { from: Number.MIN_SAFE_INTEGER, to: nowMs };
    case 'within_hour':
      return { from: nowMs, to: hour };
    case 'today':
      return { from: hour, to: Math.max(hour, endOfSamaraDay(nowMs) + 1) };
  }
}

export class DueRepository {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  list(query: DueQuery, nowMs: number): { rows: DueAppeal[]; total: number } {
    const { from, to } = bucketRange(query.bucket, nowMs);
    const districtSql = query.district ? 'AND a.district = ?' : '';
    const params: unknown[] = query.district ? [query.district, from, to] : [from, to];
    // Overdue: the most recently overdue first — what a notice has just announced is on top; the
    // others: the nearest deadline first. The page is picked from the index alone (the deadline and the rowid are both in it);
    // only its rows are then read and joined.
    const order = query.bucket === 'overdue' ? 'a.next_deadline_at DESC, a.rowid DESC' : 'a.next_deadline_at, a.rowid';
    const rows = this.statement(
      `SELECT ${DUE_COLUMNS}
       FROM (SELECT a.rowid AS rid FROM appeals a ${pendingIndex(query.district)}
             WHERE a.next_deadline_at IS NOT NULL ${districtSql} AND a.next_deadline_at >= ? AND a.next_deadline_at < ?
             ORDER BY ${order} LIMIT ? OFFSET ?) page
       JOIN appeals a ON a.rowid = page.rid ${DUE_JOINS}
       ORDER BY ${order}`,
    ).all(...params, query.limit, query.offset) as DueAppeal[];
    const total =
      query.offset === 0 && rows.length < query.limit
        ? rows.length
        : (
            this.statement(
              `SELECT count(*) AS n FROM appeals a ${pendingIndex(query.district)} WHERE a.next_deadline_at IS NOT NULL ${districtSql} AND a.next_deadline_at >= ? AND a.next_deadline_at < ?`,
            ).get(...params) as { n: number }
          ).n;
    return { rows, total };
  }

  counts(district: District | undefined, nowMs: number): Omit<DueCounts, 'now'> {
    const hour = nowMs + DUE_WITHIN_HOUR_MS;
    const endOfDay = Math.max(hour, endOfSamaraDay(nowMs) + 1);
    const districtSql = district ? 'AND a.district = ?' : '';
    const row = this.statement(
      `SELECT count(*) FILTER (WHERE a.next_deadline_at < ?) AS overdue,
              count(*) FILTER (WHERE a.next_deadline_at >= ? AND a.next_deadline_at < ?) AS withinHour,
              count(*) FILTER (WHERE a.next_deadline_at >= ?) AS today
       FROM appeals a ${pendingIndex(district)} WHERE a.next_deadline_at IS NOT NULL ${districtSql} AND a.next_deadline_at < ?`,
    ).get(nowMs, nowMs, hour, hour, ...(district ? [district] : []), endOfDay) as Omit<DueCounts, 'now'>;
    return row;
  }

  /**
   * Records and returns the alerts due now and not raised before: «due within the hour» for open
   * appeals whose pending deadline comes within 60 minutes, «overdue» for those past it — once per
   * appeal, deadline kind and alert kind. An appeal found already overdue gets only the overdue alert.
   */
  raiseAlerts(district: District | undefined, nowMs: number): DeadlineAlert[] {
    const districtSql = district ? 'AND a.district = ?' : '';
    const alertKind = "CASE WHEN a.next_deadline_at <= ? THEN 'overdue' ELSE 'due_within_hour' END";
    const candidates = this.statement(
      `SELECT a.id AS appealId, coalesce(a.official_number, a.number) AS number, b.address, a.district, a.next_deadline_at AS deadlineAt,
              a.next_deadline_kind AS deadlineKind, ${alertKind} AS kind
       FROM appeals a ${pendingIndex(district)} JOIN buildings b ON b.id = a.building_id
       WHERE a.next_deadline_at IS NOT NULL ${districtSql} AND a.next_deadline_at < ?
         AND NOT EXISTS (SELECT 1 FROM deadline_alerts d WHERE d.appeal_id = a.id AND d.deadline_kind = a.next_deadline_kind
                         AND d.kind = ${alertKind})
       ORDER BY a.next_deadline_at, a.rowid`,
    ).all(nowMs, ...(district ? [district] : []), nowMs + DUE_WITHIN_HOUR_MS, nowMs) as Omit<DeadlineAlert, 'notifiedAt'>[];
    if (candidates.length === 0) return [];
    const insert = this.statement(
      'INSERT OR IGNORE INTO deadline_alerts (appeal_id, deadline_kind, kind, deadline_at, notified_at) VALUES (?, ?, ?, ?, ?)',
    );
    return this.db
      .transaction(() =>
        candidates
          .filter((c) => insert.run(c.appealId, c.deadlineKind, c.kind, c.deadlineAt, nowMs).changes > 0)
          .map((c): DeadlineAlert => ({ ...c, kind: c.kind as AlertKind, notifiedAt: nowMs })),
      )
      .immediate();
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
