// One group of a push's fresh ops (docs/sync-protocol.md §2, «The server's push engine»), as a set
// operation in one transaction: a fixed number of statements whatever the group's size.
//  1. the change log's lock (held to the commit: every writer of the sync tables takes it first, so
//     groups are serialised and positions commit in their order), the device's lock, the device's
//     last answered sequence and the answers already given to the group's sequences and op ids;
//  2. the entities' locks in one statement, in sorted order;
//  3. one read per kind of everything the group touches: the appeals and incidents (the ops'
//     entities, the originals of duplicates, the incidents of restores), the buildings of
//     registrations and incidents, the executors named by transfers, the authors, the counters of
//     official numbers, the change log's next position;
//  4. the reducer op by op against those records in memory (an op sees what earlier ops of the
//     group did), positions and official numbers counted on from what was read;
//  5. one multi-row write per table (records as they stand after the group, events, conflicts,
//     change log, answers, rejections, counters, the sequence) and one poke.
// The answers, their order, the positions and the official numbers are those the ops would get one
// by one: the reducer is the same, positions and counters have no other writer while the change
// log's lock is held.
import type { District } from '../../shared/domain/districts.js';
import { isCityWide, type Actor, type Role } from '../../shared/domain/roles.js';
import { samaraYear } from '../../shared/domain/samara-time.js';
import { answerOf, answerOfUpgrade, conflictId, duplicateOf } from '../../shared/sync/answers.js';
import { applyAppealOp, applyIncidentOp, type ApplyContext, type ApplyResult, type AppealRecord, type IncidentRecord, type SyncEvent } from '../../shared/sync/apply.js';
import { applyDayClosureOp, type DayClosureRecord } from '../../shared/sync/apply-day-closure.js';
import { applyHeatingOp, type HeatingRecord } from '../../shared/sync/apply-heating.js';
import { registerAppealPayload, type OpEnvelope } from '../../shared/sync/op-payloads.js';
import { officialNumber } from '../../shared/sync/official-number.js';
import type { OpAnswer } from '../../shared/sync/protocol.js';
import type { upgradeOp } from '../../shared/sync/schema-versions.js';
import type { Database, Queryable } from '../db/database.js';
import type { Session } from '../identity/identity-service.js';
import { findUserById, normaliseLogin } from '../identity/users.js';
import { notifyPoke } from './poke.js';
import {
  appendChanges,
  existingOrganisations,
  findAppeals,
  findDayClosures,
  findHeatingRecords,
  findBuildings,
  findIncidents,
  insertAppealEvents,
  insertIncidentEvents,
  insertRows,
  lock,
  lockAll,
  LOCKS,
  nextPosition,
  officialCounters,
  saveAppeals,
  saveDayClosures,
  saveHeatingRecords,
  saveIncidents,
  saveOfficialCounters,
  setLastPosition,
  upsertConflicts,
  type ChangeRow,
  type StoredConflict,
} from './store.js';
import { SyncFailure, USER_ACTIONS } from './sync-failure.js';

export type FirstAnswer = Exclude<OpAnswer, { result: 'duplicate' }>;
export type Upgrade = ReturnType<typeof upgradeOp>;

