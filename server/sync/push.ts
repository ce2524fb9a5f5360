// POST /sync/push (docs/sync-protocol.md §2): the whole request is checked first (registered
// workstation named by the token, clocks, order, schema versions) and refused as a whole if any
// check fails; then the fresh ops run in order, in transactions of up to OPS_PER_TRANSACTION: the
// device's lock (a concurrent push of the same device waits and finds the ops answered), each op's
// entity lock (two pushes on one appeal from two processes serialise), the reducer against the
// current record, and every write of its effect — the record, its event, the conflicts, the change
// log, the answer — committed together with the group's.
import type { District } from '../../shared/domain/districts.js';
import { isCityWide, type Actor } from '../../shared/domain/roles.js';
import { samaraYear } from '../../shared/domain/samara-time.js';
import { answerOf, answerOfUpgrade, conflictId, duplicateOf } from '../../shared/sync/answers.js';
import { applyAppealOp, applyIncidentOp, type ApplyContext, type ApplyResult, type AppealRecord, type IncidentRecord } from '../../shared/sync/apply.js';
import { checkClientClock, checkOpClock } from '../../shared/sync/clock-skew.js';
import { SCHEMA_VERSION } from '../../shared/sync/op.js';
import { registerAppealPayload, type OpEnvelope } from '../../shared/sync/op-payloads.js';
import { officialNumber } from '../../shared/sync/official-number.js';
import type { OpAnswer, PushRequest, PushResponse } from '../../shared/sync/protocol.js';
import { planPush } from '../../shared/sync/push-order.js';
import { MIN_SUPPORTED_SCHEMA_VERSION, OP_UPGRADES, upgradeOp, type OpUpgrade } from '../../shared/sync/schema-versions.js';
import type { Database, Queryable } from '../db/database.js';
import type { Session } from '../identity/identity-service.js';
import { findUserById, findUserByLogin, type UserRecord } from '../identity/users.js';
import { notifyPoke } from './poke.js';
import {
  appealExists,
  appendChanges,
  districtsOfBuildings,
  findAppeal,
  findBuilding,
  findIncident,
  insertAppealEvent,
  insertIncidentEvent,
  latestPosition,
  lock,
  LOCKS,
  nextOfficialSequence,
  organisationExists,
  saveAppeal,
  saveIncident,
  takePositions,
  upsertConflict,
  type ChangeRow,
} from './store.js';
import { SyncFailure, USER_ACTIONS } from './sync-failure.js';

type FirstAnswer = Exclude<OpAnswer, { result: 'duplicate' }>;

export interface PushDeps {
  readonly now: () => number;
  /** The op schema this server speaks (schema-versions.ts); the defaults but in tests of the upgrade chain. */
  readonly schema?: { readonly version: number; readonly upgrades: Readonly<Record<number, OpUpgrade>>; readonly minSupported: number };
}

/** The registered, unrevoked workstation of the token; the sync routes need one. */
export function requireDevice(session: Session): void {
  if (!session.device) {
    throw new SyncFailure({
      code: 'forbidden',
      message: 'Рабочее место не зарегистрировано на сервере',
      userAction: 'Подключите рабочее место к серверу заново (регистрация выполняется при подключении).',
    });
  }
}

