import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEnvelope, ApiErrorData } from '../../shared/contract/errors.js';
import type { Appeal } from '../../shared/contract/schemas.js';
import { DATABASE_FILE } from './core.js';
import { CALL, REGISTER, testCoresWith, type TestCore } from './test/temp-core.js';

const SEED = {
  ...REGISTER,
  organisations: [...REGISTER.organisations, { id: 'ts-1', kind: 'tso' as const, name: 'ПАО «Т Плюс»' }],
  heatSources: [{ id: 'hs-1', kind: 'chp' as const, name: 'ТЭЦ', supplierOrgId: 'ts-1', district: null }],
};
const start = testCoresWith(SEED, { name: 'Петрова', role: 'district_controller', district: 'Октябрьский' });

function snapshot(dataDir: string, appealId: string) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return {
      appeal: db.prepare('SELECT status, executor_org_id, version, updated_at FROM appeals WHERE id = ?').get(appealId) as {
        status: string;
        executor_org_id: string | null;
        version: number;
        updated_at: number;
      },
      events: db.prepare('SELECT type, by, at, data FROM appeal_events WHERE appeal_id = ? ORDER BY at, id').all(appealId) as {
        type: string;
        by: string;
        at: number;
        data: string;
      }[],
      ops: db.prepare('SELECT command, base_version, entity_id, payload FROM outbox ORDER BY device_seq').all() as {
        command: string;
        base_version: number;
        payload: string;
      }[],
    };
  } finally {
    db.close();
  }
}

