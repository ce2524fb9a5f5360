// Loads the demo set into an empty local database through the core.
import type { Core } from '../core.js';
import { createDemoData } from './demo-data.js';

export interface DemoLoadResult {
  readonly loaded: boolean;
  readonly buildings: number;
  readonly appeals: number;
}

export async function loadDemoData(core: Core, seed: number, nowMs: number): Promise<DemoLoadResult> {
  const existing = await core.db.call('buildingCount');
  if (existing > 0) return { loaded: false, buildings: existing, appeals: 0 };
  const data = createDemoData(seed, nowMs);
  await core.db.call('seed', data);
  core.log.info({ seed, buildings: data.buildings.length, appeals: data.appeals.length }, 'demo data loaded');
  return { loaded: true, buildings: data.buildings.length, appeals: data.appeals.length };
}
