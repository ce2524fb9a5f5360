// Loading generated data into a database through the core's bulk `seed` request, in batches, with
// the next batch generated while the DB worker writes the previous one.
import type { LocalStore } from '../../electron/core/db/store.js';
import type { NewAppeal } from '../../electron/core/repositories/appeals.js';
import { batches } from './generate-appeals.js';
import { registerSeed, type GeneratedRegister } from './generate-register.js';

export type SeedData = Parameters<LocalStore['seed']>[0];
/** `core.db.call('seed', data)`, or a LocalStore's own `seed` for in-process use. */
export type Seed = (data: SeedData) => Promise<void> | void;

export interface LoadReport {
  readonly organisations: number;
  readonly buildings: number;
  readonly appeals: number;
  readonly ms: number;
}

export const DEFAULT_BATCH = 10_000;

export async function loadRegisterAndAppeals(
  seed: Seed,
  register: GeneratedRegister,
  appeals: Iterable<NewAppeal>,
  batchSize = DEFAULT_BATCH,
): Promise<LoadReport> {
  const started = performance.now();
  const reference = registerSeed(register);
  await seed(reference);
  let loaded = 0;
  let inFlight: Promise<void> | void = undefined;
  for (const batch of batches(appeals, batchSize)) {
    await inFlight;
    inFlight = seed({ appeals: batch });
    loaded += batch.length;
  }
  await inFlight;
  return {
    organisations: reference.organisations.length,
    buildings: reference.buildings.length,
    appeals: loaded,
    ms: performance.now() - started,
  };
}
