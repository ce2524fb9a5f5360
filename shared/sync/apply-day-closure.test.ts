// «Закрыть день» through the sync reducer: carrying an appeal over, signing a district's day,
// the Department's return, replays, concurrency, and the refusals with their rules.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/roles.js';
import { applyAppealOp, type AppealRecord } from './apply.js';
import { applyDayClosureOp, dayClosureId, type DayClosureRecord } from './apply-day-closure.js';
import { dayClosureRecordSchema } from './protocol.js';
import { CONTROLLER, CTX, DEPARTMENT, DEVICE, hlc, makeOp, OPERATOR, registered, T0 } from './test-ops.js';

const DEPUTY: Actor = { userId: 'Зам', role: 'deputy_head', district: 'Октябрьский' };
const OTHER_DEPUTY: Actor = { userId: 'Зам2', role: 'deputy_head', district: 'Ленинский' };
const DAY = '2026-11-29';
const ID = dayClosureId('Октябрьский', DAY);
const FIGURES = { received: 12, closed: 7, open: 30, overdue: 2 };
const MIN = 60_000;

const sign = (seq: number, at: number, over: { device?: string; userId?: string; comment?: string; day?: string; entityId?: string; baseVersion?: number } = {}) =>
  makeOp('sign_day', { district: 'Октябрьский', day: over.day ?? DAY, comment: over.comment ?? '', figures: FIGURES, carriedOver: 3 }, {
    deviceSeq: seq,
    hlc: hlc(at),
    entityType: 'day_closure',
    entityId: over.entityId ?? ID,
    deviceId: over.device ?? DEVICE.a,
    userId: over.userId ?? DEPUTY.userId,
    baseVersion: over.baseVersion ?? 0,
  });

const giveBack = (seq: number, at: number, reason = 'Не перенесены аварийные', device: string = DEVICE.c) =>
  makeOp('return_day', { reason }, { deviceSeq: seq, hlc: hlc(at), entityType: 'day_closure', entityId: ID, deviceId: device, userId: DEPARTMENT.userId, baseVersion: 1 });

function applied(result: ReturnType<typeof applyDayClosureOp>): DayClosureRecord {
  if (result.kind !== 'applied' && result.kind !== 'merged') throw new Error(`not applied: ${JSON.stringify(result)}`);
  return result.record;
}

describe('carrying an appeal over (appeal op carry_over)', () => {
  const carry = (payload: Record<string, unknown>, seq = 2) => makeOp('carry_over', payload, { deviceSeq: seq, hlc: hlc(T0 + MIN) });

  it('appends an event and moves nothing', () => {
    const record = registered();
    const result = applyAppealOp(record, carry({ day: DAY, reason: 'Ждём подрядчика', controlDate: '2026-12-02' }), CONTROLLER, CTX);
    expect(result.kind).toBe('applied');
    if (result.kind !== 'applied') return;
    expect(result.record.fields).toEqual(record.fields);
    expect(result.events).toEqual([expect.objectContaining({ type: 'carried_over', data: { day: DAY, reason: 'Ждём подрядчика', controlDate: '2026-12-02' } })]);
  });

  it('is refused to an operator, to another district, and without a later control date', () => {
    const record: AppealRecord = registered();
    expect(applyAppealOp(record, carry({ day: DAY, reason: 'Ждём', controlDate: '2026-12-02' }), OPERATOR, CTX)).toMatchObject({ kind: 'rejected', code: 'role' });
    expect(applyAppealOp(record, carry({ day: DAY, reason: 'Ждём', controlDate: '2026-12-02' }), OTHER_DEPUTY, CTX)).toMatchObject({ kind: 'rejected', code: 'district' });
    expect(applyAppealOp(record, carry({ day: DAY, reason: 'Ждём', controlDate: DAY }), CONTROLLER, CTX)).toMatchObject({
      kind: 'rejected',
      code: 'control_date',
      userAction: expect.stringContaining('контрольную дату'),
    });
    expect(applyAppealOp(record, carry({ day: DAY, reason: '', controlDate: '2026-12-02' }), CONTROLLER, CTX)).toMatchObject({ kind: 'rejected', code: 'invalid_op' });
  });
});