export async function push(db: Database, deps: PushDeps, session: Session, request: PushRequest): Promise<PushResponse> {
  requireDevice(session);
  if (request.deviceId !== session.deviceId) {
    throw new SyncFailure({
      code: 'device_mismatch',
      message: 'Операции отправлены от имени другого рабочего места',
      userAction: USER_ACTIONS.device_mismatch,
      details: { tokenDeviceId: session.deviceId, deviceId: request.deviceId },
    });
  }
  const now = deps.now();
  const clientClock = checkClientClock(request.clientNow, now);
  if (!clientClock.ok) throw clockFailure(clientClock, now, request.clientNow);
  for (const op of request.ops) {
    const opClock = checkOpClock(op.hlc, now);
    if (!opClock.ok) throw clockFailure(opClock, now, now + opClock.aheadMs);
  }

  const known = await answered(db, request.deviceId, request.ops[0]?.deviceSeq ?? 0, request.ops.at(-1)?.deviceSeq ?? 0);
  const plan = planPush(request.ops, { lastDeviceSeq: known.last, opIdAt: (s) => known.bySeq.get(s)?.opId });
  if (!plan.ok) throw new SyncFailure(plan.error);

  const schema = deps.schema ?? { version: SCHEMA_VERSION, upgrades: OP_UPGRADES, minSupported: MIN_SUPPORTED_SCHEMA_VERSION };
  const upgrades = new Map(plan.fresh.map((op) => [op.opId, upgradeOp(op, schema.version, schema.upgrades, schema.minSupported)]));
  for (const result of upgrades.values()) {
    if (!result.ok && result.code === 'schema_too_new') {
      throw new SyncFailure({ code: 'schema_too_new', message: result.message, userAction: result.userAction, details: { serverSchemaVersion: schema.version } });
    }
  }

  const answers = new Map<number, OpAnswer>();
  for (const op of plan.duplicates) {
    const first = known.bySeq.get(op.deviceSeq)?.answer;
    if (first) answers.set(op.deviceSeq, duplicateOf(first));
  }
  for (let i = 0; i < plan.fresh.length; i += OPS_PER_TRANSACTION) {
    const group = plan.fresh.slice(i, i + OPS_PER_TRANSACTION);
    for (const [seq, answer] of await processOps(db, now, session, group, upgrades)) answers.set(seq, answer);
  }
  const after = await answered(db, request.deviceId, 0, 0);
  const { latest } = await latestPosition(db);
  return {
    results: request.ops.map((op) => {
      const answer = answers.get(op.deviceSeq);
      if (!answer) throw new Error(`no answer for op ${op.deviceSeq}`);
      return answer;
    }),
    lastDeviceSeq: after.last,
    serverSeq: latest,
    serverNow: now,
    ...(clientClock.warning ? { warning: clientClock.warning } : {}),
  };
}

function clockFailure(check: { message: string; userAction: string }, serverNow: number, clientNow: number): SyncFailure {
  return new SyncFailure({
    code: 'clock_ahead',
    message: check.message,
    userAction: check.userAction,
    details: { serverNow, clientNow, maxAheadMs: 5 * 60_000 },
  });
}

interface Answered {
  readonly last: number;
  readonly bySeq: Map<number, { opId: string; answer: FirstAnswer }>;
}

/** The device's highest answered sequence and the answers it got between two sequences. */
async function answered(db: Queryable, deviceId: string, from: number, to: number): Promise<Answered> {
  const { rows: lastRows } = await db.query<{ last: number | null }>('SELECT max(device_seq) AS last FROM processed_ops WHERE device_id = $1', [deviceId]);
  const { rows } = await db.query<{ device_seq: number; op_id: string; answer: FirstAnswer }>(
    'SELECT device_seq, op_id, answer FROM processed_ops WHERE device_id = $1 AND device_seq BETWEEN $2 AND $3',
    [deviceId, from, to],
  );
  return {
    last: Number(lastRows[0]?.last ?? 0),
    bySeq: new Map(rows.map((r) => [Number(r.device_seq), { opId: r.op_id, answer: r.answer }])),
  };
}

type Upgrade = ReturnType<typeof upgradeOp>;

/**
 * Fresh ops of one push are applied in transactions of this many: one commit (one WAL flush) for
 * the group instead of one per op. Each op still takes its entity's lock; the change log's lock is
 * taken first, so a group never waits for it while holding an entity another group wants.
 */
export const OPS_PER_TRANSACTION = 100;

