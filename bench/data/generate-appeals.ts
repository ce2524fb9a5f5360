// A deterministic heating season of appeals over a generated register: daily volume with the
// start-of-season surge and cold spells, a day-and-night rhythm, mass outages where a whole house
// calls, channels and categories in realistic shares, and statuses as they would stand on the
// "as of" moment — nearly everything old is closed, recent appeals are still being worked on.
import type { RegisterAppealInput } from '../../shared/contract/schemas.js';
import { STATUSES, isOnControl, type AppealStatus, type Category, type Channel } from '../../shared/domain/appeal-vocabulary.js';
import { resolutionDeadline } from '../../shared/domain/deadlines.js';
import { DISTRICTS, type District } from '../../shared/domain/districts.js';
import { provisionalNumber, workstationCode } from '../../shared/domain/registration-number.js';
import { SAMARA_OFFSET_MS, samaraYear } from '../../shared/domain/samara-time.js';
import type { NewAppeal } from '../../electron/core/repositories/appeals.js';
import type { GeneratedBuilding, GeneratedRegister } from './generate-register.js';
import { Random, WeightedPicker } from '../../electron/core/demo/random.js';
import {
  DESCRIPTIONS,
  FEMALE_NAMES,
  MALE_NAMES,
  PATRONYMIC_STEMS,
  SURNAMES,
  feminineSurname,
} from './samara.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Midnight in Samara (UTC+4) at the start of the given calendar date, as epoch ms. */
export function samaraMidnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - SAMARA_OFFSET_MS;
}

/** The 2025/26 heating season in Samara: 1 October to the afternoon of its last day, 30 April. */
export const HEATING_SEASON_2025_26 = {
  from: samaraMidnight(2025, 10, 1),
  asOf: samaraMidnight(2026, 4, 30) + 16 * 60 * 60_000,
} as const;

export interface SeasonOptions {
  readonly seed?: number;
  /** How many appeals in the period. */
  readonly appeals?: number;
  /** First instant of the period. */
  readonly from?: number;
  /** The moment the data stands as of: nothing is received after it, statuses are as of then. */
  readonly asOf?: number;
  /** Workstation codes the generated numbers must not use (e.g. the live device's own). */
  readonly avoidWorkstationCodes?: readonly string[];
}

export const DEFAULT_SEASON = {
  seed: 20251001,
  appeals: 500_000,
  ...HEATING_SEASON_2025_26,
} as const;

/** How appeals arrive: most by the district's hotline, a good share through the Department and Госуслуги (ПОС). */
export const CHANNEL_SHARE: Readonly<Record<Channel, number>> = {
  district_hotline: 38,
  department_hotline: 22,
  pos: 18,
  social_media: 10,
  email: 7,
  in_person: 5,
};

/** What appeals are about in the first weeks (systems being filled and started)… */
const START_OF_SEASON_CATEGORIES: Readonly<Record<Category, number>> = {
  no_heating: 30,
  air_lock: 28,
  low_temperature: 20,
  heating_leak: 10,
  noise: 4,
  other: 8,
};
/** …and for the rest of the season. */
const SEASON_CATEGORIES: Readonly<Record<Category, number>> = {
  low_temperature: 44,
  no_heating: 15,
  heating_leak: 17,
  air_lock: 8,
  noise: 6,
  other: 10,
};

/** Calls by hour of the Samara day: quiet nights, peaks in the morning and the evening. */
const HOURLY = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.5, 3.5, 6, 7, 6.5, 6, 5.5, 5, 5, 5, 5, 5.5, 6.5, 7, 6.5, 5, 3.5, 2];

/** Cold spells, as days after the season's start, with their extra volume and width in days. */
const COLD_SPELLS = [
  { day: 78, extra: 1.4, width: 4 },
  { day: 106, extra: 2.0, width: 5 },
  { day: 131, extra: 1.1, width: 4 },
];

