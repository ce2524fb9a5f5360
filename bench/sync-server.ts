// The `sync-server` benchmark: the central endpoint's sync routes through HTTP (fastify inject: the
// routes' validation, the transactions and the serialisation, without the network) on PGlite in
// memory, or on PostgreSQL when DATABASE_URL is set. The demo city's register (10,500 buildings),
// one operator's workstation per district; then:
// - push: registrations in pushes of `batch` ops, the districts taking turns, then a transfer of each;
// - pull: each district pulls everything from the start in pages of 500, then the Department;
// - snapshot: a district's and the Department's whole snapshot in pages of 2,000.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_REGISTER, generateRegister } from '../shared/demo/register.js';
import { DISTRICTS, type District } from '../shared/domain/districts.js';
import { formatHlc } from '../shared/domain/hlc.js';
import type { Role } from '../shared/domain/roles.js';
import { SCHEMA_VERSION } from '../shared/sync/op.js';
import type { PullResponse, PushResponse, SnapshotPage } from '../shared/sync/protocol.js';
import { openDatabase } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { buildApp } from '../server/http/app.js';
import { IdentityService } from '../server/identity/identity-service.js';
import { AccessTokens } from '../server/identity/tokens.js';
import { createUser } from '../server/identity/users.js';
import { loadDemoRegister } from '../server/reference/import-register.js';
import { registration } from '../server/test/sync-fixture.js';
import { intOption, type Benchmark } from './lib/benchmark.js';
import { latencyMetrics, round } from './lib/stats.js';

const COST = { ln: 10, r: 8, p: 1 } as const;
const PASSWORD = 'bench password long enough';

interface Station {
  readonly district: District | null;
  readonly deviceId: string;
  readonly token: string;
  readonly login: string;
  seq: number;
}

