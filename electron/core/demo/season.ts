// A deterministic heating season of appeals over a generated register: daily volume with the
// start-of-season surge and cold spells, a day-and-night rhythm with an evening peak, outages where
// a boiler house or substation leaves several houses cold, or one house calls again and again,
// channels and categories in realistic shares. Each appeal lives through its workflow (passed to
// the executor, worked on, done, checked by the district, closed after the call back; sometimes
// returned, sometimes stuck for days), and its status is where it stands at the "as of" moment.
//
// The data depends only on the seed, the size and the period. Appeals of the days before the last
// one do not depend on the time of day of `asOf`, and those received earlier on the last day are the
// same for a later `asOf` (only their statuses move on).
import type { RegisterAppealInput } from '../../../shared/contract/schemas.js';
import { STATUSES, defaultPriority, isOnControl, type AppealStatus, type Category, type Channel } from '../../../shared/domain/appeal-vocabulary.js';
import { resolutionDeadline } from '../../../shared/domain/deadlines.js';
import { DISTRICTS, type District } from '../../../shared/domain/districts.js';
import { provisionalNumber } from '../../../shared/domain/registration-number.js';
import { SAMARA_OFFSET_MS, samaraYear, startOfSamaraDay } from '../../../shared/domain/samara-time.js';
import type { NewAppeal } from '../repositories/appeals.js';
import { ControlTracker } from './control.js';
import { DEMO_USER } from './demo-user.js';
import { incidentsAtRegistration, incidentsByBuilding, planIncidents, type IncidentPlan } from './incident-plan.js';
import { Random, WeightedPicker } from './random.js';
import { lifecycle, storyAt, tellStory, type Step, type StoryEvent } from './story.js';
import type { GeneratedBuilding, GeneratedHeatSource, GeneratedRegister } from './register.js';
import { DESCRIPTIONS, FEMALE_NAMES, MALE_NAMES, PATRONYMIC_STEMS, SURNAMES, feminineSurname } from './vocabulary.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Midnight in Samara (UTC+4) at the start of the given calendar date, as epoch ms. */
export function samaraMidnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - SAMARA_OFFSET_MS;
}

/** Days in a heating season in Samara: 1 October to 30 April. */
export const SEASON_DAYS = 212;

/** The 2025/26 heating season: 1 October to the afternoon of its last day, 30 April (the benchmarks' fixed period). */
export const HEATING_SEASON_2025_26 = {
  from: samaraMidnight(2025, 10, 1),
  asOf: samaraMidnight(2026, 4, 30) + 16 * HOUR,
} as const;

/** A season of `days` Samara days whose last day is the one of `asOf`: the demo's season ends "now". */
export function seasonEndingAt(asOf: number, days: number = SEASON_DAYS): { from: number; asOf: number } {
  return { from: startOfSamaraDay(asOf) - (days - 1) * DAY, asOf };
}

export interface SeasonOptions {
  readonly seed?: number;
  /**
   * How many appeals over the period's whole days. The last day is cut at `asOf`, so the stream is
   * short by what would still have come that day (up to a day's share).
   */
  readonly appeals?: number;
  /** First instant of the period (a Samara midnight). */
  readonly from?: number;
  /** The moment the data stands as of: nothing is registered after it, statuses are as of then. */
  readonly asOf?: number;
  /** Workstation codes the generated numbers must not use (the live workstation's own). */
  readonly avoidWorkstationCodes?: readonly string[];
}

export const DEFAULT_SEASON = {
  seed: 20251001,
  appeals: 60_000,
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

/** Calls by hour of the Samara day: quiet nights, a morning peak and a higher evening one. */
const HOURLY = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.5, 3.5, 6, 7, 6.5, 6, 5.5, 5, 5, 5, 5, 5.5, 6.5, 7.5, 7, 5.5, 3.5, 2];

/** Cold spells, as days after the season's start, with their extra volume and width in days. */
const COLD_SPELLS = [
  { day: 78, extra: 1.4, width: 4 },
  { day: 106, extra: 2.0, width: 5 },
  { day: 131, extra: 1.1, width: 4 },
];

/**
 * Fixed codes of the demo workstations (the alphabet of shared/domain/registration-number.ts): one in
 * each district administration, two at the Department; spares replace any the live workstation uses.
 */