/** Status of an appeal by its age on the "as of" moment. */
const STATUS_BY_AGE: readonly { readonly maxAgeMs: number; readonly picker: WeightedPicker<AppealStatus> }[] = [
  { maxAgeMs: 2 * HOUR, picker: statusPicker({ registered: 60, transferred: 30, in_progress: 10 }) },
  {
    maxAgeMs: DAY,
    picker: statusPicker({ registered: 8, transferred: 22, in_progress: 30, done_by_executor: 15, verified: 6, returned: 2, closed: 15, rejected: 1, duplicate: 1 }),
  },
  {
    maxAgeMs: 3 * DAY,
    picker: statusPicker({ transferred: 4, in_progress: 14, done_by_executor: 12, verified: 8, returned: 3, closed: 53, rejected: 3, duplicate: 3 }),
  },
  {
    maxAgeMs: Infinity,
    // Some appeals get stuck and stay on control for weeks; that is what the control desk is for.
    picker: statusPicker({ registered: 0.1, transferred: 0.2, in_progress: 1.0, done_by_executor: 0.6, verified: 0.4, returned: 0.3, closed: 90.4, rejected: 4, duplicate: 3 }),
  },
];

function statusByAge(random: Random, ageMs: number): AppealStatus {
  for (const band of STATUS_BY_AGE) if (ageMs < band.maxAgeMs) return band.picker.pick(random);
  throw new RangeError(`no status band for age ${ageMs}`);
}

function statusPicker(shares: Partial<Record<AppealStatus, number>>): WeightedPicker<AppealStatus> {
  return WeightedPicker.of(shares as Record<AppealStatus, number>);
}

/** A workstation that registers appeals: one in each district administration and two at the Department. */
interface Workstation {
  readonly code: string;
  readonly operators: readonly string[];
  counter: number;
}

/**
 * Makes the parts of an appeal a resident would give: who, where in the house, what is wrong.
 * Shared by the season generator and by benchmarks that register new appeals.
 */
export class AppealContent {
  private readonly channels = WeightedPicker.of(CHANNEL_SHARE);
  private readonly startCategories = WeightedPicker.of(START_OF_SEASON_CATEGORIES);
  private readonly seasonCategories = WeightedPicker.of(SEASON_CATEGORIES);
  readonly buildings: WeightedPicker<GeneratedBuilding>;

  constructor(readonly register: GeneratedRegister) {
    this.buildings = new WeightedPicker(
      register.buildings,
      register.buildings.map((b) => b.appealWeight),
    );
  }

  channel(random: Random): Channel {
    return this.channels.pick(random);
  }

  /** A category; `startShare` is how much of the day's volume is the start-of-season surge. */
  category(random: Random, startShare = 0): Category {
    return random.chance(startShare) ? this.startCategories.pick(random) : this.seasonCategories.pick(random);
  }

  applicantName(random: Random): string {
    const female = random.chance(0.62); // most callers are women
    const surname = random.pick(SURNAMES);
    const patronymic = random.pick(PATRONYMIC_STEMS)[female ? 1 : 0];
    return female
      ? `${feminineSurname(surname)} ${random.pick(FEMALE_NAMES)} ${patronymic}`
      : `${surname} ${random.pick(MALE_NAMES)} ${patronymic}`;
  }

  phone(random: Random, channel: Channel): string {
    if (channel === 'email' ? random.chance(0.5) : random.chance(0.06)) return '';
    if (random.chance(0.12)) return `+7 (846) ${random.int(200, 999)}-${pad2(random.int(0, 99))}-${pad2(random.int(0, 99))}`;
    const operator = random.pick(['927', '937', '917', '987', '902', '903', '960', '967', '996', '917']);
    return `+7 ${operator} ${random.int(100, 999)}-${pad2(random.int(0, 99))}-${pad2(random.int(0, 99))}`;
  }

  flat(random: Random, building: GeneratedBuilding, category: Category): string {
    // Leaks in the basement and whole-house outages are often reported without a flat.
    const withoutFlat = category === 'no_heating' || category === 'heating_leak' ? 0.3 : 0.08;
    return random.chance(withoutFlat) ? '' : String(random.int(1, building.flats));
  }

  description(random: Random, building: GeneratedBuilding, category: Category): string {
    return random
      .pick(DESCRIPTIONS[category])
      .replace('{entrance}', String(random.int(1, building.entrances)))
      .replace('{floor}', String(random.int(1, building.floors)))
      .replace('{temp}', String(random.int(11, 17)));
  }

