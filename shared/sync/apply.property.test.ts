// Properties of the reducer over random offline work: several workstations take the appeal through
// the workflow on their own (each checked by its own replica, as the real client does), then their
// ops reach the server in every interleaving that keeps each device's order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hlcTick, formatHlc, type HlcState } from '../domain/hlc.js';
import { availableActions } from '../domain/workflow.js';
import {
  applyAppealOp,
  applyIncidentOp,
  compareEvents,
  convergentPart,
  openConflicts,
  type AppealRecord,
  type ApplyResult,
  type ConflictRecord,
  type IncidentRecord,
  type SyncEvent,
} from './apply.js';
import type { OpCommand } from './op.js';
import type { Actor } from '../domain/roles.js';
import { makeOp, CONTROLLER, CTX, DEPARTMENT, DEVICE, nextOpId, OPERATOR, PAYLOADS, registered, T0 } from './test-ops.js';

type Op = ReturnType<typeof makeOp>;

interface DeviceScript {
  readonly node: string;
  readonly actor: Actor;
  readonly steps: readonly { readonly choice: number; readonly executor: number; readonly advanceMs: number }[];
}

const deviceScript = fc.record({
  node: fc.constantFrom('AAAA', 'BBBB'),
  // The Department only returns work; a district's staff do the rest.
  actor: fc.constantFrom(CONTROLLER, CONTROLLER, OPERATOR, DEPARTMENT),
  steps: fc.array(fc.record({ choice: fc.nat(), executor: fc.nat({ max: 2 }), advanceMs: fc.constantFrom(0, 0, 1, 1000, 60_000) }), { minLength: 1, maxLength: 5 }),
});

function payloadFor(command: OpCommand, executor: number): Record<string, unknown> {
  switch (command) {
    case 'log_call':
      return { direction: 'to_applicant', result: 'no_answer', note: '', at: T0 + 60_000 };
    case 'attach_repeated_call':
      return { applicantName: 'Сосед', applicantPhone: '', flat: '16', channel: 'district_hotline', note: '' };
    case 'transfer':
      return PAYLOADS.transfer(`uk-${executor + 1}`);
    default:
      return PAYLOADS[command as Exclude<keyof typeof PAYLOADS, 'transfer'>]();
  }
}

/**
 * Where every workstation starts: the appeal just registered, or already done by the executor
 * (pulled by all at version 4), so that checking, closing and the Department's return come into play.
 */
function base(kind: 'registered' | 'done'): AppealRecord {
  let record = registered();
  if (kind === 'registered') return record;
  const steps: [OpCommand, Record<string, unknown>][] = [
    ['transfer', PAYLOADS.transfer()],
    ['take_in_work', PAYLOADS.take_in_work()],
    ['mark_done', PAYLOADS.mark_done()],
  ];
  steps.forEach(([command, payload], i) => {
    const op = makeOp(command, payload, { deviceId: DEVICE.registrar, deviceSeq: i + 2, hlc: formatHlc({ wallMs: T0 + (i + 1) * 1000, counter: 0, node: 'REGI' }), opId: `019ac5a0-0000-7000-8000-0000000fff0${i}` });
    const r = applyAppealOp(record, op, CONTROLLER, CTX);
    if (r.kind !== 'applied') throw new Error(JSON.stringify(r));
    record = r.record;
  });
  return record;
}
const baseKind = fc.constantFrom<'registered' | 'done'>('registered', 'done');

/** Each op's author, as the server resolves `userId`. */
const authors = new Map<string, Actor>();

/** One workstation's offline work: each op checked and applied on its own replica first, as the client does. */
/**
 * The server-base mode writes the version pulled as `baseVersion`, as docs/sync-protocol.md §6 asks;
 * the annotated mode writes the local version, as the core does today, and the push adds
 * `seenServerSeq` (the position pulled: before any of these ops).
 */
type BaseMode = 'server-base' | 'annotated';
const baseMode = fc.constantFrom<BaseMode>('server-base', 'annotated');
const PULLED_SEQ = 50;

