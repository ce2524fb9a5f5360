// The sync tables as records (shared/sync/apply.ts): read an appeal or an incident with its stamps,
// write it back with its events, conflicts and change-log rows. Every function runs on the caller's
// transaction.
import type { District } from '../../shared/domain/districts.js';
import type { AppealRecord, ConflictRecord, IncidentRecord, SyncEvent } from '../../shared/sync/apply.js';
import type { DayClosureRecord } from '../../shared/sync/apply-day-closure.js';
import type { HeatingRecord } from '../../shared/sync/apply-heating.js';
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

/**
 * `INSERT INTO table (columns) SELECT … FROM` the rows sent as one JSON array (`$1`) and read by
 * `jsonb_to_recordset` (keys: the column names): one round trip and one statement text whatever
 * the count, no per-row parameter to escape. `constants`: more columns, each the same SQL
 * expression for every row (its parameters from `$2`, in `params`).
 */
export async function insertRows(
  tx: Queryable,
  table: string,
  columns: readonly (readonly [name: string, type: string])[],
  rows: readonly Record<string, unknown>[],
  options: { readonly constants?: Readonly<Record<string, string>>; readonly params?: readonly unknown[]; readonly onConflict?: string } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([c]) => c);
  const constants = Object.entries(options.constants ?? {});
  await tx.query(
    `INSERT INTO ${table} (${[...names, ...constants.map(([c]) => c)].join(', ')})
     SELECT ${[...names, ...constants.map(([, sql]) => sql)].join(', ')}
     FROM jsonb_to_recordset($1::jsonb) AS r(${columns.map(([c, t]) => `${c} ${t}`).join(', ')})
     ${options.onConflict ?? ''}`,
    [JSON.stringify(rows), ...(options.params ?? [])],
  );
}

/** The change-log rows in one INSERT. */
export async function appendChanges(tx: Queryable, rows: readonly ChangeRow[], at: number): Promise<void> {
  await insertRows(
    tx,
    'change_log',
    [['server_seq', 'bigint'], ['entity_type', 'text'], ['entity_id', 'text'], ['version', 'integer'], ['district', 'text'], ['districts', 'text[]'], ['op_id', 'text'], ['data', 'jsonb']],
    rows.map((r) => ({ server_seq: r.serverSeq, entity_type: r.entityType, entity_id: r.entityId, version: r.version, district: r.district, districts: r.districts, op_id: r.opId, data: r.data })),
    { constants: { at: '$2' }, params: [new Date(at)] },
  );
}

/**
 * The next change-log position, read without taking it: only under LOCKS.changeLog, held to the
 * commit, where nobody else moves the sequence. `setLastPosition` then marks the positions used.
 */
export async function nextPosition(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ last_value: number; is_called: boolean }>('SELECT last_value, is_called FROM change_log_seq');
  const row = rows[0];
  if (!row) throw new Error('change_log_seq has no state');
  return row.is_called ? Number(row.last_value) + 1 : Number(row.last_value);
}

/** The positions up to `last` are taken (under LOCKS.changeLog, see nextPosition). */
export async function setLastPosition(tx: Queryable, last: number): Promise<void> {
  await tx.query("SELECT setval('change_log_seq', $1)", [last]);
}

/** Advisory locks on many keys in one statement, in the keys' sorted order: two transactions locking overlapping sets never wait on each other in a cycle. */
export async function lockAll(tx: Queryable, namespace: number, keys: readonly string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  // OFFSET 0 keeps the sorted subquery below the locking projection.
  await tx.query('SELECT count(pg_advisory_xact_lock($1, hashtext(k))) FROM (SELECT k FROM unnest($2::text[]) AS u(k) ORDER BY k OFFSET 0) AS sorted', [namespace, sorted]);
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

export async function findAppeals(db: Queryable, ids: readonly string[]): Promise<Map<string, AppealRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<AppealRow>(`SELECT ${APPEAL_COLUMNS} FROM appeals WHERE id = ANY($1)`, [ids]);
  return new Map(rows.map((r) => [r.id, appealOfRow(r)]));
}

/** Each appeal as it stands after its last change (`serverSeq`: that change's position), in one upsert. */
export async function saveAppeals(tx: Queryable, saved: readonly { readonly appeal: AppealRecord; readonly serverSeq: number }[]): Promise<void> {
  await insertRows(
    tx,
    'appeals',
    [
      ['district', 'text'], ['id', 'text'], ['version', 'integer'], ['official_number', 'text'], ['number', 'text'], ['building_id', 'text'], ['status', 'text'],
      ['executor_org_id', 'text'], ['received_at', 'bigint'], ['registration', 'jsonb'], ['stamps', 'jsonb'], ['applied', 'jsonb'], ['lost', 'jsonb'], ['updated_seq', 'bigint'],
    ],
    saved.map(({ appeal: a, serverSeq }) => ({
      district: a.fields.district,
      id: a.id,
      version: a.version,
      official_number: a.officialNumber,
      number: a.registration.number,
      building_id: a.registration.buildingId,
      status: a.fields.status,
      executor_org_id: a.fields.executorOrgId,
      received_at: a.registration.receivedAt,
      registration: a.registration,
      stamps: a.stamps,
      applied: a.applied,
      lost: a.lost,
      updated_seq: serverSeq,
    })),
    {
      onConflict: `ON CONFLICT (district, id) DO UPDATE SET version = excluded.version, official_number = excluded.official_number, status = excluded.status,
       executor_org_id = excluded.executor_org_id, stamps = excluded.stamps, applied = excluded.applied, lost = excluded.lost, updated_seq = excluded.updated_seq`,
    },
  );
}

