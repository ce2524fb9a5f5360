// The sync tables as records (shared/sync/apply.ts): read an appeal or an incident with its stamps,
// write it back with its events, conflicts and change-log rows. Every function runs on the caller's
// transaction.
import type { District } from '../../shared/domain/districts.js';
import type { AppealRecord, ConflictRecord, IncidentRecord, SyncEvent } from '../../shared/sync/apply.js';
import type { Database, Queryable } from '../db/database.js';

/** Advisory lock namespaces (first key); the second key is a hash of what is locked. */
export const LOCKS = {
  device: 0x4151,
  entity: 0x4152,
  /** Held from taking change-log positions until commit: positions commit in their order, so pull never skips one. */
  changeLog: 0x4153,
} as const;

export async function lock(tx: Queryable, namespace: number, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [namespace, key]);
}

/** Takes the change log's lock (until commit; `locked`: the transaction holds it already) and the next `count` positions, in order. */
export async function takePositions(tx: Queryable, count: number, locked = false): Promise<number[]> {
  if (count === 0) return [];
  if (!locked) await tx.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCKS.changeLog]);
  const { rows } = await tx.query<{ seq: number }>("SELECT nextval('change_log_seq') AS seq FROM generate_series(1, $1) ORDER BY 1", [count]);
  return rows.map((r) => Number(r.seq));
}

export async function latestPosition(db: Queryable): Promise<{ latest: number; oldest: number }> {
  const { rows } = await db.query<{ latest: number | null; compacted: number }>(
    'SELECT (SELECT max(server_seq) FROM change_log) AS latest, compacted_through AS compacted FROM sync_state',
  );
  const row = rows[0];
  const compacted = Number(row?.compacted ?? 0);
  // A log compacted to nothing still stands at its mark.
  return { latest: Math.max(Number(row?.latest ?? 0), compacted), oldest: compacted + 1 };
}

export interface ChangeRow {
  readonly serverSeq: number;
  readonly entityType: string;
  readonly entityId: string;
  readonly version: number;
  readonly district: District | null;
  /** null: reference data, for everybody. */
  readonly districts: readonly District[] | null;
  readonly opId: string | null;
  readonly data: unknown;
}

/** One multi-row INSERT for all the rows (an op's record, events and conflicts): one round trip. */
export async function appendChanges(tx: Queryable, rows: readonly ChangeRow[], at: number): Promise<void> {
  if (rows.length === 0) return;
  const values: string[] = [];
  const params: unknown[] = [new Date(at)];
  for (const row of rows) {
    const n = params.length;
    values.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}, $1)`);
    params.push(row.serverSeq, row.entityType, row.entityId, row.version, row.district, row.districts, row.opId, JSON.stringify(row.data));
  }
  await tx.query(`INSERT INTO change_log (server_seq, entity_type, entity_id, version, district, districts, op_id, data, at) VALUES ${values.join(', ')}`, params);
}

// ——— appeals ———

interface AppealRow {
  district: District;
  id: string;
  version: number;
  official_number: string | null;
  status: AppealRecord['fields']['status'];
  executor_org_id: string | null;
  registration: AppealRecord['registration'];
  stamps: AppealRecord['stamps'];
  applied: AppealRecord['applied'];
  lost: AppealRecord['lost'];
  updated_seq: number;
}

const APPEAL_COLUMNS = 'district, id, version, official_number, status, executor_org_id, registration, stamps, applied, lost, updated_seq';

export function appealOfRow(row: AppealRow): AppealRecord {
  return {
    id: row.id,
    version: row.version,
    officialNumber: row.official_number,
    registration: row.registration,
    fields: { status: row.status, executorOrgId: row.executor_org_id, district: row.district },
    stamps: row.stamps,
    applied: row.applied,
    lost: row.lost,
  };
}

export async function findAppeal(db: Queryable, id: string): Promise<AppealRecord | null> {
  const { rows } = await db.query<AppealRow>(`SELECT ${APPEAL_COLUMNS} FROM appeals WHERE id = $1`, [id]);
  return rows[0] ? appealOfRow(rows[0]) : null;
}

export async function findAppeals(db: Queryable, ids: readonly string[]): Promise<Map<string, AppealRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<AppealRow>(`SELECT ${APPEAL_COLUMNS} FROM appeals WHERE id = ANY($1)`, [ids]);
  return new Map(rows.map((r) => [r.id, appealOfRow(r)]));
}

export async function saveAppeal(tx: Queryable, appeal: AppealRecord, serverSeq: number): Promise<void> {
  const r = appeal.registration;
  await tx.query(
    `INSERT INTO appeals (district, id, version, official_number, number, building_id, status, executor_org_id, received_at, registration, stamps, applied, lost, updated_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (district, id) DO UPDATE SET version = excluded.version, official_number = excluded.official_number, status = excluded.status,
       executor_org_id = excluded.executor_org_id, stamps = excluded.stamps, applied = excluded.applied, lost = excluded.lost, updated_seq = excluded.updated_seq`,
    [
      appeal.fields.district,
      appeal.id,
      appeal.version,
      appeal.officialNumber,
      r.number,
      r.buildingId,
      appeal.fields.status,
      appeal.fields.executorOrgId,
      r.receivedAt,
      JSON.stringify(r),
      JSON.stringify(appeal.stamps),
      JSON.stringify(appeal.applied),
      JSON.stringify(appeal.lost),
      serverSeq,
    ],
  );
}

export async function insertAppealEvent(tx: Queryable, district: District, event: SyncEvent, serverSeq: number): Promise<void> {
  await tx.query(
    `INSERT INTO appeal_events (district, id, appeal_id, type, at, by_user, hlc, device_id, data, server_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [district, event.id, event.entityId, event.type, event.at, event.by, event.hlc, event.deviceId, JSON.stringify(event.data), serverSeq],
  );
}

