// «Сроки»: open appeals by their resolution deadline relative to now, and the deadline alerts
// raised once per appeal and kind (table deadline_alerts, migration 7).
//
// Open appeals are a few thousand among hundreds of thousands, so every query names the open
// statuses with IN: SQLite then walks (status, deadline_at) — or (district, status, deadline_at) —
// one short range per status instead of scanning the closed ones.
import type Database from 'better-sqlite3';
import type { AlertKind, DeadlineAlert } from '../../../shared/contract/alert-event-schema.js';
import { DUE_WITHIN_HOUR_MS, type DueAppeal, type DueBucket, type DueCounts } from '../../../shared/contract/alerts-schemas.js';
import { FINAL_STATUSES, STATUSES } from '../../../shared/domain/appeal-vocabulary.js';
import type { District } from '../../../shared/domain/districts.js';
import { endOfSamaraDay } from '../../../shared/domain/samara-time.js';

export interface DueQuery {
  readonly district?: District | undefined;
  readonly bucket: DueBucket;
  readonly offset: number;
  readonly limit: number;
}

const OPEN_STATUSES = STATUSES.filter((s) => !FINAL_STATUSES.includes(s));
const OPEN_IN = `a.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

const DUE_COLUMNS = `a.id, a.number, b.address, a.district, a.flat, a.category, a.status, o.name AS executorName,
  a.received_at AS receivedAt, a.deadline_at AS deadlineAt`;
const DUE_JOINS = `JOIN buildings b ON b.id = a.building_id LEFT JOIN organisations o ON o.id = a.executor_org_id`;

/**
 * Pinned so that the planner never walks appeals_deadline (all appeals, closed ones too) to save
 * a sort of the few open ones.
 */
function openIndex(district: District | undefined): string {
  return district ? 'INDEXED BY appeals_district_status_deadline' : 'INDEXED BY appeals_status_deadline';
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
    // others: the nearest deadline first. The page is picked from the index alone (status, deadline_at and the rowid are all in it);
    // only its rows are then read and joined.
    const order = query.bucket === 'overdue' ? 'a.deadline_at DESC, a.rowid DESC' : 'a.deadline_at, a.rowid';
    const rows = this.statement(
      `SELECT ${DUE_COLUMNS}
       FROM (SELECT a.rowid AS rid FROM appeals a ${openIndex(query.district)}
             WHERE ${OPEN_IN} ${districtSql} AND a.deadline_at >= ? AND a.deadline_at < ?
             ORDER BY ${order} LIMIT ? OFFSET ?) page
       JOIN appeals a ON a.rowid = page.rid ${DUE_JOINS}
       ORDER BY ${order}`,
    ).all(...params, query.limit, query.offset) as DueAppeal[];
    const total =
      query.offset === 0 && rows.length < query.limit
        ? rows.length
        : (
            this.statement(
              `SELECT count(*) AS n FROM appeals a ${openIndex(query.district)} WHERE ${OPEN_IN} ${districtSql} AND a.deadline_at >= ? AND a.deadline_at < ?`,
            ).get(...params) as { n: number }
          ).n;
    return { rows, total };
  }

  counts(district: District | undefined, nowMs: number): Omit<DueCounts, 'now'> {
    const hour = nowMs + DUE_WITHIN_HOUR_MS;
    const endOfDay = Math.max(hour, endOfSamaraDay(nowMs) + 1);
    const districtSql = district ? 'AND a.district = ?' : '';
    const row = this.statement(
      `SELECT count(*) FILTER (WHERE a.deadline_at < ?) AS overdue,
              count(*) FILTER (WHERE a.deadline_at >= ? AND a.deadline_at < ?) AS withinHour,
              count(*) FILTER (WHERE a.deadline_at >= ?) AS today
       FROM appeals a ${openIndex(district)} WHERE ${OPEN_IN} ${districtSql} AND a.deadline_at < ?`,
    ).get(nowMs, nowMs, hour, hour, ...(district ? [district] : []), endOfDay) as Omit<DueCounts, 'now'>;
    return row;
  }

  /**
   * Records and returns the alerts due now and not raised before: «due within the hour» for open
   * appeals whose deadline comes within 60 minutes, «overdue» for those past it. An appeal found
   * already overdue gets only the overdue alert.
   */
  raiseAlerts(district: District | undefined, nowMs: number): DeadlineAlert[] {
    const districtSql = district ? 'AND a.district = ?' : '';
    const candidates = this.statement(
      `SELECT a.id AS appealId, a.number, b.address, a.district, a.deadline_at AS deadlineAt,
              CASE WHEN a.deadline_at <= ? THEN 'overdue' ELSE 'due_within_hour' END AS kind
       FROM appeals a ${openIndex(district)} JOIN buildings b ON b.id = a.building_id
       WHERE ${OPEN_IN} ${districtSql} AND a.deadline_at < ?
         AND NOT EXISTS (SELECT 1 FROM deadline_alerts d WHERE d.appeal_id = a.id
                         AND d.kind = CASE WHEN a.deadline_at <= ? THEN 'overdue' ELSE 'due_within_hour' END)
       ORDER BY a.deadline_at, a.rowid`,
    ).all(nowMs, ...(district ? [district] : []), nowMs + DUE_WITHIN_HOUR_MS, nowMs) as Omit<DeadlineAlert, 'notifiedAt'>[];
    if (candidates.length === 0) return [];
    const insert = this.statement(
      'INSERT OR IGNORE INTO deadline_alerts (appeal_id, kind, deadline_at, notified_at) VALUES (?, ?, ?, ?)',
    );
    return this.db
      .transaction(() =>
        candidates
          .filter((c) => insert.run(c.appealId, c.kind, c.deadlineAt, nowMs).changes > 0)
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
