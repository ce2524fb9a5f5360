// The `sync` benchmark: real workstations (cores with their DB workers and sync engines) against the
// central endpoint listening on a real port, on PGlite (in memory) and, when DATABASE_URL is set, on
// PostgreSQL (in a scratch schema of that database, dropped afterwards). Metrics carry the suffix
// `_pglite` or `_pg`:
// - push_ops_per_s: 10,000 registrations made offline through the core, then pushed by the engine;
// - initial_sync_s, initial_sync_rss_mb: a new workstation of a district holding ~1,200 buildings and
//   100,000 appeals with their events takes its snapshot (a child process: its own peak RSS);
// - converge_30_devices_s: 30 workstations of one district, each with 200 ops made during 8 hours
//   offline on shared appeals, sync at once until every one has pushed and pulled everything.
// The 100,000 appeals are seeded in SQL: a few hundred made through a real core and pushed, then
// copied with new ids, numbers and official numbers (the seeding is not measured).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { createCore, type Core } from '../electron/core/core.js';
import { silentLogger } from '../electron/core/log.js';
import { quoteIdent, openDatabase, type Database } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { buildApp } from '../server/http/app.js';
import { IdentityService } from '../server/identity/identity-service.js';
import { AccessTokens } from '../server/identity/tokens.js';
import { createUser } from '../server/identity/users.js';
import { loadDemoRegister } from '../server/reference/import-register.js';
import { DEFAULT_REGISTER, generateRegister, type GeneratedRegister } from '../shared/demo/register.js';
import { DISTRICTS, type District } from '../shared/domain/districts.js';
import { intOption, type Benchmark } from './lib/benchmark.js';
import { round } from './lib/stats.js';

const COST = { ln: 10, r: 8, p: 1 } as const;
const PASSWORD = 'Пароль-для-бенчмарка-1';
const HOUR = 3_600_000;
const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
/** Districts: the pushing workstation's, the seeded one, the 30 workstations'. */
const PUSH_DISTRICT: District = DISTRICTS[0];
const SEEDED_DISTRICT: District = DISTRICTS[1];
const CONVERGE_DISTRICT: District = DISTRICTS[2];

const CALL = {
  flat: '15',
  applicantName: 'Иванова Мария Петровна',
  applicantPhone: '89271234567',
  channel: 'district_hotline',
  category: 'low_temperature',
  description: 'В квартире +16, батареи еле тёплые',
} as const;

interface Params {
  readonly pushOps: number;
  readonly appeals: number;
  readonly templates: number;
  readonly devices: number;
  readonly opsPerDevice: number;
  readonly sharedAppeals: number;
  readonly buildings: number;
  /** `--parts=push,initial,converge` (default all): which measurements run. */
  readonly parts: ReadonlySet<Part>;
}

const PARTS = ['push', 'initial', 'converge'] as const;
type Part = (typeof PARTS)[number];

