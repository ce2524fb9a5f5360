// Properties of the reducer over random offline work: several workstations take the appeal through
// the workflow on their own (each checked by its own replica, as the real client does), then their
// ops reach the server in every interleaving that keeps each device's order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hlcTick, formatHlc, type HlcState } from '../domain/hlc.js';
import { availableActions } from '../domain/workflow.js';
import {
  applyAppealOp,
  compareEvents,
  convergentPart,
  openConflicts,
  type AppealRecord,
  type ApplyResult,
  type ConflictRecord,
  type SyncEvent,
} from './apply.js';
import type { OpCommand } from './op.js';
import { appealOp, CONTROLLER, CTX, DEVICE, nextOpId, PAYLOADS, registered, T0 } from './test-ops.js';

type Op = ReturnType<typeof appealOp>;

interface DeviceScript {
  readonly node: string;
  readonly steps: readonly { readonly choice: number; readonly executor: number; readonly advanceMs: number }[];
}

const deviceScript = fc.record({
  node: fc.constantFrom('AAAA', 'BBBB'),
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

/** One workstation's offline work: each op checked and applied on its own replica first, as the client does. */
function offlineWork(deviceId: string, script: DeviceScript): { ops: Op[]; local: ApplyResult<AppealRecord>[] } {
  let replica = registered();
  let clock: HlcState = { wallMs: T0 + 60_000, counter: 0, node: script.node };
  const ops: Op[] = [];
  const local: ApplyResult<AppealRecord>[] = [];
  script.steps.forEach((step, i) => {
    const state = { id: replica.id, status: replica.fields.status, district: replica.fields.district };
    const options: OpCommand[] = [...availableActions(state, CONTROLLER), 'log_call', 'attach_repeated_call'];
    const command = options[step.choice % options.length] as OpCommand;
    clock = hlcTick(clock, clock.wallMs + step.advanceMs);
    const op = appealOp(command, payloadFor(command, step.executor), { deviceId, deviceSeq: i + 1, hlc: formatHlc(clock), opId: nextOpId() });
    const r = applyAppealOp(replica, op, CONTROLLER, CTX);
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
  let record = start;
  const events: SyncEvent[] = [];
  const conflicts: ConflictRecord[] = [];
  const kinds: string[] = [];
  for (const op of ops) {
    const r = applyAppealOp(record, op, CONTROLLER, CTX);
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
      fc.property(fc.array(deviceScript, { minLength: 2, maxLength: 3 }), keys, keys, (scripts, k1, k2) => {
        const perDevice = scripts.map((s, i) => offlineWork(devices[i]!, s).ops);
        const one = serve(interleave(perDevice, k1));
        const two = serve(interleave(perDevice, k2));
        const sequential = serve(perDevice.flat());
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
      fc.property(fc.array(deviceScript, { minLength: 2, maxLength: 3 }), keys, (scripts, k) => {
        const ops = interleave(scripts.map((s, i) => offlineWork(devices[i]!, s).ops), k);
        const run = serve(ops);
        expect(run.kinds.every((kind) => kind === 'applied' || kind === 'merged')).toBe(true);
        expect(run.events.map((e) => e.id).sort()).toEqual(ops.map((o) => o.opId).sort());
        expect(run.record.version).toBe(1 + ops.length);
      }),
      { numRuns: 200 },
    );
  });

  it('is idempotent: a retried op, anywhere, is a duplicate and changes nothing', () => {
    fc.assert(
      fc.property(fc.array(deviceScript, { minLength: 2, maxLength: 3 }), keys, fc.nat(), (scripts, k, which) => {
        const ops = interleave(scripts.map((s, i) => offlineWork(devices[i]!, s).ops), k);
        const at = which % ops.length;
        // A push retried after a lost answer: the op arrives again right after itself.
        const retried = [...ops.slice(0, at + 1), ops[at]!, ...ops.slice(at + 1)];
        const once = serve(ops);
        const twice = serve(retried);
        expect(twice.kinds[at + 1]).toBe('duplicate');
        expect(twice.record).toEqual(once.record);
        expect(twice.events).toEqual(once.events);
        for (const op of ops) expect(applyAppealOp(once.record, op, CONTROLLER, CTX)).toEqual({ kind: 'duplicate' });
      }),
      { numRuns: 200 },
    );
  });

  it('records a conflict exactly when both sides changed a field to different values', () => {
    const oneStep = fc.record({
      node: fc.constantFrom('AAAA', 'BBBB'),
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
});