  /** Input for registering one new appeal through the contract, as an operator would fill the form. */
  registerInput(random: Random, building: GeneratedBuilding = this.buildings.pick(random)): RegisterAppealInput {
    const channel = this.channel(random);
    const category = this.category(random);
    return {
      buildingId: building.id,
      flat: this.flat(random, building, category),
      applicantName: this.applicantName(random),
      applicantPhone: this.phone(random, channel),
      channel,
      category,
      description: this.description(random, building, category),
    };
  }
}

/** `count` inputs for `registerAppeal`, the same for the same seed. */
export function registerInputs(register: GeneratedRegister, count: number, seed: number = DEFAULT_SEASON.seed): RegisterAppealInput[] {
  const random = new Random(seed).fork('register-inputs');
  const content = new AppealContent(register);
  return Array.from({ length: count }, () => content.registerInput(random));
}

/** Appeals per day over the period, summing to `total` exactly. */
export function dailyVolume(from: number, asOf: number, total: number): { dayStart: number; count: number; startShare: number }[] {
  const days: { dayStart: number; weight: number; startShare: number }[] = [];
  for (let dayStart = from, i = 0; dayStart < asOf; dayStart += DAY, i++) {
    const surge = 3.5 * Math.exp(-i / 9);
    let weight = 1 + surge + 0.8 * Math.exp(-(((i - 110) / 50) ** 2));
    for (const spell of COLD_SPELLS) weight += spell.extra * Math.exp(-0.5 * ((i - spell.day) / spell.width) ** 2);
    if (i >= 182) weight *= 0.6; // April: warm days, the season winds down
    const weekday = new Date(dayStart + SAMARA_OFFSET_MS).getUTCDay();
    if (weekday === 0) weight *= 0.75;
    else if (weekday === 6) weight *= 0.85;
    // The last day may be cut short by asOf.
    weight *= Math.min(1, (asOf - dayStart) / DAY);
    days.push({ dayStart, weight, startShare: surge / weight });
  }
  const sum = days.reduce((acc, d) => acc + d.weight, 0);
  const exact = days.map((d) => (d.weight / sum) * total);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (missing-- <= 0) break;
    counts[i] = (counts[i] as number) + 1;
  }
  return days.map((d, i) => ({ dayStart: d.dayStart, count: counts[i] as number, startShare: Math.min(1, d.startShare) }));
}

interface Arrival {
  readonly receivedAt: number;
  readonly building: GeneratedBuilding;
  readonly category: Category;
  /** A later call about the same outage at the same house. */
  readonly followUp: boolean;
}

/**
 * The season's appeals in the order they were received, one at a time (batch them with `batches`).
 * Deterministic for the same register and options.
 */
export function* generateSeason(register: GeneratedRegister, options: SeasonOptions = {}): Generator<NewAppeal> {
  const { seed, appeals: total, from, asOf } = { ...DEFAULT_SEASON, ...options };
  const random = new Random(seed).fork('season');
  const content = new AppealContent(register);
  const hours = new WeightedPicker(
    HOURLY.map((_, h) => h),
    HOURLY,
  );
  const stations = workstations(random.fork('workstations'), new Set(options.avoidWorkstationCodes ?? []));

  for (const day of dailyVolume(from, asOf, total)) {
    const arrivals: Arrival[] = [];
    const latest = Math.min(day.dayStart + DAY, asOf) - 1;
    const at = (t: number) => Math.min(t, latest);
    // Mass outages: a burst of calls from one house about the same failure.
    let left = day.count;
    const outages = Math.round(day.count * 0.004 * (0.5 + random.next()));
    for (let o = 0; o < outages && left > 0; o++) {
      const building = content.buildings.pick(random);
      const category: Category = random.chance(0.7) ? 'no_heating' : 'heating_leak';
      const start = day.dayStart + hours.pick(random) * HOUR + random.int(0, HOUR - 1);
      const calls = Math.min(left, random.int(3, 20));
      for (let c = 0; c < calls; c++) {
        arrivals.push({ receivedAt: at(start + Math.round(random.exponential(40 * MINUTE))), building, category, followUp: c > 0 });
      }
      left -= calls;
    }
    for (; left > 0; left--) {
      arrivals.push({
        receivedAt: at(day.dayStart + hours.pick(random) * HOUR + random.int(0, HOUR - 1)),
        building: content.buildings.pick(random),
        category: content.category(random, day.startShare),
        followUp: false,
      });
    }
    arrivals.sort((a, b) => a.receivedAt - b.receivedAt);
    for (const arrival of arrivals) yield makeAppeal(random, content, stations, arrival, asOf);
  }
}