function offlineWork(
  deviceId: string,
  script: DeviceScript,
  start: AppealRecord = registered(),
  mode: BaseMode = 'server-base',
): { ops: Op[]; local: ApplyResult<AppealRecord>[] } {
  let replica = start;
  let clock: HlcState = { wallMs: T0 + 60_000, counter: 0, node: script.node };
  const ops: Op[] = [];
  const local: ApplyResult<AppealRecord>[] = [];
  script.steps.forEach((step, i) => {
    const state = { id: replica.id, status: replica.fields.status, district: replica.fields.district };
    const options: OpCommand[] = [...availableActions(state, script.actor), 'log_call', 'attach_repeated_call'];
    const command = options[step.choice % options.length] as OpCommand;
    clock = hlcTick(clock, clock.wallMs + step.advanceMs);
    const made = makeOp(command, payloadFor(command, step.executor), {
      deviceId,
      deviceSeq: i + 1,
      hlc: formatHlc(clock),
      opId: nextOpId(),
      userId: script.actor.userId,
      baseVersion: mode === 'server-base' ? start.version : replica.version,
    });
    const op = mode === 'server-base' ? made : { ...made, seenServerSeq: PULLED_SEQ };
    authors.set(op.opId, script.actor);
    const r = applyAppealOp(replica, op, script.actor, CTX);
    if (r.kind !== 'applied' && r.kind !== 'merged') throw new Error(`the workstation refused its own op: ${JSON.stringify(r)}`);
    replica = r.record;
    ops.push(op);
    local.push(r);
  });
  return { ops, local };
}

/** Interleaves the devices' ops by random keys, keeping each device's order. */
function interleave(perDevice: readonly Op[][], keys: readonly number[]): Op[] {
  const heads = perDevice.map(() => 0);
  const out: Op[] = [];
  let k = 0;
  for (;;) {
    const ready = perDevice.map((ops, d) => (heads[d]! < ops.length ? d : -1)).filter((d) => d >= 0);
    if (ready.length === 0) return out;
    const d = ready[(keys[k++ % keys.length] ?? 0) % ready.length]!;
    out.push(perDevice[d]![heads[d]!]!);
    heads[d]! += 1;
  }
}

interface ServerRun {
  readonly record: AppealRecord;
  readonly events: SyncEvent[];
  readonly conflicts: ConflictRecord[];
  readonly kinds: string[];
}

function serve(ops: readonly Op[], start: AppealRecord = registered()): ServerRun {
  let serverSeq = PULLED_SEQ;
  let record = start;
  const events: SyncEvent[] = [];
  const conflicts: ConflictRecord[] = [];
  const kinds: string[] = [];
  for (const op of ops) {
    // The server numbers only what it accepts.
    const r = applyAppealOp(record, op, authors.get(op.opId) ?? CONTROLLER, { ...CTX, serverSeq: serverSeq + 1 });
    if (r.kind === 'applied' || r.kind === 'merged') serverSeq += 1;
    kinds.push(r.kind);
    if (r.kind === 'applied' || r.kind === 'merged') {
      record = r.record;
      events.push(...r.events);
      if (r.kind === 'merged') conflicts.push(...r.conflicts);
    }
  }
  return { record, events: [...events].sort(compareEvents), conflicts, kinds };
}

const devices = [DEVICE.a, DEVICE.b, DEVICE.c];
const keys = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 30 });

