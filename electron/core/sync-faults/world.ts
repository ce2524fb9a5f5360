// Test helpers for the sync fault tests: workstations (real cores in temporary folders) connected to
// the fault server, and the commands they run.
import type { ApiEnvelope } from '../../../shared/contract/errors.js';
import type { Appeal } from '../../../shared/contract/schemas.js';
import { createCore, type Core } from '../core.js';
import { silentLogger } from '../log.js';
import { tempDir } from '../test/temp-core.js';
import type { FaultServer, TestUser } from './fault-server.js';

export const PASSWORD = 'Пароль-для-теста-1';
export const DISTRICT = 'Октябрьский';
export const ADDRESSES = ['ул. Ново-Садовая, д. 106А', 'ул. Ново-Садовая, д. 108'] as const;
export const ORGANISATIONS = ['УК «Первая»', 'УК «Вторая»'] as const;
export const REGISTER_CSV =
  'Район;Адрес;Управляющая организация\n' + `${DISTRICT};${ADDRESSES[0]};${ORGANISATIONS[0]}\n` + `${DISTRICT};${ADDRESSES[1]};${ORGANISATIONS[1]}\n`;

export function districtUsers(count: number): TestUser[] {
  return Array.from({ length: count }, (_, i) => ({ login: `controller${i + 1}`, role: 'district_controller', district: DISTRICT, password: PASSWORD, name: `Контролёр ${i + 1}` }));
}
export const DEPARTMENT_USER: TestUser = { login: 'department', role: 'department', password: PASSWORD, name: 'Департамент' };

export function value<T>(r: ApiEnvelope<unknown>): T {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value as T;
}

export interface Workstation {
  readonly login: string;
  readonly dataDir: string;
  core: Core;
  /** The workstation's clock offset from real time (ms). */
  skew: { ms: number };
}

/** A workstation in a fresh folder, connected to the server as `login` (nothing synced yet). */
export async function openWorkstation(server: FaultServer, login: string, dataDir = tempDir('faults-ws'), connect = true): Promise<Workstation> {
  const skew = { ms: 0 };
  const core = await createCore({ dataDir, shell: 'cli', log: silentLogger(), clock: () => Date.now() + skew.ms });
  if (connect) {
    // The login (scrypt) can outlast the link's timeout on a loaded 2-core machine: setup tries again.
    let result = await core.call('connectToServer', { serverUrl: server.url, login, password: PASSWORD, workstationName: `ПК ${login}` });
    for (let attempt = 1; !result.ok && attempt < 4; attempt++) {
      await new Promise((r) => setTimeout(r, 1000));
      result = await core.call('connectToServer', { serverUrl: server.url, login, password: PASSWORD, workstationName: `ПК ${login}` });
    }
    value(result);
  }
  return { login, dataDir, core, skew };
}

/** Runs syncOnce until it succeeds with nothing left to push (a failed run is retried: the link may be faulty). */
export async function syncUntilQuiet(ws: Workstation, attempts = 20): Promise<void> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    const result = await ws.core.sync.engine.syncOnce();
    last = result;
    if (result.ok) {
      const status = value<{ pendingCount: number }>(await ws.core.call('syncStatus', {}));
      if (status.pendingCount === 0) return;
    }
  }
  throw new Error(`${ws.login}: no clean sync after ${attempts} attempts: ${JSON.stringify(last)}`);
}

/** Everyone syncs until quiet, twice round, so each has pulled what the others pushed. */
export async function settle(all: readonly Workstation[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const ws of all) await syncUntilQuiet(ws);
}

export async function buildingId(core: Core, address: string): Promise<string> {
  const hits = value<{ id: string; address: string }[]>(await core.call('searchBuildings', { query: address }));
  const hit = hits.find((h) => h.address === address);
  if (!hit) throw new Error(`no building ${address}`);
  return hit.id;
}

export async function organisationId(core: Core, name: string): Promise<string> {
  const orgs = value<{ id: string; name: string }[]>(await core.call('listOrganisations', {}));
  const org = orgs.find((o) => o.name === name);
  if (!org) throw new Error(`no organisation ${name}`);
  return org.id;
}

export async function register(core: Core, address: string = ADDRESSES[0], applicantName = 'Иванова Мария'): Promise<Appeal> {
  return value<Appeal>(
    await core.call('registerAppeal', {
      buildingId: await buildingId(core, address),
      flat: '15',
      applicantName,
      applicantPhone: '89271234567',
      channel: 'district_hotline',
      category: 'low_temperature',
      description: 'В квартире +16',
    }),
  );
}

export async function getAppeal(core: Core, id: string): Promise<Appeal> {
  return value<{ appeal: Appeal }>(await core.call('getAppeal', { id })).appeal;
}

/** The data of each workflow action, valid for the contract; `org` is an executor's id. */
export function actionData(action: string, org: string, now: number): Record<string, unknown> {
  switch (action) {
    case 'transfer':
      return { action, executorOrgId: org, method: 'system', contactPerson: '' };
    case 'take_in_work':
      return { action };
    case 'mark_done':
      return { action, whatWasDone: 'Отрегулирован стояк', doneAt: now - 60_000 };
    case 'verify':
      return { action, method: 'call', temperatures: [], note: '' };
    case 'close':
      return { action, feedback: 'satisfied', attempts: 1, note: '' };
    case 'reject':
      return { action, reason: 'Не относится к отоплению' };
    case 'return_for_rework':
      return { action, reason: 'Холодно по-прежнему' };
    default:
      throw new Error(`no data for ${action}`);
  }
}

/** Runs an action on the workstation's current version of the appeal; false if the workstation refused it (not valid there). */
export async function act(core: Core, appealId: string, action: string, org: string, now = Date.now()): Promise<boolean> {
  const current = await getAppeal(core, appealId);
  const result = await core.call('appealAction', { appealId, expectedVersion: current.version, data: actionData(action, org, now) });
  return result.ok;
}