/** A group of the device's fresh ops, in order, in one transaction; their answers by device sequence. `upgrades`: each op's upgrade, by device sequence. */
export async function processGroup(db: Database, now: number, session: Session, ops: readonly OpEnvelope[], upgrades: ReadonlyMap<number, Upgrade>): Promise<[number, OpAnswer][]> {
  const first = ops[0];
  if (!first) return [];
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCKS.changeLog]);
    await lock(tx, LOCKS.device, first.deviceId);
    // The device's lock is held to the commit: its last answered sequence moves only here.
    const known = await answeredBefore(tx, first.deviceId, ops);
    const applicable = ops.flatMap((op) => {
      const upgrade = upgrades.get(op.deviceSeq);
      return upgrade?.ok ? [upgrade.op] : [];
    });
    await lockAll(tx, LOCKS.entity, applicable.map((op) => `${op.entityType}:${op.entityId}`));
    const group = new Group(now, session, await readGroup(tx, session, applicable));
    const answers: [number, OpAnswer][] = [];
    let last = known.last;
    for (const op of ops) {
      const upgrade = upgrades.get(op.deviceSeq);
      if (!upgrade) continue;
      const answer = group.process(op, upgrade, last, known.seen);
      answers.push([op.deviceSeq, answer]);
      if (answer.result !== 'duplicate') {
        const stored = { deviceSeq: op.deviceSeq, answer };
        known.seen.bySeq.set(op.deviceSeq, stored);
        if (!known.seen.byOpId.has(op.opId)) known.seen.byOpId.set(op.opId, stored);
      }
      last = Math.max(last, op.deviceSeq);
    }
    await group.write(tx, db);
    return answers;
  });
}

interface Seen {
  readonly bySeq: Map<number, { deviceSeq: number; answer: FirstAnswer }>;
  readonly byOpId: Map<string, { deviceSeq: number; answer: FirstAnswer }>;
}

/** The device's highest answered sequence and the answers a concurrent push of it gave to these ops' sequences or op ids. */
async function answeredBefore(tx: Queryable, deviceId: string, ops: readonly OpEnvelope[]): Promise<{ last: number; seen: Seen }> {
  const { rows } = await tx.query<{ last: number | null; device_seq: number | null; op_id: string | null; answer: FirstAnswer | null }>(
    `SELECT m.last, p.device_seq, p.op_id, p.answer
     FROM (SELECT max(device_seq) AS last FROM processed_ops WHERE device_id = $1) AS m
     LEFT JOIN processed_ops p ON p.device_id = $1 AND (p.device_seq = ANY($2) OR p.op_id = ANY($3))`,
    [deviceId, ops.map((op) => op.deviceSeq), ops.map((op) => op.opId)],
  );
  const seen: Seen = { bySeq: new Map(), byOpId: new Map() };
  for (const r of rows) {
    if (r.device_seq === null || r.op_id === null || r.answer === null) continue;
    const stored = { deviceSeq: Number(r.device_seq), answer: r.answer };
    seen.bySeq.set(stored.deviceSeq, stored);
    seen.byOpId.set(r.op_id, stored);
  }
  return { last: Number(rows[0]?.last ?? 0), seen };
}

interface Author {
  readonly role: Role;
  readonly district: District | null;
  readonly disabled: boolean;
}

/** What the group's ops read, as it stood when the group took its locks. */
interface GroupReads {
  /** Every appeal the group names (entities, originals of duplicates) that exists. */
  readonly appeals: Map<string, AppealRecord>;
  readonly incidents: Map<string, IncidentRecord>;
  /** «Закрыть день»: the districts' days the group signs or returns. */
  readonly dayClosures: Map<string, DayClosureRecord>;
  /** «Отопительный сезон»: the buildings' heating statuses the group sets (their buildings are read too). */
  readonly heating: Map<string, HeatingRecord>;
  readonly buildings: ReadonlyMap<string, { readonly id: string; readonly district: District; readonly position: number }>;
  readonly organisations: ReadonlySet<string>;
  /** Authors other than the token's user, by the op's userId as written. */
  readonly authors: ReadonlyMap<string, Author | null>;
  /** Official-number counters by year; only read when the group registers. */
  readonly counters: Map<number, number>;
  readonly nextPosition: number;
}

const UUID_SHAPED = /^[0-9a-f-]{36}$/i;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isToken(userId: string, session: Session): boolean {
  return userId === session.user.id || userId.toLowerCase() === session.user.login;
}

