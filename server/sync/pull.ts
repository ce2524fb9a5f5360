// POST /sync/pull and POST /sync/snapshot (docs/sync-protocol.md §3, §4). The scope is the token's
// user's (scope.ts), never the request's; residents' names and phones are projected out per role at
// read time (personal-data.ts). Pull serves the change log after a cursor: one op's changes are
// never split across pages, and a page never reaches past the newest committed position (the change
// log's positions commit in their order, store.ts takePositions, so nothing is skipped).
import type { Actor } from '../../shared/domain/roles.js';
import { isCityWide } from '../../shared/domain/roles.js';
import type { AppealRecord, ConflictRecord, IncidentRecord, SyncEvent } from '../../shared/sync/apply.js';
import type { DayClosureRecord } from '../../shared/sync/apply-day-closure.js';
import type { HeatingRecord } from '../../shared/sync/apply-heating.js';
import { appealForViewer, conflictForViewer, eventForViewer } from '../../shared/sync/personal-data.js';
import {
  SNAPSHOT_RECENT_DAYS,
  SNAPSHOT_SECTIONS,
  type Change,
  type PullRequest,
  type PullResponse,
  type SnapshotPage,
} from '../../shared/sync/protocol.js';
import { checkCursor, decodePageToken, encodeCursor, encodePageToken, type SnapshotPosition } from '../../shared/sync/scope.js';
import type { Database, Queryable } from '../db/database.js';
import type { Session } from '../identity/identity-service.js';
import { requireDevice } from './push.js';
import { referencePage } from './reference.js';
import { appealOfRow, findAppeals, latestPosition } from './store.js';
import { SyncFailure } from './sync-failure.js';

export function viewerOf(session: Session): Actor {
  return { userId: session.user.id, role: session.user.role, district: session.user.district };
}

interface LogRow {
  server_seq: number;
  entity_type: Change['entityType'];
  entity_id: string;
  version: number;
  op_id: string | null;
  data: unknown;
}

const IN_SCOPE = '(districts IS NULL OR $2::text IS NULL OR $2 = ANY(districts))';

export async function pull(db: Queryable, session: Session, request: PullRequest): Promise<PullResponse> {
  requireDevice(session);
  const viewer = viewerOf(session);
  const { latest, oldest } = await latestPosition(db);
  const check = checkCursor(request.cursor, viewer, oldest, latest);
  if (!check.ok) return { changes: [], nextCursor: request.cursor, hasMore: false, mustRefetch: { reason: check.reason, message: check.message } };
  const district = isCityWide(viewer.role) ? null : viewer.district;
  const columns = 'server_seq, entity_type, entity_id, version, op_id, data';
  const { rows } = await db.query<LogRow>(
    `SELECT ${columns} FROM change_log WHERE server_seq > $1 AND server_seq <= $3 AND ${IN_SCOPE} ORDER BY server_seq LIMIT $4`,
    [check.serverSeq, district, latest, request.limit + 1],
  );
  const hasMore = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  if (hasMore && last?.op_id) {
    // The rest of the last op's changes come on this page too: a page leaves a consistent state.
    const { rows: rest } = await db.query<LogRow>(
      `SELECT ${columns} FROM change_log WHERE server_seq > $1 AND ${IN_SCOPE} AND op_id = $3 ORDER BY server_seq`,
      [last.server_seq, district, last.op_id],
    );
    page.push(...rest);
  }
  const end = hasMore ? Number(page.at(-1)?.server_seq ?? check.serverSeq) : latest;
  const changes = await project(db, viewer, page);
  return { changes, nextCursor: encodeCursor(end, viewer), hasMore, mustRefetch: null };
}

/** The records as this viewer receives them; an entity changed twice on one page comes once, as last changed. */
async function project(db: Queryable, viewer: Actor, rows: readonly LogRow[]): Promise<Change[]> {
  const lastOf = new Map<string, number>();
  rows.forEach((row, i) => lastOf.set(`${row.entity_type}:${row.entity_id}`, i));
  const kept = rows.filter((row, i) => lastOf.get(`${row.entity_type}:${row.entity_id}`) === i);
  const eventAppeals = await findAppeals(
    db,
    kept.filter((r) => r.entity_type === 'appeal_event').map((r) => (r.data as SyncEvent).entityId),
  );
  return kept.map((row) => ({
    serverSeq: Number(row.server_seq),
    entityType: row.entity_type,
    id: row.entity_id,
    version: row.version,
    data: projectData(viewer, row.entity_type, row.data, eventAppeals),
  })) as Change[];
}

function projectData(viewer: Actor, entityType: Change['entityType'], data: unknown, appeals: Map<string, AppealRecord>): unknown {
  switch (entityType) {
    case 'appeal':
      return appealForViewer(data as AppealRecord, viewer);
    case 'appeal_event': {
      const event = data as SyncEvent;
      return eventForViewer(event, viewer, appeals.get(event.entityId) ?? null);
    }
    case 'conflict':
      return conflictForViewer(data as ConflictRecord, viewer);
    default:
      return data;
  }
}