function partsOption(raw: string | undefined): ReadonlySet<Part> {
  if (raw === undefined) return new Set(PARTS);
  const parts = raw.split(',').map((p) => p.trim());
  for (const p of parts) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--parts takes ${PARTS.join(',')}, got "${p}"`);
  return new Set(parts as Part[]);
}

type Progress = (message: string) => void;

const benchmark: Benchmark = {
  description: 'Workstations syncing with the central endpoint over HTTP: push, first sync of a district, 30 devices converging; PGlite and DATABASE_URL',
  async run({ options, progress }) {
    const params: Params = {
      pushOps: intOption(options, 'push-ops', 10_000),
      appeals: intOption(options, 'appeals', 100_000),
      templates: intOption(options, 'templates', 200),
      devices: intOption(options, 'devices', 30),
      opsPerDevice: intOption(options, 'ops-per-device', 200),
      sharedAppeals: intOption(options, 'shared', 300),
      buildings: intOption(options, 'buildings', DEFAULT_REGISTER.buildings),
      parts: partsOption(options['parts']),
    };
    const only = options['only'];
    const backends: ('pglite' | 'pg')[] = only === 'pg' || only === 'pglite' ? [only] : process.env.DATABASE_URL ? ['pg', 'pglite'] : ['pglite'];
    const metrics: Record<string, number> = {};
    const notes: string[] = [];
    for (const backend of backends) {
      progress(`——— ${backend} ———`);
      const m = await runBackend(backend, params, progress, notes);
      for (const [k, v] of Object.entries(m)) metrics[`${k}_${backend}`] = v;
    }
    if (!process.env.DATABASE_URL) notes.push('DATABASE_URL not set: PostgreSQL not measured');
    return {
      metrics,
      params: { ...params, parts: [...params.parts].join(','), backends: backends.join(',') },
      targets: {
        push_ops_per_s_pg: { above: 2_000 },
        initial_sync_s_pg: { below: 30 },
        converge_30_devices_s_pg: { below: 60 },
      },
      notes: [
        'The server runs in the bench process, listening on 127.0.0.1 (real HTTP); PGlite in memory; PostgreSQL in a scratch schema of DATABASE_URL.',
        'push and converge workstations are cores in the bench process (each with its DB worker thread); the first-sync workstation is a child process (its peak RSS: maxRSS of that process).',
        'push_ops_per_s: from the first /sync/push to the last answer recorded (the engine pushes in batches of MAX_PUSH_OPS).',
        ...notes,
      ],
    };
  },
};

export default benchmark;

// ——— one backend ———

interface Server {
  readonly url: string;
  readonly db: Database;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

async function startServer(backend: 'pglite' | 'pg'): Promise<Server> {
  let db: Database;
  let dropSchema: (() => Promise<void>) | null = null;
  if (backend === 'pg') {
    const url = process.env.DATABASE_URL as string;
    const schema = `bench_sync_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await adminQuery(url, `CREATE SCHEMA ${quoteIdent(schema)}`);
    dropSchema = () => adminQuery(url, `DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
    db = await openDatabase({ kind: 'postgres', connectionString: url, schema });
  } else {
    db = await openDatabase({ kind: 'pglite' });
  }
  await migrate(db);
  const now = () => Date.now();
  const identity = new IdentityService(db, new AccessTokens(new TextEncoder().encode('a bench secret that is long enough for HS256'), now), { now, scryptCost: COST });
  const app = await buildApp({ db, identity, now });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    db,
    app,
    async close() {
      await app.close();
      await db.close();
      await dropSchema?.();
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function runBackend(backend: 'pglite' | 'pg', params: Params, progress: Progress, notes: string[]): Promise<Record<string, number>> {
  const metrics: Record<string, number> = {};
  hookFetch();
  const server = await startServer(backend);
  const dirs: string[] = [];
  const cores: Core[] = [];
  const newCore = async (clock?: () => number): Promise<Core> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'appeals-bench-sync-'));
    dirs.push(dataDir);
    const core = await createCore({ dataDir, shell: 'cli', log: silentLogger(), ...(clock ? { clock } : {}) });
    cores.push(core);
    return core;
  };
  const connect = async (core: Core, login: string): Promise<void> => {
    const r = await core.call('connectToServer', { serverUrl: server.url, login, password: PASSWORD, workstationName: `bench ${login}` });
    if (!r.ok) throw new Error(`connectToServer ${login}: ${r.error.message}`);
  };
  const user = (login: string, district: District) =>
    createUser(server.db, { login, displayName: login, role: 'district_controller', district, password: PASSWORD }, Date.now(), COST);
  try {
    progress(`${backend}: loading the demo register (${params.buildings} buildings)`);
    const register = generateRegister({ ...DEFAULT_REGISTER, buildings: params.buildings });
    await loadDemoRegister(server.db, register, Date.now());
    const buildingsOf = (d: District) => register.buildings.filter((b) => b.district === d).map((b) => b.id);
    const executors = register.organisations.filter((o) => o.kind !== 'tso').map((o) => o.id);

    // ——— push: 10,000 registrations made offline, then pushed by the engine ———
    if (params.parts.has('push')) {
      await user('bench-push', PUSH_DISTRICT);
      const pusher = await newCore();
      await connect(pusher, 'bench-push');
      await syncOk(pusher, 'the pushing workstation\'s first sync');
      progress(`${backend}: registering ${params.pushOps} appeals offline through the core`);
      const pushBuildings = buildingsOf(PUSH_DISTRICT);
      for (let i = 0; i < params.pushOps; i++) {
        const r = await pusher.call('registerAppeal', { ...CALL, buildingId: pushBuildings[i % pushBuildings.length], flat: String(1 + (i % 200)) });
        if (!r.ok) throw new Error(`registerAppeal: ${r.error.message}`);
      }
      progress(`${backend}: pushing ${params.pushOps} ops`);
      const timing = watchRequests();
      const pushRun = await syncOk(pusher, 'push');
      const pushMs = timing.pushMs();
      timing.stop();
      if (pushRun.pushed !== params.pushOps) throw new Error(`pushed ${pushRun.pushed} of ${params.pushOps}`);
      metrics['push_ops_per_s'] = Math.round(params.pushOps / (pushMs / 1000));
      metrics['push_sync_total_s'] = round(timing.totalMs() / 1000);
      metrics['push_server_share'] = round(timing.inPushMs() / pushMs);
      await closeCores(cores);
    }

    // ——— initial sync: a district of ~1,200 buildings and 100,000 appeals with their events ———
    if (params.parts.has('initial')) {
      progress(`${backend}: seeding ${params.appeals} appeals in ${SEEDED_DISTRICT}`);
      const seeded = await seedDistrict(server, params, register, newCore, connect, user);
      await closeCores(cores);
      metrics['seeded_appeals'] = seeded.appeals;
      metrics['seeded_events'] = seeded.events;
      metrics['seed_s'] = round(seeded.ms / 1000);
      await user('bench-first', SEEDED_DISTRICT);
      progress(`${backend}: a new workstation of ${SEEDED_DISTRICT} takes its snapshot (child process)`);
      const first = await firstSyncInChild(server.url, 'bench-first');
      metrics['initial_sync_s'] = round(first.ms / 1000);
      metrics['initial_sync_rss_mb'] = Math.round(first.peakRssMb);
      metrics['initial_sync_items'] = first.pulled;
      metrics['initial_sync_appeals'] = first.appeals;
      metrics['initial_sync_items_per_s'] = Math.round(first.pulled / (first.ms / 1000));
      if (first.appeals < seeded.appeals) notes.push(`${backend}: the first sync brought ${first.appeals} of ${seeded.appeals} appeals`);
    }

    // ——— 30 devices converging ———
    if (params.parts.has('converge')) Object.assign(metrics, await converge(backend, params, register, executors, newCore, connect, user, progress, notes));
    await closeCores(cores);
  } finally {
    await closeCores(cores);
    await server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  return metrics;
}

async function closeCores(cores: Core[]): Promise<void> {
  const all = cores.splice(0);
  await Promise.all(all.map((c) => c.close()));
}

async function syncOk(core: Core, what: string) {
  const r = await core.sync.engine.syncOnce();
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.error)}`);
  return r;
}

