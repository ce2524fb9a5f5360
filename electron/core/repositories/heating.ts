// The heating season in the local database (migration 013): each building's current status and the
// append-only history of its changes, the figures by district or organisation, and the list of
// buildings without heat. Every write goes through `applyChange` with a typed `HeatingStatusChange`,
// so sending the change to the server later is one outbox line there (docs/heating-season.md).
import type Database from 'better-sqlite3';
import type { District } from '../../../shared/domain/districts.js';
import { WITHOUT_HEAT_STATUSES, type HeatingBuildingStatus } from '../../../shared/heating/heating-progress.js';
import type { HeatingSource, HeatingStatus } from '../../../shared/heating/heating-status.js';
import type { OutboxRepository } from './outbox.js';

/** One change of one building's status: the only kind of write this repository makes. */
export interface HeatingStatusChange {
  readonly buildingId: string;
  readonly status: HeatingStatus;
  /** YYYY-MM-DD, the Samara date the status holds from. */
  readonly statusDate: string;
  readonly reason: string;
  /** Who set it (the acting user). */
  readonly by: string;
  readonly at: number;
  readonly source: HeatingSource;
}

export interface HeatingCurrent {
  readonly status: HeatingStatus;
  readonly statusDate: string;
  readonly reason: string;
  readonly setBy: string;
  readonly setAt: number;
  readonly source: HeatingSource;
}

export interface HeatingHistoryEntry {
  readonly at: number;
  readonly by: string;
  readonly from: HeatingStatus | null;
  readonly to: HeatingStatus;
  readonly statusDate: string;
  readonly reason: string;
  readonly source: HeatingSource;
}

export interface WithoutHeatQuery {
  readonly district?: District | undefined;
  readonly managementOrgId?: string | undefined;
  readonly status?: HeatingStatus | undefined;
  readonly offset: number;
  readonly limit: number;
}

export interface WithoutHeatRow {
  readonly buildingId: string;
  readonly address: string;
  readonly district: District;
  readonly managementOrgId: string | null;
  readonly managementOrg: string | null;
  /** Its own status, or «не подключён» while it has none (noStatus tells which). */
  readonly status: HeatingStatus;
  readonly noStatus: boolean;
  readonly statusDate: string | null;
  readonly reason: string;
  readonly openAppeals: number;
}

export const NO_ORGANISATION_LABEL = 'Без управляющей организации';

const WITHOUT_HEAT_SQL = WITHOUT_HEAT_STATUSES.map((s) => `'${s}'`).join(', ');

export class HeatingRepository {
  private readonly read: Database.Statement<[string], HeatingCurrent>;
  private readonly upsert: Database.Statement;
  private readonly append: Database.Statement;

  /**
   * `outbox`: where a change made on this workstation goes to the server (the op
   * `set_heating_status`, docs/sync-protocol.md §14); none for the demo's seed and for sync's own writes.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly outbox: OutboxRepository | null = null,
  ) {
    this.read = db.prepare(
      `SELECT status, status_date AS statusDate, reason, set_by AS setBy, set_at AS setAt, source
       FROM heating_statuses WHERE building_id = ?`,
    );
    this.upsert = db.prepare(
      `INSERT INTO heating_statuses (building_id, status, status_date, reason, set_by, set_at, source)
       VALUES (@buildingId, @status, @statusDate, @reason, @by, @at, @source)
       ON CONFLICT (building_id) DO UPDATE SET status = excluded.status, status_date = excluded.status_date,
         reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at, source = excluded.source`,
    );
    this.append = db.prepare(
      `INSERT INTO heating_status_history (building_id, at, by, from_status, to_status, status_date, reason, source)
       VALUES (@buildingId, @at, @by, @from, @status, @statusDate, @reason, @source)`,
    );
  }

  /**
   * Applies one change inside the caller's transaction: the current status and a history entry.
   * A change that says what is already there (status, date and reason) writes nothing.
   */
  applyChange(change: HeatingStatusChange): 'changed' | 'unchanged' {
    const current = this.read.get(change.buildingId);
    if (current && current.status === change.status && current.statusDate === change.statusDate && current.reason === change.reason) {
      return 'unchanged';
    }
    this.upsert.run(change);
    this.append.run({ ...change, from: current?.status ?? null });
    return 'changed';
  }

