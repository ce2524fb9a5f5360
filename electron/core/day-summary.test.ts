// «Итоги дня» through the core: the fixed week of shared/reports/day-summary-fixture.ts registered
// and worked through the real commands at their own times, then summarised from SQLite. The figures
// are the ones computed by hand in shared/reports/day-summary.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEnvelope } from '../../shared/contract/errors.js';
import type { Appeal } from '../../shared/contract/schemas.js';
import { FIXTURE, FIXTURE_NOW, fixtureSummaryAppeals, UK1, UK2, type FixtureAppeal } from '../../shared/reports/day-summary-fixture.js';
import { trend } from '../../shared/reports/day-summary.js';
import { summaryDay } from '../../shared/reports/summary-day.js';
import { openTestCore, type TestCore } from './test/temp-core.js';

const HOUR = 3_600_000;
let t: TestCore;
/** Fixture id → the appeal's id in the database, and back. */
const idOf = new Map<string, string>();
const fixtureId = new Map<string, string>();

function ok<T>(r: ApiEnvelope<unknown>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

function actionData(step: FixtureAppeal['steps'][number]): Record<string, unknown> {
  switch (step.type) {
    case 'transfer':
      return { action: 'transfer', executorOrgId: step.executorId, method: 'system', contactPerson: '' };
    case 'take_in_work':
      return { action: 'take_in_work' };
    case 'mark_done':
      return { action: 'mark_done', whatWasDone: 'Стояки прокачаны', doneAt: step.at };
    case 'verify':
      return { action: 'verify', method: 'call', temperatures: [], note: '' };
    case 'close':
      return { action: 'close', feedback: 'satisfied', attempts: 0, note: '' };
    case 'reject':
      return { action: 'reject', reason: 'Не относится к отоплению' };
    case 'return_for_rework':
      return { action: 'return_for_rework', reason: 'Заявитель перезвонил: холодно' };
    default:
      throw new Error(`no action for ${step.type}`);
  }
}

beforeAll(async () => {
  t = await openTestCore(undefined, FIXTURE[0]!.receivedAt - 10 * 24 * HOUR);
  const buildings = [...new Set(FIXTURE.map((a) => a.buildingId))].map((id) => ({
    id,
    district: FIXTURE.find((a) => a.buildingId === id)!.district,
    address: `ул. Тестовая, д. ${id.slice(1)}`,
    managementOrgId: UK1,
  }));
  await t.core.db.call('seed', {
    organisations: [
      { id: UK1, kind: 'uk', name: 'ООО «УК Первая»' },
      { id: UK2, kind: 'uk', name: 'ООО «УК Вторая»' },
    ],
    buildings,
  });
  await t.core.handlers.setWorkstationUser({ name: 'Заместитель', role: 'deputy_head', district: 'Ленинский' });
  // Every registration and step in time order, each at its own moment on the core's clock.
  const timeline = [
    ...FIXTURE.map((a) => ({ at: a.receivedAt, a, step: null })),
    ...FIXTURE.flatMap((a) => a.steps.map((step) => ({ at: step.at, a, step }))),
  ].sort((x, y) => x.at - y.at);
  const versions = new Map<string, number>();
  for (const { at, a, step } of timeline) {
    t.clock.now = at;
    if (!step) {
      const appeal = ok<Appeal>(
        await t.core.call('registerAppeal', {
          buildingId: a.buildingId,
          applicantName: 'Заявитель',
          channel: a.channel,
          category: a.category,
          priority: a.priority,
          description: 'Холодно',
          receivedAt: a.receivedAt,
        }),
      );
      idOf.set(a.id, appeal.id);
      fixtureId.set(appeal.id, a.id);
      versions.set(a.id, appeal.version);
      continue;
    }
    const appeal = ok<Appeal>(
      await t.core.call('appealAction', { appealId: idOf.get(a.id), expectedVersion: versions.get(a.id), data: actionData(step) }),
    );
    expect(appeal.status).toBe(step.to);
    versions.set(a.id, appeal.version);
  }
  t.clock.now = FIXTURE_NOW;
});

afterAll(async () => {
  await t.core.close();
});

async function drill(figure: string, extra: Record<string, unknown> = {}): Promise<{ ids: string[]; total: number }> {
  const list = ok<{ rows: Appeal[]; total: number }>(await t.core.call('daySummaryAppeals', { day: '2026-02-20', figure, limit: 500, ...extra }));
  return { ids: list.rows.map((r) => fixtureId.get(r.id) ?? r.id).sort(), total: list.total };
}

describe('«Итоги дня» from the local database', () => {
  it('Friday in the deputy head\'s district (the default scope): the hand-computed figures', async () => {
    const s = ok<Awaited<ReturnType<typeof t.core.handlers.daySummary>>>(await t.core.call('daySummary', { day: '2026-02-20' }));
    expect(s.district).toBe('Ленинский');
    expect(s.figures).toEqual({ received: 4, closed: 1, open: 4, overdue: 3 });
    expect(s.addressesOnControl).toBe(3);
    expect(s.byExecutor).toEqual([
      { key: UK1, name: 'ООО «УК Первая»', received: 2, closed: 1, open: 2, overdue: 1 },
      { key: UK2, name: 'ООО «УК Вторая»', received: 1, closed: 0, open: 2, overdue: 2 },
      { key: 'none', name: null, received: 1, closed: 0, open: 0, overdue: 0 },
    ]);
    expect(s.ranking.byOverdue.map((r) => [r.name, r.overdue])).toEqual([
      ['ООО «УК Вторая»', 2],
      ['ООО «УК Первая»', 1],
    ]);
    expect(s.ranking.byMedianResolve.map((r) => [r.name, r.medianResolveMs])).toEqual([['ООО «УК Первая»', 4 * HOUR]]);
    expect(s.trend.slice(-3)).toEqual([
      { date: '2026-02-18', received: 1, closed: 0, open: 1 },
      { date: '2026-02-19', received: 1, closed: 1, open: 1 },
      { date: '2026-02-20', received: 4, closed: 1, open: 4 },
    ]);
  });

  it('each figure drills down to exactly its appeals', async () => {
    expect(await drill('received')).toEqual({ ids: ['A1', 'A2', 'A4', 'A7'], total: 4 });
    expect(await drill('closed')).toEqual({ ids: ['A1'], total: 1 });
    expect(await drill('open')).toEqual({ ids: ['A2', 'A3', 'A5', 'A7'], total: 4 });
    expect(await drill('overdue')).toEqual({ ids: ['A2', 'A3', 'A5'], total: 3 });
    expect(await drill('overdue', { breakdown: 'executor', key: UK2 })).toEqual({ ids: ['A2', 'A3'], total: 2 });
    expect(await drill('received', { breakdown: 'category', key: 'low_temperature' })).toEqual({ ids: ['A1', 'A2'], total: 2 });
    const page = ok<{ rows: Appeal[]; total: number }>(await t.core.call('daySummaryAppeals', { day: '2026-02-20', figure: 'open', offset: 1, limit: 2 }));
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => fixtureId.get(r.id))).toEqual(['A7', 'A3']); // the latest received first: A2, A7, A3, A5
  });

  it('the appeal received at 23:59 and closed after midnight is Saturday\'s closed one; Monday (a holiday) is not Tuesday', async () => {
    const saturday = ok<{ figures: unknown }>(await t.core.call('daySummary', { day: '2026-02-21' }));
    expect(saturday.figures).toEqual({ received: 0, closed: 1, open: 3, overdue: 2 }); // A3, A5; A7's call back is due on Tuesday
    const monday = ok<{ figures: unknown }>(await t.core.call('daySummary', { day: '2026-02-23' }));
    expect(monday.figures).toEqual({ received: 0, closed: 1, open: 2, overdue: 1 });
    const tuesday = ok<{ figures: unknown }>(await t.core.call('daySummary', { day: '2026-02-24' }));
    expect(tuesday.figures).toEqual({ received: 0, closed: 0, open: 2, overdue: 2 });
  });

  it('today by default, as of now; its trend counted in SQL equals the trend by definition', async () => {
    const today = ok<{ date: string; asOf: number; figures: unknown; trend: unknown[] }>(await t.core.call('daySummary', {}));
    expect(today.date).toBe('2026-02-25');
    expect(today.asOf).toBe(FIXTURE_NOW);
    expect(today.figures).toEqual({ received: 0, closed: 0, open: 2, overdue: 2 });
    const district = fixtureSummaryAppeals(FIXTURE_NOW, 'Ленинский');
    expect(today.trend).toEqual(trend(district, summaryDay('2026-02-25')!, FIXTURE_NOW));
    expect(today.trend.slice(-5)).toEqual([
      { date: '2026-02-21', received: 0, closed: 1, open: 3 },
      { date: '2026-02-22', received: 0, closed: 0, open: 3 },
      { date: '2026-02-23', received: 0, closed: 1, open: 2 },
      { date: '2026-02-24', received: 0, closed: 0, open: 2 },
      { date: '2026-02-25', received: 0, closed: 0, open: 2 },
    ]);
  });

  it('the Department sees the city by default, and one district when it names one', async () => {
    await t.core.handlers.setWorkstationUser({ name: 'Департамент', role: 'department', district: null });
    try {
      const city = ok<{ district: string | null; figures: unknown }>(await t.core.call('daySummary', { day: '2026-02-20' }));
      expect(city.district).toBeNull();
      expect(city.figures).toEqual({ received: 5, closed: 1, open: 5, overdue: 4 });
      expect((await drill('overdue')).total).toBe(4);
      const kirovsky = ok<{ figures: unknown }>(await t.core.call('daySummary', { day: '2026-02-20', district: 'Кировский' }));
      expect(kirovsky.figures).toEqual({ received: 1, closed: 0, open: 1, overdue: 1 });
    } finally {
      await t.core.handlers.setWorkstationUser({ name: 'Заместитель', role: 'deputy_head', district: 'Ленинский' });
    }
  });

  it('refuses a malformed day, a day to come and an unknown district in Russian, and changes nothing', async () => {
    const before = await t.core.handlers.syncStatus({});
    const appealsBefore = await t.core.handlers.listAppeals({ sort: { field: 'receivedAt', direction: 'asc' }, offset: 0, limit: 500 });
    const refusals: [string, unknown, RegExp][] = [
      ['daySummary', { day: '2026-02-30' }, /Неверная дата «2026-02-30»/],
      ['daySummary', { day: '20.02.2026' }, /ГГГГ-ММ-ДД/],
      ['daySummary', { day: '2026-02-26' }, /Итоги за 26\.02\.2026 ещё не подведены: этот день не наступил/],
      ['daySummary', { day: '2026-02-20', district: 'Центральный' }, /Неизвестный район/],
      ['daySummaryAppeals', { day: '2026-02-20', figure: 'lost' }, /Неизвестный показатель/],
      ['daySummaryAppeals', { day: '2026-02-20', figure: 'open', breakdown: 'executor' }, /Разбивка и её значение указываются вместе/],
      ['daySummaryAppeals', { day: '2030-01-01', figure: 'open' }, /ещё не подведены/],
    ];
    for (const [method, input, message] of refusals) {
      const r = await t.core.call(method, input);
      expect(r.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('validation');
        expect(r.error.message).toMatch(message);
      }
    }
    expect(await t.core.handlers.syncStatus({})).toEqual(before);
    expect(await t.core.handlers.listAppeals({ sort: { field: 'receivedAt', direction: 'asc' }, offset: 0, limit: 500 })).toEqual(appealsBefore);
  });
});