/**
 * Times the bench process's own requests to /sync/push. The engines' HTTP transport takes the
 * global fetch when it is made (at a workstation's first sync), so the hook is installed once,
 * before any workstation, and records only while a watch is on.
 */
let watching: { firstPush: number | null; lastPushEnd: number | null; end: number; inPush: number } | null = null;
let hooked = false;
function hookFetch(): void {
  if (hooked) return;
  hooked = true;
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const w = watching;
    if (!w) return original(input, init);
    const url = String(input instanceof Request ? input.url : input);
    const isPush = url.endsWith('/sync/push');
    const t = performance.now();
    if (isPush && w.firstPush === null) w.firstPush = t;
    try {
      const response = await original(input, init);
      await response.clone().arrayBuffer();
      return response;
    } finally {
      w.end = performance.now();
      if (isPush) {
        w.lastPushEnd = w.end;
        w.inPush += w.end - t;
      }
    }
  };
}

function watchRequests() {
  const started = performance.now();
  const w = { firstPush: null as number | null, lastPushEnd: null as number | null, end: started, inPush: 0 };
  watching = w;
  return {
    pushMs: () => {
      if (w.firstPush === null || w.lastPushEnd === null) throw new Error('no push was seen');
      return w.lastPushEnd - w.firstPush;
    },
    totalMs: () => w.end - started,
    /** Time spent waiting for /sync/push answers (the server's share of the push). */
    inPushMs: () => w.inPush,
    stop: () => {
      watching = null;
    },
  };
}

// ——— seeding ———

type NewCore = (clock?: () => number) => Promise<Core>;
type Connect = (core: Core, login: string) => Promise<void>;
type MakeUser = (login: string, district: District) => Promise<unknown>;