describe('the reducer over concurrent offline work', () => {
  it('converges: every interleaving of the same ops ends in the same record, events and open conflicts', () => {
    fc.assert(
      fc.property(baseKind, baseMode, fc.array(deviceScript, { minLength: 2, maxLength: 3 }), keys, keys, (kind, mode, scripts, k1, k2) => {
        const start = base(kind);
        const perDevice = scripts.map((s, i) => offlineWork(devices[i]!, s, start, mode).ops);
        const one = serve(interleave(perDevice, k1), start);
        const two = serve(interleave(perDevice, k2), start);
        const sequential = serve(perDevice.flat(), start);
        for (const other of [two, sequential]) {
          expect(convergentPart(other.record)).toEqual(convergentPart(one.record));
          expect(other.events).toEqual(one.events);
          expect(openConflicts(other.record).map((c) => [c.field, c.loser.stamp.opId])).toEqual(openConflicts(one.record).map((c) => [c.field, c.loser.stamp.opId]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('loses nothing: every op is accepted and appends exactly its one event', () => {
    fc.assert(
      fc.property(baseKind, baseMode, fc.array(deviceScript, { minLength: 2, maxLength: 3 }), keys, (kind, mode, scripts, k) => {
        const start = base(kind);
        const ops = interleave(scripts.map((s, i) => offlineWork(devices[i]!, s, start, mode).ops), k);
        const run = serve(ops, start);
        expect(run.kinds.every((r) => r === 'applied' || r === 'merged')).toBe(true);
        expect(run.events.map((e) => e.id).sort()).toEqual(ops.map((o) => o.opId).sort());
        expect(run.record.version).toBe(start.version + ops.length);
      }),
      { numRuns: 200 },
    );
  });

  it('is idempotent: a retried op, anywhere, is a duplicate and changes nothing', () => {
    fc.assert(
      fc.property(baseKind, fc.array(deviceScript, { minLength: 2, maxLength: 3 }), keys, fc.nat(), (kind, scripts, k, which) => {
        const start = base(kind);
        const ops = interleave(scripts.map((s, i) => offlineWork(devices[i]!, s, start).ops), k);
        const at = which % ops.length;
        // A push retried after a lost answer: the op arrives again right after itself.
        const retried = [...ops.slice(0, at + 1), ops[at]!, ...ops.slice(at + 1)];
        const once = serve(ops, start);
        const twice = serve(retried, start);
        expect(twice.kinds[at + 1]).toBe('duplicate');
        expect(twice.record).toEqual(once.record);
        expect(twice.events).toEqual(once.events);
        for (const op of ops) expect(applyAppealOp(once.record, op, authors.get(op.opId) ?? CONTROLLER, CTX)).toEqual({ kind: 'duplicate' });
      }),
      { numRuns: 200 },
    );
  });

  it('records a conflict exactly when both sides changed a field to different values', () => {
    const oneStep = fc.record({
      node: fc.constantFrom('AAAA', 'BBBB'),
      actor: fc.constant(CONTROLLER),
      steps: fc.tuple(fc.record({ choice: fc.nat(), executor: fc.nat({ max: 2 }), advanceMs: fc.constantFrom(0, 1, 60_000) })),
    });
    fc.assert(
      fc.property(oneStep, oneStep, fc.boolean(), (sa, sb, aFirst) => {
        const a = offlineWork(DEVICE.a, sa);
        const b = offlineWork(DEVICE.b, sb);
        const ra = a.local[0]!;
        const rb = b.local[0]!;
        if (ra.kind !== 'applied' || rb.kind !== 'applied') throw new Error('a first op on a fresh replica is applied');
        const both = ra.changed.filter((f) => rb.changed.includes(f));
        const differing = both.filter((f) => ra.record.fields[f as 'status'] !== rb.record.fields[f as 'status']).sort();
        const run = serve(aFirst ? [...a.ops, ...b.ops] : [...b.ops, ...a.ops]);
        expect(run.conflicts.map((c) => c.field).sort()).toEqual(differing);
        expect(openConflicts(run.record).map((c) => c.field).sort()).toEqual(differing);
      }),
      { numRuns: 300 },
    );
  });

  it('a workstation that pulls and replays its pending ops sees what the server will hold after its push', () => {
    fc.assert(
      fc.property(baseKind, deviceScript, deviceScript, fc.nat(), keys, (kind, mine, theirs, acked, k) => {
        const start = base(kind);
        const own = offlineWork(DEVICE.a, mine, start).ops;
        const other = offlineWork(DEVICE.b, theirs, start).ops;
        // Some of this workstation's ops reached the server but their answer was lost; they are still pending here.
        const reached = own.slice(0, acked % (own.length + 1));
        const pulled = serve(interleave([reached, other], k), start).record;
        const replayed = serve(own, pulled);
        expect(replayed.kinds.slice(0, reached.length).every((r) => r === 'duplicate')).toBe(true);
        const afterPush = serve(own.slice(reached.length), pulled);
        expect(replayed.record).toEqual(afterPush.record);
        expect(convergentPart(afterPush.record)).toEqual(convergentPart(serve([...reached, ...other, ...own.slice(reached.length)], start).record));
      }),
      { numRuns: 200 },
    );
  });

  it('incidents converge too: concurrent edits of different fields merge, of the same field one wins', () => {
    const incidentId = '019ac5a0-0000-7000-8000-0000000000ff';
    const created = (): IncidentRecord => {
      const r = applyIncidentOp(
        null,
        makeOp('create_incident', { number: 'И-7KQ2-1', scope: 'buildings', heatSourceId: null, cause: 'Порыв', startedAt: T0, plannedRestoreAt: null, buildingIds: ['b-1'] }, {
          deviceId: DEVICE.registrar,
          deviceSeq: 1,
          hlc: formatHlc({ wallMs: T0, counter: 0, node: 'REGI' }),
          baseVersion: 0,
          entityId: incidentId,
          entityType: 'incident',
          opId: '019ac5a0-0000-7000-8000-00000000eee0',
        }),
        CONTROLLER,
        { ...CTX, incidentDistricts: ['Октябрьский'] },
      );
      if (r.kind !== 'applied') throw new Error(JSON.stringify(r));
      return r.record;
    };
    const step = fc.record({ restore: fc.boolean(), cause: fc.constantFrom('Порыв', 'Порыв на магистрали', 'Ремонт'), planned: fc.constantFrom(null, T0 + 3_600_000, T0 + 7_200_000), advanceMs: fc.constantFrom(0, 1, 60_000) });
    const script = fc.record({ node: fc.constantFrom('AAAA', 'BBBB'), steps: fc.array(step, { minLength: 1, maxLength: 4 }) });
    const work = (deviceId: string, sc: { node: string; steps: { restore: boolean; cause: string; planned: number | null; advanceMs: number }[] }) => {
      let replica = created();
      let clock: HlcState = { wallMs: T0 + 60_000, counter: 0, node: sc.node };
      const ops: ReturnType<typeof makeOp>[] = [];
      sc.steps.forEach((st) => {
        if (replica.fields.restoredAt !== null) return;
        clock = hlcTick(clock, clock.wallMs + st.advanceMs);
        const o = makeOp(
          st.restore ? 'restore_incident' : 'update_incident',
          st.restore
            ? { restoredAt: clock.wallMs }
            : { cause: st.cause, plannedRestoreAt: st.planned, before: { cause: replica.fields.cause, plannedRestoreAt: replica.fields.plannedRestoreAt } },
          { deviceId, deviceSeq: ops.length + 1, hlc: formatHlc(clock), opId: nextOpId(), entityId: incidentId, entityType: 'incident' },
        );
        const r = applyIncidentOp(replica, o, CONTROLLER, CTX);
        if (r.kind !== 'applied' && r.kind !== 'merged') throw new Error(JSON.stringify(r));
        replica = r.record;
        ops.push(o);
      });
      return ops;
    };
    const run = (ops: readonly ReturnType<typeof makeOp>[]) => {
      let record = created();
      for (const o of ops) {
        const r = applyIncidentOp(record, o, CONTROLLER, CTX);
        expect(r.kind === 'applied' || r.kind === 'merged').toBe(true);
        if (r.kind === 'applied' || r.kind === 'merged') record = r.record;
      }
      return record;
    };
    fc.assert(
      fc.property(fc.array(script, { minLength: 2, maxLength: 3 }), keys, keys, (scripts, k1, k2) => {
        const perDevice = scripts.map((sc, i) => work(devices[i]!, sc));
        const one = run(interleave(perDevice, k1));
        const two = run(interleave(perDevice, k2));
        expect(convergentPart(two)).toEqual(convergentPart(one));
      }),
      { numRuns: 200 },
    );
  });
});
