// The central endpoint with a small register and workstations that build ops the way the core
// does, for the sync route tests.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { District } from '../../shared/domain/districts.js';
import { formatHlc } from '../../shared/domain/hlc.js';
import type { Role } from '../../shared/domain/roles.js';
import { SCHEMA_VERSION } from '../../shared/sync/op.js';
import type { RegisterAppealPayload } from '../../shared/sync/op-payloads.js';
import type { PullResponse, PushResponse, SnapshotPage } from '../../shared/sync/protocol.js';
import { upsertReference, type BuildingData, type ReferenceData } from '../sync/reference.js';
import { bearer, startTestServer, type TestServer } from './test-server.js';

export function building(id: string, district: District, address: string): BuildingData {
  return {
    id,
    district,
    address,
    streetType: 'ул.',
    streetName: address,
    house: '1',
    korpus: '',
    stroenie: '',
    addressKey: null,
    fiasGuid: null,
    managementOrgId: 'uk-1',
    heatSupplierOrgId: null,
    heatSourceId: null,
    yearBuilt: 1970,
    floors: 9,
    flats: 144,
    latitude: null,
    longitude: null,
  };
}

export const REGISTER: ReferenceData = {
  organisations: [
    { id: 'uk-1', kind: 'uk', name: 'УК «Первая»', inn: null, phone: null, dispatcherPhone: null, email: null },
    { id: 'uk-2', kind: 'uk', name: 'УК «Вторая»', inn: null, phone: null, dispatcherPhone: null, email: null },
  ],
  heatSources: [{ id: 'hs-1', kind: 'boiler_house', name: 'Котельная № 1', supplierOrgId: null, district: 'Октябрьский' }],
  buildings: [
    building('b-okt-1', 'Октябрьский', 'ул. Ново-Садовая, д. 106'),
    building('b-okt-2', 'Октябрьский', 'ул. Ново-Садовая, д. 108'),
    building('b-kir-1', 'Кировский', 'пр. Кирова, д. 200'),
  ],
};

let idCounter = 0;
/** A UUIDv7-shaped id, increasing within the run. */
export function uuid7(): string {
  idCounter += 1;
  const hex = randomUUID().replaceAll('-', '');
  return `019ac5a0-${idCounter.toString(16).padStart(4, '0')}-7${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex.slice(6, 18)}`;
}

export interface OpOptions {
  readonly entityType?: 'appeal' | 'incident' | 'day_closure' | 'building_heating';
  readonly baseVersion?: number;
  readonly seenServerSeq?: number;
  readonly hlcMs?: number;
  readonly schemaVersion?: number;
}

export class Workstation {
  seq = 0;
  private counter = 0;
  readonly code: string;

  constructor(
    readonly server: TestServer,
    readonly deviceId: string,
    public token: string,
    readonly userId: string,
  ) {
    this.code = deviceId.slice(0, 4).toUpperCase().replace(/[^0-9A-Z]/g, 'X');
  }

  op<P>(command: string, entityId: string, payload: P, o: OpOptions = {}) {
    this.seq += 1;
    this.counter += 1;
    return {
      opId: uuid7(),
      deviceId: this.deviceId,
      deviceSeq: this.seq,
      hlc: formatHlc({ wallMs: o.hlcMs ?? this.server.clock.now, counter: this.counter, node: this.code }),
      userId: this.userId,
      entityType: o.entityType ?? 'appeal',
      entityId,
      baseVersion: o.baseVersion ?? (command === 'register_appeal' || command === 'create_incident' ? 0 : 1),
      schemaVersion: o.schemaVersion ?? SCHEMA_VERSION,
      ...(o.seenServerSeq === undefined ? {} : { seenServerSeq: o.seenServerSeq }),
      command,
      payload,
    };
  }

  register(over: Partial<RegisterAppealPayload> = {}) {
    const id = over.id ?? uuid7();
    return this.op('register_appeal', id, registration({ id, ...over }, this.server.clock.now));
  }