/**
 * `templates` appeals made through a real core of the seeded district (registered; a third
 * transferred; a third more taken in work and marked done) and pushed, then copied in SQL with new
 * ids (the last 12 hex digits), provisional and official numbers, until `appeals`.
 */
async function seedDistrict(server: Server, params: Params, register: GeneratedRegister, newCore: NewCore, connect: Connect, user: MakeUser) {
  const started = performance.now();
  await user('bench-seed', SEEDED_DISTRICT);
  const core = await newCore();
  await connect(core, 'bench-seed');
  await syncOk(core, 'the seeding workstation\'s first sync');
  const buildings = register.buildings.filter((b) => b.district === SEEDED_DISTRICT).map((b) => b.id);
  const executor = register.organisations.find((o) => o.kind !== 'tso')?.id as string;
  for (let i = 0; i < params.templates; i++) {
    const created = await core.call('registerAppeal', { ...CALL, buildingId: buildings[(i * 7) % buildings.length], flat: String(1 + (i % 200)) });
    if (!created.ok) throw new Error(`registerAppeal: ${created.error.message}`);
    const id = (created.value as { id: string }).id;
    await lifecycle(core, id, i % 3, executor);
  }
  await syncOk(core, 'the seeding push');
  const copies = Math.max(0, Math.ceil(params.appeals / params.templates) - 1);
  const { rows: templates } = await server.db.query<{ id: string }>('SELECT id FROM appeals WHERE district = $1', [SEEDED_DISTRICT]);
  const ids = templates.map((t) => t.id);
  const step = Math.max(1, Math.floor(20_000 / Math.max(1, ids.length)));
  // Official numbers of the copies from 500,001 (the city's counter stays far below in this run).
  // Codes of the copies' provisional numbers: «Q» and three of the alphabet [2-9A-HJ-NP-Z].
  const code = `'Q' || translate(lpad(k::text, 3, '0'), '01', 'YZ')`;
  const newId = (col: string) => `left(${col}, 24) || lpad(to_hex(k), 12, '0')`;
  for (let from = 1; from <= copies; from += step) {
    const to = Math.min(copies, from + step - 1);
    await server.db.transaction(async (tx) => {
      await tx.query(
        `WITH src AS (
           SELECT a.*, k, ${newId('a.id')} AS new_id,
             left(a.number, 3) || ${code} || right(a.number, 6) AS new_number,
             CASE WHEN a.official_number IS NULL THEN NULL
               ELSE left(a.official_number, length(a.official_number) - 6) || lpad((500000 + (k - 1) * $5::int + (row_number() OVER (PARTITION BY k ORDER BY a.id))::int)::text, 6, '0') END AS new_official
           FROM appeals a CROSS JOIN generate_series($2::int, $3::int) k WHERE a.district = $1 AND a.id = ANY($4))
         INSERT INTO appeals (district, id, version, official_number, number, building_id, status, executor_org_id, received_at, registration, stamps, applied, lost, updated_seq)
         SELECT district, new_id, version, new_official, new_number, building_id, status, executor_org_id, received_at,
           replace(replace(replace(registration::text, id, new_id), number, new_number), coalesce(official_number, E'\\x01'), coalesce(new_official, ''))::jsonb,
           replace(stamps::text, id, new_id)::jsonb, applied, lost, updated_seq
         FROM src`,
        [SEEDED_DISTRICT, from, to, ids, ids.length],
      );
      await tx.query(
        `WITH t AS (SELECT district, id, number, official_number, row_number() OVER (ORDER BY id) AS r FROM appeals WHERE district = $1 AND id = ANY($4))
         INSERT INTO appeal_events (district, id, appeal_id, type, at, by_user, hlc, device_id, data, server_seq)
         SELECT e.district, ${newId('e.id')}, ${newId('e.appeal_id')}, e.type, e.at, e.by_user, e.hlc, e.device_id,
           replace(replace(replace(e.data::text, e.appeal_id, ${newId('e.appeal_id')}), t.number, left(t.number, 3) || ${code} || right(t.number, 6)),
             coalesce(t.official_number, E'\\x01'),
             CASE WHEN t.official_number IS NULL THEN '' ELSE left(t.official_number, length(t.official_number) - 6) || lpad((500000 + (k - 1) * $5::int + t.r::int)::text, 6, '0') END)::jsonb,
           e.server_seq
         FROM appeal_events e JOIN t ON t.district = e.district AND t.id = e.appeal_id
           CROSS JOIN generate_series($2::int, $3::int) k
         WHERE e.district = $1`,
        [SEEDED_DISTRICT, from, to, ids, ids.length],
      );
    });
  }
  if (server.db.kind === 'postgres') await server.db.query('ANALYZE');
  const { rows } = await server.db.query<{ appeals: number; events: number }>(
    'SELECT (SELECT count(*) FROM appeals WHERE district = $1)::int AS appeals, (SELECT count(*) FROM appeal_events WHERE district = $1)::int AS events',
    [SEEDED_DISTRICT],
  );
  return { appeals: Number(rows[0]?.appeals), events: Number(rows[0]?.events), ms: performance.now() - started };
}

