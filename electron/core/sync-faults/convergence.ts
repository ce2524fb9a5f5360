// The convergence check of the sync fault tests: every replica holds what the server holds, no op was
// lost or applied twice, and the audit trail is complete.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DATABASE_FILE } from '../core.js';
import type { FaultServer } from './fault-server.js';
import type { Workstation } from './world.js';

interface LocalOp {
  op_id: string;
  entity_type: string;
  entity_id: string;
  state: string;
  answer: string | null;
}
interface AppealRow {
  id: string;
  status: string;
  executor_org_id: string | null;
  official_number: string | null;
  number: string;
}
interface EventRow {
  id: string;
  appeal_id: string;
  type: string;
}

function readLocal(ws: Workstation): { ops: LocalOp[]; appeals: AppealRow[]; events: EventRow[] } {
  const db = new Database(join(ws.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return {
      ops: db.prepare('SELECT op_id, entity_type, entity_id, state, answer FROM outbox ORDER BY device_seq').all() as LocalOp[],
      appeals: db.prepare('SELECT id, status, executor_org_id, official_number, number FROM appeals ORDER BY id').all() as AppealRow[],
      events: db.prepare('SELECT id, appeal_id, type FROM appeal_events').all() as EventRow[],
    };
  } finally {
    db.close();
  }
}

const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * The convergence check, after everyone has synced: each workstation's appeals equal the server's
 * (status, executor, official and provisional numbers); every op of every outbox was answered —
 * applied or merged (its event on the server) or rejected (recorded on the server with a reason,
 * its answer kept here with the reason, no event on the server); the server processed each op once
 * and its first answer is the one kept here; and the audit trails match (below).
 */
export async function expectConverged(server: FaultServer, all: readonly Workstation[]): Promise<void> {
  const { appeals, events, processed, rejected } = await server.inspect(async (query) => ({
    appeals: (await query('SELECT id, status, executor_org_id, official_number, number FROM appeals ORDER BY id')) as AppealRow[],
    events: (await query('SELECT id, appeal_id, type FROM appeal_events')) as EventRow[],
    processed: (await query("SELECT op_id, count(*)::int AS n, min(answer->>'result') AS result FROM processed_ops GROUP BY op_id")) as { op_id: string; n: number; result: string }[],
    rejected: (await query('SELECT op_id, code, message FROM rejected_ops')) as { op_id: string; code: string; message: string }[],
  }));
  const serverEventIds = new Set(events.map((e) => e.id));
  expect(serverEventIds.size, 'one event per op on the server').toBe(events.length);
  const processedById = new Map(processed.map((p) => [p.op_id, p]));
  const rejectedById = new Map(rejected.map((r) => [r.op_id, r]));

  for (const ws of all) {
    const local = readLocal(ws);
    const who = ws.login;
    expect(local.appeals, `${who}: appeals equal the server's`).toEqual(appeals);
    for (const op of local.ops) {
      expect(op.state, `${who}: op ${op.op_id} answered`).not.toBe('pending');
      expect(op.answer, `${who}: op ${op.op_id} keeps its answer`).not.toBeNull();
      const answer = JSON.parse(op.answer!) as { result: string; code?: string; message?: string };
      const onServer = processedById.get(op.op_id);
      expect(onServer, `${who}: op ${op.op_id} processed by the server`).toBeDefined();
      expect(onServer!.n, `${who}: op ${op.op_id} processed once`).toBe(1);
      expect(answer.result, `${who}: op ${op.op_id}: the server's first answer`).toBe(onServer!.result);
      if (op.state === 'rejected') {
        expect(answer.message, `${who}: rejected op ${op.op_id} has a reason`).toBeTruthy();
        expect(rejectedById.get(op.op_id)?.message, `${who}: rejected op ${op.op_id} recorded on the server`).toBeTruthy();
        expect(serverEventIds.has(op.op_id), `${who}: rejected op ${op.op_id} left no event on the server`).toBe(false);
      } else if (op.entity_type === 'appeal') {
        expect(op.state).toBe('sent');
        expect(serverEventIds.has(op.op_id), `${who}: applied op ${op.op_id} has its event on the server`).toBe(true);
      }
    }

    // A server event is an op's (its id is the op id). Another workstation's is here under that id;
    // this workstation's own op wrote its local event under an id of its own when it ran, so events
    // are also compared per appeal and type. A rejected op's local event stays (append-only) beside
    // the «rejected by the server» note.
    const ownOps = new Set(local.ops.map((o) => o.op_id));
    const localIds = new Set(local.events.map((e) => e.id));
    const key = (appealId: string, type: string) => `${appealId} ${type}`;
    const serverTypes = new Map<string, number>();
    const perAppealServer = new Map<string, number>();
    for (const e of events) {
      if (!ownOps.has(e.id)) expect(localIds.has(e.id), `${who}: server event ${e.id} (${e.type}) of another workstation is here`).toBe(true);
      count(serverTypes, key(e.appeal_id, e.type));
      count(perAppealServer, e.appeal_id);
    }
    const localTypes = new Map<string, number>();
    const perAppealLocal = new Map<string, number>();
    for (const e of local.events) {
      if (e.type === 'sync_rejected') continue;
      count(localTypes, key(e.appeal_id, e.type));
      count(perAppealLocal, e.appeal_id);
    }
    for (const [k, n] of serverTypes) expect(localTypes.get(k) ?? 0, `${who}: events ${k} here as on the server`).toBeGreaterThanOrEqual(n);
    const rejectedPerAppeal = new Map<string, number>();
    for (const op of local.ops) if (op.state === 'rejected' && op.entity_type === 'appeal') count(rejectedPerAppeal, op.entity_id);
    for (const a of appeals) {
      expect(perAppealLocal.get(a.id) ?? 0, `${who}: appeal ${a.id}: the server's events and this workstation's rejected ones`).toBe(
        (perAppealServer.get(a.id) ?? 0) + (rejectedPerAppeal.get(a.id) ?? 0),
      );
    }
  }
}