function makeAppeal(
  random: Random,
  content: AppealContent,
  stations: { district: Record<District, Workstation[]>; department: Workstation[] },
  arrival: Arrival,
  asOf: number,
): NewAppeal {
  const { building, category, receivedAt } = arrival;
  const channel = content.channel(random);
  const byDepartment = channel === 'department_hotline' || channel === 'pos' || channel === 'social_media' || channel === 'email';
  const station = random.pick(byDepartment ? stations.department : stations.district[building.district]);
  station.counter += 1;
  const delay =
    channel === 'district_hotline' || channel === 'department_hotline'
      ? random.int(1, 4) * MINUTE
      : channel === 'in_person'
        ? random.int(3, 10) * MINUTE
        : Math.min(8 * HOUR, Math.round(random.exponential(45 * MINUTE)));
  const registeredAt = Math.min(receivedAt + delay, asOf);

  let status = statusByAge(random, asOf - receivedAt);
  if (arrival.followUp && (status === 'closed' || status === 'rejected') && random.chance(0.5)) status = 'duplicate';

  return {
    id: random.uuidV7(registeredAt),
    number: provisionalNumber(samaraYear(receivedAt), station.code, station.counter),
    buildingId: building.id,
    district: building.district,
    flat: content.flat(random, building, category),
    applicantName: content.applicantName(random),
    applicantPhone: content.phone(random, channel),
    channel,
    category,
    description: content.description(random, building, category),
    status,
    executorOrgId: executorOf(random, content.register, building, category, status),
    receivedAt,
    registeredAt,
    registeredBy: random.pick(station.operators),
    deadlineAt: resolutionDeadline(receivedAt, category),
  };
}

function executorOf(
  random: Random,
  register: GeneratedRegister,
  building: GeneratedBuilding,
  category: Category,
  status: AppealStatus,
): string | null {
  if (status === 'registered' || status === 'rejected' || status === 'duplicate') return null;
  const suppliers = register.heatSuppliers[building.district];
  const supplier = suppliers.length > 0 ? random.pick(suppliers) : null;
  const networkFault = category === 'no_heating' || category === 'heating_leak';
  if (networkFault && random.chance(0.3)) return supplier;
  return building.managementOrgId ?? supplier;
}

function workstations(
  random: Random,
  avoid: ReadonlySet<string>,
): { district: Record<District, Workstation[]>; department: Workstation[] } {
  const used = new Set(avoid);
  const make = (): Workstation => {
    let code: string;
    do code = workstationCode(random.uuidV4());
    while (used.has(code));
    used.add(code);
    const operators = Array.from({ length: random.int(2, 4) }, () => operatorName(random));
    return { code, operators, counter: 0 };
  };
  const district = Object.fromEntries(DISTRICTS.map((d) => [d, [make(), make()]])) as Record<District, Workstation[]>;
  return { district, department: [make(), make()] };
}

function operatorName(random: Random): string {
  const female = random.chance(0.8);
  const surname = random.pick(SURNAMES);
  const initial = (female ? random.pick(FEMALE_NAMES) : random.pick(MALE_NAMES)).charAt(0);
  const patronymic = random.pick(PATRONYMIC_STEMS)[female ? 1 : 0].charAt(0);
  return `${female ? feminineSurname(surname) : surname} ${initial}. ${patronymic}.`;
}

/** Groups a stream into arrays of `size` (the last may be shorter). */
export function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Statuses in which an appeal is still on control (everything but the final ones). */
export const OPEN_STATUSES: readonly AppealStatus[] = STATUSES.filter(isOnControl);

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