// ——— incidents ———

interface IncidentRow {
  id: string;
  districts: District[];
  version: number;
  cause: string;
  planned_restore_at: number | null;
  restored_at: number | null;
  creation: IncidentRecord['creation'];
  stamps: IncidentRecord['stamps'];
  applied: IncidentRecord['applied'];
  lost: IncidentRecord['lost'];
}

function incidentOfRow(row: IncidentRow): IncidentRecord {
  return {
    id: row.id,
    version: row.version,
    districts: row.districts,
    creation: row.creation,
    fields: {
      cause: row.cause,
      plannedRestoreAt: row.planned_restore_at === null ? null : Number(row.planned_restore_at),
      restoredAt: row.restored_at === null ? null : Number(row.restored_at),
    },
    stamps: row.stamps,
    applied: row.applied,
    lost: row.lost,
  };
}

const INCIDENT_COLUMNS = 'id, districts, version, cause, planned_restore_at, restored_at, creation, stamps, applied, lost';

export async function findIncident(db: Queryable, id: string): Promise<IncidentRecord | null> {
  const { rows } = await db.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = $1`, [id]);
  return rows[0] ? incidentOfRow(rows[0]) : null;
}

export async function saveIncident(tx: Queryable, incident: IncidentRecord, serverSeq: number): Promise<void> {
  await tx.query(
    `INSERT INTO incidents (id, district, districts, version, cause, planned_restore_at, restored_at, creation, stamps, applied, lost, updated_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, cause = excluded.cause, planned_restore_at = excluded.planned_restore_at,
       restored_at = excluded.restored_at, stamps = excluded.stamps, applied = excluded.applied, lost = excluded.lost, updated_seq = excluded.updated_seq`,
    [
      incident.id,
      incident.districts[0],
      incident.districts,
      incident.version,
      incident.fields.cause,
      incident.fields.plannedRestoreAt,
      incident.fields.restoredAt,
      JSON.stringify(incident.creation),
      JSON.stringify(incident.stamps),
      JSON.stringify(incident.applied),
      JSON.stringify(incident.lost),
      serverSeq,
    ],
  );
}

export async function insertIncidentEvent(tx: Queryable, districts: readonly District[], event: SyncEvent, serverSeq: number): Promise<void> {
  await tx.query(
    `INSERT INTO incident_events (id, incident_id, districts, type, at, by_user, hlc, device_id, data, server_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [event.id, event.entityId, districts, event.type, event.at, event.by, event.hlc, event.deviceId, JSON.stringify(event.data), serverSeq],
  );
}

// ——— conflicts ———

export interface StoredConflict extends ConflictRecord {
  readonly id: string;
  readonly detectedAt: number;
  readonly reviewedBy: string | null;
  readonly reviewedAt: number | null;
}

/** A device's newer losing write replaces its older one under the same id, and is to be reviewed again. */
export async function upsertConflict(tx: Queryable, conflict: StoredConflict, districts: readonly District[], serverSeq: number): Promise<void> {
  await tx.query(
    `INSERT INTO conflicts (id, district, districts, entity_type, entity_id, field, winner, loser, detected_at, reviewed_by, reviewed_at, server_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL, $10)
     ON CONFLICT (id) DO UPDATE SET winner = excluded.winner, loser = excluded.loser, detected_at = excluded.detected_at,
       reviewed_by = NULL, reviewed_at = NULL, server_seq = excluded.server_seq`,
    [
      conflict.id,
      districts[0] ?? null,
      districts,
      conflict.entityType,
      conflict.entityId,
      conflict.field,
      JSON.stringify(conflict.winner),
      JSON.stringify(conflict.loser),
      conflict.detectedAt,
      serverSeq,
    ],
  );
}

// ——— reference lookups for the reducer ———

export async function findBuilding(db: Queryable, id: string): Promise<{ id: string; district: District } | null> {
  const { rows } = await db.query<{ id: string; district: District }>('SELECT id, district FROM buildings WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function organisationExists(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM organisations WHERE id = $1', [id]);
  return rows.length > 0;
}

export async function appealExists(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM appeals WHERE id = $1', [id]);
  return rows.length > 0;
}

export async function districtsOfBuildings(db: Queryable, ids: readonly string[]): Promise<District[]> {
  const { rows } = await db.query<{ district: District }>(
    'SELECT DISTINCT b.district, d.position FROM buildings b JOIN districts d ON d.name = b.district WHERE b.id = ANY($1) ORDER BY d.position',
    [ids],
  );
  return rows.map((r) => r.district);
}

/** The next official number's place in the city's counter for that year. */
export async function nextOfficialSequence(tx: Queryable, year: number): Promise<number> {
  const { rows } = await tx.query<{ last_value: number }>(
    `INSERT INTO official_number_counters (year, last_value) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_value = official_number_counters.last_value + 1 RETURNING last_value`,
    [year],
  );
  return Number(rows[0]?.last_value);
}

/**
 * Forgets the change log older than `keepMs`: its rows go and `compacted_through` moves to the
 * newest removed position. A client whose cursor is before it takes a new snapshot (must-refetch);
 * the snapshot reads the records themselves, not the log. Returns the rows removed and the new mark.
 */
export async function compactChangeLog(db: Database, keepMs: number, now: number): Promise<{ removed: number; compactedThrough: number }> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCKS.changeLog]);
    const { rows } = await tx.query<{ last: number | null }>('SELECT max(server_seq) AS last FROM change_log WHERE at < $1', [new Date(now - keepMs)]);
    const { rows: state } = await tx.query<{ compacted: number }>('SELECT compacted_through AS compacted FROM sync_state');
    const before = Number(state[0]?.compacted ?? 0);
    const last = rows[0]?.last;
    if (last === null || last === undefined) return { removed: 0, compactedThrough: before };
    const through = Math.max(before, Number(last));
    const removed = await tx.query('DELETE FROM change_log WHERE server_seq <= $1', [through]);
    await tx.query('UPDATE sync_state SET compacted_through = $1', [through]);
    return { removed: removed.rowCount, compactedThrough: through };
  });
}

