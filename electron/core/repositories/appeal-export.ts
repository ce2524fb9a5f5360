// The appeals list for a document export: the list's own filters and order (appeals.ts), read in
// pages after a cursor (the last row's sort value and rowid), so a page costs the same at the
// 100,000th row as at the first, and the whole list is never in memory at once.
import type Database from 'better-sqlite3';
import type { AppealSortField } from '../../../shared/contract/schemas.js';
import type { AppealExportRow } from '../../../shared/exports/appeals-document.js';
import { appealFilter, SORT_COLUMNS, type AppealFilter } from './appeals.js';

/** Where the next page starts: after this row in the list's order. */
export interface AppealExportCursor {
  readonly value: string | number;
  readonly rowid: number;
}

export interface AppealExportPageQuery {
  readonly filter: AppealFilter;
  readonly sort: { readonly field: AppealSortField; readonly direction: 'asc' | 'desc' };
  readonly after: AppealExportCursor | null;
  readonly limit: number;
  /** Without it the names and phones never leave the database ('' in their place). */
  readonly withPersonalData: boolean;
}

export interface AppealExportPage {
  readonly rows: AppealExportRow[];
  /** null after the last page. */
  readonly next: AppealExportCursor | null;
}

interface ExportRow extends Omit<AppealExportRow, 'feedbackDeadlineAt'> {
  readonly feedbackDeadlineAt: number | null;
  readonly sortValue: string | number;
  readonly rid: number;
}

const PERSONAL = 'a.applicant_name AS applicantName, a.applicant_phone AS applicantPhone';
const NO_PERSONAL = "'' AS applicantName, '' AS applicantPhone";

export class AppealExportRepository {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  count(filter: AppealFilter): number {
    const { whereSql, params } = appealFilter(filter);
    return (this.statement(`SELECT count(*) AS n FROM appeals a ${whereSql}`).get(...params) as { n: number }).n;
  }

  page(query: AppealExportPageQuery): AppealExportPage {
    const { whereSql, params } = appealFilter(query.filter);
    const column = SORT_COLUMNS[query.sort.field];
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const conditions = whereSql ? [whereSql.slice('WHERE '.length)] : [];
    const args = [...params];
    if (query.after) {
      conditions.push(`(${column}, a.rowid) ${direction === 'ASC' ? '>' : '<'} (?, ?)`);
      args.push(query.after.value, query.after.rowid);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const pageJoin = query.sort.field === 'address' ? 'JOIN buildings b ON b.id = a.building_id' : '';
    // As in the list: the page's rowids from the index first, then only those rows joined.
    const page = `SELECT a.rowid AS rid, ${column} AS sv FROM appeals a ${pageJoin} ${where} ORDER BY ${column} ${direction}, a.rowid ${direction} LIMIT ?`;
    const rows = this.statement(
      `SELECT p.rid, p.sv AS sortValue, a.id, a.number, a.official_number AS officialNumber, a.received_at AS receivedAt,
         a.district, b.address, a.flat, ${query.withPersonalData ? PERSONAL : NO_PERSONAL},
         a.category, a.channel, a.priority, a.status, o.name AS executorName, a.deadline_at AS deadlineAt,
         a.feedback_deadline_at AS feedbackDeadlineAt, a.description
       FROM (${page}) p CROSS JOIN appeals a ON a.rowid = p.rid
       JOIN buildings b ON b.id = a.building_id LEFT JOIN organisations o ON o.id = a.executor_org_id
       ORDER BY p.sv ${direction}, p.rid ${direction}`,
    ).all(...args, query.limit) as ExportRow[];
    const last = rows.at(-1);
    return {
      rows: rows.map(({ sortValue: _sortValue, rid: _rid, ...row }) => row),
      next: last && rows.length === query.limit ? { value: last.sortValue, rowid: last.rid } : null,
    };
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      if (this.cache.size > 100) this.cache.clear();
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
