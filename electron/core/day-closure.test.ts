// «Закрыть день» through the core on real SQLite: carrying over (the event and the op in one
// transaction, all or none), the sign-off (refused while an appeal waits, the figures recorded as
// «Итоги дня» gives them, an op the sync protocol accepts), a second signature refused, the
// Department's return and a new signature, the nine districts' state.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEnvelope } from '../../shared/contract/errors.js';
import type { DayClosures, DayClosureView } from '../../shared/contract/day-closure-schemas.js';
import type { Appeal, AppealDetails } from '../../shared/contract/schemas.js';
import { DISTRICTS } from '../../shared/domain/districts.js';
import { opSchema } from '../../shared/sync/op-payloads.js';
import type { Op } from '../../shared/sync/op.js';
import { CALL, openTestCore, REGISTER, type TestCore } from './test/temp-core.js';

// Friday 27 November 2026, 18:00 in Samara (UTC+4).
const NOW = Date.UTC(2026, 10, 27, 14, 0);
const DAY = '2026-11-27';
const DEPUTY = { name: 'Заместитель Орлова', role: 'deputy_head', district: 'Октябрьский' } as const;
const DEPARTMENT = { name: 'Департамент Смирнов', role: 'department', district: null } as const;

let t: TestCore;
let appeals: Appeal[];
let other: Appeal;