async function act(t: TestCore, appeal: Appeal, data: Record<string, unknown>) {
  return t.core.call('appealAction', { appealId: appeal.id, expectedVersion: appeal.version, data });
}
function value(r: ApiEnvelope<unknown>): Appeal {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value as Appeal;
}
function error(r: ApiEnvelope<unknown>): ApiErrorData {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('workflow actions', () => {
  it('transfer: status, executor, version, event and op in one go', async () => {
    const t = await start();
    const a = await t.core.handlers.registerAppeal({ ...CALL });
    t.clock.now += 60_000;
    const b = value(await act(t, a, { action: 'transfer', executorOrgId: 'uk-1', method: 'phone', contactPerson: 'Диспетчер Сидоров' }));
    expect(b).toMatchObject({ status: 'transferred', executorName: 'ООО «УК Тест»', version: 2 });
    const s = snapshot(t.dataDir, a.id);
    expect(s.appeal).toEqual({ status: 'transferred', executor_org_id: 'uk-1', version: 2, updated_at: t.clock.now });
    const last = s.events.at(-1)!;
    expect(last).toMatchObject({ type: 'transfer', by: 'Петрова', at: t.clock.now });
    expect(JSON.parse(last.data)).toMatchObject({ executorOrgId: 'uk-1', method: 'phone', contactPerson: 'Диспетчер Сидоров', from: 'registered', to: 'transferred' });
    expect(s.ops.at(-1)).toMatchObject({ command: 'transfer', base_version: 1 });
  });

  it('runs the whole way to «Закрыто», each step an event and an op', async () => {
    const t = await start();
    let a = await t.core.handlers.registerAppeal({ ...CALL });
    const steps = [
      { action: 'transfer', executorOrgId: 'uk-1', method: 'system' },
      { action: 'take_in_work' },
      { action: 'mark_done', whatWasDone: 'Стояк развоздушен', doneAt: t.clock.now },
      { action: 'verify', method: 'measurement', temperatures: [{ room: 'зал', celsius: 21 }, { room: 'угловая', corner: true, celsius: 20.5 }] },
      { action: 'close', feedback: 'satisfied', note: 'Тепло' },
    ];
    for (const step of steps) {
      t.clock.now += 60_000;
      a = value(await act(t, a, step));
    }
    expect(a).toMatchObject({ status: 'closed', version: 6 });
    const s = snapshot(t.dataDir, a.id);
    expect(s.events.map((e) => e.type)).toEqual(['registered', 'transfer', 'take_in_work', 'mark_done', 'verify', 'close']);
    expect(s.ops.map((o) => o.command)).toEqual(['register_appeal', 'transfer', 'take_in_work', 'mark_done', 'verify', 'close']);
    expect(s.ops.map((o) => o.base_version)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a cold room fails the check: back to «В работе», its own event type', async () => {
    const t = await start();
    let a = await t.core.handlers.registerAppeal({ ...CALL });
    for (const step of [
      { action: 'transfer', executorOrgId: 'uk-1', method: 'system' },
      { action: 'take_in_work' },
      { action: 'mark_done', whatWasDone: 'Сделано', doneAt: t.clock.now },
    ]) {
      t.clock.now += 60_000;
      a = value(await act(t, a, step));
    }
    t.clock.now += 60_000;
    a = value(await act(t, a, { action: 'verify', method: 'measurement', temperatures: [{ room: 'спальня', celsius: 17.5 }] }));
    expect(a.status).toBe('in_progress');
    const s = snapshot(t.dataDir, a.id);
    expect(s.events.at(-1)!.type).toBe('verify_failed');
    expect(JSON.parse(s.events.at(-1)!.data)).toMatchObject({ temperatures: [{ room: 'спальня', corner: false, celsius: 17.5 }], to: 'in_progress' });
    expect(s.ops.at(-1)!.command).toBe('verify');
  });

  it('refusals change nothing and name the rule', async () => {
    const t = await start();
    const a = await t.core.handlers.registerAppeal({ ...CALL });
    const before = snapshot(t.dataDir, a.id);
    // status
    const status = error(await act(t, a, { action: 'close', feedback: 'satisfied' }));
    expect(status.code).toBe('validation');
    expect(status.message).toContain('недоступно в статусе «Зарегистрировано»');
    expect(status.issues?.[0]?.path).toBe('action');
    // data rule (zod): reason required, at the field
    const reason = error(await act(t, a, { action: 'reject', reason: '  ' }));
    expect(reason.issues?.[0]).toEqual({ path: 'data.reason', message: 'Укажите причину' });
    // data rule (workflow): phone transfer needs a contact person
    const contact = error(await act(t, a, { action: 'transfer', executorOrgId: 'uk-1', method: 'phone' }));
    expect(contact.issues?.[0]?.path).toBe('data.contactPerson');
    // unknown executor
    const executor = error(await act(t, a, { action: 'transfer', executorOrgId: 'nobody', method: 'system' }));
    expect(executor.issues?.[0]?.path).toBe('data.executorOrgId');
    // role
    await t.core.handlers.setWorkstationUser({ name: 'Оператор', role: 'operator', district: 'Октябрьский' });
    const role = error(await act(t, a, { action: 'reject', reason: 'Не по теме' }));
    expect(role.message).toContain('роли «оператор»');
    // district
    await t.core.handlers.setWorkstationUser({ name: 'Оператор', role: 'operator', district: 'Ленинский' });
    const district = error(await act(t, a, { action: 'transfer', executorOrgId: 'uk-1', method: 'system' }));
    expect(district.message).toContain('районе «Ленинский»');
    expect(snapshot(t.dataDir, a.id)).toEqual(before);
  });

  it('a stale version is refused as a conflict and changes nothing', async () => {
    const t = await start();
    const a = await t.core.handlers.registerAppeal({ ...CALL });
    value(await act(t, a, { action: 'transfer', executorOrgId: 'uk-1', method: 'system' }));
    const before = snapshot(t.dataDir, a.id);
    const stale = error(await act(t, a, { action: 'transfer', executorOrgId: 'uk-1', method: 'system' }));
    expect(stale.code).toBe('conflict');
    expect(snapshot(t.dataDir, a.id)).toEqual(before);
  });

  it('closing: «не удовлетворён» refused; «не дозвонились» counts the logged calls', async () => {
    const t = await start();
    let a = await t.core.handlers.registerAppeal({ ...CALL });
    for (const step of [
      { action: 'transfer', executorOrgId: 'uk-1', method: 'system' },
      { action: 'take_in_work' },
      { action: 'mark_done', whatWasDone: 'Сделано', doneAt: t.clock.now },
      { action: 'verify', method: 'call' },
    ]) {
      t.clock.now += 60_000;
      a = value(await act(t, a, step));
    }
    expect(error(await act(t, a, { action: 'close', feedback: 'not_satisfied' })).issues?.[0]?.path).toBe('data.feedback');
    expect(error(await act(t, a, { action: 'close', feedback: 'unreachable' })).message).toContain('после 3 попыток, сделано 0');
    for (let i = 0; i < 3; i++) {
      t.clock.now += 600_000;
      value(await t.core.call('logCall', { appealId: a.id, direction: 'to_applicant', result: 'no_answer' }));
    }
    const card = value(await t.core.call('getAppealCard', { id: a.id })) as unknown as { failedCallAttempts: number; calls: unknown[] };
    expect(card.failedCallAttempts).toBe(3);
    expect(card.calls).toHaveLength(3);
    t.clock.now += 60_000;
    a = value(await act(t, a, { action: 'close', feedback: 'unreachable' }));
    expect(a.status).toBe('closed');
    const s = snapshot(t.dataDir, a.id);
    expect(JSON.parse(s.events.at(-1)!.data)).toMatchObject({ feedback: 'unreachable', attempts: 3 });
    expect(s.ops.filter((o) => o.command === 'log_call')).toHaveLength(3);
  });

  it('mark_duplicate accepts the original by its number', async () => {
    const t = await start();
    const original = await t.core.handlers.registerAppeal({ ...CALL });
    const dup = await t.core.handlers.registerAppeal({ ...CALL });
    t.clock.now += 60_000;
    const r = value(await act(t, dup, { action: 'mark_duplicate', originalId: original.number.toLowerCase() }));
    expect(r.status).toBe('duplicate');
    const s = snapshot(t.dataDir, dup.id);
    expect(JSON.parse(s.events.at(-1)!.data)).toMatchObject({ originalId: original.id, originalNumber: original.number });
  });
});

describe('card, repeated calls and bulk transfer', () => {
  it('the card lists exactly the actions the role allows now', async () => {
    const t = await start();
    const a = await t.core.handlers.registerAppeal({ ...CALL });
    const card = await t.core.handlers.getAppealCard({ id: a.id });
    expect(card.actions).toEqual(['transfer', 'reject', 'mark_duplicate']);
    expect(card.defaultExecutor).toEqual({ id: 'uk-1', name: 'ООО «УК Тест»' });
    await t.core.handlers.setWorkstationUser({ name: 'Оператор', role: 'operator', district: 'Октябрьский' });
    expect((await t.core.handlers.getAppealCard({ id: a.id })).actions).toEqual(['transfer', 'mark_duplicate']);
  });

  it('a repeated call joins the appeal, counted per appeal and per building', async () => {
    const t = await start();
    const a = await t.core.handlers.registerAppeal({ ...CALL });
    const other = await t.core.handlers.registerAppeal({ ...CALL, flat: '20' });
    t.clock.now += 60_000;
    await t.core.handlers.attachRepeatedCall({ appealId: a.id, applicantName: 'Сосед', applicantPhone: '', flat: '16', channel: 'district_hotline', note: '' });
    await t.core.handlers.attachRepeatedCall({ appealId: other.id, applicantName: 'Ещё сосед', applicantPhone: '89270000000', flat: '21', channel: 'social_media', note: 'тоже холодно' });
    const card = await t.core.handlers.getAppealCard({ id: a.id });
    expect(card.repeatedCalls).toMatchObject([{ applicantName: 'Сосед', flat: '16' }]);
    expect(card.buildingRepeatedCalls).toBe(2);
    const s = snapshot(t.dataDir, a.id);
    expect(s.events.at(-1)!.type).toBe('repeated_call');
    expect(s.appeal.version).toBe(1);
    expect(s.ops.filter((o) => o.command === 'attach_repeated_call')).toHaveLength(2);
    expect(await t.core.handlers.buildingRepeatedCalls({ buildingId: 'b-1' })).toEqual({ count: 2 });
    expect(await t.core.handlers.buildingRepeatedCalls({ buildingId: 'b-3' })).toEqual({ count: 0 });
  });

  it('refuses a repeated call on a finished appeal and a call logged in the future, writing nothing', async () => {
    const t = await start();
    const original = await t.core.handlers.registerAppeal({ ...CALL });
    const a = await t.core.handlers.registerAppeal({ ...CALL });
    t.clock.now += 60_000;
    value(await act(t, a, { action: 'mark_duplicate', originalId: original.number }));
    const before = snapshot(t.dataDir, a.id);
    const repeated = error(await t.core.call('attachRepeatedCall', { appealId: a.id, applicantName: 'Сосед', channel: 'district_hotline' }));
    expect(repeated).toMatchObject({ code: 'validation', issues: [{ path: 'appealId' }] });
    const future = error(await t.core.call('logCall', { appealId: a.id, direction: 'to_applicant', result: 'reached', at: t.clock.now + 3_600_000 }));
    expect(future.issues?.[0]).toEqual({ path: 'at', message: 'Время звонка не может быть в будущем' });
    expect(snapshot(t.dataDir, a.id)).toEqual(before);
  });

  it('bulk transfer: each to its default executor, refusals per appeal', async () => {
    const t = await start();
    await t.core.db.call('seed', { buildings: [{ id: 'b-4', district: 'Октябрьский', address: 'ул. Тепловая, д. 1', managementOrgId: 'uk-1', heatSourceId: 'hs-1' }] });
    const coldBefore = await t.core.handlers.registerAppeal({ ...CALL, buildingId: 'b-4', category: 'no_heating' });
    // Without an outage a cold flat is the management organisation's; during one, the heat supplier's.
    expect((await t.core.handlers.getAppealCard({ id: coldBefore.id })).defaultExecutor?.name).toBe('ООО «УК Тест»');
    await t.core.handlers.setWorkstationUser({ name: 'Петрова', role: 'department', district: null });
    await t.core.handlers.createIncident({ scope: 'heat_source', heatSourceId: 'hs-1', cause: 'Порыв на магистрали', startedAt: t.clock.now - 3_600_000, plannedRestoreAt: null });
    await t.core.handlers.setWorkstationUser({ name: 'Петрова', role: 'district_controller', district: 'Октябрьский' });
    t.clock.now += 60_000;
    const cold = await t.core.handlers.registerAppeal({ ...CALL, buildingId: 'b-4', category: 'low_temperature' });
    const leak = await t.core.handlers.registerAppeal({ ...CALL, buildingId: 'b-4', category: 'heating_leak' });
    const foreign = await t.core.handlers.registerAppeal({ ...CALL, buildingId: 'b-3' });
    const results = await t.core.handlers.bulkTransfer({ appealIds: [cold.id, leak.id, foreign.id], executorOrgId: null, method: 'system', contactPerson: '' });
    expect(results.map((r) => [r.ok, r.message])).toEqual([
      [true, 'Передано: ПАО «Т Плюс»'],
      [true, 'Передано: ООО «УК Тест»'],
      [false, expect.stringContaining('районе')],
    ]);
    expect(snapshot(t.dataDir, foreign.id).appeal.status).toBe('registered');
  });
});
