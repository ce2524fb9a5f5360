// What every benchmark on a core sets up the same way: a data folder of its own under the system's
// temp folder, a core on it that does not log (logging would distort the timings), and the demo
// generators' register and season loaded through the core's bulk `seed` request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/core.js';
import { loadRegisterAndAppeals, type LoadReport } from '../../electron/core/demo/load.js';
import { DEFAULT_SEASON, generateSeason } from '../../electron/core/demo/season.js';
import { silentLogger } from '../../electron/core/log.js';
import { DEFAULT_REGISTER, generateRegister, type GeneratedRegister } from '../../shared/demo/register.js';
import type { AppealStatus } from '../../shared/domain/appeal-vocabulary.js';
import { intOption } from './benchmark.js';
import { latencyMetrics, timeSequential } from './stats.js';

/** Runs `work` on a new folder `appeals-bench-<name>-…` and removes the folder afterwards, whatever happens. */
export async function inTempDataDir<T>(name: string, work: (dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `appeals-bench-${name}-`));
  try {
    return await work(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Opens a silent core on `dataDir` with `clock`, runs `work` and closes the core, whatever happens. */
export async function withCore<T>(dataDir: string, clock: () => number, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await createCore({ dataDir, shell: 'cli', log: silentLogger(), clock });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

export interface SeasonSize {
  readonly seed: number;
  readonly appeals: number;
  readonly buildings: number;
  readonly organisations: number;
  /** Appeals per `seed` request; the loader's default when left out. */
  readonly loadBatch?: number;
}

/** The season's size from a benchmark's options (--seed, --appeals, --buildings, --organisations), with its defaults. */
export function seasonSizeOptions(
  options: Readonly<Record<string, string>>,
  defaults: { readonly appeals: number; readonly buildings: number; readonly organisations?: number },
): Required<Omit<SeasonSize, 'loadBatch'>> {
  return {
    seed: intOption(options, 'seed', DEFAULT_SEASON.seed),
    appeals: intOption(options, 'appeals', defaults.appeals),
    buildings: intOption(options, 'buildings', defaults.buildings),
    organisations: intOption(options, 'organisations', defaults.organisations ?? DEFAULT_REGISTER.organisations),
  };
}

/**
 * Generates a register and a season of appeals (none numbered with the core's own workstation code,
 * so the core's next registrations cannot collide with them) and loads both into the core. `ms` is the
 * generating and loading, from the first season appeal to the last batch written.
 */
export async function loadSeason(core: Core, size: SeasonSize): Promise<{ register: GeneratedRegister; load: LoadReport; ms: number }> {
  const register = generateRegister({ seed: size.seed, buildings: size.buildings, organisations: size.organisations });
  const { workstationCode } = await core.handlers.appInfo({});
  const started = performance.now();
  const season = generateSeason(register, { seed: size.seed, appeals: size.appeals, avoidWorkstationCodes: [workstationCode] });
  const load = await loadRegisterAndAppeals((data) => core.db.call('seed', data), register, season, size.loadBatch);
  return { register, load, ms: performance.now() - started };
}

/**
 * The appeal card as an operator opens it from a list (getAppealCard: data, timeline, calls, the
 * building's repeated calls, deadlines, a duplicate's original, an original's duplicates): the 50
 * newest duplicates, open appeals and closed ones, in turn. Metrics `appeal_card_*` and `card_sample`.
 */
export async function measureAppealCard(core: Core, warmup: number, calls: number): Promise<Record<string, number>> {
  const newest = { field: 'receivedAt', direction: 'desc' } as const;
  const groups: AppealStatus[][] = [['duplicate'], ['registered', 'transferred', 'in_progress'], ['closed']];
  const lists = await Promise.all(groups.map((statuses) => core.handlers.listAppeals({ statuses, sort: newest, offset: 0, limit: 50 })));
  const sample = lists.flatMap((list) => list.rows.map((r) => ({ id: r.id })));
  const open = async (q: { id: string }) => {
    const envelope = await core.call('getAppealCard', q);
    if (!envelope.ok) throw new Error(`getAppealCard failed: ${envelope.error.message}`);
  };
  const round = (n: number) => Array.from({ length: n }, (_, i) => sample[i % sample.length] as { id: string });
  await timeSequential(round(warmup), open);
  return { card_sample: sample.length, ...latencyMetrics('appeal_card', await timeSequential(round(calls), open)) };
}