describe('an appeal closed, returned and closed again on one day', () => {
  it('counts once among the day\'s closed, in the figure, the trend and the drill-down', async () => {
    const c = await openTestCore(undefined, Date.UTC(2026, 1, 20, 5, 0)); // 09:00 in Samara
    try {
      await c.core.db.call('seed', { organisations: [{ id: UK1, kind: 'uk', name: 'ООО «УК Первая»' }], buildings: [{ id: 'b1', district: 'Ленинский', address: 'ул. Тестовая, д. 1', managementOrgId: UK1 }] });
      await c.core.handlers.setWorkstationUser({ name: 'Заместитель', role: 'deputy_head', district: 'Ленинский' });
      let appeal = ok<Appeal>(await c.core.call('registerAppeal', { buildingId: 'b1', applicantName: 'Заявитель', channel: 'district_hotline', category: 'low_temperature', description: 'Холодно' }));
      const steps = ['transfer', 'take_in_work', 'mark_done', 'verify', 'close', 'return_for_rework', 'take_in_work', 'mark_done', 'verify', 'close'];
      for (const type of steps) {
        c.clock.now += 20 * 60_000;
        appeal = ok<Appeal>(await c.core.call('appealAction', { appealId: appeal.id, expectedVersion: appeal.version, data: actionData({ type, at: c.clock.now, to: 'closed', executorId: UK1 }) }));
      }
      expect(appeal.status).toBe('closed');
      c.clock.now = Date.UTC(2026, 1, 21, 8, 0);
      const s = ok<{ figures: { closed: number }; trend: { date: string; closed: number }[]; ranking: { byMedianResolve: { medianResolveMs: number }[] } }>(
        await c.core.call('daySummary', { day: '2026-02-20' }),
      );
      expect(s.figures.closed).toBe(1);
      expect(s.trend.at(-1)).toEqual({ date: '2026-02-20', received: 1, closed: 1, open: 0 });
      // From receipt to the last closing: ten steps of 20 minutes.
      expect(s.ranking.byMedianResolve[0]?.medianResolveMs).toBe(200 * 60_000);
      const list = ok<{ total: number }>(await c.core.call('daySummaryAppeals', { day: '2026-02-20', figure: 'closed' }));
      expect(list.total).toBe(1);
    } finally {
      await c.core.close();
    }
  });
});
