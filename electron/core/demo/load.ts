// Loading a generated register and season into a database through the core's bulk `seed` request,
// in batches, generating the next batch while the DB worker writes the previous one.
import type { LocalStore } from '../db/store.js';
import type { NewAppeal } from '../repositories/appeals.js';
import { registerSeed, type GeneratedRegister } from './register.js';
import { batches } from './season.js';

export type SeedData = Parameters<LocalStore['seed']>[0];
/** `core.db.call('seed', data)`, or a LocalStore's own `seed` for in-process use. */
export type Seed = (data: SeedData) => Promise<void> | void;

export interface LoadReport {
  readonly organisations: number;
  readonly heatSources: number;
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
    heatSources: reference.heatSources.length,
    buildings: reference.buildings.length,
    appeals: loaded,
    ms: performance.now() - started,
  };
}