/** A group of the device's fresh ops, in order, in one transaction under the device's lock. */
async function processOps(db: Database, now: number, session: Session, ops: readonly OpEnvelope[], upgrades: ReadonlyMap<string, Upgrade>): Promise<[number, OpAnswer][]> {
  const first = ops[0];
  if (!first) return [];
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCKS.changeLog]);
    await lock(tx, LOCKS.device, first.deviceId);
    // The device's lock is held to the commit: its last answered sequence moves only here.
    const { rows: lastRows } = await tx.query<{ last: number | null }>('SELECT max(device_seq) AS last FROM processed_ops WHERE device_id = $1', [first.deviceId]);
    let last = Number(lastRows[0]?.last ?? 0);
    // Answers a concurrent push of the same device gave before this group took the lock, by sequence or op id.
    const { rows: seenRows } = await tx.query<{ device_seq: number; op_id: string; answer: FirstAnswer }>(
      'SELECT device_seq, op_id, answer FROM processed_ops WHERE device_id = $1 AND (device_seq = ANY($2) OR op_id = ANY($3))',
      [first.deviceId, ops.map((op) => op.deviceSeq), ops.map((op) => op.opId)],
    );
    const seen: Seen = {
      bySeq: new Map(seenRows.map((r) => [Number(r.device_seq), { deviceSeq: Number(r.device_seq), answer: r.answer }])),
      byOpId: new Map(seenRows.map((r) => [r.op_id, { deviceSeq: Number(r.device_seq), answer: r.answer }])),
    };
    const poke: Poke = { serverSeq: 0, districts: new Set() };
    const answers: [number, OpAnswer][] = [];
    for (const op of ops) {
      const upgrade = upgrades.get(op.opId);
      if (!upgrade) continue;
      const answer = await processOp(tx, now, session, op, upgrade, last, seen, poke);
      answers.push([op.deviceSeq, answer]);
      if (answer.result !== 'duplicate') {
        const stored = { deviceSeq: op.deviceSeq, answer };
        seen.bySeq.set(op.deviceSeq, stored);
        if (!seen.byOpId.has(op.opId)) seen.byOpId.set(op.opId, stored);
      }
      last = Math.max(last, op.deviceSeq);
    }
    // One poke for the group, delivered at its commit.
    if (poke.serverSeq > 0) await notifyPoke(tx, db, poke.serverSeq, [...poke.districts]);
    return answers;
  });
}

interface Seen {
  readonly bySeq: Map<number, { deviceSeq: number; answer: FirstAnswer }>;
  readonly byOpId: Map<string, { deviceSeq: number; answer: FirstAnswer }>;
}

/** What a group's poke carries: its newest position and every district it touched. */
interface Poke {
  serverSeq: number;
  readonly districts: Set<District>;
}

async function processOp(tx: Queryable, now: number, session: Session, op: OpEnvelope, upgrade: Upgrade, last: number, seen: Seen, poke: Poke): Promise<OpAnswer> {
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
    await recordAnswer(tx, op, earlier.answer, now);
    return duplicateOf(earlier.answer);
  }
  if (!upgrade.ok) {
    const answer = answerOfUpgrade(op, upgrade);
    await recordAnswer(tx, op, answer, now);
    await recordRejection(tx, op, answer, null, now);
    return answer;
  }
  const answer = await applyOp(tx, now, session, upgrade.op, poke);
  await recordAnswer(tx, op, answer, now);
  return answer;
}

