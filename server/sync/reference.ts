// Reference data on the server: organisations, heat sources and buildings, with the same fields as
// the workstation's register (electron/core/db/migrations/002-address-register.ts). It is changed
// only here (the admin CLI's import-register and demo-register), and every change goes into the
// change log for all workstations, in one transaction with one poke.
import type { District } from '../../shared/domain/districts.js';
import type { Database, Queryable } from '../db/database.js';
import { notifyPoke } from './poke.js';
import { appendChanges, LOCKS } from './store.js';

export interface OrganisationData {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly inn: string | null;
  readonly phone: string | null;
  readonly dispatcherPhone: string | null;
  readonly email: string | null;
}

export interface HeatSourceData {
  readonly id: string;
  readonly kind: 'boiler_house' | 'substation' | 'chp' | 'other';
  readonly name: string;
  readonly supplierOrgId: string | null;
  readonly district: District | null;
}

export interface BuildingData {
  readonly id: string;
  readonly district: District;
  readonly address: string;
  readonly streetType: string;
  readonly streetName: string;
  readonly house: string;
  readonly korpus: string;
  readonly stroenie: string;
  readonly addressKey: string | null;
  readonly fiasGuid: string | null;
  readonly managementOrgId: string | null;
  readonly heatSupplierOrgId: string | null;
  readonly heatSourceId: string | null;
  readonly yearBuilt: number | null;
  readonly floors: number | null;
  readonly flats: number | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export interface ReferenceData {
  readonly organisations: readonly OrganisationData[];
  readonly heatSources: readonly HeatSourceData[];
  readonly buildings: readonly BuildingData[];
}

interface Table<T> {
  readonly name: string;
  readonly entityType: 'organisation' | 'heat_source' | 'building';
  /** [column, field] pairs after id. */
  readonly columns: readonly (readonly [string, keyof T & string])[];
}

const ORGANISATIONS: Table<OrganisationData> = {
  name: 'organisations',
  entityType: 'organisation',
  columns: [['kind', 'kind'], ['name', 'name'], ['inn', 'inn'], ['phone', 'phone'], ['dispatcher_phone', 'dispatcherPhone'], ['email', 'email']],
};
const HEAT_SOURCES: Table<HeatSourceData> = {
  name: 'heat_sources',
  entityType: 'heat_source',
  columns: [['kind', 'kind'], ['name', 'name'], ['supplier_org_id', 'supplierOrgId'], ['district', 'district']],
};
const BUILDINGS: Table<BuildingData> = {
  name: 'buildings',
  entityType: 'building',
  columns: [
    ['district', 'district'],
    ['address', 'address'],
    ['street_type', 'streetType'],
    ['street_name', 'streetName'],
    ['house', 'house'],
    ['korpus', 'korpus'],
    ['stroenie', 'stroenie'],
    ['address_key', 'addressKey'],
    ['fias_guid', 'fiasGuid'],
    ['management_org_id', 'managementOrgId'],
    ['heat_supplier_org_id', 'heatSupplierOrgId'],
    ['heat_source_id', 'heatSourceId'],
    ['year_built', 'yearBuilt'],
    ['floors', 'floors'],
    ['flats', 'flats'],
    ['latitude', 'latitude'],
    ['longitude', 'longitude'],
  ],
};

export interface ReferenceCounts {
  readonly organisations: number;
  readonly heatSources: number;
  readonly buildings: number;
}

/**
 * Inserts or updates every record; only those that changed get a new version and a change-log row.
 * Returns how many changed, per kind.
 */
export async function upsertReference(db: Database, data: ReferenceData, now: number): Promise<ReferenceCounts> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCKS.changeLog]);
    const organisations = await upsertTable(tx, ORGANISATIONS, data.organisations, now);
    const heatSources = await upsertTable(tx, HEAT_SOURCES, data.heatSources, now);
    const buildings = await upsertTable(tx, BUILDINGS, data.buildings, now);
    if (organisations + heatSources + buildings > 0) {
      const { rows } = await tx.query<{ seq: number }>('SELECT max(server_seq) AS seq FROM change_log');
      await notifyPoke(tx, db, Number(rows[0]?.seq ?? 0), null);
    }
    return { organisations, heatSources, buildings };
  });
}

async function upsertTable<T extends { readonly id: string }>(tx: Queryable, table: Table<T>, records: readonly T[], now: number): Promise<number> {
  const columns = table.columns.map(([c]) => c);
  const placeholders = columns.map((_, i) => `$${i + 2}`).join(', ');
  const sql = `INSERT INTO ${table.name} AS t (id, ${columns.join(', ')}, version, updated_seq)
    VALUES ($1, ${placeholders}, 1, nextval('change_log_seq'))
    ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}, version = t.version + 1, updated_seq = excluded.updated_seq
    WHERE (${columns.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `excluded.${c}`).join(', ')})
    RETURNING version, updated_seq`;
  let changed = 0;
  for (const record of records) {
    const values = table.columns.map(([, field]) => record[field] ?? null);
    const { rows } = await tx.query<{ version: number; updated_seq: number }>(sql, [record.id, ...values]);
    const row = rows[0];
    if (!row) continue;
    changed++;
    await appendChanges(
      tx,
      [{ serverSeq: Number(row.updated_seq), entityType: table.entityType, entityId: record.id, version: row.version, district: null, districts: null, opId: null, data: dataOf(table, record) }],
      now,
    );
  }
  return changed;
}

function dataOf<T extends { readonly id: string }>(table: Table<T>, record: T): Record<string, unknown> {
  return { id: record.id, ...Object.fromEntries(table.columns.map(([, field]) => [field, record[field] ?? null])) };
}

/** Reference records of one kind after an id, in id order, for the snapshot: [data, serverSeq, version]. */
export async function referencePage(
  db: Queryable,
  kind: 'organisations' | 'heat_sources' | 'buildings',
  afterId: string | null,
  limit: number,
): Promise<{ id: string; version: number; serverSeq: number; data: Record<string, unknown> }[]> {
  const table = (kind === 'organisations' ? ORGANISATIONS : kind === 'heat_sources' ? HEAT_SOURCES : BUILDINGS) as unknown as Table<Record<string, unknown> & { id: string }>;
  const { rows } = await db.query<Record<string, unknown> & { id: string; version: number; updated_seq: number }>(
    `SELECT id, ${table.columns.map(([c]) => c).join(', ')}, version, updated_seq FROM ${table.name}
     WHERE $1::text IS NULL OR id > $1 ORDER BY id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    serverSeq: Number(row.updated_seq),
    data: { id: row.id, ...Object.fromEntries(table.columns.map(([column, field]) => [field, row[column] ?? null])) },
  }));
}