  async pushRaw(ops: readonly unknown[], clientNow = this.server.clock.now, app: FastifyInstance = this.server.app): Promise<LightMyRequestResponse> {
    return app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: bearer({ accessToken: this.token }),
      payload: { deviceId: this.deviceId, clientNow, schemaVersion: SCHEMA_VERSION, ops },
    });
  }

  /** Pushes through this server process, or through `app` (a second process on the same database). */
  async push(ops: readonly unknown[], app?: FastifyInstance): Promise<PushResponse> {
    const response = await this.pushRaw(ops, this.server.clock.now, app);
    if (response.statusCode !== 200) throw new Error(`push: ${response.statusCode} ${response.body}`);
    return response.json<PushResponse>();
  }

  async pullRaw(cursor: string, limit?: number): Promise<LightMyRequestResponse> {
    return this.server.app.inject({
      method: 'POST',
      url: '/sync/pull',
      headers: bearer({ accessToken: this.token }),
      payload: { cursor, ...(limit ? { limit } : {}) },
    });
  }

  async pull(cursor: string, limit?: number): Promise<PullResponse> {
    const response = await this.pullRaw(cursor, limit);
    if (response.statusCode !== 200) throw new Error(`pull: ${response.statusCode} ${response.body}`);
    return response.json<PullResponse>();
  }

  async snapshotPage(pageToken: string | null, limit = 2000): Promise<LightMyRequestResponse> {
    return this.server.app.inject({ method: 'POST', url: '/sync/snapshot', headers: bearer({ accessToken: this.token }), payload: { pageToken, limit } });
  }

  /** Every page of a snapshot. */
  async snapshot(limit = 2000): Promise<SnapshotPage[]> {
    const pages: SnapshotPage[] = [];
    let token: string | null = null;
    do {
      const response = await this.snapshotPage(token, limit);
      if (response.statusCode !== 200) throw new Error(`snapshot: ${response.statusCode} ${response.body}`);
      const page = response.json<SnapshotPage>();
      pages.push(page);
      token = page.nextPageToken;
    } while (token !== null);
    return pages;
  }
}

export function registration(over: Partial<RegisterAppealPayload>, now: number): RegisterAppealPayload {
  return {
    id: over.id ?? uuid7(),
    number: `26-TEST-${String(++idCounter).padStart(5, '0')}`,
    buildingId: 'b-okt-1',
    district: 'Октябрьский',
    flat: '15',
    applicantName: 'Иванова Мария Петровна',
    applicantPhone: '89271234567',
    channel: 'district_hotline',
    category: 'low_temperature',
    priority: 'normal',
    description: 'В квартире +16, батареи еле тёплые',
    status: 'registered',
    executorOrgId: null,
    receivedAt: now,
    registeredAt: now,
    registeredBy: 'operator',
    deadlineAt: now + 24 * 3_600_000,
    ...over,
  };
}

/** A create_incident payload: a burst main on these buildings since an hour before `now`, to be restored an hour after. */
export function incidentCreation(buildingIds: string[], now: number) {
  return {
    number: 'И-TEST-1',
    scope: 'buildings',
    heatSourceId: null,
    cause: 'Порыв на теплотрассе',
    startedAt: now - 3_600_000,
    plannedRestoreAt: now + 3_600_000,
    buildingIds,
  };
}

export const TRANSFER = (executorOrgId = 'uk-1') => ({ action: 'transfer', executorOrgId, method: 'phone', contactPerson: 'Диспетчер', checkFailed: false });

export interface SyncTestServer extends TestServer {
  /** Creates the user (once), logs in from a new workstation and registers it. */
  workstation(login: string, role: Role, district: District | null): Promise<Workstation>;
  /**
   * Empties every table but the districts, fills the register again and sets the clock back: one
   * database per test file (starting PGlite takes seconds), a clean one per test.
   */
  reset(): Promise<void>;
}

const SYNC_TABLES = [
  'users',
  'devices',
  'refresh_tokens',
  'login_attempts',
  'organisations',
  'heat_sources',
  'buildings',
  'appeals',
  'appeal_events',
  'incidents',
  'incident_events',
  'conflicts',
  'processed_ops',
  'rejected_ops',
  'change_log',
  'official_number_counters',
  'day_closures',
  'building_heating',
];

export async function startSyncServer(): Promise<SyncTestServer> {
  const server = await startTestServer();
  const start = server.clock.now;
  const db = server.database.db;
  await upsertReference(db, REGISTER, server.clock.now);
  const users = new Map<string, string>();
  return Object.assign(server, {
    async reset() {
      // TRUNCATE skips the append-only triggers (they guard UPDATE and DELETE of single rows).
      await db.query(`TRUNCATE ${SYNC_TABLES.join(', ')} CASCADE`);
      await db.query('ALTER SEQUENCE change_log_seq RESTART');
      await db.query('UPDATE sync_state SET compacted_through = 0');
      users.clear();
      server.clock.now = start;
      await upsertReference(db, REGISTER, server.clock.now);
    },
    async workstation(login: string, role: Role, district: District | null): Promise<Workstation> {
      if (!users.has(login)) users.set(login, (await server.createUser(login, role, district)).id);
      const deviceId = randomUUID();
      const tokens = await server.login(login, deviceId);
      const registered = await server.app.inject({
        method: 'POST',
        url: '/devices/register',
        headers: bearer(tokens),
        payload: { id: deviceId, name: `РМ ${login}`, district },
      });
      if (registered.statusCode !== 201) throw new Error(`register device: ${registered.statusCode} ${registered.body}`);
      return new Workstation(server, deviceId, tokens.accessToken, login);
    },
  });
}