// ——— snapshot ———
// Sections in SNAPSHOT_SECTIONS order: the register, the scope's incidents, its open and recent
// appeals with their events, open conflicts, and the incidents' events.

const CLOSED = "('closed', 'rejected', 'duplicate')";
const DAY_MS = 24 * 60 * 60_000;

/**
 * Each section is read in id order after the last id sent (keyset), a page at a time: only an index
 * scan in that order stops after `limit` rows. Without statistics (PGlite is never analysed, a fresh
 * PostgreSQL may not be yet) the planner guesses a few rows and sorts the whole rest of the section
 * instead, on every page: quadratic in the district's size (100,000 appeals took minutes). So the
 * page's queries run in a transaction of their own that turns those plans off.
 */
const KEYSET_PLANS = `SELECT set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true),
  set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`;

export async function snapshot(db: Database, session: Session, request: { pageToken: string | null; limit: number }, now: number): Promise<SnapshotPage> {
  requireDevice(session);
  const viewer = viewerOf(session);
  const { latest, oldest } = await latestPosition(db);
  let position: SnapshotPosition | null =
    request.pageToken === null ? { serverSeq: latest, section: SNAPSHOT_SECTIONS[0], afterId: null } : decodePageToken(request.pageToken, viewer);
  if (position === null) {
    throw new SyncFailure({
      code: 'snapshot_expired',
      message: 'Загрузка данных была начата для другого района или роли',
      userAction: 'Загрузка данных начнётся заново.',
    });
  }
  if (position.serverSeq < oldest - 1 || position.serverSeq > latest) {
    throw new SyncFailure({
      code: 'snapshot_expired',
      message: 'Журнал изменений сервера больше не доходит до начала этой загрузки',
      userAction: 'Загрузка данных начнётся заново.',
    });
  }
  const cursor = encodeCursor(position.serverSeq, viewer);
  const district = isCityWide(viewer.role) ? null : viewer.district;
  const since = now - SNAPSHOT_RECENT_DAYS * DAY_MS;
  for (;;) {
    const index = SNAPSHOT_SECTIONS.indexOf(position.section);
    const { section, afterId }: SnapshotPosition = position;
    const items = await db.transaction(async (tx): Promise<Change[]> => {
      await tx.query(KEYSET_PLANS);
      return sectionPage(tx, viewer, district, since, section, afterId, request.limit);
    });
    const full = items.length >= request.limit;
    const nextSection = SNAPSHOT_SECTIONS[index + 1];
    const next: SnapshotPosition | null = full
      ? { ...position, afterId: items.at(-1)?.id ?? null }
      : nextSection
        ? { serverSeq: position.serverSeq, section: nextSection, afterId: null }
        : null;
    if (items.length > 0 || next === null) {
      return {
        cursor,
        section: position.section,
        items,
        nextPageToken: next ? encodePageToken(next, viewer) : null,
        progress: { sectionsDone: index + (full ? 0 : 1), sections: SNAPSHOT_SECTIONS.length },
      };
    }
    // An empty section: go on to the next one rather than send an empty page.
    position = next;
  }
}

