import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Appeal, ChangeEvent } from '../../shared/contract/schemas.js';
import { DATABASE_FILE } from './core.js';
import { CALL, openTestCore, REGISTER, type TestCore } from './test/temp-core.js';

let open: TestCore[] = [];
async function start(): Promise<TestCore> {
  const t = await openTestCore();
  await t.core.db.call('seed', REGISTER);
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open) await t.core.close();
  open = [];
});

function rawDb(dataDir: string): Database.Database {
  return new Database(join(dataDir, DATABASE_FILE), { readonly: true });
}

describe('registering an appeal', () => {
  it('stores the appeal, its first event and its op in the outbox together', async () => {
    const { core, dataDir, clock } = await start();
    const result = await core.call('registerAppeal', CALL);
    expect(result.ok).toBe(true);
    const appeal = (result as { value: Appeal }).value;
    expect(appeal).toMatchObject({
      address: 'ул. Ново-Садовая, д. 106А',
      district: 'Октябрьский',
      status: 'registered',
      receivedAt: clock.now,
      registeredBy: 'Тестовый оператор',
      channel: 'district_hotline',
    });
    expect(appeal.number).toMatch(/^26-[2-9A-Z]{4}-00001$/);

    const db = rawDb(dataDir);
    try {
      expect(db.prepare('SELECT type, by FROM appeal_events WHERE appeal_id = ?').all(appeal.id)).toEqual([
        { type: 'registered', by: 'Тестовый оператор' },
      ]);
      const op = db.prepare('SELECT * FROM outbox').get() as Record<string, unknown>;
      expect(op).toMatchObject({ device_seq: 1, command: 'register_appeal', entity_id: appeal.id, base_version: 0, state: 'pending' });
      expect(JSON.parse(op['payload'] as string)).toMatchObject({ number: appeal.number, buildingId: 'b-1' });
    } finally {
      db.close();
    }
  });

  it('gives every appeal its own number and the outbox a gap-free sequence', async () => {
    const { core } = await start();
    const numbers = new Set<string>();
    for (let i = 0; i < 20; i++) numbers.add((await core.handlers.registerAppeal({ ...CALL })).number);
    expect(numbers.size).toBe(20);
    const ops = await core.db.call('pendingOps', 100);
    expect(ops.map((o) => o.deviceSeq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const hlcs = ops.map((o) => o.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
  });

  it('counts the deadline from the time the call was received', async () => {
    const { core, clock } = await start();
    const receivedAt = clock.now - 3_600_000;
    const appeal = await core.handlers.registerAppeal({ ...CALL, category: 'no_heating', receivedAt });
    expect(appeal.deadlineAt).toBe(receivedAt + 30 * 60_000);
  });

  it('refuses an unknown building and a future receipt time, and writes nothing', async () => {
    const { core, dataDir, clock } = await start();
    const unknown = await core.call('registerAppeal', { ...CALL, buildingId: 'no-such-building' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'buildingId' }] } });
    const future = await core.call('registerAppeal', { ...CALL, receivedAt: clock.now + 3_600_000 });
    expect(future).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'receivedAt' }] } });
    const wrongTypes = await core.call('registerAppeal', { ...CALL, flat: 15, category: 'cold' });
    expect(wrongTypes.ok).toBe(false);

    const db = rawDb(dataDir);
    try {
      for (const table of ['appeals', 'appeal_events', 'outbox']) {
        expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
      }
      expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key IN ('appeal_number', 'device_seq')").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('refuses an unknown method', async () => {
    const { core } = await start();
    expect(await core.call('deleteEverything', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('announces the change to open screens', async () => {
    const { core } = await start();
    const events: ChangeEvent[] = [];
    core.onChange((e) => events.push(e));
    const appeal = await core.handlers.registerAppeal({ ...CALL });
    expect(events).toEqual([{ entity: 'appeal', ids: [appeal.id] }]);
  });
});

describe('the audit trail', () => {
  it('cannot be changed or deleted', async () => {
    const { core, dataDir } = await start();
    await core.handlers.registerAppeal({ ...CALL });
    await core.close();
    open = [];
    const db = new Database(join(dataDir, DATABASE_FILE));
    try {
      expect(() => db.prepare("UPDATE appeal_events SET by = 'someone else'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM appeal_events').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});

describe('the list of appeals', () => {
  async function withAppeals() {
    const t = await start();
    const { core, clock } = t;
    const made: Appeal[] = [];
    const plan = [
      { buildingId: 'b-1', category: 'low_temperature', applicantName: 'Иванова Мария' },
      { buildingId: 'b-2', category: 'no_heating', applicantName: 'Петров Пётр' },
      { buildingId: 'b-3', category: 'air_lock', applicantName: 'Сидоров Семён' },
      { buildingId: 'b-1', category: 'no_heating', applicantName: 'Ёлкина Алёна' },
    ] as const;
    for (const p of plan) {
      made.push(await core.handlers.registerAppeal({ ...CALL, ...p }));
      clock.now += 60_000;
    }
    return { ...t, made };
  }
  const base = { sort: { field: 'deadlineAt', direction: 'asc' }, offset: 0, limit: 50 } as const;

  it('sorts by deadline and pages', async () => {
    const { core, made } = await withAppeals();
    const all = await core.handlers.listAppeals(base);
    expect(all.total).toBe(4);
    const deadlines = all.rows.map((r) => r.deadlineAt);
    expect([...deadlines].sort((a, b) => a - b)).toEqual(deadlines);
    const page2 = await core.handlers.listAppeals({ ...base, sort: { field: 'receivedAt', direction: 'desc' }, offset: 1, limit: 2 });
    expect(page2.rows.map((r) => r.id)).toEqual([made[2]?.id, made[1]?.id]);
    expect(page2.total).toBe(4);
  });

  it('filters by district, status and category', async () => {
    const { core } = await withAppeals();
    expect((await core.handlers.listAppeals({ ...base, district: 'Октябрьский' })).total).toBe(2);
    expect((await core.handlers.listAppeals({ ...base, district: 'Октябрьский', category: 'no_heating' })).total).toBe(1);
    expect((await core.handlers.listAppeals({ ...base, statuses: ['closed'] })).total).toBe(0);
    expect((await core.handlers.listAppeals({ ...base, statuses: ['registered', 'closed'] })).total).toBe(4);
  });

  it('quick search finds by number, address words, applicant (ё as е) and phone', async () => {
    const { core, made } = await withAppeals();
    const search = async (text: string) => (await core.handlers.listAppeals({ ...base, search: text })).rows.map((r) => r.id).sort();
    expect(await search(made[1]?.number ?? '')).toEqual([made[1]?.id]);
    expect(await search('партсъезда 5')).toEqual([made[2]?.id]);
    expect(await search('елкина')).toEqual([made[3]?.id]);
    expect(await search('ПЕТРОВ')).toEqual([made[1]?.id]);
    expect((await search('8 927 123-45-67')).length).toBe(4);
    expect(await search('нет такого')).toEqual([]);
  });

  it('opens one appeal with its history, and says when there is none', async () => {
    const { core, made } = await withAppeals();
    const details = await core.handlers.getAppeal({ id: made[0]?.id ?? '' });
    expect(details.appeal.applicantName).toBe('Иванова Мария');
    expect(details.events.map((e) => e.type)).toEqual(['registered']);
    expect(await core.call('getAppeal', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Обращение не найдено' } });
  });
});

describe('buildings search', () => {
  it('goes through the core (ranking and typos: address-search.test.ts)', async () => {
    const { core } = await start();
    const hits = await core.handlers.searchBuildings({ query: 'ново-САДОВАЯ 106', limit: 10 });
    expect(hits).toEqual([
      { id: 'b-1', address: 'ул. Ново-Садовая, д. 106А', district: 'Октябрьский', managementOrg: 'ООО «УК Тест»', score: expect.any(Number) },
    ]);
    expect(await core.handlers.searchBuildings({ query: '', limit: 10 })).toEqual([]);
    expect(await core.handlers.searchBuildings({ query: '100%_', limit: 10 })).toEqual([]);
  });
});

describe('changes made by another process', () => {
  it('reach open screens as a change event', async () => {
    const { core, dataDir } = await start();
    const seen = new Promise<ChangeEvent>((resolve) => core.onChange(resolve));
    const other = await openTestCore(dataDir);
    open.push(other);
    await other.core.handlers.registerAppeal({ ...CALL });
    expect(await seen).toEqual({ entity: 'appeal', ids: [] });
  });
});

describe('the workstation user', () => {
  it('is stated once, kept across restarts, and names the operator of new appeals', async () => {
    const { core, dataDir } = await start();
    const set = await core.call('setWorkstationUser', { name: 'Петрова Н. В.', role: 'district_controller', district: 'Октябрьский' });
    expect(set.ok).toBe(true);
    expect(core.actor()).toEqual({ userId: 'Петрова Н. В.', role: 'district_controller', district: 'Октябрьский' });
    await core.close();
    open = [];
    const again = await openTestCore(dataDir);
    open.push(again);
    expect(await again.core.handlers.getWorkstationUser({})).toEqual({ name: 'Петрова Н. В.', role: 'district_controller', district: 'Октябрьский' });
    expect((await again.core.handlers.registerAppeal({ ...CALL })).registeredBy).toBe('Петрова Н. В.');
  });

  it('refuses a district role without a district, and an unknown role', async () => {
    const { core } = await start();
    expect(await core.call('setWorkstationUser', { name: 'Иванов', role: 'operator', district: null })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'district', message: 'Укажите район' }] },
    });
    expect((await core.call('setWorkstationUser', { name: 'Иванов', role: 'boss', district: null })).ok).toBe(false);
    expect((await core.call('setWorkstationUser', { name: 'Департамент', role: 'department', district: null })).ok).toBe(true);
  });
});