async function readGroup(tx: Queryable, session: Session, ops: readonly OpEnvelope[]): Promise<GroupReads> {
  const appealIds = new Set<string>();
  const incidentIds = new Set<string>();
  const dayClosureIds = new Set<string>();
  const heatingIds = new Set<string>();
  const buildingIds = new Set<string>();
  const organisationIds = new Set<string>();
  const userIds = new Set<string>();
  let registers = false;
  for (const op of ops) {
    if (!isToken(op.userId, session)) userIds.add(op.userId);
    const payload = (op.payload ?? {}) as Record<string, unknown>;
    if (op.entityType === 'incident') {
      incidentIds.add(op.entityId);
      if (op.command === 'create_incident' && Array.isArray(payload.buildingIds)) {
        for (const b of payload.buildingIds) if (typeof b === 'string') buildingIds.add(b);
      }
      continue;
    }
    if (op.entityType === 'day_closure') {
      dayClosureIds.add(op.entityId);
      continue;
    }
    if (op.entityType === 'building_heating') {
      heatingIds.add(op.entityId);
      buildingIds.add(op.entityId);
      continue;
    }
    appealIds.add(op.entityId);
    if (op.command === 'register_appeal') {
      registers = true;
      const parsed = registerAppealPayload.safeParse(op.payload);
      if (parsed.success) buildingIds.add(parsed.data.buildingId);
    }
    if (op.command === 'transfer' && typeof payload.executorOrgId === 'string') organisationIds.add(payload.executorOrgId);
    if (op.command === 'mark_duplicate' && typeof payload.originalId === 'string') appealIds.add(payload.originalId);
    if (op.command === 'incident_restored' && typeof payload.incidentId === 'string') incidentIds.add(payload.incidentId);
  }
  return {
    appeals: await findAppeals(tx, [...appealIds]),
    incidents: await findIncidents(tx, [...incidentIds]),
    dayClosures: await findDayClosures(tx, [...dayClosureIds]),
    heating: await findHeatingRecords(tx, [...heatingIds]),
    buildings: await findBuildings(tx, [...buildingIds]),
    organisations: await existingOrganisations(tx, [...organisationIds]),
    authors: await readAuthors(tx, [...userIds]),
    counters: registers ? await officialCounters(tx) : new Map(),
    nextPosition: await nextPosition(tx),
  };
}

