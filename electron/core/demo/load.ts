// Loading a generated register and season into a database through the core's bulk `seed` request,
// in batches, generating the next batch while the DB worker writes the previous one.
import type { LocalStore } from '../db/store.js';
import type { NewAppeal } from '../repositories/appeals.js';
import { registerSeed, type GeneratedRegister } from './register.js';
import { incidentSeeds } from './incident-plan.js';
import { batches, type AppealStory, type SeasonExtras } from './season.js';

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

/**
 * The demo: the register, then each appeal with its whole history as of `asOf` in batches, then the
 * mass outages (with the appeals linked to them) and the addresses' periods on control.
 */
export async function loadRegisterAndStories(
  seed: Seed,
  register: GeneratedRegister,
  stories: Iterable<AppealStory>,
  extras: SeasonExtras,
  asOf: number,
  batchSize = DEFAULT_BATCH,
): Promise<LoadReport & { readonly events: number; readonly incidents: number }> {
  const started = performance.now();
  const reference = registerSeed(register);
  await seed(reference);
  let loaded = 0;
  let events = 0;
  const links = new Map<string, { appealId: string; linkedAt: number }[]>();
  let inFlight: Promise<void> | void = undefined;
  for (const batch of batches(stories, batchSize)) {
    const rows = batch.map((s) => {
      for (const incidentId of s.incidentIds) {
        const list = links.get(incidentId) ?? [];
        list.push({ appealId: s.appeal.id, linkedAt: s.appeal.registeredAt });
        links.set(incidentId, list);
      }
      events += s.events.length;
      return {
        appeal: s.appeal,
        history: {
          appealId: s.appeal.id,
          version: s.version,
          updatedAt: s.updatedAt,
          types: s.events.map((e) => e.type),
          ats: s.events.map((e) => e.at),
          bys: s.events.map((e) => e.by),
          data: s.events.map((e) => JSON.stringify(e.data)),
        },
      };
    });
    await inFlight;
    inFlight = seed({ stories: rows });
    loaded += batch.length;
  }
  await inFlight;
  const incidents = incidentSeeds(extras.incidents, asOf, links);
  await seed({ incidents, control: extras.control.result() });
  return {
    organisations: reference.organisations.length,
    heatSources: reference.heatSources.length,
    buildings: reference.buildings.length,
    appeals: loaded,
    events,
    incidents: incidents.length,
    ms: performance.now() - started,
  };
}
