// Sync under faults, real cores against the real server process (PGlite, or PostgreSQL with
// TEST_DATABASE_URL) behind a fault proxy. Each test ends with the convergence check: every
// workstation holds the server's appeals, every op was answered once (applied with its event on the
// server, or rejected with a recorded reason), and the audit trails match.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../core.js';
import { tempDir } from '../test/temp-core.js';
import { expectConverged } from './convergence.js';
import { FAULT_KINDS, randomFaults, startFaultServer, type Fault, type FaultServer } from './fault-server.js';
import { act, DEPARTMENT_USER, districtUsers, getAppeal, openWorkstation, organisationId, ORGANISATIONS, register, settle, value, type Workstation } from './world.js';

const ROOT = join(import.meta.dirname, '../../..');
const users = districtUsers(4);

let server: FaultServer;
const open: Workstation[] = [];
let a: Workstation;
let b: Workstation;

beforeAll(async () => {
  server = await startFaultServer([...users, DEPARTMENT_USER], { registerCsv: (await import('./world.js')).REGISTER_CSV });
  a = await openWorkstation(server, 'controller1');
  b = await openWorkstation(server, 'controller2');
  open.push(a, b);
  await settle([a, b]);
}, 180_000);

afterAll(async () => {
  for (const ws of open) {
    await ws.core.close();
    rmSync(ws.dataDir, { recursive: true, force: true });
  }
  await server?.stop();
}, 60_000);

/** The first request to a path starting with one of `paths` gets `fault`; the rest pass. */
function once(fault: Fault, paths: readonly string[]): (r: { path: string }) => Fault {
  const hit = new Set<string>();
  return (r) => {
    const path = paths.find((p) => r.path.startsWith(p));
    if (!path || hit.has(path)) return { kind: 'pass' };
    hit.add(path);
    return fault;
  };
}