export const DEMO_WORKSTATIONS: { readonly district: Readonly<Record<District, string>>; readonly department: readonly string[] } = {
  district: {
    Железнодорожный: 'ZHD2',
    Кировский: 'KRV3',
    Красноглинский: 'KGL4',
    Куйбышевский: 'KBS5',
    Ленинский: 'LEN6',
    Октябрьский: 'KTB7',
    Промышленный: 'PRM8',
    Самарский: 'SMR9',
    Советский: 'SVT2',
  },
  department: ['DEP3', 'DGH4'],
};
const SPARE_WORKSTATIONS = ['DMA5', 'DMB6', 'DMC7', 'DMD8'];

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

  /** «Смирнова Анна Петровна»: surname, name and patronymic agree in gender. */
  applicantName(random: Random): string {
    const female = random.chance(0.62); // most callers are women
    const surname = random.pick(SURNAMES);
    const patronymic = random.pick(PATRONYMIC_STEMS)[female ? 1 : 0];
    return female
      ? `${feminineSurname(surname)} ${random.pick(FEMALE_NAMES)} ${patronymic}`
      : `${surname} ${random.pick(MALE_NAMES)} ${patronymic}`;
  }

  /** A mobile number as operators write it, «8 927 123-45-67»; letters and Госуслуги often come without one. */
  phone(random: Random, channel: Channel): string {
    if (channel === 'email' || channel === 'pos' ? random.chance(0.4) : random.chance(0.05)) return '';
    const operator = random.pick(['927', '927', '927', '937', '917', '987', '902']);
    return `8 ${operator} ${random.int(100, 999)}-${pad2(random.int(0, 99))}-${pad2(random.int(0, 99))}`;
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

/**
 * Appeals per day from `from` up to the day of `asOf`, summing to `total`; every day counts whole,
 * so the counts do not depend on the time of day of `asOf`.
 */
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
  /** The calls of one outage at one house: a follow-up may be marked a duplicate of the first. */
  readonly burst: object | null;
  /** The heat supplier's failure (a boiler house or substation), not the house's own network. */
  readonly supplySide: boolean;
}

interface Draft {
  readonly arrival: Arrival;
  readonly appeal: Omit<NewAppeal, 'number' | 'status' | 'executorOrgId'>;
  readonly station: Workstation;
  number: string;
  /** One of the last hour's fresh calls: forwarded at once, whatever the hour. */
  readonly fresh?: boolean;
}

interface Workstation {
  readonly code: string;
  readonly district: District | null;
  readonly operators: readonly string[];
  /** The district's controller (district_controller), or at the Department a user of the role department. */
  readonly controller: string;
  counter: number;
}

/**
 * The season's appeals, one Samara day after another, each day in registration order. Batch them
 * with `batches`. Deterministic for the same register and options.
 */
export function* generateSeason(register: GeneratedRegister, options: SeasonOptions = {}): Generator<NewAppeal> {
  for (const { appeal } of seasonTimeline(register, options)) yield appeal;
}

/** One status of an appeal's workflow, when it was reached and by which act. */
export type Transition = Step;

/** One appeal as of `asOf`: the row, its version and last change, and the events written by then. */
export interface AppealStory {
  readonly appeal: NewAppeal;
  /** Every status it reaches, also after `asOf`. */
  readonly history: readonly Step[];
  readonly version: number;
  readonly updatedAt: number;
  readonly events: readonly StoryEvent[];
  /** Incidents it was linked to at registration. */
  readonly incidentIds: readonly string[];
}

/** What the season leaves besides the appeals: its mass outages and the addresses' periods on control. */
export class SeasonExtras {
  incidents: IncidentPlan[] = [];
  readonly control = new ControlTracker();
}

