// The sync engine of two real cores against the real central endpoint (its own process on PGlite,
// the register loaded with the admin CLI, a relay in front that can cut the link): everything goes
// through the contract, the server link's login and tokens, HTTP and the server's sync routes.
import { describe, expect, it } from 'vitest';
import type { Appeal } from '../../../shared/contract/schemas.js';
import type { Core } from '../core.js';
import { useCentralServer } from '../test/central-workstations.js';
import { CALL, value } from '../test/temp-core.js';

const PASSWORD = 'Пароль-для-теста-1';
const REGISTER_CSV =
  'Район;Адрес;Управляющая организация\n' +
  'Октябрьский;ул. Ново-Садовая, д. 106А;УК «Первая»\n' +
  'Октябрьский;ул. Ново-Садовая, д. 108;УК «Вторая»\n';

const central = useCentralServer(
  [
    { login: 'petrova', role: 'district_controller', district: 'Октябрьский', password: PASSWORD, name: 'Петрова Анна' },
    { login: 'sidorova', role: 'district_controller', district: 'Октябрьский', password: PASSWORD, name: 'Сидорова Ольга' },
  ],
  { registerCsv: REGISTER_CSV },
);

/** A workstation connected to the server as `login`, with the server's data pulled (the snapshot). */
async function workstation(login: string): Promise<Core> {
  const core = await central.connectWorkstation(login, 'sync');
  const first = await core.sync.engine.syncOnce();
  expect(first).toMatchObject({ ok: true, error: null });
  expect(first.snapshotPages).toBeGreaterThan(0);
  return core;
}

async function buildingId(core: Core, address: string): Promise<string> {
  const hits = value<{ id: string; address: string }[]>(await core.call('searchBuildings', { query: address }));
  const hit = hits.find((h) => h.address === address);
  if (!hit) throw new Error(`no building ${address}`);
  return hit.id;
}

async function organisationId(core: Core, name: string): Promise<string> {
  const orgs = value<{ id: string; name: string }[]>(await core.call('listOrganisations', {}));
  const org = orgs.find((o) => o.name === name);
  if (!org) throw new Error(`no organisation ${name}`);
  return org.id;
}

async function register(core: Core, address: string): Promise<Appeal> {
  return value<Appeal>(await core.call('registerAppeal', { ...CALL, buildingId: await buildingId(core, address) }));
}

async function appeal(core: Core, id: string): Promise<Appeal> {
  return value<{ appeal: Appeal }>(await core.call('getAppeal', { id })).appeal;
}

async function transfer(core: Core, id: string, executorOrgId: string): Promise<Appeal> {
  const current = await appeal(core, id);
  return value<Appeal>(
    await core.call('appealAction', { appealId: id, expectedVersion: current.version, data: { action: 'transfer', executorOrgId, method: 'system', contactPerson: '' } }),
  );
}