describe('sync under faults', () => {
  it.each(FAULT_KINDS)('%s on the first push and the first pull: after a clean sync everything converges', async (kind) => {
    const org = await organisationId(a.core, ORGANISATIONS[0]);
    const mine = await register(a.core);
    expect(await act(a.core, mine.id, 'transfer', org)).toBe(true);
    await register(b.core);
    const fault: Fault = kind === 'delay' ? { kind, ms: 300 } : { kind };
    server.setPlan(once(fault, ['/sync/push', '/sync/pull']));
    const faulty = await a.core.sync.engine.syncOnce();
    if (kind === 'delay' || kind === 'duplicate') expect(faulty).toMatchObject({ ok: true, pushed: 2 });
    else expect(faulty.ok).toBe(false);
    await b.core.sync.engine.syncOnce();
    server.setPlan(() => ({ kind: 'pass' }));
    await settle([a, b]);
    expect(await getAppeal(b.core, mine.id)).toMatchObject({ status: 'transferred' });
    await expectConverged(server, [a, b]);
  }, 120_000);

  it('faults at random on a third of the requests while both work on the same appeals', async () => {
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
    console.warn(`fault seed ${seed} (FAULT_SEED=${seed} replays it)`);
    server.setPlan(randomFaults(seed, 0.35));
    const orgs = [await organisationId(a.core, ORGANISATIONS[0]), await organisationId(a.core, ORGANISATIONS[1])];
    const shared = await register(a.core);
    for (let round = 0; round < 4; round++) {
      await a.core.sync.engine.syncOnce();
      await b.core.sync.engine.syncOnce();
      const inB = await getAppeal(b.core, shared.id).catch(() => null);
      await act(a.core, shared.id, round % 2 === 0 ? 'transfer' : 'take_in_work', orgs[round % 2]!);
      if (inB) await act(b.core, shared.id, 'transfer', orgs[(round + 1) % 2]!);
      await register(b.core, undefined, `Заявитель ${round}`);
    }
    server.setPlan(() => ({ kind: 'pass' }));
    await settle([a, b]);
    await expectConverged(server, [a, b]);
  }, 180_000);

  it('the server killed in the middle of a push and started again on the same data', async () => {
    for (let i = 0; i < 20; i++) await register(a.core, undefined, `Заявитель ${i}`);
    let killed: Promise<void> | null = null;
    // The answer is held back (so the workstation never gets it), and the server dies 15 ms after the
    // push reached it: in the middle of its transactions or just after.
    server.setPlan((r) => (r.path.startsWith('/sync/push') ? { kind: 'drop_response' } : { kind: 'pass' }));
    server.onForward((r) => {
      if (r.path.startsWith('/sync/push') && !killed) killed = new Promise((resolve) => setTimeout(resolve, 15)).then(() => server.kill());
    });
    const cut = await a.core.sync.engine.syncOnce();
    server.onForward(null);
    server.setPlan(() => ({ kind: 'pass' }));
    expect(killed).not.toBeNull();
    await killed;
    expect(cut.ok).toBe(false);
    await server.start();
    await settle([a, b]);
    await expectConverged(server, [a, b]);
  }, 120_000);

  it('a workstation killed with SIGKILL while its push is on the server, started again on its data: nothing twice', async () => {
    const dataDir = tempDir('faults-child');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'workstation-child.ts'), dataDir, server.url, 'controller3', '5'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('ready')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited: ${out}`)));
    });
    // The push reaches the server; the answer is held back and the workstation is killed before it arrives.
    server.setPlan((r) => (r.path.startsWith('/sync/push') ? { kind: 'drop_response' } : { kind: 'pass' }));
    server.onForward((r) => {
      if (r.path.startsWith('/sync/push')) setTimeout(() => child.kill('SIGKILL'), 200);
    });
    child.stdin!.write('sync\n');
    expect(await exited).toBe('SIGKILL');
    server.onForward(null);
    server.setPlan(() => ({ kind: 'pass' }));
    // The killed workstation's five ops reached the server and were applied there; it never heard.
    const local = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const ops = (local.prepare("SELECT op_id FROM outbox WHERE state = 'pending'").all() as { op_id: string }[]).map((r) => r.op_id);
    local.close();
    expect(ops).toHaveLength(5);
    await expect
      .poll(async () => server.inspect(async (query) => ((await query("SELECT count(*)::int AS n FROM processed_ops WHERE answer->>'result' = 'applied' AND op_id = ANY($1)", [ops]))[0] as { n: number }).n), { timeout: 30_000 })
      .toBe(5);

    const again = await openWorkstation(server, 'controller3', dataDir, false);
    open.push(again);
    expect(value<{ pendingCount: number }>(await again.core.call('syncStatus', {})).pendingCount).toBe(5);
    await settle([again, a, b]);
    await expectConverged(server, [again, a, b]);
  }, 180_000);

  it('a clock 10 minutes fast is refused with the reason, the ops kept; set right, it converges', async () => {
    const fast = await openWorkstation(server, 'controller4');
    open.push(fast);
    await settle([fast]);
    fast.skew.ms = 10 * 60_000;
    const made = await register(fast.core);
    const refused = await fast.core.sync.engine.syncOnce();
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toMatch(/^Часы этого компьютера спешат на 10 мин/);
    expect(value<{ pendingCount: number }>(await fast.core.call('syncStatus', {})).pendingCount).toBe(1);
    fast.skew.ms = 0;
    await settle([fast, a, b]);
    expect((await getAppeal(a.core, made.id)).officialNumber).toMatch(/^\d{4}-ОКТ-\d{6}$/);
    await expectConverged(server, [fast, a, b]);
  }, 120_000);

  it('a clock 10 minutes slow syncs; its change to an appeal is ordered after what it pulled', async () => {
    const slow = a;
    const org = await organisationId(b.core, ORGANISATIONS[1]);
    const appealInB = await register(b.core);
    await settle([b, slow]);
    slow.skew.ms = -10 * 60_000;
    try {
      expect(await act(slow.core, appealInB.id, 'transfer', org)).toBe(true);
      await settle([slow, b]);
      expect(await getAppeal(b.core, appealInB.id)).toMatchObject({ status: 'transferred' });
      await expectConverged(server, [slow, b]);
    } finally {
      slow.skew.ms = 0;
    }
  }, 120_000);
});
