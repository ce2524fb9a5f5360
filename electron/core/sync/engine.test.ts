// The sync engine between two workstations (real cores, real SQLite) and one central endpoint.
// The server's sync routes are not in server/ yet: these tests use the in-memory endpoint of
// test/fake-sync-server.ts, which runs the same shared rules (reducer, push order, answers, cursors).
import { afterEach, describe, expect, it } from 'vitest';
import type { Appeal } from '../../../shared/contract/schemas.js';
import type { Actor } from '../../../shared/domain/roles.js';
import { FakeSyncServer } from '../test/fake-sync-server.js';
import { CALL, openTestCore, REGISTER, value, type TestCore } from '../test/temp-core.js';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, RECONNECT_MS, SYNC_INTERVAL_MS, SyncEngine } from './engine.js';
import { SyncRequestError, type SyncTransport } from './sync-client.js';

const SERVER_ORGS = [...REGISTER.organisations, { id: 'ts-1', kind: 'tso' as const, name: 'ПАО «Т Плюс»' }];
const SEED = { ...REGISTER, organisations: SERVER_ORGS };
const START = Date.UTC(2026, 10, 29, 7, 0);

interface Station {
  t: TestCore;
  actor: Actor;
  engine: SyncEngine;
  /** How far this workstation's clock is ahead of the server's. */
  skew: { ms: number };
}

let open: TestCore[] = [];
afterEach(async () => {
  for (const t of open) await t.core.close();
  open = [];
});

const clock = { now: START };
let server: FakeSyncServer;

async function station(name: string, extraOrgs: { id: string; kind: 'uk'; name: string }[] = []): Promise<Station> {
  const t = await openTestCore(undefined, clock.now);
  open.push(t);
  const skew = { ms: 0 };
  // Both workstations read the one shared clock (each core keeps its own copy of it), each with its own skew.
  Object.defineProperty(t.clock, 'now', { get: () => clock.now + skew.ms, set: (v: number) => (clock.now = v - skew.ms) });
  await t.core.db.call('seed', { ...SEED, organisations: [...SERVER_ORGS, ...extraOrgs] });
  const actor: Actor = { userId: name, role: 'district_controller', district: 'Октябрьский' };
  await t.core.handlers.setWorkstationUser({ name, role: actor.role, district: actor.district });
  const { deviceId } = await t.core.handlers.appInfo({});
  const transport = server.transport(actor, deviceId);
  const engine = new SyncEngine({ db: t.core.db, deviceId, link: () => ({ kind: 'ready', transport, actor }), now: () => clock.now + skew.ms });
  return { t, actor, engine, skew };
}

async function register(s: Station): Promise<Appeal> {
  return value<Appeal>(await s.t.core.call('registerAppeal', CALL));
}

async function transfer(s: Station, appealId: string, executorOrgId: string): Promise<Appeal> {
  const { appeal } = value<{ appeal: Appeal }>(await s.t.core.call('getAppeal', { id: appealId }));
  return value<Appeal>(
    await s.t.core.call('appealAction', { appealId, expectedVersion: appeal.version, data: { action: 'transfer', executorOrgId, method: 'system', contactPerson: '' } }),
  );
}

async function appealOf(s: Station, id: string) {
  return value<{ appeal: Appeal; events: { id: string; type: string; by: string; data: Record<string, unknown> }[] }>(await s.t.core.call('getAppeal', { id }));
}

function fresh() {
  clock.now = START;
  server = new FakeSyncServer({ organisations: SERVER_ORGS, buildings: REGISTER.buildings }, () => clock.now);
}

