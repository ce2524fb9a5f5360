// Test helper: a small in-memory central endpoint for the sync engine, built on the same pure rules
// the real server uses (shared/sync: the one reducer, push order, answers, cursors, official
// numbers). It stands in until the real sync routes land in server/; it can lose the answer of a
// request after doing the work, as a dropped connection would.
import type { District } from '../../../shared/domain/districts.js';
import type { Actor } from '../../../shared/domain/roles.js';
import { samaraYear } from '../../../shared/domain/samara-time.js';
import { checkClientClock, checkOpClock } from '../../../shared/sync/clock-skew.js';
import { answerOf, conflictId, duplicateOf } from '../../../shared/sync/answers.js';
import { applyAppealOp, applyIncidentOp, type AppealRecord, type ApplyResult, type IncidentRecord } from '../../../shared/sync/apply.js';
import { officialNumber } from '../../../shared/sync/official-number.js';
import { planPush } from '../../../shared/sync/push-order.js';
import type { Change, OpAnswer, PullResponse, PushResponse, SnapshotPage } from '../../../shared/sync/protocol.js';
import { checkCursor, encodeCursor, inScope, type ChangeScope } from '../../../shared/sync/scope.js';
import type { PushOp } from '../repositories/sync.js';
import { OFFLINE_ACTION, OFFLINE_MESSAGE, SyncRequestError, type PushBody, type SyncTransport } from '../sync/sync-client.js';

type FirstAnswer = Exclude<OpAnswer, { result: 'duplicate' }>;

interface LogEntry {
  readonly change: Change;
  readonly scope: ChangeScope;
}

export interface FakeReference {
  readonly organisations: readonly { id: string; kind: string; name: string }[];
  readonly buildings: readonly { id: string; district: District; address: string; managementOrgId: string | null }[];
}

export class FakeSyncServer {
  private seq = 0;
  private numbers = 0;
  private readonly log: LogEntry[] = [];
  private readonly appeals = new Map<string, AppealRecord>();
  private readonly incidents = new Map<string, IncidentRecord>();
  private readonly answers = new Map<string, Map<number, FirstAnswer>>();
  /** Requests whose answer is lost after the work is done (push, pull or snapshot). */
  private dropAnswers: { push: number; pull: number } = { push: 0, pull: 0 };
  /** 'unreachable': nothing answers (connection refused); 'failing': it answers 503. */
  down: false | true | 'failing' = false;
  pushes = 0;
  /** The page token of every snapshot request, in order (null: a fresh start). */
  readonly snapshotRequests: (string | null)[] = [];

  constructor(
    private readonly reference: FakeReference,
    private readonly now: () => number,
  ) {
    for (const o of reference.organisations) this.append({ serverSeq: 0, entityType: 'organisation', id: o.id, version: 1, data: { ...o } }, { kind: 'reference' });
    for (const b of reference.buildings) this.append({ serverSeq: 0, entityType: 'building', id: b.id, version: 1, data: { ...b } }, { kind: 'reference' });
  }

  /** The next `n` pushes (or pulls) are done but their answers are lost. */
  dropNext(kind: 'push' | 'pull', n = 1): void {
    this.dropAnswers[kind] += n;
  }

  appeal(id: string): AppealRecord | undefined {
    return this.appeals.get(id);
  }

  /** A workstation's connection: its user and device. */
  transport(caller: Actor, deviceId: string): SyncTransport {
    const guard = () => {
      if (this.down === 'failing') throw new SyncRequestError('offline', OFFLINE_MESSAGE, OFFLINE_ACTION);
      if (this.down) throw new SyncRequestError('offline', OFFLINE_MESSAGE, OFFLINE_ACTION, null, true);
    };
    return {
      push: (body) => {
        guard();
        const answer = this.push(caller, deviceId, body);
        if (this.dropAnswers.push > 0) {
          this.dropAnswers.push--;
          return Promise.reject(new SyncRequestError('offline', OFFLINE_MESSAGE, OFFLINE_ACTION));
        }
        return Promise.resolve(answer);
      },
      pull: (body) => {
        guard();
        const answer = this.pull(caller, body.cursor, body.limit);
        if (this.dropAnswers.pull > 0) {
          this.dropAnswers.pull--;
          return Promise.reject(new SyncRequestError('offline', OFFLINE_MESSAGE, OFFLINE_ACTION));
        }
        return Promise.resolve(answer);
      },
      snapshot: (body) => {
        guard();
        this.snapshotRequests.push(body.pageToken);
        return Promise.resolve(this.snapshot(caller, body.pageToken, body.limit));
      },
    };
  }

  private append(change: Change, scope: ChangeScope): number {
    const serverSeq = ++this.seq;
    this.log.push({ change: { ...change, serverSeq } as Change, scope });
    return serverSeq;
  }

