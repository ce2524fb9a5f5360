// A new workstation's snapshot against the real server (its own process on PGlite): the snapshot
// comes in small pages, the link drops in the middle of it, the next sync resumes from the page it
// stopped at, and the workstation ends showing what a workstation that pulled every change one by
// one shows: the appeals with their pending deadlines, «Адреса на контроле», «Сроки», search.
import { afterEach, describe, expect, it } from 'vitest';
import type { Appeal } from '../../../shared/contract/schemas.js';
import type { Core } from '../core.js';
import { useCentralServer } from '../test/central-workstations.js';
import { value } from '../test/temp-core.js';

const PASSWORD = 'Пароль-для-теста-1';
const ADDRESSES = ['ул. Ново-Садовая, д. 106А', 'ул. Ново-Садовая, д. 108', 'ул. Ново-Садовая, д. 110'];
const REGISTER_CSV =
  'Район;Адрес;Управляющая организация\n' +
  `Октябрьский;${ADDRESSES[0]};УК «Первая»\n` +
  `Октябрьский;${ADDRESSES[1]};УК «Вторая»\n` +
  `Октябрьский;${ADDRESSES[2]};УК «Первая»\n`;

const central = useCentralServer(
  [
    { login: 'petrova', role: 'district_controller', district: 'Октябрьский', password: PASSWORD, name: 'Петрова Анна' },
    { login: 'sidorova', role: 'district_controller', district: 'Октябрьский', password: PASSWORD, name: 'Сидорова Ольга' },
    { login: 'ivanova', role: 'district_controller', district: 'Октябрьский', password: PASSWORD, name: 'Иванова Елена' },
  ],
  { registerCsv: REGISTER_CSV },
);
const realFetch = globalThis.fetch;

afterEach(() => {
  globalThis.fetch = realFetch;
});

function workstation(login: string): Promise<Core> {
  return central.connectWorkstation(login, 'snapshot');
}

async function act(core: Core, id: string, data: Record<string, unknown>): Promise<void> {
  const { appeal } = value<{ appeal: Appeal }>(await core.call('getAppeal', { id }));
  value(await core.call('appealAction', { appealId: id, expectedVersion: appeal.version, data }));
}

/** What the screens show, for comparing two workstations (local versions, times of local writes and the start of a period on control left out: those are each workstation's own history). */
async function screens(core: Core) {
  const list = value<{ total: number; rows: Record<string, unknown>[] }>(await core.call('listAppeals', { limit: 500 }));
  const appeals = list.rows
    .map(({ version: _v, updatedAt: _u, ...rest }) => rest)
    .sort((x, y) => String(x['id']).localeCompare(String(y['id'])));
  const control = value<{ rows: Record<string, unknown>[] }>(await core.call('listControlAddresses', { limit: 500 })).rows.map(
    ({ onControlSince: _since, ...rest }) => rest,
  );
  const due: Record<string, unknown> = {};
  for (const bucket of ['overdue', 'within_hour', 'today'] as const) {
    const { rows, total } = value<{ rows: unknown[]; total: number }>(await core.call('listDue', { bucket, limit: 500 }));
    due[bucket] = { rows, total };
  }
  const search = value<{ rows: { id: string }[] }>(await core.call('listAppeals', { search: 'Сидоров', limit: 500 })).rows.map((a) => a.id).sort();
  return { total: list.total, appeals, control, due, search };
}

describe('a new workstation’s snapshot against the real server', () => {
  it('cut in the middle, resumes where it stopped and ends as the workstation that pulled every change', async () => {
    const a = await workstation('petrova');
    const b = await workstation('sidorova');
    expect(await a.sync.engine.syncOnce()).toMatchObject({ ok: true });
    expect(await b.sync.engine.syncOnce()).toMatchObject({ ok: true });
    const buildings = value<{ id: string; address: string }[]>(await a.call('searchBuildings', { query: 'Ново-Садовая' }));
    const executor = value<{ id: string; name: string }[]>(await a.call('listOrganisations', {})).find((o) => o.name === 'УК «Первая»')!.id;
    const categories = ['low_temperature', 'no_heating', 'air_lock', 'heating_leak'];
    const done = { whatWasDone: 'Стояк прогрет', doneAt: Date.now() - 60_000 };
    for (let i = 0; i < 14; i++) {
      const created = value<Appeal>(
        await a.call('registerAppeal', {
          buildingId: buildings[i % buildings.length]!.id,
          flat: String(10 + i),
          applicantName: i % 2 ? 'Сидоров Пётр' : 'Кузнецова Анна',
          applicantPhone: '89271234567',
          channel: 'district_hotline',
          category: categories[i % categories.length]!,
          description: 'Холодно',
        }),
      );
      const stage = i % 5;
      if (stage >= 1) await act(a, created.id, { action: 'transfer', executorOrgId: executor, method: 'system' });
      if (stage >= 2) await act(a, created.id, { action: 'take_in_work' });
      if (stage >= 3) await act(a, created.id, { action: 'mark_done', ...done });
      if (stage >= 4) await act(a, created.id, { action: 'verify', method: 'measurement', temperatures: [{ room: 'зал', celsius: 21 }] });
      if (i === 4) await act(a, created.id, { action: 'close', feedback: 'satisfied', note: 'Тепло' });
      // B pulls as the work goes on: change by change.
      if (i % 3 === 0) {
        expect(await a.sync.engine.syncOnce()).toMatchObject({ ok: true, rejected: 0 });
        expect(await b.sync.engine.syncOnce()).toMatchObject({ ok: true });
      }
    }
    expect(await a.sync.engine.syncOnce()).toMatchObject({ ok: true, rejected: 0 });
    expect(await b.sync.engine.syncOnce()).toMatchObject({ ok: true });

    // The new workstation: snapshot pages of 4 records, the link gone at the fourth request.
    const c = await workstation('ivanova');
    let snapshotRequests = 0;
    globalThis.fetch = async (input, init) => {
      if (String(input).endsWith('/sync/snapshot') && typeof init?.body === 'string') {
        if (++snapshotRequests === 4) throw new TypeError('fetch failed');
        return realFetch(input, { ...init, body: JSON.stringify({ ...(JSON.parse(init.body) as object), limit: 4 }) });
      }
      return realFetch(input, init);
    };
    const cut = await c.sync.engine.syncOnce();
    expect(cut).toMatchObject({ ok: false, error: { message: 'Сервер недоступен' } });
    expect(cut.snapshotPages).toBeGreaterThanOrEqual(2);
    expect((await c.db.call('syncCounts')).snapshot).not.toBeNull();
    const kept = (await screens(c)).total;
    expect(kept).toBeLessThan(14);

    const resumed = await c.sync.engine.syncOnce();
    expect(resumed).toMatchObject({ ok: true });
    expect(resumed.snapshotPages).toBeGreaterThan(3);
    expect((await c.db.call('syncCounts')).snapshot).toBeNull();

    const inB = await screens(b);
    const inC = await screens(c);
    expect(inC.total).toBe(14);
    expect(inC.control.length).toBeGreaterThan(0);
    expect(inC.search.length).toBe(7);
    expect(inC).toEqual(inB);
    // «Сроки» lists appeals by their pending deadline (appeals.next_deadline_at).
    expect(Object.values(inC.due).some((d) => (d as { total: number }).total > 0)).toBe(true);
  }, 180_000);
});