describe('sync engine against the real server', () => {
  let a: Core;
  let b: Core;
  let created: Appeal;

  it('the first sync brings the register; an appeal registered offline in A reaches B with its official number', async () => {
    a = await workstation('petrova');
    b = await workstation('sidorova');
    expect(await buildingId(b, 'ул. Ново-Садовая, д. 108')).toBeTruthy();

    central.server.cut(true);
    created = await register(a, 'ул. Ново-Садовая, д. 106А');
    const offline = await a.sync.engine.syncOnce();
    expect(offline).toMatchObject({ ok: false, error: { message: 'Сервер недоступен' } });
    expect(value(await a.call('syncStatus', {}))).toMatchObject({ connection: 'offline', pendingCount: 1 });

    central.server.cut(false);
    const status = value<{ pendingCount: number; lastError: unknown; connection: string }>(await a.call('syncNow', {}));
    expect(status).toMatchObject({ connection: 'online', pendingCount: 0, lastError: null });
    const official = (await appeal(a, created.id)).officialNumber;
    expect(official).toMatch(/^\d{4}-ОКТ-\d{6}$/);

    value(await b.call('syncNow', {}));
    expect(await appeal(b, created.id)).toMatchObject({ number: created.number, officialNumber: official, status: 'registered', applicantName: 'Иванова Мария' });
  });

  it('two offline transfers of the appeal: one executor on both workstations, the conflict listed on both', async () => {
    const first = await organisationId(a, 'УК «Первая»');
    const second = await organisationId(b, 'УК «Вторая»');
    central.server.cut(true);
    await transfer(a, created.id, first);
    await new Promise((r) => setTimeout(r, 5));
    await transfer(b, created.id, second);
    central.server.cut(false);
    await a.sync.engine.syncOnce();
    await b.sync.engine.syncOnce();
    await a.sync.engine.syncOnce();
    const inA = await appeal(a, created.id);
    const inB = await appeal(b, created.id);
    expect(inA.status).toBe('transferred');
    expect(inA.executorName).toBe(inB.executorName);
    for (const core of [a, b]) {
      const conflicts = value<{ field: string; entityId: string; kept: { label: string }; other: { label: string } }[]>(await core.call('listSyncConflicts', {}));
      expect(conflicts).toEqual([expect.objectContaining({ entityId: created.id, field: 'executorOrgId' })]);
      expect(new Set([conflicts[0]!.kept.label, conflicts[0]!.other.label])).toEqual(new Set(['УК «Первая»', 'УК «Вторая»']));
    }
  });

  it('a conflict marked «Просмотрено» on A offline is reviewed on B after both sync; an unknown id is refused', async () => {
    type Listed = { id: string; reviewedBy: string | null; reviewedAt: number | null };
    const [conflict] = value<Listed[]>(await a.call('listSyncConflicts', {}));
    expect(conflict).toBeDefined();
    central.server.cut(true);
    value(await a.call('markSyncReviewed', { kind: 'conflict', id: conflict!.id }));
    expect(value<Listed[]>(await a.call('listSyncConflicts', {}))).toEqual([]);
    expect(await a.sync.engine.syncOnce()).toMatchObject({ ok: false });
    // Not on B yet: the review waits on A.
    expect(value<Listed[]>(await b.call('listSyncConflicts', {})).map((c) => c.id)).toEqual([conflict!.id]);

    central.server.cut(false);
    expect(await a.sync.engine.syncOnce()).toMatchObject({ ok: true });
    expect(await b.sync.engine.syncOnce()).toMatchObject({ ok: true });
    expect(value<Listed[]>(await b.call('listSyncConflicts', {}))).toEqual([]);
    const [onB] = value<Listed[]>(await b.call('listSyncConflicts', { includeReviewed: true }));
    expect(onB).toMatchObject({ id: conflict!.id, reviewedBy: 'petrova' });
    expect(value<{ conflictCount: number }>(await b.call('syncStatus', {})).conflictCount).toBe(0);

    const unknown = await a.call('markSyncReviewed', { kind: 'conflict', id: 'нет-такого' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Конфликт не найден' } });
  });

  it('an outage recorded on A links the appeal B registered during it; restoring it on A moves that appeal on to be checked («Выполнено исполнителем») on both', async () => {
    const buildingOnA = await buildingId(a, 'ул. Ново-Садовая, д. 108');
    const incident = value<{ id: string }>(
      await a.call('createIncident', { scope: 'buildings', buildingIds: [buildingOnA], cause: 'Порыв на вводе', startedAt: Date.now() - 60_000, plannedRestoreAt: null }),
    );
    expect(await a.sync.engine.syncOnce()).toMatchObject({ ok: true });
    // B registers a call at that building while offline, before it has heard of the outage.
    central.server.cut(true);
    const onB = await register(b, 'ул. Ново-Садовая, д. 108');
    central.server.cut(false);
    expect(await b.sync.engine.syncOnce()).toMatchObject({ ok: true });
    expect(await a.sync.engine.syncOnce()).toMatchObject({ ok: true });
    type Details = { appealCount: number; appeals?: { id: string }[] };
    for (const core of [a, b]) {
      const details = value<{ incident: Details; appeals: { id: string }[] }>(await core.call('getIncident', { id: incident.id }));
      expect(details.appeals.map((x) => x.id)).toEqual([onB.id]);
    }

    const restored = value<{ movedAppealIds: string[] }>(await a.call('restoreIncident', { id: incident.id }));
    expect(restored.movedAppealIds).toEqual([onB.id]);
    expect(await a.sync.engine.syncOnce()).toMatchObject({ ok: true, rejected: 0 });
    expect(await b.sync.engine.syncOnce()).toMatchObject({ ok: true });
    expect((await appeal(b, onB.id)).status).toBe('done_by_executor');
    expect((await appeal(a, onB.id)).status).toBe('done_by_executor');
  });

  it('a heating status set by hand on A reaches B with its history; B’s later one reaches A', async () => {
    const building = await buildingId(a, 'ул. Ново-Садовая, д. 108');
    value(await a.call('setHeatingStatus', { buildingId: building, status: 'problem', date: '2026-11-28', reason: 'Завоздушен стояк' }));
    expect(value<{ pendingCount: number }>(await a.call('syncStatus', {})).pendingCount).toBe(1);
    expect(await a.sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 1, rejected: 0 });
    expect(await b.sync.engine.syncOnce()).toMatchObject({ ok: true });
    type Heating = { current: { status: string; reason: string; setBy: string } | null; history: { to: string }[] };
    const onB = value<Heating>(await b.call('buildingHeating', { buildingId: building }));
    expect(onB.current).toMatchObject({ status: 'problem', reason: 'Завоздушен стояк', setBy: 'petrova' });
    expect(onB.history.map((h) => h.to)).toEqual(['problem']);

    value(await b.call('setHeatingStatus', { buildingId: building, status: 'connected', date: '2026-11-29', reason: '' }));
    await b.sync.engine.syncOnce();
    await a.sync.engine.syncOnce();
    const onA = value<Heating>(await a.call('buildingHeating', { buildingId: building }));
    expect(onA.current).toMatchObject({ status: 'connected', setBy: 'sidorova' });
    // A's own change came back from the server without a second history entry.
    expect(onA.history.map((h) => h.to)).toEqual(['connected', 'problem']);
  });

  it('running by itself, a workstation hears the poke of another one\'s push and pulls it at once', async () => {
    a.sync.start();
    try {
      await expect.poll(async () => value<{ lastSyncAt: number | null; running: boolean }>(await a.call('syncStatus', {})).running, { timeout: 10_000 }).toBe(false);
      // Give the poke stream a moment to open after the first run.
      await new Promise((r) => setTimeout(r, 500));
      const fromB = await register(b, 'ул. Ново-Садовая, д. 108');
      await b.sync.engine.syncOnce();
      // No syncOnce() on A: its next timed run is a minute away, so only the poke can bring it this soon.
      await expect
        .poll(async () => {
          const got = await a.call('getAppeal', { id: fromB.id });
          return got.ok ? (got.value as { appeal: Appeal }).appeal.officialNumber : null;
        }, { timeout: 10_000 })
        .toMatch(/^\d{4}-ОКТ-\d{6}$/);
    } finally {
      await a.sync.stop();
    }
  });

  it('an op the server rejects stays in the list of rejected ops with the reason and advice; nothing is sent again', async () => {
    await b.db.call('seed', { organisations: [{ id: 'uk-local-9', kind: 'uk', name: 'УК «Местная»' }] });
    const other = await register(b, 'ул. Ново-Садовая, д. 108');
    await b.sync.engine.syncOnce();
    await transfer(b, other.id, 'uk-local-9');
    expect(await b.sync.engine.syncOnce()).toMatchObject({ ok: true, rejected: 1 });
    const rejected = value<{ command: string; code: string; message: string; userAction: string }[]>(await b.call('listRejectedOps', {}));
    expect(rejected).toEqual([expect.objectContaining({ command: 'transfer', code: 'unknown_executor' })]);
    expect(rejected[0]!.message).toContain('uk-local-9');
    expect(rejected[0]!.userAction.length).toBeGreaterThan(10);
    expect(await appeal(b, other.id)).toMatchObject({ status: 'registered', executorName: null });
    expect(await b.sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 0 });
    expect(value(await b.call('syncStatus', {}))).toMatchObject({ pendingCount: 0, rejectedCount: 1 });
  });
});