const EVENT_COLUMNS = [['id', 'text'], ['type', 'text'], ['at', 'bigint'], ['by_user', 'text'], ['hlc', 'text'], ['device_id', 'text'], ['data', 'jsonb'], ['server_seq', 'bigint']] as const;

function eventColumns({ event: e, serverSeq }: EventRow): Record<string, unknown> {
  return { id: e.id, type: e.type, at: e.at, by_user: e.by, hlc: e.hlc, device_id: e.deviceId, data: e.data, server_seq: serverSeq };
}

export interface EventRow {
  readonly event: SyncEvent;
  readonly serverSeq: number;
}

export async function insertAppealEvents(tx: Queryable, rows: readonly (EventRow & { readonly district: District })[]): Promise<void> {
  await insertRows(
    tx,
    'appeal_events',
    [['district', 'text'], ['appeal_id', 'text'], ...EVENT_COLUMNS],
    rows.map((r) => ({ district: r.district, appeal_id: r.event.entityId, ...eventColumns(r) })),
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

export async function findIncidents(db: Queryable, ids: readonly string[]): Promise<Map<string, IncidentRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ANY($1)`, [ids]);
  return new Map(rows.map((r) => [r.id, incidentOfRow(r)]));
}

export async function saveIncidents(tx: Queryable, saved: readonly { readonly incident: IncidentRecord; readonly serverSeq: number }[]): Promise<void> {
  await insertRows(
    tx,
    'incidents',
    [
      ['id', 'text'], ['district', 'text'], ['districts', 'text[]'], ['version', 'integer'], ['cause', 'text'], ['planned_restore_at', 'bigint'], ['restored_at', 'bigint'],
      ['creation', 'jsonb'], ['stamps', 'jsonb'], ['applied', 'jsonb'], ['lost', 'jsonb'], ['updated_seq', 'bigint'],
    ],
    saved.map(({ incident: i, serverSeq }) => ({
      id: i.id,
      district: i.districts[0] ?? null,
      districts: i.districts,
      version: i.version,
      cause: i.fields.cause,
      planned_restore_at: i.fields.plannedRestoreAt,
      restored_at: i.fields.restoredAt,
      creation: i.creation,
      stamps: i.stamps,
      applied: i.applied,
      lost: i.lost,
      updated_seq: serverSeq,
    })),
    {
      onConflict: `ON CONFLICT (id) DO UPDATE SET version = excluded.version, cause = excluded.cause, planned_restore_at = excluded.planned_restore_at,
       restored_at = excluded.restored_at, stamps = excluded.stamps, applied = excluded.applied, lost = excluded.lost, updated_seq = excluded.updated_seq`,
    },
  );
}

export async function insertIncidentEvents(tx: Queryable, rows: readonly (EventRow & { readonly districts: readonly District[] })[]): Promise<void> {
  await insertRows(
    tx,
    'incident_events',
    [['incident_id', 'text'], ['districts', 'text[]'], ...EVENT_COLUMNS],
    rows.map((r) => ({ incident_id: r.event.entityId, districts: r.districts, ...eventColumns(r) })),
  );
}

// ——— conflicts ———

export interface StoredConflict extends ConflictRecord {
  readonly id: string;
  readonly detectedAt: number;
  readonly reviewedBy: string | null;
  readonly reviewedAt: number | null;
}

/**
 * A device's newer losing write replaces its older one under the same id, and is to be reviewed
 * again. Rows with one id: the last stands (as if upserted one after another; one statement may
 * not update a row twice).
 */
export async function upsertConflicts(tx: Queryable, rows: readonly { readonly conflict: StoredConflict; readonly districts: readonly District[]; readonly serverSeq: number }[]): Promise<void> {
  const last = [...new Map(rows.map((r) => [r.conflict.id, r])).values()];
  await insertRows(
    tx,
    'conflicts',
    [
      ['id', 'text'], ['district', 'text'], ['districts', 'text[]'], ['entity_type', 'text'], ['entity_id', 'text'], ['field', 'text'],
      ['winner', 'jsonb'], ['loser', 'jsonb'], ['detected_at', 'bigint'], ['server_seq', 'bigint'],
    ],
    last.map(({ conflict: c, districts, serverSeq }) => ({
      id: c.id,
      district: districts[0] ?? null,
      districts,
      entity_type: c.entityType,
      entity_id: c.entityId,
      field: c.field,
      winner: c.winner,
      loser: c.loser,
      detected_at: c.detectedAt,
      server_seq: serverSeq,
    })),
    {
      onConflict: `ON CONFLICT (id) DO UPDATE SET winner = excluded.winner, loser = excluded.loser, detected_at = excluded.detected_at,
       reviewed_by = NULL, reviewed_at = NULL, server_seq = excluded.server_seq`,
    },
  );
}

// ——— reference lookups for the reducer ———

/** Buildings by id with their district and its place in the city's list (the order of an incident's districts). */
export async function findBuildings(db: Queryable, ids: readonly string[]): Promise<Map<string, { id: string; district: District; position: number }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; district: District; position: number }>(
    'SELECT b.id, b.district, d.position FROM buildings b JOIN districts d ON d.name = b.district WHERE b.id = ANY($1)',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, district: r.district, position: Number(r.position) }]));
}

/** Which of these organisations are in the register. */
export async function existingOrganisations(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>('SELECT id FROM organisations WHERE id = ANY($1)', [ids]);
  return new Set(rows.map((r) => r.id));
}

/** The city's counter of official numbers per year (tiny: a row a year). Moves only under LOCKS.changeLog. */
export async function officialCounters(db: Queryable): Promise<Map<number, number>> {
  const { rows } = await db.query<{ year: number; last_value: number }>('SELECT year, last_value FROM official_number_counters');
  return new Map(rows.map((r) => [Number(r.year), Number(r.last_value)]));
}

export async function saveOfficialCounters(tx: Queryable, counters: ReadonlyMap<number, number>): Promise<void> {
  if (counters.size === 0) return;
  await tx.query(
    `INSERT INTO official_number_counters (year, last_value) SELECT * FROM unnest($1::int[], $2::bigint[])
     ON CONFLICT (year) DO UPDATE SET last_value = excluded.last_value`,
    [[...counters.keys()], [...counters.values()]],
  );
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
    // The change log's lock first, as every writer of the sync tables: a push group holding it may
    // upsert these very conflicts, so taking the rows first could wait on each other in a cycle.
    await tx.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCKS.changeLog]);
    const { rows } = await tx.query<{ id: string; districts: District[]; reviewed_at: number | null }>(
      'SELECT id, districts, reviewed_at FROM conflicts WHERE id = ANY($1) AND ($2::text IS NULL OR $2 = ANY(districts)) ORDER BY id FOR UPDATE',
      [ids, reviewer.district],
    );
    const found = new Set(rows.map((r) => r.id));
    const fresh = rows.filter((r) => r.reviewed_at === null);
    const changed: { serverSeq: number; districts: District[] }[] = [];
    if (fresh.length > 0) {
      const positions = await takePositions(tx, fresh.length, true);
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

// ——— «Закрыть день» (migration 003) ———

export async function findDayClosures(db: Queryable, ids: readonly string[]): Promise<Map<string, DayClosureRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; record: DayClosureRecord }>('SELECT id, record FROM day_closures WHERE id = ANY($1)', [ids]);
  return new Map(rows.map((r) => [r.id, r.record]));
}

export async function saveDayClosures(tx: Queryable, saved: readonly { readonly closure: DayClosureRecord; readonly serverSeq: number }[]): Promise<void> {
  await insertRows(
    tx,
    'day_closures',
    [['district', 'text'], ['id', 'text'], ['day', 'text'], ['version', 'integer'], ['record', 'jsonb'], ['updated_seq', 'bigint']],
    saved.map(({ closure, serverSeq }) => ({ district: closure.district, id: closure.id, day: closure.day, version: closure.version, record: closure, updated_seq: serverSeq })),
    { onConflict: 'ON CONFLICT (district, id) DO UPDATE SET version = excluded.version, record = excluded.record, updated_seq = excluded.updated_seq' },
  );
}

// ——— «Отопительный сезон» (migration 003) ———

export async function findHeatingRecords(db: Queryable, ids: readonly string[]): Promise<Map<string, HeatingRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ building_id: string; record: HeatingRecord }>('SELECT building_id, record FROM building_heating WHERE building_id = ANY($1)', [ids]);
  return new Map(rows.map((r) => [r.building_id, r.record]));
}

export async function saveHeatingRecords(tx: Queryable, saved: readonly { readonly heating: HeatingRecord; readonly serverSeq: number }[]): Promise<void> {
  await insertRows(
    tx,
    'building_heating',
    [['district', 'text'], ['building_id', 'text'], ['version', 'integer'], ['record', 'jsonb'], ['updated_seq', 'bigint']],
    saved.map(({ heating, serverSeq }) => ({ district: heating.district, building_id: heating.id, version: heating.version, record: heating, updated_seq: serverSeq })),
    { onConflict: 'ON CONFLICT (district, building_id) DO UPDATE SET version = excluded.version, record = excluded.record, updated_seq = excluded.updated_seq' },
  );
}
