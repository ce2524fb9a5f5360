// Test helpers: a core on a fresh data folder with a movable clock and a tiny register.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ApiInput } from '../../../shared/contract/api.js';
import type { ApiEnvelope } from '../../../shared/contract/errors.js';
import type { LocalStore } from '../db/store.js';
import { createCore, type Core } from '../core.js';
import { silentLogger } from '../log.js';

export function tempDir(name = 'core'): string {
  return mkdtempSync(join(tmpdir(), `appeals-${name}-`));
}

/** An ok envelope's value; a failed one throws with the whole envelope. */
export function value<T>(r: ApiEnvelope<unknown>): T {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value as T;
}

export interface TestCore {
  core: Core;
  dataDir: string;
  clock: { now: number };
}

export async function openTestCore(dataDir = tempDir(), startAt = Date.UTC(2026, 10, 29, 7, 0)): Promise<TestCore> {
  const clock = { now: startAt };
  const core = await createCore({ dataDir, shell: 'cli', clock: () => clock.now, log: silentLogger(), operator: 'Тестовый оператор' });
  return { core, dataDir, clock };
}

/**
 * For a test file: a function that opens a test core seeded with `seed` and worked by `user`; every
 * core it opened is closed after each test.
 */
export function testCoresWith(seed: Parameters<LocalStore['seed']>[0], user: ApiInput<'setWorkstationUser'>): () => Promise<TestCore> {
  let open: TestCore[] = [];
  afterEach(async () => {
    for (const t of open) await t.core.close();
    open = [];
  });
  return async () => {
    const t = await openTestCore();
    open.push(t);
    await t.core.db.call('seed', seed);
    await t.core.handlers.setWorkstationUser(user);
    return t;
  };
}

export const REGISTER = {
  organisations: [{ id: 'uk-1', kind: 'uk' as const, name: 'ООО «УК Тест»' }],
  buildings: [
    { id: 'b-1', district: 'Октябрьский' as const, address: 'ул. Ново-Садовая, д. 106А', managementOrgId: 'uk-1' },
    { id: 'b-2', district: 'Ленинский' as const, address: 'ул. Садовая, д. 12', managementOrgId: null },
    { id: 'b-3', district: 'Промышленный' as const, address: 'ул. XXII Партсъезда, д. 5', managementOrgId: 'uk-1' },
  ],
};

export const CALL = {
  buildingId: 'b-1',
  flat: '15',
  applicantName: 'Иванова Мария',
  applicantPhone: '89271234567',
  channel: 'district_hotline',
  category: 'low_temperature',
  description: 'В квартире +16',
} as const;