/** The season's appeals with their workflow and events, as of `asOf`. */
export function* seasonTimeline(register: GeneratedRegister, options: SeasonOptions = {}, extras: SeasonExtras = new SeasonExtras()): Generator<AppealStory> {
  const { seed, appeals: total, from, asOf } = { ...DEFAULT_SEASON, ...options };
  const root = new Random(seed);
  const random = root.fork('season');
  const content = new AppealContent(register);
  const hours = new WeightedPicker(
    HOURLY.map((_, h) => h),
    HOURLY,
  );
  const stations = workstations(random.fork('workstations'), new Set(options.avoidWorkstationCodes ?? []));
  const sources = heatSourceOutages(register);
  const organisations = new Map(register.organisations.map((o) => [o.id, o.name]));
  const plans = planIncidents(root.fork('incidents'), register, stations, { from, asOf });
  const plansAt = incidentsByBuilding(plans);
  extras.incidents = plans;
  const lastDay = startOfSamaraDay(asOf);

  for (const day of dailyVolume(from, asOf, total)) {
    const arrivals: Arrival[] = [];
    const lastOfDay = day.dayStart + DAY - 1;
    const at = (t: number) => Math.min(t, lastOfDay);
    const startOfHour = () => day.dayStart + hours.pick(random) * HOUR + random.int(0, HOUR - 1);
    // The last day keeps a few calls for its last hour before "now" (below).
    let left = day.dayStart === lastDay ? Math.max(0, day.count - FRESH_CALLS) : day.count;

    // Recorded mass outages: their houses call when heat goes off, and again while it stays off.
    for (const plan of plans) {
      const end = Math.min(plan.restoredAt ?? Number.POSITIVE_INFINITY, lastOfDay + 1);
      if (plan.startedAt > lastOfDay || end <= day.dayStart || left <= 0) continue;
      const first = plan.startedAt >= day.dayStart;
      const houses = random.shuffle([...plan.buildings]).slice(0, first ? random.int(3, 10) : random.int(2, 5));
      for (const building of houses) {
        const burst = {};
        const calls = Math.min(left, first ? random.int(1, 3) : 1);
        const category: Category = random.chance(0.85) ? 'no_heating' : 'low_temperature';
        const start = first ? plan.startedAt : day.dayStart + 7 * HOUR + random.next() * 15 * HOUR;
        for (let c = 0; c < calls; c++) {
          const receivedAt = Math.round(start + random.exponential(first ? 60 * MINUTE : 2 * HOUR));
          if (receivedAt >= end) continue;
          arrivals.push({ receivedAt: at(receivedAt), building, category, followUp: c > 0, burst, supplySide: true });
          left -= 1;
        }
      }
    }
    // A boiler house or a substation fails for a while: several of its houses call, some more than once.
    const sourceOutages = Math.round(day.count * 0.0015 * (0.5 + random.next()));
    for (let o = 0; o < sourceOutages && left > 0 && sources.picker; o++) {
      const source = sources.picker.pick(random);
      const houses = random.shuffle([...(sources.houses.get(source.id) ?? [])]).slice(0, random.int(2, 10));
      const start = startOfHour();
      for (const building of houses) {
        const burst = {};
        const calls = Math.min(left, random.int(1, 4));
        const category: Category = random.chance(0.85) ? 'no_heating' : 'low_temperature';
        for (let c = 0; c < calls; c++) {
          arrivals.push({ receivedAt: at(start + Math.round(random.exponential(50 * MINUTE))), building, category, followUp: c > 0, burst, supplySide: true });
        }
        left -= calls;
      }
    }
    // A house's own failure: a burst of calls from one house.
    const houseOutages = Math.round(day.count * 0.003 * (0.5 + random.next()));
    for (let o = 0; o < houseOutages && left > 0; o++) {
      const building = content.buildings.pick(random);
      const category: Category = random.chance(0.7) ? 'no_heating' : 'heating_leak';
      const start = startOfHour();
      const calls = Math.min(left, random.int(3, 12));
      const burst = {};
      for (let c = 0; c < calls; c++) {
        arrivals.push({ receivedAt: at(start + Math.round(random.exponential(40 * MINUTE))), building, category, followUp: c > 0, burst, supplySide: false });
      }
      left -= calls;
    }
    for (; left > 0; left--) {
      arrivals.push({
        receivedAt: startOfHour(),
        building: content.buildings.pick(random),
        category: content.category(random, day.startShare),
        followUp: false,
        burst: null,
        supplySide: false,
      });
    }
    arrivals.sort((a, b) => a.receivedAt - b.receivedAt);
    const drafts = arrivals.map((arrival) => draftAppeal(random, content, stations, arrival));
    // The last hour before "now" always has a few fresh calls, so that «Сроки» has something due
    // within the hour and later today whatever the time of day (their own random stream: the rest of
    // the day does not depend on the time of `asOf`).
    // Numbers are given in the order of registration (the fresh calls' after the rest of the day's,
    // so that the others keep theirs); what is registered after asOf does not exist yet.
    const fresh = day.dayStart === lastDay ? freshCalls(root.fork(`fresh-${asOf}`), content, stations, asOf) : [];
    drafts.sort((a, b) => a.appeal.registeredAt - b.appeal.registeredAt);
    for (const draft of [...drafts, ...fresh]) {
      draft.station.counter += 1;
      draft.number = provisionalNumber(samaraYear(draft.appeal.receivedAt), draft.station.code, draft.station.counter);
    }
    drafts.push(...fresh);
    drafts.sort((a, b) => a.appeal.registeredAt - b.appeal.registeredAt);
    const firstOfBurst = new Map<object, Draft>();
    for (const draft of drafts) if (draft.arrival.burst && !firstOfBurst.has(draft.arrival.burst)) firstOfBurst.set(draft.arrival.burst, draft);

    for (const draft of drafts) {
      const { arrival, appeal: a } = draft;
      const burstFirst = arrival.burst ? firstOfBurst.get(arrival.burst) : undefined;
      const original = arrival.followUp && burstFirst && burstFirst !== draft ? burstFirst : null;
      const links = incidentsAtRegistration(plansAt, a.buildingId, a.registeredAt);
      const restoreAt = links.length > 0 ? Math.min(...links.map((l) => l.restoreRecordedAt)) : null;
      const steps = lifecycle(random, {
        category: a.category,
        registeredAt: a.registeredAt,
        duplicate: original !== null && random.chance(0.6),
        restoreAt,
        hasPhone: a.applicantPhone !== '',
        roundTheClock: draft.fresh === true,
      });
      const restoring = restoreAt !== null ? links.find((l) => l.restoreRecordedAt === restoreAt) : undefined;
      const linkedSupply = links.length > 0 && (a.category === 'no_heating' || a.category === 'low_temperature');
      const executorId = executorOf(random, arrival.building, arrival, linkedSupply);
      const people = peopleOf(draft.station.district === null ? stations.district[a.district] : draft.station, stations);
      const events = tellStory(random, {
        appeal: { ...a, number: draft.number },
        steps,
        executor: { id: executorId, name: organisations.get(executorId) ?? '' },
        original: original ? { id: original.appeal.id, number: original.number } : null,
        links: links.map((l) => ({ id: l.id, number: l.number })),
        restoredBy: restoring && restoring.restoredAt !== null ? { incident: { id: restoring.id, number: restoring.number }, user: restoring.restoredBy, restoredAt: restoring.restoredAt } : null,
        people,
        neighbour: () => {
          const channel = content.channel(random);
          return { applicantName: content.applicantName(random), applicantPhone: content.phone(random, channel), flat: content.flat(random, arrival.building, a.category), channel };
        },
      });
      if (a.registeredAt > asOf) continue;
      const now = storyAt(steps, events, asOf);
      if (restoring && now.events.some((e) => e.type === 'incident_restored')) restoring.moved.push(a.id);
      const appeal: NewAppeal = { ...a, number: draft.number, status: now.status, executorOrgId: now.transferred ? executorId : null };
      extras.control.add(a.buildingId, a.receivedAt, steps.filter((st) => st.at <= asOf));
      yield { appeal, history: steps, version: now.version, updatedAt: now.updatedAt, events: now.events, incidentIds: links.map((l) => l.id) };
    }
  }
}