  /**
   * A change made here (by hand or by a supplier's file): applied, and — when it changed something —
   * sent to the server as the op `set_heating_status` in the same transaction.
   */
  applyLocalChange(change: HeatingStatusChange & { readonly source: 'manual' | 'import' }): 'changed' | 'unchanged' {
    const outcome = this.applyChange(change);
    if (outcome === 'changed' && this.outbox) {
      this.outbox.append(
        {
          command: 'set_heating_status',
          entityType: 'building_heating',
          entityId: change.buildingId,
          baseVersion: 0,
          userId: change.by,
          payload: { status: change.status, statusDate: change.statusDate, reason: change.reason, source: change.source },
        },
        change.at,
      );
    }
    return outcome;
  }

  current(buildingId: string): HeatingCurrent | null {
    return this.read.get(buildingId) ?? null;
  }

  /** Newest first. */
  history(buildingId: string, limit: number): HeatingHistoryEntry[] {
    return this.db
      .prepare<[string, number], HeatingHistoryEntry>(
        `SELECT at, by, from_status AS "from", to_status AS "to", status_date AS statusDate, reason, source
         FROM heating_status_history WHERE building_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(buildingId, limit);
  }

  building(buildingId: string): { id: string; district: District; address: string } | undefined {
    return this.db
      .prepare<[string], { id: string; district: District; address: string }>('SELECT id, district, address FROM buildings WHERE id = ?')
      .get(buildingId);
  }

  /** The register by normalised address, for matching a supplier's file (one read of every building). */
  addressIndex(): Map<string, { id: string; district: District }> {
    const index = new Map<string, { id: string; district: District }>();
    const rows = this.db
      .prepare<[], { id: string; district: District; addressKey: string }>(
        'SELECT id, district, address_key AS addressKey FROM buildings WHERE address_key IS NOT NULL',
      )
      .all();
    for (const r of rows) index.set(r.addressKey, { id: r.id, district: r.district });
    return index;
  }

  /** Every building of the scope with its group and status, for shared/heating/heating-progress.ts. */
  statuses(groupBy: 'district' | 'organisation', district: District | undefined): HeatingBuildingStatus[] {
    const key = groupBy === 'district' ? 'b.district' : 'b.management_org_id';
    const label = groupBy === 'district' ? 'b.district' : `coalesce(o.name, '${NO_ORGANISATION_LABEL}')`;
    return this.db
      .prepare<unknown[], HeatingBuildingStatus>(
        `SELECT ${key} AS key, ${label} AS label, hs.status AS status
         FROM buildings b
         LEFT JOIN heating_statuses hs ON hs.building_id = b.id
         ${groupBy === 'organisation' ? 'LEFT JOIN organisations o ON o.id = b.management_org_id' : ''}
         ${district ? 'WHERE b.district = ?' : ''}`,
      )
      .all(...(district ? [district] : []));
  }

  /** «Без тепла»: problems first, then not connected, then partial; by district and address. */
  withoutHeat(query: WithoutHeatQuery): { rows: WithoutHeatRow[]; total: number } {
    const where = [`coalesce(hs.status, 'not_connected') IN (${WITHOUT_HEAT_SQL})`];
    const params: unknown[] = [];
    if (query.district) {
      where.push('b.district = ?');
      params.push(query.district);
    }
    if (query.managementOrgId) {
      where.push('b.management_org_id = ?');
      params.push(query.managementOrgId);
    }
    if (query.status) {
      where.push(`coalesce(hs.status, 'not_connected') = ?`);
      params.push(query.status);
    }
    const from = `FROM buildings b LEFT JOIN heating_statuses hs ON hs.building_id = b.id WHERE ${where.join(' AND ')}`;
    const total = this.db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n ${from}`).get(...params)?.n ?? 0;
    const rows = this.db
      .prepare<unknown[], Omit<WithoutHeatRow, 'noStatus'> & { noStatus: number }>(
        `SELECT b.id AS buildingId, b.address, b.district, b.management_org_id AS managementOrgId, o.name AS managementOrg,
           coalesce(hs.status, 'not_connected') AS status, hs.status IS NULL AS noStatus, hs.status_date AS statusDate,
           coalesce(hs.reason, '') AS reason, coalesce(ca.open_count, 0) AS openAppeals
         FROM buildings b
         LEFT JOIN heating_statuses hs ON hs.building_id = b.id
         LEFT JOIN organisations o ON o.id = b.management_org_id
         LEFT JOIN control_addresses ca ON ca.building_id = b.id
         WHERE ${where.join(' AND ')}
         ORDER BY CASE coalesce(hs.status, 'not_connected') WHEN 'problem' THEN 0 WHEN 'not_connected' THEN 1 ELSE 2 END,
           b.district, b.address, b.id
         LIMIT ? OFFSET ?`,
      )
      .all(...params, query.limit, query.offset);
    return { rows: rows.map((r) => ({ ...r, noStatus: r.noStatus === 1 })), total };
  }
}