async function sectionPage(
  db: Queryable,
  viewer: Actor,
  district: string | null,
  since: number,
  section: (typeof SNAPSHOT_SECTIONS)[number],
  afterId: string | null,
  limit: number,
): Promise<Change[]> {
  const after = 'CASE WHEN $1::text IS NULL THEN true ELSE x.id > $1 END';
  switch (section) {
    case 'organisations':
    case 'heat_sources':
    case 'buildings': {
      const entityType = section === 'organisations' ? 'organisation' : section === 'heat_sources' ? 'heat_source' : 'building';
      const rows = await referencePage(db, section, afterId, limit);
      return rows.map((r) => ({ serverSeq: r.serverSeq, entityType, id: r.id, version: r.version, data: r.data })) as Change[];
    }
    case 'incidents': {
      const { rows } = await db.query<{ id: string; districts: IncidentRecord['districts']; version: number; cause: string; planned_restore_at: number | null; restored_at: number | null; creation: IncidentRecord['creation']; stamps: IncidentRecord['stamps']; applied: IncidentRecord['applied']; lost: IncidentRecord['lost']; updated_seq: number }>(
        `SELECT x.* FROM incidents x WHERE ${after} AND ($2::text IS NULL OR $2 = ANY(x.districts)) ORDER BY x.id LIMIT $3`,
        [afterId, district, limit],
      );
      return rows.map((r) => {
        const data: IncidentRecord = {
          id: r.id,
          version: r.version,
          districts: r.districts,
          creation: r.creation,
          fields: { cause: r.cause, plannedRestoreAt: r.planned_restore_at === null ? null : Number(r.planned_restore_at), restoredAt: r.restored_at === null ? null : Number(r.restored_at) },
          stamps: r.stamps,
          applied: r.applied,
          lost: r.lost,
        };
        return { serverSeq: Number(r.updated_seq), entityType: 'incident', id: r.id, version: r.version, data } as Change;
      });
    }
    case 'appeals': {
      const { rows } = await db.query<Parameters<typeof appealOfRow>[0]>(
        `SELECT x.* FROM appeals x WHERE ${after} AND ($2::text IS NULL OR x.district = $2)
           AND (x.status NOT IN ${CLOSED} OR x.received_at >= $3) ORDER BY x.id LIMIT $4`,
        [afterId, district, since, limit],
      );
      return rows.map((r) => {
        const appeal = appealOfRow(r);
        return { serverSeq: Number(r.updated_seq), entityType: 'appeal', id: appeal.id, version: appeal.version, data: appealForViewer(appeal, viewer) } as Change;
      });
    }
    case 'appeal_events': {
      // The appeal's author comes with each event: personal data is hidden per appeal (personal-data.ts).
      const { rows } = await db.query<{ id: string; appeal_id: string; type: string; at: number; by_user: string; hlc: string; device_id: string; data: Record<string, unknown>; server_seq: number; registered_by: string | null }>(
        `SELECT x.*, a.registration->>'registeredBy' AS registered_by FROM appeal_events x JOIN appeals a ON a.district = x.district AND a.id = x.appeal_id
          WHERE ${after} AND ($2::text IS NULL OR x.district = $2) AND (a.status NOT IN ${CLOSED} OR a.received_at >= $3)
          ORDER BY x.id LIMIT $4`,
        [afterId, district, since, limit],
      );
      return rows.map((r) => {
        const event: SyncEvent = {
          id: r.id,
          entityType: 'appeal',
          entityId: r.appeal_id,
          type: r.type,
          at: Number(r.at),
          by: r.by_user,
          hlc: r.hlc,
          deviceId: r.device_id,
          data: r.data,
        };
        // eventForViewer reads the appeal's registration only for its author (mayKnow).
        const appeal = { registration: { registeredBy: r.registered_by } } as AppealRecord;
        return { serverSeq: Number(r.server_seq), entityType: 'appeal_event', id: r.id, version: 1, data: eventForViewer(event, viewer, appeal) } as Change;
      });
    }
    case 'incident_events': {
      const { rows } = await db.query<{ id: string; incident_id: string; type: string; at: number; by_user: string; hlc: string; device_id: string; data: Record<string, unknown>; server_seq: number }>(
        `SELECT x.* FROM incident_events x WHERE ${after} AND ($2::text IS NULL OR $2 = ANY(x.districts)) ORDER BY x.id LIMIT $3`,
        [afterId, district, limit],
      );
      return rows.map((r) => {
        const event: SyncEvent = { id: r.id, entityType: 'incident', entityId: r.incident_id, type: r.type, at: Number(r.at), by: r.by_user, hlc: r.hlc, deviceId: r.device_id, data: r.data };
        return { serverSeq: Number(r.server_seq), entityType: 'incident_event', id: r.id, version: 1, data: event } as Change;
      });
    }
    case 'conflicts': {
      const { rows } = await db.query<{ id: string; entity_type: 'appeal' | 'incident'; entity_id: string; field: string; winner: ConflictRecord['winner']; loser: ConflictRecord['loser']; detected_at: number; reviewed_by: string | null; reviewed_at: number | null; server_seq: number }>(
        `SELECT x.* FROM conflicts x WHERE ${after} AND x.reviewed_at IS NULL AND ($2::text IS NULL OR $2 = ANY(x.districts)) ORDER BY x.id LIMIT $3`,
        [afterId, district, limit],
      );
      return rows.map((r) => {
        const conflict = {
          id: r.id,
          entityType: r.entity_type,
          entityId: r.entity_id,
          field: r.field,
          winner: r.winner,
          loser: r.loser,
          detectedAt: Number(r.detected_at),
          reviewedBy: r.reviewed_by,
          reviewedAt: r.reviewed_at === null ? null : Number(r.reviewed_at),
        };
        return { serverSeq: Number(r.server_seq), entityType: 'conflict', id: r.id, version: 1, data: conflictForViewer(conflict, viewer) } as Change;
      });
    }
    case 'day_closures': {
      // Every signed day of the scope: a few hundred a year per district.
      const { rows } = await db.query<{ id: string; version: number; record: DayClosureRecord; updated_seq: number }>(
        `SELECT x.id, x.version, x.record, x.updated_seq FROM day_closures x WHERE ${after} AND ($2::text IS NULL OR x.district = $2) ORDER BY x.id LIMIT $3`,
        [afterId, district, limit],
      );
      return rows.map((r) => ({ serverSeq: Number(r.updated_seq), entityType: 'day_closure', id: r.id, version: r.version, data: r.record }) as unknown as Change);
    }
    case 'building_heating': {
      const { rows } = await db.query<{ building_id: string; version: number; record: HeatingRecord; updated_seq: number }>(
        `SELECT x.building_id, x.version, x.record, x.updated_seq FROM building_heating x WHERE CASE WHEN $1::text IS NULL THEN true ELSE x.building_id > $1 END AND ($2::text IS NULL OR x.district = $2) ORDER BY x.building_id LIMIT $3`,
        [afterId, district, limit],
      );
      return rows.map((r) => ({ serverSeq: Number(r.updated_seq), entityType: 'building_heating', id: r.building_id, version: r.version, data: r.record }) as unknown as Change);
    }
  }
}