describe('a district’s day (day_closure)', () => {
  it('the deputy head signs it: the figures as they were, who, when, a comment; a replay changes nothing', () => {
    const op = sign(1, T0, { comment: 'Всё отработано' });
    const record = applied(applyDayClosureOp(null, op, DEPUTY, CTX));
    expect(record).toMatchObject({ id: ID, district: 'Октябрьский', day: DAY, version: 1 });
    expect(record.fields).toMatchObject({ state: 'signed', comment: 'Всё отработано', signedBy: 'Зам', signedAt: T0, carriedOver: 3, returnReason: null });
    expect(JSON.parse(record.fields.figures)).toEqual(FIGURES);
    expect(record.history).toEqual([expect.objectContaining({ type: 'signed', by: 'Зам', figures: FIGURES })]);
    expect(applyDayClosureOp(record, op, DEPUTY, CTX)).toEqual({ kind: 'duplicate' });
    // What the server sends in a pull.
    expect(dayClosureRecordSchema.safeParse(record).success).toBe(true);
  });

  it('a signed day is read-only to whoever saw it signed; the Department returns it with a reason; then it is signed again', () => {
    const signed = applied(applyDayClosureOp(null, sign(1, T0), DEPUTY, CTX));
    expect(applyDayClosureOp(signed, sign(2, T0 + MIN, { baseVersion: 1 }), DEPUTY, CTX)).toMatchObject({ kind: 'rejected', code: 'already_signed' });
    expect(applyDayClosureOp(signed, giveBack(1, T0 + 2 * MIN, ' '), DEPARTMENT, CTX)).toMatchObject({ kind: 'rejected', code: 'reason_required' });
    expect(applyDayClosureOp(signed, giveBack(1, T0 + 2 * MIN), DEPUTY, CTX)).toMatchObject({ kind: 'rejected', code: 'role' });
    const returned = applied(applyDayClosureOp(signed, giveBack(1, T0 + 2 * MIN), DEPARTMENT, CTX));
    expect(returned.fields).toMatchObject({ state: 'returned', returnReason: 'Не перенесены аварийные', returnedBy: DEPARTMENT.userId, signedBy: 'Зам' });
    const again = applied(applyDayClosureOp(returned, sign(2, T0 + 3 * MIN, { comment: 'Перенесли аварийные', baseVersion: 2 }), DEPUTY, CTX));
    expect(again.fields).toMatchObject({ state: 'signed', comment: 'Перенесли аварийные' });
    expect(again.history.map((e) => e.type)).toEqual(['signed', 'returned', 'signed']);
  });

  it('two signatures made offline on two workstations both stand in the history; the later one wins, in any order', () => {
    const first = sign(1, T0, { comment: 'первая' });
    const second = sign(1, T0 + MIN, { comment: 'вторая', device: DEVICE.b });
    const ab = applied(applyDayClosureOp(applied(applyDayClosureOp(null, first, DEPUTY, CTX)), second, DEPUTY, CTX));
    const ba = applied(applyDayClosureOp(applied(applyDayClosureOp(null, second, DEPUTY, CTX)), first, DEPUTY, CTX));
    expect(ab.fields).toEqual(ba.fields);
    expect(ab.fields.comment).toBe('вторая');
    expect(ab.history).toEqual(ba.history);
    expect(ab.history.map((e) => e.comment)).toEqual(['первая', 'вторая']);
  });

  it('is refused to others, for a day not yet come, with an id that is not its district and day, and returning an unsigned day', () => {
    expect(applyDayClosureOp(null, sign(1, T0), CONTROLLER, CTX)).toMatchObject({ kind: 'rejected', code: 'role' });
    expect(applyDayClosureOp(null, sign(1, T0, { userId: OTHER_DEPUTY.userId }), OTHER_DEPUTY, CTX)).toMatchObject({ kind: 'rejected', code: 'district' });
    expect(applyDayClosureOp(null, sign(1, T0, { day: '2026-12-25', entityId: dayClosureId('Октябрьский', '2026-12-25') }), DEPUTY, CTX)).toMatchObject({
      kind: 'rejected',
      code: 'future_day',
    });
    expect(applyDayClosureOp(null, sign(1, T0, { entityId: dayClosureId('Октябрьский', '2026-11-28') }), DEPUTY, CTX)).toMatchObject({ kind: 'rejected', code: 'invalid_op' });
    expect(applyDayClosureOp(null, giveBack(1, T0), DEPARTMENT, CTX)).toMatchObject({ kind: 'rejected', code: 'not_found' });
    expect(applyDayClosureOp(null, { garbage: true }, DEPUTY, CTX)).toMatchObject({ kind: 'rejected', code: 'invalid_op' });
  });
});
