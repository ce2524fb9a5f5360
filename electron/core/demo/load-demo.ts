// Loads the demo set into an empty local database through the core.
import type { Core } from '../core.js';
import { DEMO_SIZE, demoRegister, demoStories, type DemoSize } from './demo-data.js';
import { demoHeatingStatuses } from './heating-season.js';
import { loadRegisterAndStories } from './load.js';
import { SeasonExtras } from './season.js';

export interface DemoLoadResult {
  readonly loaded: boolean;
  readonly buildings: number;
  readonly organisations: number;
  readonly heatSources: number;
  readonly appeals: number;
  readonly events: number;
  readonly incidents: number;
  /** Generating and loading, in milliseconds. */
  readonly ms: number;
}

export async function loadDemoData(core: Core, seed: number, nowMs: number, size: DemoSize = DEMO_SIZE): Promise<DemoLoadResult> {
  const existing = await core.db.call('buildingCount');
  if (existing > 0) return { loaded: false, buildings: existing, organisations: 0, heatSources: 0, appeals: 0, events: 0, incidents: 0, ms: 0 };
  // The live workstation keeps its own numbers: the demo's workstations never share its code.
  const { workstationCode } = await core.handlers.appInfo({});
  const register = demoRegister(seed, size);
  const extras = new SeasonExtras();
  const stories = demoStories(register, seed, nowMs, extras, { size, avoidWorkstationCodes: [workstationCode] });
  const report = await loadRegisterAndStories((data) => core.db.call('seed', data), register, stories, extras, nowMs);
  // The heating season as it stands now (demo/heating-season.ts).
  await core.db.call('seedHeatingStatuses', demoHeatingStatuses(register, seed, nowMs));
  core.log.info({ seed, ...report, ms: Math.round(report.ms) }, 'demo data loaded');
  return { loaded: true, ...report };
}

/** «Загружено: 10500 домов, 154 организации, 80 источников тепла, 59812 обращений за 3,1 с». */
export function describeDemoLoad(result: DemoLoadResult): string {
  return (
    `Загружено: ${count(result.buildings, 'дом', 'дома', 'домов')}, ` +
    `${count(result.organisations, 'организация', 'организации', 'организаций')}, ` +
    `${count(result.heatSources, 'источник тепла', 'источника тепла', 'источников тепла')}, ` +
    `${count(result.appeals, 'обращение', 'обращения', 'обращений')} за ${(result.ms / 1000).toFixed(1).replace('.', ',')} с`
  );
}

function count(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word = mod10 === 1 && mod100 !== 11 ? one : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? few : many;
  return `${n} ${word}`;
}