describe('sync engine: two workstations and one server', () => {
  it('an appeal registered offline in A appears in B after both sync, with its official number; the provisional one stays', async () => {
    fresh();
    const a = await station('Петрова');
    const b = await station('Сидорова');
    server.down = true;
    const created = await register(a);
    const offline = await a.engine.syncOnce();
    expect(offline.ok).toBe(false);
    expect(offline.error?.message).toBe('Сервер недоступен');
    expect(await a.engine.status()).toMatchObject({ connection: 'offline', pendingCount: 1, lastSyncAt: null, lastError: { message: 'Сервер недоступен' } });

    server.down = false;
    clock.now += 60_000;
    expect(await a.engine.syncOnce()).toMatchObject({ ok: true, pushed: 1, applied: 1, rejected: 0 });
    const inA = await appealOf(a, created.id);
    expect(inA.appeal.officialNumber).toBe('2026-ОКТ-000001');
    expect(inA.appeal.number).toBe(created.number);
    expect(await a.engine.status()).toMatchObject({ connection: 'online', pendingCount: 0, lastSyncAt: clock.now, lastError: null });

    expect(await b.engine.syncOnce()).toMatchObject({ ok: true, pushed: 0 });
    const inB = await appealOf(b, created.id);
    expect(inB.appeal).toMatchObject({ number: created.number, officialNumber: '2026-ОКТ-000001', status: 'registered', buildingId: 'b-1', applicantName: CALL.applicantName });
    expect(inB.events.map((e) => e.type)).toEqual(['registered']);
    // «Сроки» and its alerts name it by the official number (the one people use from now on).
    const due = await b.t.core.handlers.listDue({ bucket: 'today', offset: 0, limit: 50 });
    const soon = await b.t.core.handlers.listDue({ bucket: 'within_hour', offset: 0, limit: 50 });
    expect([...due.rows, ...soon.rows].find((r) => r.id === created.id)?.number).toBe('2026-ОКТ-000001');
    // Both numbers find it in B.
    for (const search of [created.number, '2026-ОКТ-000001']) {
      const list = value<{ rows: { id: string }[] }>(await b.t.core.call('listAppeals', { search }));
      expect(list.rows.map((r) => r.id)).toEqual([created.id]);
    }
  });

  it('a push whose answer was lost is sent again and applies nothing twice', async () => {
    fresh();
    const a = await station('Петрова');
    const b = await station('Сидорова');
    const created = await register(a);
    await transfer(a, created.id, 'uk-1');
    server.dropNext('push');
    const lost = await a.engine.syncOnce();
    expect(lost.ok).toBe(false);
    expect(server.appeal(created.id)?.applied).toEqual({ [(await a.t.core.handlers.appInfo({})).deviceId]: 2 });
    expect(await a.engine.status()).toMatchObject({ pendingCount: 2 });

    expect(await a.engine.syncOnce()).toMatchObject({ ok: true, pushed: 2, applied: 2 });
    expect(server.appeal(created.id)?.version).toBe(2);
    expect((await appealOf(a, created.id)).appeal.officialNumber).toBe('2026-ОКТ-000001');
    await b.engine.syncOnce();
    const inB = await appealOf(b, created.id);
    expect(inB.appeal).toMatchObject({ status: 'transferred', executorName: 'ООО «УК Тест»', officialNumber: '2026-ОКТ-000001' });
    expect(inB.events.map((e) => e.type)).toEqual(['registered', 'transfer']);
    // Nothing more to send or take.
    expect(await a.engine.syncOnce()).toMatchObject({ ok: true, pushed: 0 });
  });

  it('two offline transfers of one appeal: one executor stands everywhere, the conflict is listed on both workstations', async () => {
    fresh();
    const a = await station('Петрова');
    const b = await station('Сидорова');
    const created = await register(a);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    server.down = true;
    clock.now += 60_000;
    await transfer(a, created.id, 'uk-1');
    clock.now += 60_000;
    await transfer(b, created.id, 'ts-1');
    server.down = false;
    expect(await a.engine.syncOnce()).toMatchObject({ ok: true, applied: 1 });
    expect(await b.engine.syncOnce()).toMatchObject({ ok: true, merged: 1 });
    await a.engine.syncOnce();
    // B's transfer is later by the hybrid clock: it stands; A's is kept for review.
    for (const s of [a, b]) {
      expect((await appealOf(s, created.id)).appeal).toMatchObject({ status: 'transferred', executorName: 'ПАО «Т Плюс»' });
      const conflicts = value<unknown[]>(await s.t.core.call('listSyncConflicts', {}));
      expect(conflicts).toEqual([
        expect.objectContaining({
          entityId: created.id,
          number: '2026-ОКТ-000001',
          address: 'ул. Ново-Садовая, д. 106А',
          field: 'executorOrgId',
          kept: expect.objectContaining({ value: 'ts-1', label: 'ПАО «Т Плюс»', userId: 'Сидорова', mine: s === b }),
          other: expect.objectContaining({ value: 'uk-1', label: 'ООО «УК Тест»', userId: 'Петрова', mine: s === a }),
          reviewedAt: null,
        }),
      ]);
      expect(await s.engine.status()).toMatchObject({ conflictCount: 1 });
    }
    const [conflict] = value<{ id: string }[]>(await a.t.core.call('listSyncConflicts', {}));
    value(await a.t.core.call('markSyncReviewed', { kind: 'conflict', id: conflict!.id }));
    expect(value<unknown[]>(await a.t.core.call('listSyncConflicts', {}))).toEqual([]);
    expect(value<unknown[]>(await a.t.core.call('listSyncConflicts', { includeReviewed: true }))).toEqual([
      expect.objectContaining({ id: conflict!.id, reviewedBy: 'Петрова', reviewedAt: clock.now }),
    ]);
    // A later sync brings the same conflict again: it stays reviewed.
    await a.engine.syncOnce();
    expect(await a.engine.status()).toMatchObject({ conflictCount: 0 });
  });

  it('an op the server rejects stays visible with its reason and advice, and its local effect gives way to the server state', async () => {
    fresh();
    const a = await station('Петрова');
    const b = await station('Сидорова', [{ id: 'uk-local-9', kind: 'uk', name: 'УК «Местная»' }]);
    const created = await register(a);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await transfer(b, created.id, 'uk-local-9');
    expect(await b.engine.syncOnce()).toMatchObject({ ok: true, rejected: 1 });
    const rejected = value<unknown[]>(await b.t.core.call('listRejectedOps', {}));
    expect(rejected).toEqual([
      expect.objectContaining({
        command: 'transfer',
        entityId: created.id,
        number: '2026-ОКТ-000001',
        code: 'unknown_executor',
        message: 'Исполнителя uk-local-9 нет в справочнике сервера',
        userAction: 'Исполнителя нет в справочнике сервера: выберите исполнителя из обновлённого списка и передайте обращение заново.',
        userId: 'Сидорова',
      }),
    ]);
    expect(await b.engine.status()).toMatchObject({ pendingCount: 0, rejectedCount: 1 });
    const inB = await appealOf(b, created.id);
    expect(inB.appeal).toMatchObject({ status: 'registered', executorName: null });
    // The history keeps the refused transfer and says so.
    expect(inB.events.map((e) => e.type)).toEqual(['registered', 'transfer', 'sync_rejected']);
    expect(inB.events[2]).toMatchObject({ by: 'Сидорова', data: { command: 'transfer', code: 'unknown_executor', message: 'Исполнителя uk-local-9 нет в справочнике сервера' } });
    // Sent again? Never: the next sync pushes nothing.
    expect(await b.engine.syncOnce()).toMatchObject({ ok: true, pushed: 0 });
    const [op] = rejected as { opId: string }[];
    value(await b.t.core.call('markSyncReviewed', { kind: 'rejected', id: op!.opId }));
    expect(await b.engine.status()).toMatchObject({ rejectedCount: 0 });
    expect(value<unknown[]>(await b.t.core.call('listRejectedOps', { includeReviewed: true }))).toHaveLength(1);
  });

  it('pending local changes stay on screen over a pulled page (replayed with the reducer)', async () => {
    fresh();
    const a = await station('Петрова');
    const b = await station('Сидорова');
    const created = await register(a);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    // B transfers offline; A's later action arrives by pull before B pushes.
    server.down = true;
    await transfer(b, created.id, 'ts-1');
    server.down = false;
    clock.now += 60_000;
    value(await a.t.core.call('logCall', { appealId: created.id, direction: 'to_applicant', result: 'no_answer', note: '' }));
    await a.engine.syncOnce();
    // B pulls only (nothing pushed yet): its transfer is still shown.
    await b.t.core.db.call('syncApplyPage', [], { kind: 'pull', cursor: (await b.t.core.db.call('syncCounts')).cursor! }, b.actor, clock.now);
    expect((await appealOf(b, created.id)).appeal).toMatchObject({ status: 'transferred', executorName: 'ПАО «Т Плюс»' });
    expect(await b.engine.syncOnce()).toMatchObject({ ok: true, applied: 1 });
    const inB = await appealOf(b, created.id);
    expect(inB.appeal).toMatchObject({ status: 'transferred', executorName: 'ПАО «Т Плюс»' });
    expect(inB.events.map((e) => e.type)).toEqual(['registered', 'transfer', 'call']);
  });
});