/** Users named by ops, by id (uuid-shaped) or by login, as the server knows them now. */
async function readAuthors(tx: Queryable, userIds: readonly string[]): Promise<Map<string, Author | null>> {
  const authors = new Map<string, Author | null>();
  if (userIds.length === 0) return authors;
  const ids = userIds.filter((u) => CANONICAL_UUID.test(u)).map((u) => u.toLowerCase());
  const logins = userIds.filter((u) => !UUID_SHAPED.test(u)).map(normaliseLogin);
  const { rows } = await tx.query<{ id: string; login: string; role: Role; district: District | null; disabled: boolean }>(
    'SELECT id::text AS id, login, role, district, disabled_at IS NOT NULL AS disabled FROM users WHERE id = ANY($1::uuid[]) OR login = ANY($2::text[])',
    [ids, logins],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byLogin = new Map(rows.map((r) => [r.login, r]));
  for (const userId of userIds) {
    let row: { role: Role; district: District | null; disabled: boolean } | undefined;
    if (CANONICAL_UUID.test(userId)) row = byId.get(userId.toLowerCase());
    else if (UUID_SHAPED.test(userId)) {
      // Shaped like a uuid but not in its usual spelling: looked up as PostgreSQL reads it.
      const user = await findUserById(tx, userId);
      row = user ? { role: user.role, district: user.district, disabled: user.disabledAt !== null } : undefined;
    } else row = byLogin.get(normaliseLogin(userId));
    authors.set(userId, row ? { role: row.role, district: row.district, disabled: row.disabled } : null);
  }
  return authors;
}

type Context = { -readonly [K in keyof ApplyContext]: ApplyContext[K] };

/** The group's records in memory and everything it will write. */
class Group {
  private next: number;
  private readonly usedCounters = new Map<number, number>();
  private readonly appeals = new Map<string, { appeal: AppealRecord; serverSeq: number }>();
  private readonly appealEvents: { event: SyncEvent; serverSeq: number; district: District }[] = [];
  private readonly incidents = new Map<string, { incident: IncidentRecord; serverSeq: number }>();
  private readonly incidentEvents: { event: SyncEvent; serverSeq: number; districts: readonly District[] }[] = [];
  private readonly dayClosures = new Map<string, { closure: DayClosureRecord; serverSeq: number }>();
  private readonly heating = new Map<string, { heating: HeatingRecord; serverSeq: number }>();
  private readonly conflicts: { conflict: StoredConflict; districts: readonly District[]; serverSeq: number }[] = [];
  private readonly changes: ChangeRow[] = [];
  private readonly answered: { op: OpEnvelope; answer: FirstAnswer }[] = [];
  private readonly rejected: { op: OpEnvelope; answer: FirstAnswer; district: string | null }[] = [];
  private readonly poke = { serverSeq: 0, districts: new Set<District>() };

  constructor(
    private readonly now: number,
    private readonly session: Session,
    private readonly reads: GroupReads,
  ) {
    this.next = reads.nextPosition;
  }

  /** One op, as processOp did it alone: a retry of an answered op, the order, the upgrade, then the reducer. */
  process(op: OpEnvelope, upgrade: Upgrade, last: number, seen: Seen): OpAnswer {
    // A concurrent push of the same device may have answered it before this one took the lock.
    const earlier = seen.bySeq.get(op.deviceSeq) ?? seen.byOpId.get(op.opId);
    if (earlier && earlier.deviceSeq === op.deviceSeq) return duplicateOf(earlier.answer);
    if (op.deviceSeq !== last + 1) {
      throw new SyncFailure({
        code: 'out_of_order',
        message: `Сервер ждёт операцию № ${last + 1}, а пришла № ${op.deviceSeq}`,
        userAction: USER_ACTIONS.out_of_order,
        details: { expected: last + 1, got: op.deviceSeq },
      });
    }
    if (earlier) {
      // The same op id answered at another sequence: its answer stands; this sequence is taken by it.
      this.answered.push({ op, answer: earlier.answer });
      return duplicateOf(earlier.answer);
    }
    if (!upgrade.ok) {
      const answer = answerOfUpgrade(op, upgrade);
      this.answered.push({ op, answer });
      this.rejected.push({ op, answer, district: null });
      return answer;
    }
    const caller = this.author(upgrade.op);
    const answer =
      upgrade.op.entityType === 'incident'
        ? this.applyIncident(caller, upgrade.op)
        : upgrade.op.entityType === 'day_closure'
          ? this.applyDayClosure(caller, upgrade.op)
          : upgrade.op.entityType === 'building_heating'
            ? this.applyHeating(caller, upgrade.op)
            : this.applyAppeal(caller, upgrade.op);
    this.answered.push({ op, answer });
    return answer;
  }

  /**
   * The author as the server knows them now. A workstation is shared by the district's staff, so an
   * op may name another user than the token's: it counts as theirs when they are an active user the
   * workstation may carry (of its district; any, on a city-wide workstation). Otherwise the op is
   * the token's user's: a workstation can never act with more rights than its own users have.
   */
  private author(op: OpEnvelope): Actor {
    const token = this.session.user;
    if (isToken(op.userId, this.session)) return { userId: op.userId, role: token.role, district: token.district };
    const named = this.reads.authors.get(op.userId);
    const deviceDistrict = this.session.device?.district ?? null;
    if (named && !named.disabled && (deviceDistrict === null ? isCityWide(token.role) : named.district === deviceDistrict)) {
      return { userId: op.userId, role: named.role, district: named.district };
    }
    return { userId: op.userId, role: token.role, district: token.district };
  }

  private take(count: number): number[] {
    const positions = Array.from({ length: count }, (_, i) => this.next + i);
    this.next += count;
    return positions;
  }

  private officialSequence(year: number): number {
    const value = (this.usedCounters.get(year) ?? this.reads.counters.get(year) ?? 0) + 1;
    this.usedCounters.set(year, value);
    return value;
  }

  private applyAppeal(caller: Actor, op: OpEnvelope): FirstAnswer {
    const record = this.reads.appeals.get(op.entityId) ?? null;
    const ctx: Context = { nowMs: this.now };
    if (op.command === 'register_appeal') {
      const payload = registerAppealPayload.safeParse(op.payload);
      if (payload.success) {
        const building = this.reads.buildings.get(payload.data.buildingId);
        ctx.building = building ? { id: building.id, district: building.district } : null;
      }
    }
    const payload = (op.payload ?? {}) as Record<string, unknown>;
    if (op.command === 'transfer' && typeof payload.executorOrgId === 'string') {
      const exists = this.reads.organisations.has(payload.executorOrgId);
      ctx.organisationExists = () => exists;
    }
    if (op.command === 'mark_duplicate' && typeof payload.originalId === 'string') {
      // On the server or registered earlier in this group.
      const exists = this.reads.appeals.has(payload.originalId);
      ctx.appealExists = () => exists;
    }
    if (op.command === 'incident_restored' && typeof payload.incidentId === 'string') {
      const incident = this.reads.incidents.get(payload.incidentId);
      ctx.incident = incident ? { id: incident.id, districts: incident.districts } : null;
    }
    // The position the op's record change takes if it stands: it only stamps the op's writes, never
    // decides (positions are taken below, for an op that stands).
    ctx.serverSeq = this.next;
    if (op.command === 'register_appeal') {
      // A dry run first: the year's next official number goes only to a registration that stands,
      // and the reducer says its district.
      const probe = applyAppealOp(record, op, caller, ctx);
      if (probe.kind === 'rejected' || probe.kind === 'duplicate') return this.refused(op, probe, record?.fields.district ?? null, record?.version ?? 0);
      const year = samaraYear(probe.record.registration.receivedAt);
      ctx.officialNumber = officialNumber(year, probe.record.fields.district, this.officialSequence(year));
    }
    const result = applyAppealOp(record, op, caller, ctx);
    if (result.kind === 'rejected' || result.kind === 'duplicate') {
      if (ctx.officialNumber !== undefined) throw new Error('the reducer changed its mind between two runs');
      return this.refused(op, result, record?.fields.district ?? null, record?.version ?? 0);
    }
    const [seq] = this.take(1) as [number];
    const appeal = result.record;
    const district = appeal.fields.district;
    const conflicts = result.kind === 'merged' ? result.conflicts : [];
    const more = this.take(result.events.length + conflicts.length);
    this.reads.appeals.set(appeal.id, appeal);
    this.appeals.set(appeal.id, { appeal, serverSeq: seq });
    this.changes.push(change(seq, 'appeal', appeal.id, appeal.version, [district], op.opId, appeal));
    let i = 0;
    for (const event of result.events) {
      const eventSeq = more[i++] as number;
      this.appealEvents.push({ event, serverSeq: eventSeq, district });
      this.changes.push(change(eventSeq, 'appeal_event', event.id, 1, [district], op.opId, event));
    }
    for (const conflict of conflicts) this.conflict(conflict, [district], more[i++] as number, op);
    this.addPoke([district]);
    return answerOf(op, result, seq, appeal.officialNumber && op.command === 'register_appeal' ? appeal.officialNumber : null);
  }

  private applyIncident(caller: Actor, op: OpEnvelope): FirstAnswer {
    const record = this.reads.incidents.get(op.entityId) ?? null;
    const ctx: Context = { nowMs: this.now };
    const payload = (op.payload ?? {}) as Record<string, unknown>;
    if (op.command === 'create_incident' && Array.isArray(payload.buildingIds)) {
      ctx.incidentDistricts = this.districtsOfBuildings(payload.buildingIds.filter((b): b is string => typeof b === 'string'));
    }
    // The position stamps the op's writes and never decides: one run, positions taken if it stands.
    ctx.serverSeq = this.next;
    const result = applyIncidentOp(record, op, caller, ctx);
    if (result.kind === 'rejected' || result.kind === 'duplicate') return this.refused(op, result, record?.districts[0] ?? null, record?.version ?? 0);
    const [seq] = this.take(1) as [number];
    const incident = result.record;
    const districts = incident.districts;
    const conflicts = result.kind === 'merged' ? result.conflicts : [];
    const more = this.take(result.events.length + conflicts.length);
    this.reads.incidents.set(incident.id, incident);
    this.incidents.set(incident.id, { incident, serverSeq: seq });
    this.changes.push(change(seq, 'incident', incident.id, incident.version, districts, op.opId, incident));
    let i = 0;
    for (const event of result.events) {
      const eventSeq = more[i++] as number;
      this.incidentEvents.push({ event, serverSeq: eventSeq, districts });
      this.changes.push(change(eventSeq, 'incident_event', event.id, 1, districts, op.opId, event));
    }
    for (const conflict of conflicts) this.conflict(conflict, districts, more[i++] as number, op);
    this.addPoke(districts);
    return answerOf(op, result, seq);
  }

  /** «Закрыть день»: a district's day signed or returned; its history is in the record, so no events. */
  private applyDayClosure(caller: Actor, op: OpEnvelope): FirstAnswer {
    const record = this.reads.dayClosures.get(op.entityId) ?? null;
    const ctx: Context = { nowMs: this.now, serverSeq: this.next };
    const result = applyDayClosureOp(record, op, caller, ctx);
    if (result.kind === 'rejected' || result.kind === 'duplicate') {
      const district = record?.district ?? (op.entityId.split(':')[0] || null);
      return this.refused(op, result, district, record?.version ?? 0);
    }
    const [seq] = this.take(1) as [number];
    const closure = result.record;
    this.reads.dayClosures.set(closure.id, closure);
    this.dayClosures.set(closure.id, { closure, serverSeq: seq });
    this.changes.push(change(seq, 'day_closure', closure.id, closure.version, [closure.district], op.opId, closure));
    this.addPoke([closure.district]);
    return answerOf(op, result, seq);
  }

  /** «Отопительный сезон»: a building's heating status; no events (each workstation keeps its own history). */
  private applyHeating(caller: Actor, op: OpEnvelope): FirstAnswer {
    const record = this.reads.heating.get(op.entityId) ?? null;
    const building = this.reads.buildings.get(op.entityId);
    const result = applyHeatingOp(record, op, caller, { nowMs: this.now, serverSeq: this.next, heatingBuilding: building ? { id: building.id, district: building.district } : null });
    if (result.kind === 'rejected' || result.kind === 'duplicate') return this.refused(op, result, record?.district ?? building?.district ?? null, record?.version ?? 0);
    const [seq] = this.take(1) as [number];
    const heating = result.record;
    this.reads.heating.set(heating.id, heating);
    this.heating.set(heating.id, { heating, serverSeq: seq });
    this.changes.push(change(seq, 'building_heating', heating.id, heating.version, [heating.district], op.opId, heating));
    this.addPoke([heating.district]);
    return answerOf(op, result, seq);
  }

  /** The districts of the buildings in the server's register, in the city's order of districts. */
  private districtsOfBuildings(ids: readonly string[]): District[] {
    const found = new Map<District, number>();
    for (const id of ids) {
      const building = this.reads.buildings.get(id);
      if (building) found.set(building.district, building.position);
    }
    return [...found.entries()].sort((a, b) => a[1] - b[1]).map(([district]) => district);
  }

  private conflict(conflict: Parameters<typeof conflictId>[0], districts: readonly District[], serverSeq: number, op: OpEnvelope): void {
    const stored: StoredConflict = { id: conflictId(conflict), ...conflict, detectedAt: this.now, reviewedBy: null, reviewedAt: null };
    this.conflicts.push({ conflict: stored, districts, serverSeq });
    this.changes.push(change(serverSeq, 'conflict', stored.id, 1, districts, op.opId, stored));
  }

  private addPoke(districts: readonly District[]): void {
    this.poke.serverSeq = Math.max(this.poke.serverSeq, this.next - 1);
    for (const d of districts) this.poke.districts.add(d);
  }

  /**
   * A rejection is recorded with its reason. The reducer's own duplicate (the record holds the op but
   * no answer was kept: cannot happen while processed_ops is intact) is answered as applied at the
   * record's version rather than applied twice.
   */
  private refused(op: OpEnvelope, result: Extract<ApplyResult<unknown>, { kind: 'rejected' | 'duplicate' }>, district: string | null, version: number): FirstAnswer {
    if (result.kind === 'duplicate') return { result: 'applied', opId: op.opId, deviceSeq: op.deviceSeq, serverSeq: version };
    const answer = answerOf(op, result, 0);
    this.rejected.push({ op, answer, district });
    return answer;
  }

  /** Everything the group did, one statement per table (records before their events: incident_events refer to incidents). */
  async write(tx: Queryable, db: Database): Promise<void> {
    await saveAppeals(tx, [...this.appeals.values()]);
    await insertAppealEvents(tx, this.appealEvents);
    await saveIncidents(tx, [...this.incidents.values()]);
    await insertIncidentEvents(tx, this.incidentEvents);
    await saveDayClosures(tx, [...this.dayClosures.values()]);
    await saveHeatingRecords(tx, [...this.heating.values()]);
    await upsertConflicts(tx, this.conflicts);
    await appendChanges(tx, this.changes, this.now);
    await recordAnswers(tx, this.answered, this.now);
    await recordRejections(tx, this.rejected, this.now);
    await saveOfficialCounters(tx, this.usedCounters);
    if (this.next > this.reads.nextPosition) await setLastPosition(tx, this.next - 1);
    // One poke for the group, delivered at its commit.
    if (this.poke.serverSeq > 0) await notifyPoke(tx, db, this.poke.serverSeq, [...this.poke.districts]);
  }
}

function change(serverSeq: number, entityType: string, entityId: string, version: number, districts: readonly District[], opId: string, data: unknown): ChangeRow {
  return { serverSeq, entityType, entityId, version, district: districts[0] ?? null, districts, opId, data };
}

async function recordAnswers(tx: Queryable, rows: readonly { op: OpEnvelope; answer: FirstAnswer }[], now: number): Promise<void> {
  await insertRows(
    tx,
    'processed_ops',
    [['device_id', 'uuid'], ['device_seq', 'bigint'], ['op_id', 'text'], ['user_id', 'text'], ['entity_type', 'text'], ['entity_id', 'text'], ['answer', 'jsonb']],
    rows.map(({ op, answer }) => ({ device_id: op.deviceId, device_seq: op.deviceSeq, op_id: op.opId, user_id: op.userId, entity_type: op.entityType, entity_id: op.entityId, answer })),
    { constants: { answered_at: '$2' }, params: [new Date(now)] },
  );
}

async function recordRejections(tx: Queryable, rows: readonly { op: OpEnvelope; answer: FirstAnswer; district: string | null }[], now: number): Promise<void> {
  await insertRows(
    tx,
    'rejected_ops',
    [
      ['op_id', 'text'], ['device_id', 'uuid'], ['device_seq', 'bigint'], ['user_id', 'text'], ['district', 'text'], ['entity_type', 'text'], ['entity_id', 'text'],
      ['command', 'text'], ['op', 'jsonb'], ['code', 'text'], ['message', 'text'],
    ],
    rows.map(({ op, answer, district }) => ({
      op_id: op.opId,
      device_id: op.deviceId,
      device_seq: op.deviceSeq,
      user_id: op.userId,
      district,
      entity_type: op.entityType,
      entity_id: op.entityId,
      command: op.command,
      op,
      code: answer.result === 'rejected' ? answer.code : answer.result,
      message: answer.result === 'rejected' ? answer.message : '',
    })),
    { constants: { rejected_at: '$2' }, params: [new Date(now)], onConflict: 'ON CONFLICT (op_id) DO NOTHING' },
  );
}
