import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINAL_STATUSES, STATUSES } from './appeal-vocabulary.js';
import { deadlineProgress, nextDeadline, pendingKinds, type DeadlinesOfAppeal, type ProgressEvent } from './deadline-progress.js';
import { DEADLINE_KINDS } from './deadline-rules.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 29, 6, 0);
const DEADLINES: DeadlinesOfAppeal = { reaction: T0 + H, check: T0 + 2 * H, resolution: T0 + 10 * H, feedback: T0 + 30 * H, answer: null };
const ev = (type: string, at: number, data: Record<string, unknown> = {}): ProgressEvent => ({ type, at, data });
const stateOf = (list: ReturnType<typeof deadlineProgress>, kind: string) => list.find((d) => d.kind === kind);

describe('the pending deadline', () => {
  it('follows the workflow: reaction while registered, then the check, then the resolution, then the call back', () => {
    expect(nextDeadline('registered', DEADLINES, false)).toEqual({ kind: 'reaction', at: T0 + H });
    expect(nextDeadline('transferred', DEADLINES, false)).toEqual({ kind: 'check', at: T0 + 2 * H });
    expect(nextDeadline('in_progress', DEADLINES, true)).toEqual({ kind: 'resolution', at: T0 + 10 * H });
    expect(nextDeadline('done_by_executor', DEADLINES, false)).toEqual({ kind: 'check', at: T0 + 2 * H });
    expect(nextDeadline('verified', DEADLINES, true)).toEqual({ kind: 'feedback', at: T0 + 30 * H });
    expect(nextDeadline('returned', DEADLINES, true)).toEqual({ kind: 'resolution', at: T0 + 10 * H });
    for (const s of FINAL_STATUSES) expect(nextDeadline(s, DEADLINES, false)).toBeNull();
  });

  it('is the earliest deadline among the kinds still to be done, and none of a kind that does not apply', () => {
    const at = fc.option(fc.integer({ min: T0, max: T0 + 1000 * H }), { nil: null });
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.boolean(), at, at, at, at, at, (status, checked, reaction, check, resolution, feedback, answer) => {
        const d = { reaction, check, resolution, feedback, answer };
        const next = nextDeadline(status, d, checked);
        const candidates = pendingKinds(status, checked).flatMap((k) => (d[k] === null ? [] : [d[k]]));
        if (candidates.length === 0) expect(next).toBeNull();
        else {
          expect(next?.at).toBe(Math.min(...candidates));
          expect(next && pendingKinds(status, checked)).toContain(next?.kind);
        }
      }),
    );
  });

  it('is what the card shows as pending or overdue: the earliest of those', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.boolean(), fc.integer({ min: T0 - 10 * H, max: T0 + 40 * H }), (status, checked, now) => {
        const events = checked ? [ev('verify', T0 + H)] : [];
        const open = deadlineProgress(status, DEADLINES, events, now).filter((p) => p.state === 'pending' || p.state === 'overdue');
        const next = nextDeadline(status, DEADLINES, checked);
        expect(next === null ? null : next.kind).toBe(open.length === 0 ? null : open.reduce((a, b) => (b.at < a.at ? b : a)).kind);
      }),
    );
  });
});

describe('the deadlines on the card', () => {
  it('says met or late by the event that did the step', () => {
    const events = [
      ev('registered', T0),
      ev('transfer', T0 + 30 * 60_000),
      ev('take_in_work', T0 + H),
      ev('mark_done', T0 + 12 * H, { doneAt: T0 + 9 * H }),
      ev('verify', T0 + 13 * H),
      ev('close', T0 + 31 * H),
    ];
    const list = deadlineProgress('closed', DEADLINES, events, T0 + 40 * H);
    expect(list.map((d) => d.kind)).toEqual(['reaction', 'check', 'resolution', 'feedback']);
    expect(stateOf(list, 'reaction')).toMatchObject({ state: 'met', doneAt: T0 + 30 * 60_000 });
    expect(stateOf(list, 'check')).toMatchObject({ state: 'late', doneAt: T0 + 13 * H });
    // The executor's own time of the work counts, not the moment it was recorded.
    expect(stateOf(list, 'resolution')).toMatchObject({ state: 'met', doneAt: T0 + 9 * H });
    expect(stateOf(list, 'feedback')).toMatchObject({ state: 'late', doneAt: T0 + 31 * H });
  });

  it('a step to be done is pending before its deadline and overdue after it', () => {
    expect(stateOf(deadlineProgress('registered', DEADLINES, [], T0 + H), 'reaction')?.state).toBe('pending');
    expect(stateOf(deadlineProgress('registered', DEADLINES, [], T0 + H + 1), 'reaction')?.state).toBe('overdue');
  });

  it('after a return for rework the resolution is to be done again; the reaction stays met', () => {
    const events = [ev('transfer', T0 + 10 * 60_000), ev('mark_done', T0 + 2 * H, { doneAt: T0 + 2 * H }), ev('return_for_rework', T0 + 3 * H)];
    const list = deadlineProgress('returned', DEADLINES, events, T0 + 11 * H);
    expect(stateOf(list, 'reaction')?.state).toBe('met');
    expect(stateOf(list, 'resolution')?.state).toBe('overdue');
  });

  it('a failed check meets the check deadline; a rejected appeal drops the steps not done', () => {
    const failed = deadlineProgress('in_progress', DEADLINES, [ev('transfer', T0), ev('verify_failed', T0 + H)], T0 + 3 * H);
    expect(stateOf(failed, 'check')).toMatchObject({ state: 'met', doneAt: T0 + H });
    const rejected = deadlineProgress('rejected', { ...DEADLINES, answer: T0 + 700 * H }, [ev('reject', T0 + 20 * 60_000)], T0 + 3 * H);
    expect(stateOf(rejected, 'reaction')?.state).toBe('dropped');
    expect(stateOf(rejected, 'answer')).toMatchObject({ state: 'met', doneAt: T0 + 20 * 60_000 });
  });

  it('an appeal loaded without its history shows the steps its status has passed as done', () => {
    const list = deadlineProgress('verified', DEADLINES, [ev('registered', T0)], T0 + 40 * H);
    expect(list.map((d) => d.state)).toEqual(['done', 'done', 'done', 'overdue']);
  });

  it('lists only the kinds that apply, in the order of the kinds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.subarray([...DEADLINE_KINDS]), (status, kinds) => {
        const d = Object.fromEntries(DEADLINE_KINDS.map((k, i) => [k, kinds.includes(k) ? T0 + i * H : null])) as DeadlinesOfAppeal;
        expect(deadlineProgress(status, d, [], T0).map((p) => p.kind)).toEqual(kinds);
      }),
    );
  });
});