const benchmark: Benchmark = {
  description: 'The central endpoint: push (registrations, transfers), pull and snapshot through its routes, on PGlite or DATABASE_URL',
  async run({ options, progress }) {
    const params = {
      appealsPerDistrict: intOption(options, 'appeals', 300),
      batch: intOption(options, 'batch', 50),
      buildings: intOption(options, 'buildings', DEFAULT_REGISTER.buildings),
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    };
    const clock = { now: Date.UTC(2026, 10, 29, 8, 0) };
    const now = () => clock.now;
    const url = process.env.DATABASE_URL;
    const db = await openDatabase(url ? { kind: 'postgres', connectionString: url } : { kind: 'pglite' });
    const metrics: Record<string, number> = {};
    let app: FastifyInstance | undefined;
    try {
      await migrate(db);
      progress(`loading the demo register (${params.buildings} buildings)`);
      let started = performance.now();
      const register = generateRegister({ ...DEFAULT_REGISTER, seed: 1, buildings: params.buildings });
      await loadDemoRegister(db, register, now());
      metrics['register_load_ms'] = Math.round(performance.now() - started);
      const identity = new IdentityService(db, new AccessTokens(new TextEncoder().encode('a bench secret that is long enough for HS256'), now), { now, scryptCost: COST });
      app = await buildApp({ db, identity, now });
      const server = app;
      const station = async (login: string, role: Role, district: District | null): Promise<Station> => {
        await createUser(db, { login, displayName: login, role, district, password: PASSWORD }, now(), COST);
        const deviceId = randomUUID();
        const login1 = await server.inject({ method: 'POST', url: '/auth/login', payload: { login, password: PASSWORD, deviceId } });
        const token = login1.json<{ accessToken: string }>().accessToken;
        await server.inject({ method: 'POST', url: '/devices/register', headers: { authorization: `Bearer ${token}` }, payload: { id: deviceId, name: login, district } });
        return { district, deviceId, token, login, seq: 0 };
      };
      const stations: Station[] = [];
      for (const [i, district] of DISTRICTS.entries()) stations.push(await station(`operator${i}`, 'operator', district));
      const department = await station('department', 'department', null);

      const buildingsOf = new Map<District, string[]>(DISTRICTS.map((d) => [d, register.buildings.filter((b) => b.district === d).map((b) => b.id)]));
      let opCounter = 0;
      const op = (s: Station, command: string, entityId: string, payload: unknown) => {
        s.seq += 1;
        opCounter += 1;
        const hex = randomUUID().replaceAll('-', '');
        return {
          opId: `019ac5a0-${(opCounter % 65536).toString(16).padStart(4, '0')}-7${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex.slice(6, 18)}`,
          deviceId: s.deviceId,
          deviceSeq: s.seq,
          hlc: formatHlc({ wallMs: clock.now, counter: s.seq % 100_000, node: s.login.slice(-4).toUpperCase().replace(/[^0-9A-Z]/g, 'X') }),
          userId: s.login,
          entityType: 'appeal',
          entityId,
          baseVersion: command === 'register_appeal' ? 0 : 1,
          schemaVersion: SCHEMA_VERSION,
          command,
          payload,
        };
      };
      const push = async (s: Station, ops: unknown[]): Promise<PushResponse> => {
        const response = await server.inject({
          method: 'POST',
          url: '/sync/push',
          headers: { authorization: `Bearer ${s.token}` },
          payload: { deviceId: s.deviceId, clientNow: clock.now, schemaVersion: SCHEMA_VERSION, ops },
        });
        if (response.statusCode !== 200) throw new Error(`push ${response.statusCode}: ${response.body}`);
        return response.json<PushResponse>();
      };

      progress(`pushing ${params.appealsPerDistrict * DISTRICTS.length} registrations in pushes of ${params.batch}`);
      const appealIds = new Map<Station, string[]>(stations.map((s) => [s, []]));
      const registerPushes: number[] = [];
      started = performance.now();
      for (let done = 0; done < params.appealsPerDistrict; done += params.batch) {
        for (const s of stations) {
          const district = s.district as District;
          const buildings = buildingsOf.get(district) ?? [];
          const ops = [];
          for (let i = done; i < Math.min(done + params.batch, params.appealsPerDistrict); i++) {
            const id = `019ac5a0-0000-7000-8000-${randomUUID().slice(-12)}`;
            appealIds.get(s)?.push(id);
            // The sync tests' registration (one applicant, one complaint), with the benchmark's own ids and addresses.
            const payload = registration(
              { id, number: `26-BNCH-${String(s.seq).padStart(5, '0')}`, buildingId: buildings[i % buildings.length] as string, district, flat: String(1 + (i % 120)), registeredBy: s.login },
              clock.now,
            );
            ops.push(op(s, 'register_appeal', id, payload));
          }
          const t = performance.now();
          await push(s, ops);
          registerPushes.push(performance.now() - t);
        }
      }
      const registerMs = performance.now() - started;
      const registrations = params.appealsPerDistrict * DISTRICTS.length;
      metrics['push_register_ops_per_s'] = Math.round(registrations / (registerMs / 1000));
      metrics['push_register_per_op_ms'] = round(registerMs / registrations);
      Object.assign(metrics, latencyMetrics('push_register_batch', registerPushes));

      progress('pushing a transfer of each appeal');
      const executor = register.organisations.find((o) => o.kind !== 'tso')?.id ?? '';
      const transferPushes: number[] = [];
      started = performance.now();
      for (const s of stations) {
        const ids = appealIds.get(s) ?? [];
        for (let i = 0; i < ids.length; i += params.batch) {
          const ops = ids.slice(i, i + params.batch).map((id) => op(s, 'transfer', id, { action: 'transfer', executorOrgId: executor, method: 'phone', contactPerson: '', checkFailed: false }));
          const t = performance.now();
          await push(s, ops);
          transferPushes.push(performance.now() - t);
        }
      }
      const transferMs = performance.now() - started;
      metrics['push_transfer_ops_per_s'] = Math.round(registrations / (transferMs / 1000));
      Object.assign(metrics, latencyMetrics('push_transfer_batch', transferPushes));

      progress('pulling from the start, each district and the Department');
      const pullPages: number[] = [];
      const pullAll = async (s: Station): Promise<number> => {
        let cursor = (await snapshotOf(server, s, 1)).cursor.replace(/^c1\.\d+\./, 'c1.0.');
        let changes = 0;
        for (;;) {
          const t = performance.now();
          const response = await server.inject({ method: 'POST', url: '/sync/pull', headers: { authorization: `Bearer ${s.token}` }, payload: { cursor, limit: 500 } });
          pullPages.push(performance.now() - t);
          const page = response.json<PullResponse>();
          changes += page.changes.length;
          cursor = page.nextCursor;
          if (!page.hasMore) return changes;
        }
      };
      for (const s of stations) await pullAll(s);
      started = performance.now();
      metrics['pull_city_changes'] = await pullAll(department);
      metrics['pull_city_ms'] = Math.round(performance.now() - started);
      Object.assign(metrics, latencyMetrics('pull_page', pullPages));

      progress('snapshots');
      started = performance.now();
      const districtPages = await snapshotAll(server, stations[5] as Station);
      metrics['snapshot_district_ms'] = Math.round(performance.now() - started);
      metrics['snapshot_district_items'] = districtPages;
      started = performance.now();
      metrics['snapshot_city_items'] = await snapshotAll(server, department);
      metrics['snapshot_city_ms'] = Math.round(performance.now() - started);
    } finally {
      await app?.close();
      await db.close();
    }
    return {
      metrics,
      params,
      notes: [
        'Through fastify inject: validation, transactions and serialisation, not the network.',
        'Each op is its own transaction: device and entity locks, the reducer twice (a dry run, then with its positions), record, event, change log, answer, NOTIFY.',
        `Database: ${params.database}${params.database === 'pglite' ? ' (in memory, one connection)' : ''}.`,
      ],
    };
  },
};

async function snapshotOf(app: FastifyInstance, s: Station, limit: number): Promise<SnapshotPage> {
  const response = await app.inject({ method: 'POST', url: '/sync/snapshot', headers: { authorization: `Bearer ${s.token}` }, payload: { pageToken: null, limit } });
  return response.json<SnapshotPage>();
}

/** Every page of a snapshot; the number of items. */
async function snapshotAll(app: FastifyInstance, s: Station): Promise<number> {
  let token: string | null = null;
  let items = 0;
  do {
    const response = await app.inject({ method: 'POST', url: '/sync/snapshot', headers: { authorization: `Bearer ${s.token}` }, payload: { pageToken: token, limit: 2000 } });
    if (response.statusCode !== 200) throw new Error(`snapshot ${response.statusCode}: ${response.body}`);
    const page: SnapshotPage = response.json<SnapshotPage>();
    items += page.items.length;
    token = page.nextPageToken;
  } while (token !== null);
  return items;
}

export default benchmark;