/** stage 0: registered only; 1: transferred; 2: transferred, taken in work, marked done. */
async function lifecycle(core: Core, id: string, stage: number, executorOrgId: string): Promise<number> {
  const steps: unknown[] = [];
  if (stage >= 1) steps.push({ action: 'transfer', executorOrgId, method: 'phone', contactPerson: 'Диспетчер Смирнов' });
  if (stage >= 2) steps.push({ action: 'take_in_work' }, { action: 'mark_done', whatWasDone: 'Отрегулирован элеватор, стояк прогрет', doneAt: Date.now() - 60_000 });
  let done = 0;
  for (const data of steps) {
    const r = await action(core, id, data);
    if (!r) break;
    done++;
  }
  return done;
}

async function action(core: Core, id: string, data: unknown): Promise<boolean> {
  const current = await core.call('getAppeal', { id });
  if (!current.ok) throw new Error(`getAppeal: ${current.error.message}`);
  const version = (current.value as { appeal: { version: number } }).appeal.version;
  const r = await core.call('appealAction', { appealId: id, expectedVersion: version, data });
  return r.ok;
}

// ——— the first sync in a child process ———

interface FirstSync {
  ms: number;
  pulled: number;
  snapshotPages: number;
  appeals: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

function firstSyncInChild(serverUrl: string, login: string): Promise<FirstSync> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(ROOT, 'bench/sync-workstation.ts'), serverUrl, login, PASSWORD], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`sync-workstation exited with ${code}: ${err}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) as string) as FirstSync);
      } catch (error) {
        reject(new Error(`sync-workstation printed ${out}: ${String(error)}`));
      }
    });
  });
}

// ——— 30 devices ———

async function converge(
  backend: string,
  params: Params,
  register: GeneratedRegister,
  executors: readonly string[],
  newCore: NewCore,
  connect: Connect,
  user: MakeUser,
  progress: Progress,
  notes: string[],
): Promise<Record<string, number>> {
  const buildings = register.buildings.filter((b) => b.district === CONVERGE_DISTRICT).map((b) => b.id);
  progress(`${backend}: ${params.devices} workstations of ${CONVERGE_DISTRICT}: ${params.sharedAppeals} shared appeals, first syncs`);
  // The 8 hours offline: each device's clock runs from 8 hours ago while it works, then is set to now.
  const offlineStart = Date.now() - 8 * HOUR;
  const clocks: { now: number | null }[] = [];
  const devices: Core[] = [];
  for (let d = 0; d < params.devices; d++) {
    const login = `bench-dev${String(d + 1).padStart(2, '0')}`;
    await user(login, CONVERGE_DISTRICT);
    const clock: { now: number | null } = { now: null };
    clocks.push(clock);
    const core = await newCore(() => clock.now ?? Date.now());
    await connect(core, login);
    devices.push(core);
  }
  // The shared appeals: registered by the first device and pushed, then every device syncs them.
  const first = devices[0] as Core;
  await syncOk(first, 'the first converging workstation\'s first sync');
  const shared: string[] = [];
  for (let i = 0; i < params.sharedAppeals; i++) {
    const r = await first.call('registerAppeal', { ...CALL, buildingId: buildings[(i * 5) % buildings.length], flat: String(1 + (i % 150)) });
    if (!r.ok) throw new Error(`registerAppeal: ${r.error.message}`);
    shared.push((r.value as { id: string }).id);
  }
  for (const core of devices) await syncOk(core, 'a converging workstation\'s first sync');

  progress(`${backend}: ${params.devices} × ${params.opsPerDevice} ops offline`);
  // Each device: a quarter of its ops new registrations; the rest the workflow (transfer, take in
  // work, mark done) over a window of the shared appeals that overlaps its neighbours'.
  let made = 0;
  let refused = 0;
  for (const [d, core] of devices.entries()) {
    const clock = clocks[d] as { now: number | null };
    const step = (8 * HOUR) / params.opsPerDevice;
    let ops = 0;
    let k = 0;
    clock.now = offlineStart;
    while (ops < params.opsPerDevice) {
      clock.now = offlineStart + Math.round(ops * step);
      if (ops % 4 === 3) {
        const r = await core.call('registerAppeal', { ...CALL, buildingId: buildings[(d * 31 + ops) % buildings.length], flat: String(1 + (ops % 150)) });
        if (!r.ok) throw new Error(`registerAppeal: ${r.error.message}`);
        ops++;
        continue;
      }
      const id = shared[(d * 7 + k) % shared.length] as string;
      k++;
      const executorOrgId = executors[(d + k) % executors.length] as string;
      for (const data of [
        { action: 'transfer', executorOrgId, method: 'phone', contactPerson: 'Диспетчер Смирнов' },
        { action: 'take_in_work' },
        { action: 'mark_done', whatWasDone: 'Стояк прогрет', doneAt: (clock.now ?? Date.now()) - 1000 },
      ]) {
        if (ops >= params.opsPerDevice || ops % 4 === 3) break;
        if (await action(core, id, data)) ops++;
        else refused++;
      }
      if (k > shared.length * 3) throw new Error('not enough shared appeals for the ops asked');
    }
    made += ops;
    clock.now = null;
  }
  if (refused > 0) notes.push(`${backend}: ${refused} local actions refused by the workflow (not counted as ops)`);

  progress(`${backend}: ${params.devices} workstations reconnect at once`);
  const started = performance.now();
  let rounds = 0;
  let pushed = 0;
  let conflicts = 0;
  let rejected = 0;
  let failed = 0;
  for (;;) {
    rounds++;
    // A sync that fails (the transport's 30 s timeout while the server works through the others'
    // pushes) is tried again in the next round, as the engine's backoff would.
    const results = await Promise.all(devices.map((core) => core.sync.engine.syncOnce()));
    const roundFailed = results.filter((r) => !r.ok).length;
    failed += roundFailed;
    const roundPushed = results.reduce((s, r) => s + r.pushed, 0);
    pushed += roundPushed;
    conflicts += results.reduce((s, r) => s + r.merged, 0);
    rejected += results.reduce((s, r) => s + r.rejected, 0);
    // Every push answered before this round started: a round that pushed nothing pulled everything.
    if (rounds >= 2 && roundPushed === 0 && roundFailed === 0) break;
    if (rounds > 20) throw new Error(`no convergence after 20 rounds: ${JSON.stringify(results.find((r) => !r.ok)?.error ?? null)}`);
  }
  const ms = performance.now() - started;
  // Converged: the same position and the same shared appeals everywhere.
  const positions = new Set<string>();
  const states = new Set<string>();
  for (const core of devices) {
    const counts = await core.db.call('syncCounts');
    if (counts.pendingCount !== 0) throw new Error(`a workstation still has ${counts.pendingCount} ops pending`);
    positions.add(String(counts.cursor));
    const rows: string[] = [];
    for (const id of shared.slice(0, 50)) {
      const r = await core.call('getAppeal', { id });
      if (!r.ok) throw new Error(`getAppeal: ${r.error.message}`);
      const a = (r.value as { appeal: { status: string; executorName: string | null; version: number } }).appeal;
      rows.push(`${a.status}/${a.executorName ?? ''}`);
    }
    states.add(rows.join(','));
  }
  if (positions.size !== 1) throw new Error(`workstations stopped at ${positions.size} different positions`);
  if (states.size !== 1) throw new Error(`workstations disagree on the shared appeals (${states.size} versions)`);
  return {
    converge_30_devices_s: round(ms / 1000),
    converge_ops: made,
    converge_pushed: pushed,
    converge_merged: conflicts,
    converge_rejected: rejected,
    converge_rounds: rounds,
    converge_failed_syncs: failed,
  };
}