describe('sync engine: snapshot and must-refetch', () => {
  it('a first sync interrupted in the middle of its snapshot resumes from the page it stopped at', async () => {
    fresh();
    const a = await station('Петрова');
    await register(a);
    await register(a);
    await a.engine.syncOnce();
    const before = server.snapshotRequests.length;
    const t = await openTestCore(undefined, clock.now);
    open.push(t);
    const { deviceId } = await t.core.handlers.appInfo({});
    let calls = 0;
    const real = server.transport(a.actor, deviceId);
    // The link drops after the second snapshot page.
    const transport = { ...real, snapshot: (body: { pageToken: string | null; limit: number }) => (++calls === 3 ? Promise.reject(new SyncRequestError('offline', 'Сервер недоступен', '…')) : real.snapshot(body)) };
    const progress: unknown[] = [];
    const engine: SyncEngine = new SyncEngine({
      db: t.core.db,
      deviceId,
      link: () => ({ kind: 'ready', transport, actor: a.actor }),
      now: () => clock.now,
      snapshotLimit: 2,
      onStatusChange: () => void engine.status().then((s) => s.progress && progress.push(s.progress)),
    });
    const broken = await engine.syncOnce();
    expect(broken).toMatchObject({ ok: false, snapshotPages: 2 });
    expect((await t.core.db.call('syncCounts')).snapshot).not.toBeNull();
    const resumed = await engine.syncOnce();
    expect(resumed.ok).toBe(true);
    // The third request resumed with the second page's token: nothing was fetched twice.
    const requests = server.snapshotRequests.slice(before);
    expect(requests.filter((x) => x === null)).toHaveLength(1);
    expect(new Set(requests).size).toBe(requests.length);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    const list = value<{ total: number }>(await t.core.call('listAppeals', {}));
    expect(list.total).toBe(2);
    expect(progress).toContainEqual({ stage: 'snapshot', done: 1, total: expect.any(Number) as number });
  });

  it('a cursor of another scope (the user now works city-wide) is answered with must-refetch: a new snapshot, the outbox kept', async () => {
    fresh();
    const a = await station('Петрова');
    await register(a);
    await a.engine.syncOnce();
    const { deviceId } = await a.t.core.handlers.appInfo({});
    const department: Actor = { userId: 'Петрова', role: 'department', district: null };
    const transport = server.transport(department, deviceId);
    const moved = new SyncEngine({ db: a.t.core.db, deviceId, link: () => ({ kind: 'ready', transport, actor: department }), now: () => clock.now });
    const before = server.snapshotRequests.length;
    const waiting = await register(a);
    expect(await moved.syncOnce()).toMatchObject({ ok: true, pushed: 1, applied: 1, snapshotPages: 1 });
    expect((await appealOf(a, waiting.id)).appeal.officialNumber).toBe('2026-ОКТ-000002');
    expect(server.snapshotRequests.length).toBe(before + 1);
    expect(await moved.syncOnce()).toMatchObject({ ok: true, snapshotPages: 0 });
  });
});

