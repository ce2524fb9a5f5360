import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from './core.js';
import { CALL, openTestCore, REGISTER, type TestCore } from './test/temp-core.js';

let open: TestCore[] = [];
async function start(): Promise<TestCore> {
  const t = await openTestCore();
  await t.core.db.call('seed', {
    ...REGISTER,
    organisations: [...REGISTER.organisations, { id: 'tso-1', kind: 'tso', name: 'ПАО «Т Плюс»', dispatcherPhone: '8 (846) 200-00-00' }],
    heatSources: [{ id: 'hs-1', kind: 'boiler_house', name: 'Котельная № 5', supplierOrgId: 'tso-1' }],
  });
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open) await t.core.close();
  open = [];
});

describe('addresses on control', () => {
  it('a building goes on control with its first open appeal and leaves with its last', async () => {
    const { core, clock, dataDir } = await start();
    const base = { offset: 0, limit: 50 };
    expect(await core.handlers.listControlAddresses(base)).toEqual({ rows: [], total: 0 });

    const first = await core.handlers.registerAppeal({ ...CALL, buildingId: 'b-1', category: 'low_temperature' });
    clock.now += 60_000;
    const second = await core.handlers.registerAppeal({ ...CALL, buildingId: 'b-1', category: 'no_heating' });
    await core.handlers.registerAppeal({ ...CALL, buildingId: 'b-2' });

    const all = await core.handlers.listControlAddresses(base);
    expect(all.total).toBe(2);
    expect(all.rows[0]).toMatchObject({
      buildingId: 'b-1',
      openCount: 2,
      oldestReceivedAt: first.receivedAt,
      nearestDeadlineAt: second.deadlineAt,
      managementOrg: 'ООО «УК Тест»',
      district: 'Октябрьский',
    });
    expect((await core.handlers.listControlAddresses({ ...base, district: 'Ленинский' })).rows.map((r) => r.buildingId)).toEqual(['b-2']);
    expect((await core.handlers.listControlAddresses({ ...base, managementOrgId: 'uk-1' })).total).toBe(1);

    // The lifecycle issue adds commands; here the state changes as they will write it.
    const db = new Database(join(dataDir, DATABASE_FILE));
    try {
      db.prepare("UPDATE appeals SET status = 'closed', updated_at = ? WHERE id = ?").run(clock.now + 1, second.id);
      expect((await core.handlers.listControlAddresses(base)).rows[0]).toMatchObject({ buildingId: 'b-1', openCount: 1, nearestDeadlineAt: first.deadlineAt });
      db.prepare("UPDATE appeals SET status = 'closed', updated_at = ? WHERE id = ?").run(clock.now + 2, first.id);
      expect((await core.handlers.listControlAddresses(base)).rows.map((r) => r.buildingId)).toEqual(['b-2']);
      expect(db.prepare("SELECT started_at, ended_at FROM control_periods WHERE building_id = 'b-1'").all()).toEqual([
        { started_at: first.receivedAt, ended_at: clock.now + 2 },
      ]);
      // Reopened: back on control from that moment, a new period.
      db.prepare("UPDATE appeals SET status = 'returned', updated_at = ? WHERE id = ?").run(clock.now + 3, first.id);
      expect((await core.handlers.listControlAddresses(base)).rows.map((r) => r.buildingId)).toEqual(['b-1', 'b-2']);
      expect(db.prepare("SELECT on_control_since FROM control_addresses WHERE building_id = 'b-1'").get()).toEqual({ on_control_since: clock.now + 3 });
    } finally {
      db.close();
    }
  });
});

describe('the address card', () => {
  it('shows the building, its organisations and its appeals, open first', async () => {
    const { core, clock } = await start();
    await core.db.call('seed', {});
    const a = await core.handlers.registerAppeal({ ...CALL, buildingId: 'b-1' });
    clock.now += 60_000;
    const b = await core.handlers.registerAppeal({ ...CALL, buildingId: 'b-1', category: 'no_heating' });
    const card = await core.handlers.getBuildingCard({ id: 'b-1' });
    expect(card.building).toMatchObject({ id: 'b-1', address: 'ул. Ново-Садовая, д. 106А', heatingStatus: 'unknown' });
    expect(card.managementOrg?.name).toBe('ООО «УК Тест»');
    expect(card.onControl).toBe(true);
    expect(card.openCount).toBe(2);
    expect(card.appeals.map((x) => x.id)).toEqual([b.id, a.id]);
    expect(await core.call('getBuildingCard', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Дом не найден в реестре' } });
  });

  it('lists organisations by kind', async () => {
    const { core } = await start();
    expect((await core.handlers.listOrganisations({ kinds: ['tso'] })).map((o) => o.name)).toEqual(['ПАО «Т Плюс»']);
    expect((await core.handlers.listOrganisations({ district: 'Октябрьский' })).map((o) => o.id)).toEqual(['uk-1']);
  });
});
