// POST /sync/push (docs/sync-protocol.md §2): the whole request is checked first (registered
// workstation named by the token, clocks, order, schema versions) and refused as a whole if any
// check fails; then the fresh ops run in order, in transactions of up to OPS_PER_TRANSACTION, each
// group a set operation (push-group.ts): the change log's and the device's locks (a concurrent push
// of the same device waits and finds the ops answered), the entities' locks, one read per kind of
// record, the reducer op by op in memory, one multi-row write per table — the records, events,
// conflicts, change log and answers committed together.
import { duplicateOf } from '../../shared/sync/answers.js';
import { checkClientClock, checkOpClock } from '../../shared/sync/clock-skew.js';
import { SCHEMA_VERSION } from '../../shared/sync/op.js';
import type { OpAnswer, PushRequest, PushResponse } from '../../shared/sync/protocol.js';
import { planPush } from '../../shared/sync/push-order.js';
import { MIN_SUPPORTED_SCHEMA_VERSION, OP_UPGRADES, upgradeOp, type OpUpgrade } from '../../shared/sync/schema-versions.js';
import type { Database, Queryable } from '../db/database.js';
import type { Session } from '../identity/identity-service.js';
import { processGroup, type FirstAnswer } from './push-group.js';
import { latestPosition } from './store.js';
import { SyncFailure, USER_ACTIONS } from './sync-failure.js';

export interface PushDeps {
  readonly now: () => number;
  /** The op schema this server speaks (schema-versions.ts); the defaults but in tests of the upgrade chain. */
  readonly schema?: { readonly version: number; readonly upgrades: Readonly<Record<number, OpUpgrade>>; readonly minSupported: number };
  /** Fresh ops per transaction; OPS_PER_TRANSACTION but in tests and measurements. */
  readonly opsPerTransaction?: number;
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
  // By sequence: an op id sent again at another sequence is an op of its own (answered with the first one's answer).
  const upgrades = new Map(plan.fresh.map((op) => [op.deviceSeq, upgradeOp(op, schema.version, schema.upgrades, schema.minSupported)]));
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
  const perTransaction = deps.opsPerTransaction ?? OPS_PER_TRANSACTION;
  for (let i = 0; i < plan.fresh.length; i += perTransaction) {
    const group = plan.fresh.slice(i, i + perTransaction);
    for (const [seq, answer] of await processGroup(db, now, session, group, upgrades)) answers.set(seq, answer);
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

/**
 * Fresh ops of one push are applied in transactions of this many: one commit (one WAL flush) and a
 * fixed number of statements for the group (push-group.ts). As many as a push carries (MAX_PUSH_OPS):
 * measured a fifth faster than groups of 100; a group of 500 holds the change log's lock about a
 * tenth of a second.
 */
export const OPS_PER_TRANSACTION = 500;