describe('sync engine: incidents', () => {
  it('an incident created in A appears in B with its buildings and history; a later change of its cause follows', async () => {
    fresh();
    const a = await station('Петрова');
    const b = await station('Сидорова');
    const created = value<{ id: string; number: string }>(
      await a.t.core.call('createIncident', { scope: 'buildings', buildingIds: ['b-1'], cause: 'Порыв на теплотрассе', startedAt: clock.now - 3_600_000 }),
    );
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    const inB = value<{ incident: { number: string; cause: string; restoredAt: number | null }; buildings: { id: string }[]; events: { type: string; by: string }[] }>(
      await b.t.core.call('getIncident', { id: created.id }),
    );
    expect(inB.incident).toMatchObject({ number: created.number, cause: 'Порыв на теплотрассе', restoredAt: null });
    expect(inB.buildings.map((x) => x.id)).toEqual(['b-1']);
    expect(inB.events).toEqual([expect.objectContaining({ type: 'created', by: 'Петрова' })]);

    clock.now += 60_000;
    value(await a.t.core.call('updateIncident', { id: created.id, cause: 'Порыв на магистрали', plannedRestoreAt: null }));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    const after = value<{ incident: { cause: string }; events: { type: string }[] }>(await b.t.core.call('getIncident', { id: created.id }));
    expect(after.incident.cause).toBe('Порыв на магистрали');
    expect(after.events.map((e) => e.type)).toEqual(['created', 'updated']);
  });
});