/**
 * Marks conflicts reviewed (those in the reviewer's districts; all for a city-wide reviewer): each
 * newly reviewed one gets a change-log row, so the review reaches every workstation of its scope.
 * A conflict already reviewed keeps its first review.
 */
export async function reviewConflicts(
  db: Database,
  ids: readonly string[],
  reviewer: { readonly login: string; readonly district: District | null },
  now: number,
): Promise<{ reviewed: string[]; unknown: string[]; changed: { serverSeq: number; districts: District[] }[] }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; districts: District[]; reviewed_at: number | null }>(
      'SELECT id, districts, reviewed_at FROM conflicts WHERE id = ANY($1) AND ($2::text IS NULL OR $2 = ANY(districts)) ORDER BY id FOR UPDATE',
      [ids, reviewer.district],
    );
    const found = new Set(rows.map((r) => r.id));
    const fresh = rows.filter((r) => r.reviewed_at === null);
    const changed: { serverSeq: number; districts: District[] }[] = [];
    if (fresh.length > 0) {
      const positions = await takePositions(tx, fresh.length);
      for (const [i, row] of fresh.entries()) {
        const serverSeq = positions[i] as number;
        const { rows: updated } = await tx.query<{ entity_type: 'appeal' | 'incident'; entity_id: string; field: string; winner: unknown; loser: unknown; detected_at: number; district: District | null }>(
          `UPDATE conflicts SET reviewed_by = $2, reviewed_at = $3, server_seq = $4 WHERE id = $1
           RETURNING entity_type, entity_id, field, winner, loser, detected_at, district`,
          [row.id, reviewer.login, now, serverSeq],
        );
        const c = updated[0];
        if (!c) continue;
        const data = { id: row.id, entityType: c.entity_type, entityId: c.entity_id, field: c.field, winner: c.winner, loser: c.loser, detectedAt: Number(c.detected_at), reviewedBy: reviewer.login, reviewedAt: now };
        await appendChanges(tx, [{ serverSeq, entityType: 'conflict', entityId: row.id, version: 1, district: c.district, districts: row.districts, opId: null, data }], now);
        changed.push({ serverSeq, districts: row.districts });
      }
    }
    return { reviewed: ids.filter((id) => found.has(id)), unknown: ids.filter((id) => !found.has(id)), changed };
  });
}