const FRESH_CALLS = 4;

/**
 * Four calls in the last hour before `asOf`, at houses of the demo user's district (whose «Сроки»
 * and badge the demo opens on), forwarded at once even at night: two emergencies (due within 30
 * minutes), a low temperature (its check due two hours after the call) and one for the end of the day.
 */
function freshCalls(random: Random, content: AppealContent, stations: Stations, asOf: number): Draft[] {
  const local = content.register.buildings.filter((b) => b.district === DEMO_USER.district);
  const minutes = [9 + random.int(0, 6), 19 + random.int(0, 6), 25 + random.int(0, 10), 35 + random.int(0, 15)];
  const categories: Category[] = ['heating_leak', 'no_heating', 'low_temperature', random.pick(['noise', 'other'] as const)];
  return minutes.map((m, i) => {
    const arrival: Arrival = {
      receivedAt: asOf - m * MINUTE,
      building: local.length > 0 ? random.pick(local) : content.buildings.pick(random),
      category: categories[i] as Category,
      followUp: false,
      burst: null,
      supplySide: false,
    };
    const draft = draftAppeal(random, content, stations, arrival);
    // Registered within a few minutes, by the district's own hotline.
    return { ...draft, fresh: true, appeal: { ...draft.appeal, registeredAt: Math.min(asOf, arrival.receivedAt + 2 * MINUTE) } };
  });
}