describe('sync engine: clocks', () => {
  it('ops made while the clock was 10 minutes ahead are refused as a whole, then restamped once it is set right, and go through', async () => {
    fresh();
    const a = await station('Петрова');
    const b = await station('Сидорова');
    a.skew.ms = 10 * 60_000;
    const created = await register(a);
    await transfer(a, created.id, 'uk-1');
    const refused = await a.engine.syncOnce();
    expect(refused).toMatchObject({ ok: false, pushed: 0, error: { code: 'clock_ahead' } });
    expect(refused.error?.message).toMatch(/^Часы этого компьютера спешат на 10 мин/);
    expect(await a.engine.status()).toMatchObject({ connection: 'online', pendingCount: 2, lastError: { userAction: expect.stringContaining('Установите на компьютере правильные дату и время') } });
    // The user sets the clock right.
    a.skew.ms = 0;
    expect(await a.engine.syncOnce()).toMatchObject({ ok: true, pushed: 2, applied: 2 });
    const record = server.appeal(created.id)!;
    expect(Number(record.stamps.status.hlc.slice(0, 13))).toBeLessThanOrEqual(clock.now);
    await b.engine.syncOnce();
    expect((await appealOf(b, created.id)).appeal).toMatchObject({ status: 'transferred', officialNumber: '2026-ОКТ-000001' });
  });

  it('a pulled change moves this workstation\'s hybrid clock past it, so its next op sorts after what it saw', async () => {
    fresh();
    const a = await station('Петрова');
    const b = await station('Сидорова');
    a.skew.ms = 4 * 60_000; // ahead, but within what the server accepts
    const created = await register(a);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    // B's wall clock is 4 minutes behind A's stamp; its next op must still sort after it.
    const next = await transfer(b, created.id, 'ts-1');
    expect(next.status).toBe('transferred');
    await b.engine.syncOnce();
    expect(server.appeal(created.id)!.fields.executorOrgId).toBe('ts-1');
    expect(await b.engine.status()).toMatchObject({ conflictCount: 0 });
  });
});

