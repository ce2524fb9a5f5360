// «Адреса на контроле»: buildings with at least one open appeal, read from control_addresses,
// which triggers keep in step with the appeals (migration 2).
import type Database from 'better-sqlite3';
import type { ControlAddress } from '../../../shared/contract/register-schemas.js';
import type { District } from '../../../shared/domain/districts.js';

export interface ControlQuery {
  readonly district?: District | undefined;
  readonly managementOrgId?: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

export class ControlRepository {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  list(query: ControlQuery): { rows: ControlAddress[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.district) {
      where.push('c.district = ?');
      params.push(query.district);
    }
    if (query.managementOrgId) {
      where.push('c.management_org_id = ?');
      params.push(query.managementOrgId);
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.statement(
      `SELECT c.building_id AS buildingId, b.address, c.district, c.management_org_id AS managementOrgId, o.name AS managementOrg,
         c.open_count AS openCount, c.oldest_received_at AS oldestReceivedAt, c.nearest_deadline_at AS nearestDeadlineAt
       FROM control_addresses c JOIN buildings b ON b.id = c.building_id LEFT JOIN organisations o ON o.id = c.management_org_id
       ${whereSql} ORDER BY c.nearest_deadline_at, c.building_id LIMIT ? OFFSET ?`,
    ).all(...params, query.limit, query.offset) as ControlAddress[];
    const total = (this.statement(`SELECT count(*) AS n FROM control_addresses c ${whereSql}`).get(...params) as { n: number }).n;
    return { rows, total };
  }

  isOnControl(buildingId: string): boolean {
    return this.statement('SELECT 1 FROM control_addresses WHERE building_id = ?').get(buildingId) !== undefined;
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