function heatSourceOutages(register: GeneratedRegister): {
  picker: WeightedPicker<GeneratedHeatSource> | null;
  houses: Map<string, GeneratedBuilding[]>;
} {
  const houses = new Map<string, GeneratedBuilding[]>();
  for (const b of register.buildings) {
    const list = houses.get(b.heatSourceId);
    if (list) list.push(b);
    else houses.set(b.heatSourceId, [b]);
  }
  const sources = register.heatSources.filter((s) => (houses.get(s.id)?.length ?? 0) > 0);
  const picker =
    sources.length === 0
      ? null
      : new WeightedPicker(
          sources,
          sources.map((s) => Math.sqrt(houses.get(s.id)?.length ?? 0)),
        );
  return { picker, houses };
}

type Stations = { district: Record<District, Workstation>; department: Workstation[] };

function draftAppeal(random: Random, content: AppealContent, stations: Stations, arrival: Arrival): Draft {
  const { building, category, receivedAt } = arrival;
  const channel = content.channel(random);
  const byDepartment = channel === 'department_hotline' || channel === 'pos' || channel === 'social_media' || channel === 'email';
  const station = byDepartment ? random.pick(stations.department) : stations.district[building.district];
  const delay =
    channel === 'district_hotline' || channel === 'department_hotline'
      ? random.int(1, 4) * MINUTE
      : channel === 'in_person'
        ? random.int(3, 10) * MINUTE
        : Math.min(8 * HOUR, Math.round(MINUTE + random.exponential(45 * MINUTE)));
  const registeredAt = receivedAt + delay;
  const appeal = {
    id: random.uuidV7(registeredAt),
    buildingId: building.id,
    district: building.district,
    flat: content.flat(random, building, category),
    applicantName: content.applicantName(random),
    applicantPhone: content.phone(random, channel),
    channel,
    category,
    priority: defaultPriority(category),
    description: content.description(random, building, category),
    receivedAt,
    registeredAt,
    registeredBy: random.pick(station.operators),
    deadlineAt: resolutionDeadline(receivedAt, category),
  };
  return { arrival, appeal, station, number: '' };
}

/**
 * Who works on it once transferred: the management organisation, or the heat supplier for
 * supply-side failures (and, as the desk's default executor proposes, for no heating or low
 * temperature at a house inside a recorded mass outage).
 */
function executorOf(random: Random, building: GeneratedBuilding, arrival: Arrival, linkedSupply: boolean): string {
  const networkFault = arrival.category === 'no_heating' || arrival.category === 'heating_leak';
  const toSupplier = linkedSupply || arrival.supplySide || (networkFault && random.chance(0.12));
  return toSupplier ? building.heatSupplierOrgId : (building.managementOrgId ?? building.heatSupplierOrgId);
}

/** Who acts on an appeal of the district: its operators, its controller, and a user of the Department. */
function peopleOf(station: Workstation, stations: Stations): { operators: readonly string[]; controller: string; department: string } {
  const department = stations.department[0] as Workstation;
  return { operators: station.operators, controller: station.controller, department: department.controller };
}

function workstations(random: Random, avoid: ReadonlySet<string>): Stations {
  const spares = SPARE_WORKSTATIONS.filter((c) => !avoid.has(c));
  const make = (fixed: string, district: District | null): Workstation => {
    const code = avoid.has(fixed) ? (spares.shift() as string) : fixed;
    const operators = Array.from({ length: random.int(2, 4) }, () => operatorName(random));
    return { code, district, operators, controller: operatorName(random), counter: 0 };
  };
  const district = Object.fromEntries(DISTRICTS.map((d) => [d, make(DEMO_WORKSTATIONS.district[d], d)])) as Record<District, Workstation>;
  return { district, department: DEMO_WORKSTATIONS.department.map((code) => make(code, null)) };
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