describe('sync engine: scheduling', () => {
  /**
   * A second engine on the station whose timers the test fires by hand: each setTimeout lands in
   * `timers` (its function and delay) and runs only when the test calls it. Jitter off (random 1).
   * `transport` replaces the fake server's connection for this device.
   */
  async function engineOnManualTimers(s: Station, transport?: (deviceId: string) => SyncTransport) {
    const { deviceId } = await s.t.core.handlers.appInfo({});
    const own = transport?.(deviceId);
    const timers: { fn: () => void; ms: number }[] = [];
    const engine = new SyncEngine({
      db: s.t.core.db,
      deviceId,
      link: () => ({ kind: 'ready', transport: own ?? server.transport(s.actor, deviceId), actor: s.actor }),
      now: () => clock.now,
      random: () => 1,
      timers: { setTimeout: (fn, ms) => timers.push({ fn, ms }), clearTimeout: () => undefined },
    });
    return { engine, timers };
  }

  it('backs off exponentially with jitter, capped at five minutes', async () => {
    fresh();
    const s = await station('Петрова');
    const engine = new SyncEngine({ db: s.t.core.db, deviceId: 'x', link: () => ({ kind: 'standalone' }), random: () => 1 });
    expect([1, 2, 3, 4].map((n) => engine.backoffMs(n))).toEqual([BACKOFF_BASE_MS, 2 * BACKOFF_BASE_MS, 4 * BACKOFF_BASE_MS, 8 * BACKOFF_BASE_MS]);
    expect(engine.backoffMs(30)).toBe(BACKOFF_MAX_MS);
    const half = new SyncEngine({ db: s.t.core.db, deviceId: 'x', link: () => ({ kind: 'standalone' }), random: () => 0 });
    expect(half.backoffMs(3)).toBe(2 * BACKOFF_BASE_MS);
  });

  it('a server that answers with failures gets the backoff; one that does not answer at all is retried every few seconds', async () => {
    fresh();
    const s = await station('Петрова');
    const { engine, timers } = await engineOnManualTimers(s);
    await register(s);
    server.down = 'failing';
    engine.start();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      timers.pop()!.fn();
      await waitFor(async () => (await engine.status()).running === false && timers.length > 0);
      delays.push(timers.at(-1)!.ms);
    }
    expect(delays).toEqual([BACKOFF_BASE_MS, 2 * BACKOFF_BASE_MS, 4 * BACKOFF_BASE_MS, 8 * BACKOFF_BASE_MS]);
    // The server goes away altogether: however many failures came before, the next try is soon.
    server.down = true;
    timers.pop()!.fn();
    await waitFor(async () => (await engine.status()).running === false && timers.length > 0);
    expect(timers.at(-1)!.ms).toBe(RECONNECT_MS);
    expect(await engine.status()).toMatchObject({ connection: 'offline', pendingCount: 1 });
    server.down = false;
    timers.pop()!.fn();
    await waitFor(async () => (await engine.status()).pendingCount === 0);
    await engine.stop();
  });

  it('the poke stream ending by itself (the server went away) brings a sync within seconds', async () => {
    fresh();
    const s = await station('Петрова');
    let endStream: () => void = () => undefined;
    let streams = 0;
    const { engine, timers } = await engineOnManualTimers(s, (deviceId) => ({
      ...server.transport(s.actor, deviceId),
      listen: (_onPoke: (seq: number) => void, signal: AbortSignal) =>
        new Promise<void>((resolve) => {
          streams++;
          endStream = resolve;
          signal.addEventListener('abort', () => resolve());
        }),
    }));
    engine.start();
    timers.pop()!.fn();
    await waitFor(async () => (await engine.status()).running === false && streams === 1);
    expect(timers.map((t) => t.ms)).toEqual([SYNC_INTERVAL_MS]);
    endStream();
    await waitFor(() => Promise.resolve(timers.length === 2));
    expect(timers.at(-1)!.ms).toBe(RECONNECT_MS);
    // That sync succeeds and opens the stream again.
    timers.pop()!.fn();
    await waitFor(async () => (await engine.status()).running === false && streams === 2);
    await engine.stop();
    // Closed by stop(): no sync follows.
    expect(timers.filter((t) => t.ms === RECONNECT_MS)).toHaveLength(0);
  });

  it('a failed run schedules the next attempt by backoff; the link coming back syncs by itself', async () => {
    fresh();
    const s = await station('Петрова');
    const { engine, timers } = await engineOnManualTimers(s);
    await register(s);
    server.down = 'failing';
    engine.start();
    expect(timers.map((t) => t.ms)).toEqual([0]);
    timers.shift()!.fn();
    await engine.stop().then(() => undefined);
    // stop() cleared the schedule; start again and watch the backoff after a failure.
    engine.start();
    const run = timers.pop()!;
    run.fn();
    await waitFor(async () => (await engine.status()).running === false && timers.length > 0);
    expect(timers.at(-1)!.ms).toBe(BACKOFF_BASE_MS);
    expect((await engine.status()).nextAttemptAt).toBe(clock.now + BACKOFF_BASE_MS);
    server.down = false;
    timers.pop()!.fn();
    await waitFor(async () => (await engine.status()).pendingCount === 0);
    await engine.stop();
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out waiting');
}