async function recordAnswer(tx: Queryable, op: OpEnvelope, answer: FirstAnswer, now: number): Promise<void> {
  await tx.query(
    `INSERT INTO processed_ops (device_id, device_seq, op_id, user_id, entity_type, entity_id, answer, answered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [op.deviceId, op.deviceSeq, op.opId, op.userId, op.entityType, op.entityId, JSON.stringify(answer), new Date(now)],
  );
}

async function recordRejection(tx: Queryable, op: OpEnvelope, answer: FirstAnswer, district: string | null, now: number): Promise<void> {
  await tx.query(
    `INSERT INTO rejected_ops (op_id, device_id, device_seq, user_id, district, entity_type, entity_id, command, op, code, message, rejected_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (op_id) DO NOTHING`,
    [op.opId, op.deviceId, op.deviceSeq, op.userId, district, op.entityType, op.entityId, op.command, JSON.stringify(op), answer.result === 'rejected' ? answer.code : answer.result, answer.result === 'rejected' ? answer.message : '', new Date(now)],
  );
}

/**
 * The author as the server knows them now. A workstation is shared by the district's staff, so an
 * op may name another user than the token's: it counts as theirs when they are an active user the
 * workstation may carry (of its district; any, on a city-wide workstation). Otherwise the op is
 * the token's user's: a workstation can never act with more rights than its own users have.
 */
async function resolveAuthor(tx: Queryable, op: OpEnvelope, session: Session): Promise<Actor> {
  const asActor = (user: UserRecord): Actor => ({ userId: op.userId, role: user.role, district: user.district });
  const token = session.user;
  if (op.userId === token.id || op.userId.toLowerCase() === token.login) return asActor(token);
  const named = /^[0-9a-f-]{36}$/i.test(op.userId) ? await findUserById(tx, op.userId) : await findUserByLogin(tx, op.userId);
  const deviceDistrict = session.device?.district ?? null;
  if (named && named.disabledAt === null && (deviceDistrict === null ? isCityWide(token.role) : named.district === deviceDistrict)) return asActor(named);
  return asActor(token);
}

async function applyOp(tx: Queryable, now: number, session: Session, op: OpEnvelope, poke: Poke): Promise<FirstAnswer> {
  const caller = await resolveAuthor(tx, op, session);
  await lock(tx, LOCKS.entity, `${op.entityType}:${op.entityId}`);
  if (op.entityType === 'incident') return applyIncident(tx, now, caller, op, poke);
  return applyAppeal(tx, now, caller, op, poke);
}

function addPoke(poke: Poke, serverSeq: number, districts: readonly District[]): void {
  poke.serverSeq = Math.max(poke.serverSeq, serverSeq);
  for (const d of districts) poke.districts.add(d);
}

async function applyAppeal(tx: Queryable, now: number, caller: Actor, op: OpEnvelope, poke: Poke): Promise<FirstAnswer> {
  const record = await findAppeal(tx, op.entityId);
  const ctx: { -readonly [K in keyof ApplyContext]: ApplyContext[K] } = { nowMs: now };
  if (op.command === 'register_appeal') {
    const payload = registerAppealPayload.safeParse(op.payload);
    if (payload.success) ctx.building = await findBuilding(tx, payload.data.buildingId);
  }
  const payload = (op.payload ?? {}) as Record<string, unknown>;
  if (op.command === 'transfer' && typeof payload.executorOrgId === 'string') {
    const exists = await organisationExists(tx, payload.executorOrgId);
    ctx.organisationExists = () => exists;
  }
  if (op.command === 'mark_duplicate' && typeof payload.originalId === 'string') {
    const exists = await appealExists(tx, payload.originalId);
    ctx.appealExists = () => exists;
  }
  if (op.command === 'incident_restored' && typeof payload.incidentId === 'string') {
    const incident = await findIncident(tx, payload.incidentId);
    ctx.incident = incident ? { id: incident.id, districts: incident.districts } : null;
  }
  // A dry run first: positions and an official number are taken only for an op that stands.
  const probe = applyAppealOp(record, op, caller, ctx);
  if (probe.kind === 'rejected' || probe.kind === 'duplicate') return refused(tx, op, probe, record?.fields.district ?? null, record?.version ?? 0, now);
  if (op.command === 'register_appeal') {
    const district = probe.record.fields.district;
    const year = samaraYear(probe.record.registration.receivedAt);
    ctx.officialNumber = officialNumber(year, district, await nextOfficialSequence(tx, year));
  }
  const [seq] = await takePositions(tx, 1, true);
  ctx.serverSeq = seq;
  const result = applyAppealOp(record, op, caller, ctx);
  if (result.kind === 'rejected' || result.kind === 'duplicate') throw new Error('the reducer changed its mind between two runs');
  const appeal = result.record;
  const district = appeal.fields.district;
  const conflicts = result.kind === 'merged' ? result.conflicts : [];
  const more = await takePositions(tx, result.events.length + conflicts.length, true);
  await saveAppeal(tx, appeal, seq as number);
  const changes: ChangeRow[] = [change(seq as number, 'appeal', appeal.id, appeal.version, [district], op.opId, appeal)];
  let i = 0;
  for (const event of result.events) {
    const eventSeq = more[i++] as number;
    await insertAppealEvent(tx, district, event, eventSeq);
    changes.push(change(eventSeq, 'appeal_event', event.id, 1, [district], op.opId, event));
  }
  for (const conflict of conflicts) {
    const conflictSeq = more[i++] as number;
    const stored = { id: conflictId(conflict), ...conflict, detectedAt: now, reviewedBy: null, reviewedAt: null };
    await upsertConflict(tx, stored, [district], conflictSeq);
    changes.push(change(conflictSeq, 'conflict', stored.id, 1, [district], op.opId, stored));
  }
  await appendChanges(tx, changes, now);
  addPoke(poke, changes.at(-1)?.serverSeq ?? (seq as number), [district]);
  return answerOf(op, result, seq as number, appeal.officialNumber && op.command === 'register_appeal' ? appeal.officialNumber : null);
}

async function applyIncident(tx: Queryable, now: number, caller: Actor, op: OpEnvelope, poke: Poke): Promise<FirstAnswer> {
  const record = await findIncident(tx, op.entityId);
  const ctx: { -readonly [K in keyof ApplyContext]: ApplyContext[K] } = { nowMs: now };
  const payload = (op.payload ?? {}) as Record<string, unknown>;
  if (op.command === 'create_incident' && Array.isArray(payload.buildingIds)) {
    ctx.incidentDistricts = await districtsOfBuildings(tx, payload.buildingIds.filter((b): b is string => typeof b === 'string'));
  }
  const probe = applyIncidentOp(record, op, caller, ctx);
  if (probe.kind === 'rejected' || probe.kind === 'duplicate') return refused(tx, op, probe, record?.districts[0] ?? null, record?.version ?? 0, now);
  const [seq] = await takePositions(tx, 1, true);
  ctx.serverSeq = seq;
  const result = applyIncidentOp(record, op, caller, ctx);
  if (result.kind === 'rejected' || result.kind === 'duplicate') throw new Error('the reducer changed its mind between two runs');
  const incident: IncidentRecord = result.record;
  const districts = incident.districts;
  const conflicts = result.kind === 'merged' ? result.conflicts : [];
  const more = await takePositions(tx, result.events.length + conflicts.length, true);
  await saveIncident(tx, incident, seq as number);
  const changes: ChangeRow[] = [change(seq as number, 'incident', incident.id, incident.version, districts, op.opId, incident)];
  let i = 0;
  for (const event of result.events) {
    const eventSeq = more[i++] as number;
    await insertIncidentEvent(tx, districts, event, eventSeq);
    changes.push(change(eventSeq, 'incident_event', event.id, 1, districts, op.opId, event));
  }
  for (const conflict of conflicts) {
    const conflictSeq = more[i++] as number;
    const stored = { id: conflictId(conflict), ...conflict, detectedAt: now, reviewedBy: null, reviewedAt: null };
    await upsertConflict(tx, stored, districts, conflictSeq);
    changes.push(change(conflictSeq, 'conflict', stored.id, 1, districts, op.opId, stored));
  }
  await appendChanges(tx, changes, now);
  addPoke(poke, changes.at(-1)?.serverSeq ?? (seq as number), districts);
  return answerOf(op, result, seq as number);
}

function change(serverSeq: number, entityType: string, entityId: string, version: number, districts: readonly AppealRecord['fields']['district'][], opId: string, data: unknown): ChangeRow {
  return { serverSeq, entityType, entityId, version, district: districts[0] ?? null, districts, opId, data };
}

/**
 * A rejection is recorded with its reason. The reducer's own duplicate (the record holds the op but
 * no answer was kept: cannot happen while processed_ops is intact) is answered as applied at the
 * record's version rather than applied twice.
 */
async function refused(
  tx: Queryable,
  op: OpEnvelope,
  result: Extract<ApplyResult<unknown>, { kind: 'rejected' | 'duplicate' }>,
  district: string | null,
  version: number,
  now: number,
): Promise<FirstAnswer> {
  if (result.kind === 'duplicate') return { result: 'applied', opId: op.opId, deviceSeq: op.deviceSeq, serverSeq: version };
  const answer = answerOf(op, result, 0) as Extract<FirstAnswer, { result: 'rejected' }>;
  await recordRejection(tx, op, answer, district, now);
  return answer;
}
