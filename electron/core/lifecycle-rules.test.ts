// Rules found by trying the card as users would: nothing is done before the appeal came in, «не
// дозвонились» after a return needs new calls, a duplicate's original is an open appeal of the same
// district, and the refusal tells an operator what they can do. Each refusal writes nothing.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEnvelope, ApiErrorData } from '../../shared/contract/errors.js';
import type { Appeal } from '../../shared/contract/schemas.js';
import { DATABASE_FILE } from './core.js';
import { CALL, REGISTER, testCoresWith, value, type TestCore } from './test/temp-core.js';

const start = testCoresWith(REGISTER, { name: 'Петрова', role: 'deputy_head', district: 'Октябрьский' });

function act(t: TestCore, appeal: Appeal, data: Record<string, unknown>): Promise<ApiEnvelope<unknown>> {
  t.clock.now += 60_000;
  return t.core.call('appealAction', { appealId: appeal.id, expectedVersion: appeal.version, data });
}
function refusal(r: ApiEnvelope<unknown>): ApiErrorData {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}
function written(dataDir: string) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(`SELECT (SELECT count(*) FROM appeal_events) AS events, (SELECT count(*) FROM outbox) AS ops,
      (SELECT group_concat(status || ':' || version) FROM (SELECT status, version FROM appeals ORDER BY id)) AS appeals`).get();
  } finally {
    db.close();
  }
}
async function through(t: TestCore, a: Appeal, steps: Record<string, unknown>[]): Promise<Appeal> {
  for (const step of steps) a = value<Appeal>(await act(t, a, step));
  return a;
}
const TO_DONE = [
  { action: 'transfer', executorOrgId: 'uk-1', method: 'system' },
  { action: 'take_in_work' },
];

describe('lifecycle rules', () => {
  it('«Отметить выполнение» before the appeal came in is refused at «Когда», nothing written', async () => {
    const t = await start();
    let a = await t.core.handlers.registerAppeal({ ...CALL, receivedAt: t.clock.now - 3_600_000 });
    a = await through(t, a, TO_DONE);
    const before = written(t.dataDir);
    const r = refusal(await act(t, a, { action: 'mark_done', whatWasDone: 'Прочищен стояк', doneAt: a.receivedAt - 3_600_000 }));
    expect(r.issues?.[0]).toEqual({ path: 'data.doneAt', message: 'Время выполнения раньше поступления обращения' });
    expect(written(t.dataDir)).toEqual(before);
    expect(value<Appeal>(await act(t, a, { action: 'mark_done', whatWasDone: 'Прочищен стояк', doneAt: a.receivedAt + 60_000 })).status).toBe('done_by_executor');
  });

  it('a call logged before the appeal came in is refused, nothing written', async () => {
    const t = await start();
    const a = await t.core.handlers.registerAppeal({ ...CALL });
    const before = written(t.dataDir);
    const r = refusal(await t.core.call('logCall', { appealId: a.id, direction: 'to_applicant', result: 'no_answer', at: a.receivedAt - 86_400_000 }));
    expect(r.issues?.[0]).toEqual({ path: 'at', message: 'Время звонка раньше поступления обращения' });
    expect(written(t.dataDir)).toEqual(before);
  });

  it('after «Вернуть на доработку», «не дозвонились» counts only the calls since the return; the refusal is at «Попыток»', async () => {
    const t = await start();
    let a = await t.core.handlers.registerAppeal({ ...CALL });
    a = await through(t, a, [...TO_DONE, { action: 'mark_done', whatWasDone: 'Сделано', doneAt: t.clock.now }, { action: 'verify', method: 'call' }]);
    for (let i = 0; i < 3; i++) {
      t.clock.now += 600_000;
      value(await t.core.call('logCall', { appealId: a.id, direction: 'to_applicant', result: 'no_answer' }));
    }
    a = await through(t, a, [{ action: 'close', feedback: 'unreachable', attempts: 0 }]);
    expect(a.status).toBe('closed');
    a = await through(t, a, [
      { action: 'return_for_rework', reason: 'Жалоба повторилась' },
      ...TO_DONE,
      { action: 'mark_done', whatWasDone: 'Заменён радиатор', doneAt: t.clock.now + 60_000 },
      { action: 'verify', method: 'call' },
    ]);
    expect(value<{ failedCallAttempts: number }>(await t.core.call('getAppealCard', { id: a.id })).failedCallAttempts).toBe(0);
    const before = written(t.dataDir);
    const r = refusal(await act(t, a, { action: 'close', feedback: 'unreachable', attempts: 0 }));
    expect(r.issues?.[0]?.path).toBe('data.attempts');
    expect(r.message).toContain('сделано 0');
    expect(written(t.dataDir)).toEqual(before);
  });

  it('a duplicate\'s original must be open and of the same district: a closed one and another district\'s are refused', async () => {
    const t = await start();
    let closed = await t.core.handlers.registerAppeal({ ...CALL, flat: '1' });
    closed = await through(t, closed, [{ action: 'reject', reason: 'Не подтвердилось' }]);
    const mine = await t.core.handlers.registerAppeal({ ...CALL, flat: '2' });
    await t.core.handlers.setWorkstationUser({ name: 'Сидорова', role: 'deputy_head', district: 'Ленинский' });
    const elsewhere = await t.core.handlers.registerAppeal({ ...CALL, buildingId: 'b-2', flat: '3' });
    await t.core.handlers.setWorkstationUser({ name: 'Петрова', role: 'deputy_head', district: 'Октябрьский' });
    const before = written(t.dataDir);
    const toClosed = refusal(await act(t, mine, { action: 'mark_duplicate', originalId: closed.number }));
    expect(toClosed.issues?.[0]?.path).toBe('data.originalId');
    expect(toClosed.message).toContain('«Отклонено»');
    const toElsewhere = refusal(await act(t, mine, { action: 'mark_duplicate', originalId: elsewhere.number }));
    expect(toElsewhere.issues?.[0]?.path).toBe('data.originalId');
    expect(toElsewhere.message).toContain('Ленинский');
    expect(written(t.dataDir)).toEqual(before);
  });

  it('«не удовлетворён» tells an operator to hand the appeal on, and a controller to return it', async () => {
    const t = await start();
    let a = await t.core.handlers.registerAppeal({ ...CALL });
    a = await through(t, a, [...TO_DONE, { action: 'mark_done', whatWasDone: 'Сделано', doneAt: t.clock.now }, { action: 'verify', method: 'call' }]);
    await t.core.handlers.setWorkstationUser({ name: 'Оператор', role: 'operator', district: 'Октябрьский' });
    expect(refusal(await act(t, a, { action: 'close', feedback: 'not_satisfied' })).message).toContain('передайте обращение контролёру района');
    await t.core.handlers.setWorkstationUser({ name: 'Контролёр', role: 'district_controller', district: 'Октябрьский' });
    expect(refusal(await act(t, a, { action: 'close', feedback: 'not_satisfied' })).message).toContain('верните обращение на доработку');
  });
});
