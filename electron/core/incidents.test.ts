import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentDetails } from '../../shared/contract/incident-schemas.js';
import type { Appeal, AppealDetails } from '../../shared/contract/schemas.js';
import type { BuildingCard } from '../../shared/contract/register-schemas.js';
import type { Actor } from '../../shared/domain/roles.js';
import { createCore, DATABASE_FILE } from './core.js';
import { silentLogger } from './log.js';
import { CALL, tempDir, type TestCore } from './test/temp-core.js';

const H = 60 * 60 * 1000;
const START = Date.UTC(2026, 10, 29, 7, 0);
const SEED = {
  organisations: [{ id: 'tso-1', kind: 'tso' as const, name: 'ПАО «Т Плюс»' }],
  heatSources: [
    { id: 'hs-1', kind: 'boiler_house' as const, name: 'Котельная №7', supplierOrgId: 'tso-1', district: 'Октябрьский' as const },
    { id: 'hs-empty', kind: 'substation' as const, name: 'ЦТП-99', supplierOrgId: 'tso-1', district: 'Октябрьский' as const },
  ],
  buildings: [
    { id: 'b-1', district: 'Октябрьский' as const, address: 'ул. Ново-Садовая, д. 106А', heatSourceId: 'hs-1' },
    { id: 'b-2', district: 'Ленинский' as const, address: 'ул. Садовая, д. 12', heatSourceId: 'hs-1' },
    { id: 'b-3', district: 'Промышленный' as const, address: 'ул. XXII Партсъезда, д. 5' },
  ],
};

let open: TestCore[] = [];
async function start(actor?: Actor): Promise<TestCore> {
  const clock = { now: START };
  const dataDir = tempDir('incidents');
  const core = await createCore({ dataDir, shell: 'cli', clock: () => clock.now, log: silentLogger(), operator: 'Тестовый оператор', ...(actor ? { actor } : {}) });
  await core.db.call('seed', SEED);
  const t = { core, dataDir, clock };
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open) await t.core.close();
  open = [];
});

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

function counts(dataDir: string) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const result = {
    incidents: one('SELECT count(*) AS n FROM incidents'),
    events: one('SELECT count(*) AS n FROM incident_events'),
    appealEvents: one('SELECT count(*) AS n FROM appeal_events'),
    outbox: one('SELECT count(*) AS n FROM outbox'),
    statuses: db.prepare('SELECT id, status, version FROM appeals ORDER BY id').all(),
    restored: db.prepare('SELECT id, restored_at, version FROM incidents ORDER BY id').all(),
  };
  db.close();
  return result;
}