  push(caller: Actor, deviceId: string, body: PushBody): PushResponse {
    this.pushes++;
    if (body.deviceId !== deviceId) throw new SyncRequestError('refused', 'Операции другого рабочего места', 'Войдите заново.', 'device_mismatch');
    for (const check of [checkClientClock(body.clientNow, this.now()), ...body.ops.map((op) => checkOpClock(op.hlc, this.now()))]) {
      if (!check.ok) throw new SyncRequestError('refused', check.message, check.userAction, check.code);
    }
    const answered = this.answers.get(deviceId) ?? new Map<number, FirstAnswer>();
    this.answers.set(deviceId, answered);
    const last = Math.max(0, ...answered.keys());
    const plan = planPush(body.ops, { lastDeviceSeq: last, opIdAt: (s) => answered.get(s)?.opId });
    if (!plan.ok) throw new SyncRequestError('refused', plan.error.message, plan.error.userAction, plan.error.code);
    const results: OpAnswer[] = plan.duplicates.map((op) => duplicateOf(answered.get(op.deviceSeq)!));
    for (const op of plan.fresh) {
      const first = this.applyOne(caller, op);
      answered.set(op.deviceSeq, first);
      results.push(first);
    }
    return { results, lastDeviceSeq: Math.max(0, ...answered.keys()), serverSeq: this.seq, serverNow: this.now() };
  }

  private applyOne(caller: Actor, op: PushOp): FirstAnswer {
    const serverSeq = this.seq + 1;
    const ctx = { nowMs: this.now(), serverSeq, organisationExists: (id: string) => this.reference.organisations.some((o) => o.id === id) };
    if (op.entityType === 'appeal') {
      const record = this.appeals.get(op.entityId) ?? null;
      let number: string | null = null;
      let building: { id: string; district: District } | null | undefined;
      if (op.command === 'register_appeal' && !record) {
        const payload = op.payload as { buildingId: string; receivedAt: number };
        building = this.reference.buildings.find((b) => b.id === payload.buildingId) ?? null;
        if (building) number = officialNumber(samaraYear(payload.receivedAt), building.district, this.numbers + 1);
      }
      const result = applyAppealOp(record, op, caller, { ...ctx, building, officialNumber: number });
      if (result.kind === 'duplicate') throw new Error('the answers table should have caught a duplicate');
      if (result.kind !== 'rejected') {
        if (number) this.numbers++;
        this.appeals.set(op.entityId, result.record);
        this.record('appeal', result, { kind: 'district', district: result.record.fields.district });
      }
      return answerOf(op, result, serverSeq, result.kind === 'rejected' ? null : number);
    }
    const record = this.incidents.get(op.entityId) ?? null;
    const result = applyIncidentOp(record, op, caller, ctx);
    if (result.kind === 'duplicate') throw new Error('the answers table should have caught a duplicate');
    if (result.kind !== 'rejected') {
      this.incidents.set(op.entityId, result.record);
      this.record('incident', result, { kind: 'districts', districts: result.record.districts });
    }
    return answerOf(op, result, serverSeq);
  }

  private record(type: 'appeal' | 'incident', result: Exclude<ApplyResult<AppealRecord | IncidentRecord>, { kind: 'rejected' | 'duplicate' }>, scope: ChangeScope): void {
    const r = result.record;
    const data = type === 'appeal' ? { ...(r as AppealRecord), personalDataHidden: false } : r;
    this.append({ serverSeq: 0, entityType: type, id: r.id, version: r.version, data } as Change, scope);
    for (const e of result.events) {
      this.append({ serverSeq: 0, entityType: type === 'appeal' ? 'appeal_event' : 'incident_event', id: e.id, version: 1, data: { ...e } } as Change, scope);
    }
    if (result.kind === 'merged') {
      for (const c of result.conflicts) {
        this.append({ serverSeq: 0, entityType: 'conflict', id: conflictId(c), version: 1, data: { ...c, id: conflictId(c), detectedAt: this.now(), reviewedBy: null, reviewedAt: null } }, scope);
      }
    }
  }

  pull(caller: Actor, cursor: string, limit: number): PullResponse {
    const check = checkCursor(cursor, caller, 1, this.seq);
    if (!check.ok) return { changes: [], nextCursor: cursor, hasMore: false, mustRefetch: { reason: check.reason, message: check.message } };
    const after = this.log.filter((e) => e.change.serverSeq > check.serverSeq && inScope(caller, e.scope));
    const page = after.slice(0, limit);
    const lastSeq = page.length < after.length ? (page[page.length - 1]?.change.serverSeq ?? check.serverSeq) : this.seq;
    return { changes: page.map((e) => e.change), nextCursor: encodeCursor(lastSeq, caller), hasMore: page.length < after.length, mustRefetch: null };
  }

  /**
   * The scope's latest version of everything, `limit` items a page; the page token holds the
   * snapshot's position and the offset (a simplification of scope.ts's tokens).
   */
  snapshot(caller: Actor, pageToken: string | null, limit: number): SnapshotPage {
    const [at, offset] = pageToken ? pageToken.split(':').map(Number) as [number, number] : [this.seq, 0];
    const latest = new Map<string, Change>();
    for (const e of this.log) {
      if (e.change.serverSeq <= at && inScope(caller, e.scope)) latest.set(`${e.change.entityType}:${e.change.id}`, e.change);
    }
    const all = [...latest.values()];
    const items = all.slice(offset, offset + limit);
    const next = offset + limit < all.length ? `${at}:${offset + limit}` : null;
    const pages = Math.max(1, Math.ceil(all.length / limit));
    return { cursor: encodeCursor(at, caller), section: 'conflicts', items, nextPageToken: next, progress: { sectionsDone: Math.min(pages, offset / limit + 1), sections: pages } };
  }
}
