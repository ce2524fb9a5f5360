import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/roles.js';
import { checkCarryOver, checkCarryOverActor, checkClosableDay, checkReturn, checkSign, isHandled, unhandled } from './day-closure.js';

// 29 Nov 2026, 21:30 in Samara (UTC+4).
const NOW = Date.UTC(2026, 10, 29, 17, 30);
const deputy: Actor = { userId: 'zam', role: 'deputy_head', district: 'Октябрьский' };
const controller: Actor = { userId: 'k', role: 'district_controller', district: 'Октябрьский' };
const operator: Actor = { userId: 'o', role: 'operator', district: 'Октябрьский' };
const department: Actor = { userId: 'dep', role: 'department', district: null };
const otherDeputy: Actor = { userId: 'z2', role: 'deputy_head', district: 'Ленинский' };

const sign = (actor: Actor, over: Partial<Parameters<typeof checkSign>[1]> = {}, now = NOW) =>
  checkSign(actor, { district: 'Октябрьский', day: '2026-11-29', comment: '', unhandled: [], current: null, ...over }, now);

describe('the day to close', () => {
  it('is a real date, today or earlier in Samara', () => {
    expect(checkClosableDay('2026-11-29', NOW)).toEqual({ ok: true });
    expect(checkClosableDay('2026-11-01', NOW)).toEqual({ ok: true });
    expect(checkClosableDay('2026-11-30', NOW)).toMatchObject({ ok: false, rule: 'future_day' });
    expect(checkClosableDay('2026-02-30', NOW)).toMatchObject({ ok: false, rule: 'bad_day' });
    expect(checkClosableDay('29.11.2026', NOW)).toMatchObject({ ok: false, rule: 'bad_day', message: expect.stringContaining('ГГГГ-ММ-ДД') });
  });

  it('is today in Samara at 00:30 there, although the UTC date is still yesterday', () => {
    const justAfterMidnight = Date.UTC(2026, 10, 29, 20, 30); // 30 Nov 00:30 in Samara
    expect(checkClosableDay('2026-11-30', justAfterMidnight)).toEqual({ ok: true });
  });
});

describe('carrying an appeal over', () => {
  it('needs a reason and a control date after the day, within 90 days', () => {
    expect(checkCarryOver({ day: '2026-11-29', reason: 'Ждём подрядчика', controlDate: '2026-12-02' })).toEqual({ ok: true });
    expect(checkCarryOver({ day: '2026-11-29', reason: '   ', controlDate: '2026-12-02' })).toMatchObject({ ok: false, rule: 'reason_required' });
    expect(checkCarryOver({ day: '2026-11-29', reason: 'x'.repeat(501), controlDate: '2026-12-02' })).toMatchObject({ ok: false, rule: 'reason_too_long' });
    expect(checkCarryOver({ day: '2026-11-29', reason: 'Ждём', controlDate: '2026-11-29' })).toMatchObject({ ok: false, rule: 'control_date' });
    expect(checkCarryOver({ day: '2026-11-29', reason: 'Ждём', controlDate: '2026-11-28' })).toMatchObject({ ok: false, rule: 'control_date' });
    expect(checkCarryOver({ day: '2026-11-29', reason: 'Ждём', controlDate: '2027-02-27' })).toEqual({ ok: true });
    expect(checkCarryOver({ day: '2026-11-29', reason: 'Ждём', controlDate: '2027-02-28' })).toMatchObject({ ok: false, rule: 'control_date' });
    expect(checkCarryOver({ day: '2026-11-29', reason: 'Ждём', controlDate: 'завтра' })).toMatchObject({ ok: false, rule: 'control_date' });
  });

  it('is for the district’s controller, deputy head, the Department — not an operator, not another district', () => {
    expect(checkCarryOverActor(controller, 'Октябрьский')).toEqual({ ok: true });
    expect(checkCarryOverActor(deputy, 'Октябрьский')).toEqual({ ok: true });
    expect(checkCarryOverActor(department, 'Октябрьский')).toEqual({ ok: true });
    expect(checkCarryOverActor(operator, 'Октябрьский')).toMatchObject({ ok: false, rule: 'role' });
    expect(checkCarryOverActor(otherDeputy, 'Октябрьский')).toMatchObject({ ok: false, rule: 'district' });
  });

  it('holds until its control date', () => {
    const carried = [{ day: '2026-11-29', controlDate: '2026-12-02' }];
    expect(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'].map((d) => isHandled(d, carried))).toEqual([false, true, true, true, false]);
    expect(unhandled('2026-11-30', [{ id: 'a', carryOvers: carried }, { id: 'b', carryOvers: [] }])).toEqual(['b']);
  });
});

describe('signing the day', () => {
  it('is the district’s deputy head’s, once every open appeal is handled', () => {
    expect(sign(deputy)).toEqual({ ok: true });
    expect(sign(deputy, { unhandled: ['a', 'b'] })).toMatchObject({ ok: false, rule: 'not_handled', message: expect.stringContaining('Не обработано обращений: 2') });
    expect(sign(controller)).toMatchObject({ ok: false, rule: 'role' });
    expect(sign(department)).toMatchObject({ ok: false, rule: 'role' });
    expect(sign(otherDeputy)).toMatchObject({ ok: false, rule: 'district' });
    expect(sign(deputy, { day: '2026-11-30' })).toMatchObject({ ok: false, rule: 'future_day' });
    expect(sign(deputy, { comment: 'к'.repeat(2001) })).toMatchObject({ ok: false, rule: 'comment_too_long' });
  });

  it('a signed day is not signed again until the Department returns it', () => {
    expect(sign(deputy, { current: { state: 'signed' } })).toMatchObject({ ok: false, rule: 'already_signed' });
    expect(sign(deputy, { current: { state: 'returned' } })).toEqual({ ok: true });
  });
});

describe('returning a day', () => {
  it('is the Department’s, for a signed day, with a reason', () => {
    expect(checkReturn(department, { reason: 'Не перенесены аварийные', current: { state: 'signed' } })).toEqual({ ok: true });
    expect(checkReturn(deputy, { reason: 'x', current: { state: 'signed' } })).toMatchObject({ ok: false, rule: 'role' });
    expect(checkReturn(department, { reason: ' ', current: { state: 'signed' } })).toMatchObject({ ok: false, rule: 'reason_required' });
    expect(checkReturn(department, { reason: 'x', current: null })).toMatchObject({ ok: false, rule: 'not_signed' });
    expect(checkReturn(department, { reason: 'x', current: { state: 'returned' } })).toMatchObject({ ok: false, rule: 'not_signed' });
  });
});