describe('incidents', () => {
  it('a heat-source incident covers the buildings it heats, with an event and an op', async () => {
    const { core, dataDir, clock } = await start();
    const incident = await ok<Incident>(core.call('createIncident', { scope: 'heat_source', heatSourceId: 'hs-1', cause: 'Порыв на теплотрассе', startedAt: clock.now - H, plannedRestoreAt: clock.now + 5 * H }));
    expect(incident).toMatchObject({ scope: 'heat_source', buildingCount: 2, districts: ['Ленинский', 'Октябрьский'], restoredAt: null, heatSource: { name: 'Котельная №7' } });
    expect(counts(dataDir)).toMatchObject({ incidents: 1, events: 1, outbox: 1 });
    const active = await ok<Incident[]>(core.call('incidentsAtBuilding', { buildingId: 'b-2' }));
    expect(active.map((i) => i.id)).toEqual([incident.id]);
    expect(await ok<Incident[]>(core.call('incidentsAtBuilding', { buildingId: 'b-3' }))).toEqual([]);
  });

  it('links an appeal registered at an affected building while the incident is active, and only then', async () => {
    const { core, clock } = await start();
    const incident = await ok<Incident>(core.call('createIncident', { scope: 'heat_source', heatSourceId: 'hs-1', cause: 'Авария', startedAt: clock.now - H }));
    const linked = await ok<Appeal>(core.call('registerAppeal', CALL));
    const elsewhere = await ok<Appeal>(core.call('registerAppeal', { ...CALL, buildingId: 'b-3' }));
    const details = await ok<IncidentDetails>(core.call('getIncident', { id: incident.id }));
    expect(details.appeals.map((a) => a.id)).toEqual([linked.id]);
    const timeline = await ok<AppealDetails>(core.call('getAppeal', { id: linked.id }));
    // Events of the same millisecond have no fixed order (appeal_events sorts by at, id).
    expect(timeline.events.map((e) => e.type).sort()).toEqual(['incident_linked', 'registered']);
    expect((await ok<AppealDetails>(core.call('getAppeal', { id: elsewhere.id }))).events.map((e) => e.type)).toEqual(['registered']);
    await ok(core.call('restoreIncident', { id: incident.id }));
    clock.now += H;
    const after = await ok<Appeal>(core.call('registerAppeal', CALL));
    expect((await ok<IncidentDetails>(core.call('getIncident', { id: incident.id }))).appeals.map((a) => a.id)).not.toContain(after.id);
  });

  it('restoring moves linked open appeals to checking in one transaction, with an event «Подача тепла восстановлена»', async () => {
    const { core, dataDir, clock } = await start();
    const incident = await ok<Incident>(core.call('createIncident', { scope: 'buildings', buildingIds: ['b-1', 'b-2'], cause: 'Авария', startedAt: clock.now - 2 * H }));
    const a = await ok<Appeal>(core.call('registerAppeal', CALL));
    const b = await ok<Appeal>(core.call('registerAppeal', { ...CALL, buildingId: 'b-2' }));
    clock.now += H;
    const result = await ok<{ incident: Incident; movedAppealIds: string[] }>(core.call('restoreIncident', { id: incident.id }));
    expect(result.incident.restoredAt).toBe(clock.now);
    expect([...result.movedAppealIds].sort()).toEqual([a.id, b.id].sort());
    const moved = await ok<AppealDetails>(core.call('getAppeal', { id: a.id }));
    expect(moved.appeal.status).toBe('done_by_executor');
    expect(moved.appeal.version).toBe(a.version + 1);
    const last = moved.events[moved.events.length - 1];
    expect(last?.type).toBe('incident_restored');
    expect(last?.data['text']).toBe(`Подача тепла восстановлена (инцидент ${incident.number})`);
    // create + 2 registrations + 2 appeal moves + restore
    expect(counts(dataDir).outbox).toBe(6);
    // The building card shows the interruption and the control periods.
    const card = await ok<BuildingCard>(core.call('getBuildingCard', { id: 'b-1' }));
    expect(card.history.interruptions.months).toEqual([{ month: '2026-11', hours: 3, exceedsMonthly: false }]);
    expect(card.history.controlPeriods).toEqual([{ startedAt: a.receivedAt, endedAt: null }]);
  });

  it('refusals change nothing: restoring twice, a restore before the start, a wrong district, no buildings', async () => {
    const { core, dataDir, clock } = await start();
    const incident = await ok<Incident>(core.call('createIncident', { scope: 'heat_source', heatSourceId: 'hs-1', cause: 'Авария', startedAt: clock.now - H }));
    await ok(core.call('registerAppeal', CALL));
    const before = counts(dataDir);
    const early = await core.call('restoreIncident', { id: incident.id, restoredAt: clock.now - 2 * H });
    expect(early).toMatchObject({ ok: false, error: { code: 'validation', message: 'Восстановление не может быть раньше начала отключения' } });
    const empty = await core.call('createIncident', { scope: 'heat_source', heatSourceId: 'hs-empty', cause: 'Авария', startedAt: clock.now });
    expect(empty).toMatchObject({ ok: false, error: { issues: [{ path: 'no_buildings' }] } });
    const badPlan = await core.call('updateIncident', { id: incident.id, plannedRestoreAt: clock.now - 2 * H });
    expect(badPlan).toMatchObject({ ok: false, error: { issues: [{ path: 'planned_before_start' }] } });
    expect(counts(dataDir)).toEqual(before);

    await ok(core.call('restoreIncident', { id: incident.id }));
    const afterRestore = counts(dataDir);
    const twice = await core.call('restoreIncident', { id: incident.id });
    expect(twice).toMatchObject({ ok: false, error: { message: 'Подача тепла по этому инциденту уже восстановлена' } });
    expect(await core.call('updateIncident', { id: incident.id, cause: 'Другая' })).toMatchObject({ ok: false });
    expect(counts(dataDir)).toEqual(afterRestore);
  });

  it('a district user may not touch an incident outside their district', async () => {
    const { core, dataDir, clock } = await start({ userId: 'Контролёр', role: 'district_controller', district: 'Промышленный' });
    const refused = await core.call('createIncident', { scope: 'heat_source', heatSourceId: 'hs-1', cause: 'Авария', startedAt: clock.now });
    expect(refused).toMatchObject({ ok: false, error: { issues: [{ path: 'district' }] } });
    expect(counts(dataDir)).toMatchObject({ incidents: 0, outbox: 0 });
  });

  it('updates cause and planned time with an event; counts hours against the limits', async () => {
    const { core, clock } = await start();
    const incident = await ok<Incident>(core.call('createIncident', { scope: 'heat_source', heatSourceId: 'hs-1', cause: 'Авария', startedAt: clock.now - 20 * H }));
    clock.now += 60_000;
    const updated = await ok<Incident>(core.call('updateIncident', { id: incident.id, cause: 'Порыв', plannedRestoreAt: clock.now + H }));
    expect(updated).toMatchObject({ cause: 'Порыв', plannedRestoreAt: clock.now + H, version: 2 });
    const details = await ok<IncidentDetails>(core.call('getIncident', { id: incident.id }));
    expect(details.events.map((e) => e.type)).toEqual(['created', 'updated']);
    expect(details.buildings[0]?.interruptions.warnings).toEqual([
      { kind: 'single', start: incident.startedAt, end: clock.now, ongoing: true, hours: (clock.now - incident.startedAt) / H, limitHours: 16, roomCelsius: null, band: 'normal' },
    ]);
    const hits = await ok<{ id: string }[]>(core.call('searchHeatSources', { query: 'котельная' }));
    expect(hits.map((h) => h.id)).toEqual(['hs-1']);
  });

  it('records the room temperature, updates it while active, and applies the lower limit it sets', async () => {
    const { core, clock, dataDir } = await start();
    // 6 hours off at +11 °C: over the 8 h? No. At +9 °C the limit is 4 h: over.
    const incident = await ok<Incident>(core.call('createIncident', { scope: 'buildings', buildingIds: ['b-1'], cause: 'Порыв', startedAt: clock.now - 6 * H, roomCelsius: 11 }));
    expect(incident.roomCelsius).toBe(11);
    const within = await ok<IncidentDetails>(core.call('getIncident', { id: incident.id }));
    expect(within.buildings[0]?.interruptions.warnings).toEqual([]);
    expect(within.events[0]?.data).toMatchObject({ roomCelsius: 11 });

    clock.now += 60_000;
    const colder = await ok<Incident>(core.call('updateIncident', { id: incident.id, roomCelsius: 9.5 }));
    expect(colder).toMatchObject({ roomCelsius: 9.5, cause: 'Порыв', version: 2 });
    const over = await ok<IncidentDetails>(core.call('getIncident', { id: incident.id }));
    expect(over.buildings[0]?.interruptions.warnings).toMatchObject([{ kind: 'single', ongoing: true, limitHours: 4, roomCelsius: 9.5, band: 'cold' }]);
    expect(over.events[1]?.data).toEqual({ before: { cause: 'Порыв', plannedRestoreAt: null, roomCelsius: 11 }, after: { cause: 'Порыв', plannedRestoreAt: null, roomCelsius: 9.5 } });
    const card = await ok<BuildingCard>(core.call('getBuildingCard', { id: 'b-1' }));
    expect(card.history.interruptions.warnings).toMatchObject([{ kind: 'single', limitHours: 4, roomCelsius: 9.5 }]);

    // Below +8 °C п. 15 permits no interruption at all.
    const freezing = await ok<Incident>(core.call('updateIncident', { id: incident.id, roomCelsius: 7 }));
    expect(freezing.roomCelsius).toBe(7);
    const none = await ok<IncidentDetails>(core.call('getIncident', { id: incident.id }));
    expect(none.buildings[0]?.interruptions.warnings).toMatchObject([{ kind: 'single', limitHours: 0, band: 'below_cold' }]);

    // Bad values are refused in Russian and change nothing.
    const before = counts(dataDir);
    for (const roomCelsius of [60, 11.25, 'тепло']) {
      const r = await core.call('updateIncident', { id: incident.id, roomCelsius });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.issues?.[0]?.message).toMatch(/°C|градуса/);
    }
    expect(counts(dataDir)).toEqual(before);

    // Cleared, then restored: a restored incident's temperature no longer changes.
    expect((await ok<Incident>(core.call('updateIncident', { id: incident.id, roomCelsius: null }))).roomCelsius).toBeNull();
    await ok(core.call('restoreIncident', { id: incident.id }));
    const late = await core.call('updateIncident', { id: incident.id, roomCelsius: 15 });
    expect(late.ok).toBe(false);
  });
});
