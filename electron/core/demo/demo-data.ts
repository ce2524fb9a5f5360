// The demo data set: the city's register (about 10,500 buildings on the real streets of the demo
// street list, about 150 fictional management organisations and owners' associations, a few
// fictional heat suppliers with about 80 boiler houses and substations) and a heating season of
// about 60,000 appeals that ends at the moment passed in. The benchmarks use the same generators
// with their own sizes and a fixed period.
import type { NewAppeal } from '../repositories/appeals.js';
import { generateRegister, type GeneratedRegister, type RegisterOptions } from './register.js';
import { generateSeason, seasonEndingAt, seasonTimeline, type AppealStory, type SeasonExtras } from './season.js';

export interface DemoSize {
  readonly buildings: number;
  readonly organisations: number;
  readonly heatSuppliers: number;
  readonly heatSources: number;
  /** Appeals over the season's whole days (the last day stops at "now"). */
  readonly appeals: number;
  readonly seasonDays: number;
}

/**
 * The demo's season runs from its start (October) into late winter, about 150 days, so that "now"
 * is in the thick of it rather than in the quiet of April.
 */
export const DEMO_SEASON_DAYS = 150;

export const DEMO_SIZE: DemoSize = {
  buildings: 10_500,
  organisations: 150,
  heatSuppliers: 4,
  heatSources: 80,
  appeals: 60_000,
  seasonDays: DEMO_SEASON_DAYS,
};

export function demoRegister(seed: number, size: DemoSize = DEMO_SIZE): GeneratedRegister {
  const options: RegisterOptions = {
    seed,
    buildings: size.buildings,
    organisations: size.organisations,
    heatSuppliers: size.heatSuppliers,
    heatSources: size.heatSources,
  };
  return generateRegister(options);
}

/** The season's appeals up to `nowMs`, lazily, in registration order. */
export function demoSeason(
  register: GeneratedRegister,
  seed: number,
  nowMs: number,
  options: { size?: DemoSize; avoidWorkstationCodes?: readonly string[] } = {},
): Generator<NewAppeal> {
  const size = options.size ?? DEMO_SIZE;
  return generateSeason(register, {
    seed,
    appeals: size.appeals,
    ...seasonEndingAt(nowMs, size.seasonDays),
    avoidWorkstationCodes: options.avoidWorkstationCodes ?? [],
  });
}

/** The season up to `nowMs` with each appeal's history; `extras` receives its incidents and control periods. */
export function demoStories(
  register: GeneratedRegister,
  seed: number,
  nowMs: number,
  extras: SeasonExtras,
  options: { size?: DemoSize; avoidWorkstationCodes?: readonly string[] } = {},
): Generator<AppealStory> {
  const size = options.size ?? DEMO_SIZE;
  return seasonTimeline(
    register,
    { seed, appeals: size.appeals, ...seasonEndingAt(nowMs, size.seasonDays), avoidWorkstationCodes: options.avoidWorkstationCodes ?? [] },
    extras,
  );
}