function ok<T>(r: ApiEnvelope<unknown>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

function refusal(r: ApiEnvelope<unknown>): string {
  if (r.ok) throw new Error('expected a refusal');
  return r.error.message;
}

const pending = () => t.core.db.call('pendingOps', 10_000) as Promise<Op[]>;
const view = async (input: Record<string, unknown> = {}) => ok<DayClosureView>(await t.core.call('dayClosure', { day: DAY, ...input }));
const carriedEvents = async (id: string) =>
  ok<AppealDetails>(await t.core.call('getAppeal', { id })).events.filter((e) => e.type === 'carried_over');

beforeEach(async () => {
  t = await openTestCore(undefined, NOW - 8 * 3_600_000);
  await t.core.db.call('seed', REGISTER);
  await t.core.handlers.setWorkstationUser(DEPUTY);
  appeals = [];
  for (const flat of ['1', '2', '3']) appeals.push(await t.core.handlers.registerAppeal({ ...CALL, flat }));
  other = await t.core.handlers.registerAppeal({ ...CALL, buildingId: 'b-2' });
  t.clock.now = NOW;
});

afterEach(async () => {
  await t.core.close();
});

describe('carryOver', () => {
  it('writes an event carried_over and an op carry_over per appeal, in one transaction', async () => {
    const before = (await pending()).length;
    const ids = appeals.slice(0, 2).map((a) => a.id);
    const r = ok<{ carried: number }>(await t.core.call('carryOver', { appealIds: ids, day: DAY, reason: '  Ждём подрядчика ', controlDate: '2026-11-30' }));
    expect(r.carried).toBe(2);
    const ops = (await pending()).slice(before);
    expect(ops.map((o) => [o.command, o.entityType, o.entityId])).toEqual(ids.map((id) => ['carry_over', 'appeal', id]));
    for (const op of ops) {
      expect(opSchema.safeParse(op).success).toBe(true);
      expect(op.payload).toEqual({ day: DAY, reason: 'Ждём подрядчика', controlDate: '2026-11-30' });
      expect(op.baseVersion).toBe(appeals.find((a) => a.id === op.entityId)!.version);
    }
    const events = await carriedEvents(ids[0]!);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({ day: DAY, reason: 'Ждём подрядчика', controlDate: '2026-11-30' });
    expect(events[0]!.by).toBe(DEPUTY.name);
    const v = await view();
    expect(v.unhandled).toBe(1);
    expect(v.appeals.find((a) => a.id === ids[0])!.latestCarryOver).toMatchObject({ reason: 'Ждём подрядчика', controlDate: '2026-11-30' });
  });

  it.each([
    ['no appeals', { appealIds: [] }, 'Выберите хотя бы одно обращение'],
    ['no reason', { reason: '   ' }, 'Укажите причину переноса'],
    ['a control date not after the day', { controlDate: DAY }, 'Новая контрольная дата должна быть позже закрываемого дня'],
    ['a control date 91 days on', { controlDate: '2027-02-26' }, 'не дальше 90 дней'],
    ['a day to come', { day: '2026-11-28', controlDate: '2026-11-30' }, 'ещё не наступил'],
    ['a day that is no date', { day: '2026-13-01' }, 'не дата'],
  ])('refuses %s and writes nothing', async (_, change, message) => {
    const before = (await pending()).length;
    const input = { appealIds: appeals.map((a) => a.id), day: DAY, reason: 'Ждём подрядчика', controlDate: '2026-11-30', ...change };
    expect(refusal(await t.core.call('carryOver', input))).toContain(message);
    expect(await pending()).toHaveLength(before);
    expect(await carriedEvents(appeals[0]!.id)).toHaveLength(0);
  });

  it('refuses the whole batch for one appeal of another district, naming it, and writes nothing', async () => {
    const before = (await pending()).length;
    const input = { appealIds: [appeals[0]!.id, other.id], day: DAY, reason: 'Ждём подрядчика', controlDate: '2026-11-30' };
    const message = refusal(await t.core.call('carryOver', input));
    expect(message).toContain(`№ ${other.number}`);
    expect(message).toContain('другого района');
    expect(await pending()).toHaveLength(before);
    expect(await carriedEvents(appeals[0]!.id)).toHaveLength(0);
  });

  it('refuses an appeal no longer open and an unknown one, and an operator', async () => {
    await t.core.call('appealAction', { appealId: appeals[2]!.id, expectedVersion: appeals[2]!.version, data: { action: 'reject', reason: 'Не отопление' } });
    const base = { day: DAY, reason: 'Ждём', controlDate: '2026-11-30' };
    expect(refusal(await t.core.call('carryOver', { ...base, appealIds: [appeals[0]!.id, appeals[2]!.id] }))).toContain('уже не открыто');
    expect(refusal(await t.core.call('carryOver', { ...base, appealIds: ['nope'] }))).toContain('не найдено');
    await t.core.handlers.setWorkstationUser({ name: 'Оператор', role: 'operator', district: 'Октябрьский' });
    expect(refusal(await t.core.call('carryOver', { ...base, appealIds: [appeals[0]!.id] }))).toContain('Переносить обращения может');
    expect(await carriedEvents(appeals[0]!.id)).toHaveLength(0);
  });
});

describe('signDay', () => {
  it('is refused while an appeal waits, goes through when all are carried or closed, recording the figures as they were', async () => {
    const before = (await pending()).length;
    expect(refusal(await t.core.call('signDay', { day: DAY, comment: '' }))).toContain('Не обработано обращений: 3');
    ok(await t.core.call('carryOver', { appealIds: [appeals[0]!.id, appeals[1]!.id], day: DAY, reason: 'Ждём подрядчика', controlDate: '2026-11-30' }));
    expect(refusal(await t.core.call('signDay', { day: DAY, comment: '' }))).toContain('Не обработано обращений: 1');
    expect(await pending()).toHaveLength(before + 2);
    expect((await view()).state).toBe('open');

    ok(await t.core.call('appealAction', { appealId: appeals[2]!.id, expectedVersion: appeals[2]!.version, data: { action: 'reject', reason: 'Не отопление' } }));
    // «Итоги дня» counts the moves before its instant: the sign-off comes a minute later.
    t.clock.now += 60_000;
    const summary = await t.core.handlers.daySummary({ day: DAY });
    const signed = ok<DayClosureView>(await t.core.call('signDay', { day: DAY, comment: 'Всё в работе' }));
    expect(signed.state).toBe('signed');
    expect(signed.unhandled).toBe(0);
    expect(signed.closure).toMatchObject({ comment: 'Всё в работе', signedBy: DEPUTY.name, signedAt: NOW + 60_000, carriedOver: 2 });
    expect(signed.closure!.figures).toEqual(summary.figures);
    expect(signed.closure!.figures).toMatchObject({ received: 3, open: 2 });
    expect(signed.canSign).toBe(false);
    expect(signed.canCarryOver).toBe(false);

    const op = (await pending()).at(-1)!;
    expect(opSchema.safeParse(op).success).toBe(true);
    expect(op).toMatchObject({ command: 'sign_day', entityType: 'day_closure', entityId: `Октябрьский:${DAY}`, baseVersion: 0 });
    expect(op.payload).toEqual({ district: 'Октябрьский', day: DAY, comment: 'Всё в работе', figures: summary.figures, carriedOver: 2 });

    // The figures as signed stay; later changes show against the day.
    t.clock.now += 60_000;
    ok(await t.core.call('logCall', { appealId: appeals[0]!.id, direction: 'to_applicant', result: 'reached', note: 'Ждут' }));
    const later = await view();
    expect(later.closure!.figures).toEqual(summary.figures);
    expect(later.changedAfter.map((a) => [a.id, a.changes.map((c) => c.type)])).toEqual([[appeals[0]!.id, ['call']]]);
  });

  it('refuses a second signature, the Department returns the day, and it is signed again', async () => {
    ok(await t.core.call('carryOver', { appealIds: appeals.map((a) => a.id), day: DAY, reason: 'Ждём подрядчика', controlDate: '2026-11-30' }));
    ok(await t.core.call('signDay', { day: DAY, comment: '' }));
    const before = (await pending()).length;
    expect(refusal(await t.core.call('signDay', { day: DAY, comment: 'ещё раз' }))).toContain('День уже закрыт');
    expect(refusal(await t.core.call('returnDay', { district: 'Октябрьский', day: DAY, reason: 'Не вижу причин' }))).toContain('может Департамент');
    expect(await pending()).toHaveLength(before);

    await t.core.handlers.setWorkstationUser(DEPARTMENT);
    t.clock.now += 3_600_000;
    expect(refusal(await t.core.call('returnDay', { district: 'Октябрьский', day: DAY, reason: '  ' }))).toContain('Укажите, почему');
    expect(refusal(await t.core.call('returnDay', { district: 'Ленинский', day: DAY, reason: 'Почему?' }))).toContain('возвращать нечего');
    expect(await pending()).toHaveLength(before);
    const returned = ok<DayClosureView>(await t.core.call('returnDay', { district: 'Октябрьский', day: DAY, reason: 'Уточните причины переноса' }));
    expect(returned.state).toBe('returned');
    expect(returned.closure).toMatchObject({ returnReason: 'Уточните причины переноса', returnedBy: DEPARTMENT.name, returnedAt: t.clock.now });
    const op = (await pending()).at(-1)!;
    expect(opSchema.safeParse(op).success).toBe(true);
    expect(op).toMatchObject({ command: 'return_day', entityId: `Октябрьский:${DAY}`, baseVersion: 1, payload: { reason: 'Уточните причины переноса' } });

    await t.core.handlers.setWorkstationUser(DEPUTY);
    t.clock.now += 3_600_000;
    const again = ok<DayClosureView>(await t.core.call('signDay', { day: DAY, comment: 'Причины уточнены' }));
    expect(again.state).toBe('signed');
    expect(again.history.map((h) => h.type)).toEqual(['signed', 'returned', 'signed']);
  });

  it('is refused to a controller, for a day to come and for a bad day, writing nothing', async () => {
    ok(await t.core.call('carryOver', { appealIds: appeals.map((a) => a.id), day: DAY, reason: 'Ждём', controlDate: '2026-11-30' }));
    const before = (await pending()).length;
    expect(refusal(await t.core.call('signDay', { day: '2026-11-28', comment: '' }))).toContain('ещё не наступил');
    expect(refusal(await t.core.call('signDay', { day: '27.11.2026', comment: '' }))).toContain('ГГГГ-ММ-ДД');
    expect(refusal(await t.core.call('signDay', { day: DAY, comment: 'x'.repeat(2001) }))).toContain('не длиннее 2000');
    await t.core.handlers.setWorkstationUser({ name: 'Контролёр', role: 'district_controller', district: 'Октябрьский' });
    expect(refusal(await t.core.call('signDay', { day: DAY, comment: '' }))).toContain('заместитель главы района');
    expect(await pending()).toHaveLength(before);
    expect((await view()).state).toBe('open');
  });
});

describe('dayClosure and dayClosures', () => {
  it('a deputy head sees only her district; the Department names one and sees the nine', async () => {
    expect(refusal(await t.core.call('dayClosure', { day: DAY, district: 'Ленинский' }))).toContain('другого района');
    const own = await view();
    expect(own.district).toBe('Октябрьский');
    expect(own.appeals.map((a) => a.id).sort()).toEqual(appeals.map((a) => a.id).sort());
    expect(own.nextWorkingDay).toBe('2026-11-30');
    expect(own.canSign).toBe(true);

    ok(await t.core.call('carryOver', { appealIds: appeals.map((a) => a.id), day: DAY, reason: 'Ждём', controlDate: '2026-11-30' }));
    ok(await t.core.call('signDay', { day: DAY, comment: 'Готово' }));
    await t.core.handlers.setWorkstationUser(DEPARTMENT);
    expect(refusal(await t.core.call('dayClosure', { day: DAY }))).toContain('Укажите район');
    const states = ok<DayClosures>(await t.core.call('dayClosures', { day: DAY }));
    expect(states.districts.map((d) => d.district)).toEqual([...DISTRICTS]);
    expect(states.districts.find((d) => d.district === 'Октябрьский')).toMatchObject({ state: 'signed', signedBy: DEPUTY.name, signedAt: NOW, comment: 'Готово' });
    expect(states.districts.filter((d) => d.state === 'open')).toHaveLength(8);
    expect(states.canReturn).toBe(true);
    expect((await view({ district: 'Октябрьский' })).canReturn).toBe(true);
    expect(refusal(await t.core.call('dayClosures', { day: '2026-11-30' }))).toContain('не наступил');
  });

  it('a carry-over holds until its control date: carried to Monday, Friday and Saturday are handled, Monday not', async () => {
    ok(await t.core.call('carryOver', { appealIds: [appeals[0]!.id], day: '2026-11-26', reason: 'Ждём', controlDate: '2026-11-30' }));
    const friday = await view();
    expect(friday.appeals.find((a) => a.id === appeals[0]!.id)!.handled).toBe(true);
    expect(friday.carriedOver).toBe(0);
    t.clock.now = Date.UTC(2026, 10, 30, 14, 0);
    const monday = await view({ day: '2026-11-30' });
    expect(monday.appeals.find((a) => a.id === appeals[0]!.id)!.handled).toBe(false);
  });
});
