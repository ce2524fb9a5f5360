// A deterministic, Samara-like address register: fictional management organisations (УК) and
// owners' associations (ТСЖ, ЖСК, ТСН), fictional heat suppliers with their boiler houses and
// central heating substations, and apartment buildings on the real streets of the demo street
// list, across the nine districts. The same seed always gives the same register.
import { STREET_TYPES, addressKey, formatAddress, type ParsedAddress, type StreetType } from '../domain/address.js';
import { DISTRICTS, type District } from '../domain/districts.js';
import type { BuildingRecord, HeatSourceRecord, OrganisationRecord } from '../domain/register-records.js';
import { Random, WeightedPicker } from './random.js';
import { DISTRICT_BOUNDS, DISTRICT_BUILDINGS, DISTRICT_ERAS, ERAS, streetLength, type Bounds, type Era } from './samara-geography.js';
import { SAMARA_STREETS, type DemoStreet } from './samara-streets.js';
import { ASSOCIATION_WORDS, HEAT_SUPPLIER_NAMES, UK_ADJECTIVES, UK_NOUNS } from './vocabulary.js';

export interface RegisterOptions {
  readonly seed?: number;
  /** Apartment buildings (the city has about 10,500). */
  readonly buildings?: number;
  /** Management companies and owners' associations together. */
  readonly organisations?: number;
  /** Heat suppliers (теплоснабжающие организации), 1 to 4. */
  readonly heatSuppliers?: number;
  /** Boiler houses and central heating substations. */
  readonly heatSources?: number;
}

export const DEFAULT_REGISTER: Required<RegisterOptions> = {
  seed: 20251001,
  buildings: 10_500,
  organisations: 150,
  heatSuppliers: 4,
  heatSources: 80,
};

export interface GeneratedOrganisation extends OrganisationRecord {
  /** The districts where it manages houses or supplies heat. */
  readonly districts: readonly District[];
}

export interface GeneratedHeatSource extends HeatSourceRecord {
  readonly district: District;
  readonly supplierOrgId: string;
  readonly latitude: number;
  readonly longitude: number;
}

export interface GeneratedBuilding extends BuildingRecord {
  readonly streetType: string;
  readonly streetName: string;
  readonly house: string;
  readonly korpus: string;
  readonly addressKey: string;
  readonly heatSourceId: string;
  readonly heatSupplierOrgId: string;
  readonly floors: number;
  readonly flats: number;
  readonly latitude: number;
  readonly longitude: number;
  readonly entrances: number;
  /** How often residents of this house call, relative to others (a few houses call a lot). */
  readonly appealWeight: number;
}

export interface GeneratedRegister {
  readonly seed: number;
  readonly organisations: readonly GeneratedOrganisation[];
  readonly heatSources: readonly GeneratedHeatSource[];
  readonly buildings: readonly GeneratedBuilding[];
  /** Heat suppliers serving each district, the one serving most of its houses first. */
  readonly heatSuppliers: Readonly<Record<District, readonly string[]>>;
}

export function generateRegister(options: RegisterOptions = {}): GeneratedRegister {
  const o = { ...DEFAULT_REGISTER, ...options };
  const root = new Random(o.seed);
  const orgRandom = root.fork('organisations');
  const buildingRandom = root.fork('buildings');
  const heatRandom = root.fork('heat-sources');
  const suppliers = generateSuppliers(orgRandom, Math.max(1, Math.min(HEAT_SUPPLIER_NAMES.length, o.heatSuppliers)));
  const managers = generateManagers(orgRandom, o.organisations);
  const drafts = generateBuildings(buildingRandom, o.buildings);
  assignManagers(buildingRandom, drafts, managers);
  const heatSources = generateHeatSources(heatRandom, o.heatSources, suppliers, drafts);
  assignHeatSources(drafts, heatSources);

  const buildings: GeneratedBuilding[] = drafts.map((d) => {
    const source = d.heatSource as GeneratedHeatSource;
    return {
      id: d.id,
      district: d.district,
      address: d.address,
      managementOrgId: d.managementOrgId,
      streetType: d.street.type,
      streetName: d.street.name,
      house: d.house,
      korpus: d.korpus,
      stroenie: '',
      addressKey: d.addressKey,
      fiasGuid: d.fiasGuid,
      heatSupplierOrgId: source.supplierOrgId,
      heatSourceId: source.id,
      yearBuilt: d.yearBuilt,
      floors: d.floors,
      flats: d.flats,
      latitude: d.latitude,
      longitude: d.longitude,
      entrances: d.entrances,
      appealWeight: d.appealWeight,
    };
  });

  const served = new Map<District, Map<string, number>>(DISTRICTS.map((d) => [d, new Map()]));
  for (const b of buildings) {
    const counts = served.get(b.district) as Map<string, number>;
    counts.set(b.heatSupplierOrgId, (counts.get(b.heatSupplierOrgId) ?? 0) + 1);
  }
  const heatSuppliers = Object.fromEntries(
    DISTRICTS.map((d) => [d, [...(served.get(d) as Map<string, number>)].sort((a, b) => b[1] - a[1]).map(([id]) => id)]),
  ) as Record<District, string[]>;
  const supplierDistricts = new Map<string, District[]>();
  for (const d of DISTRICTS) for (const id of heatSuppliers[d]) supplierDistricts.set(id, [...(supplierDistricts.get(id) ?? []), d]);

  const organisations: GeneratedOrganisation[] = [
    ...suppliers.map((s) => ({ ...s, districts: supplierDistricts.get(s.id) ?? [] })),
    ...managers.map(({ houses: _houses, ...org }) => org),
  ];
  return { seed: o.seed, organisations, heatSources, buildings, heatSuppliers };
}

/** The register as the core's `seed` request takes it: only the stored fields. */
export function registerSeed(register: GeneratedRegister): {
  organisations: OrganisationRecord[];
  heatSources: HeatSourceRecord[];
  buildings: BuildingRecord[];
} {
  return {
    organisations: register.organisations.map(({ id, kind, name, inn, phone, dispatcherPhone, email }) => ({
      id,
      kind,
      name,
      inn: inn ?? null,
      phone: phone ?? null,
      dispatcherPhone: dispatcherPhone ?? null,
      email: email ?? null,
    })),
    heatSources: register.heatSources.map(({ id, kind, name, supplierOrgId, district }) => ({ id, kind, name, supplierOrgId, district })),
    buildings: register.buildings.map((b) => ({
      id: b.id,
      district: b.district,
      address: b.address,
      managementOrgId: b.managementOrgId ?? null,
      streetType: b.streetType,
      streetName: b.streetName,
      house: b.house,
      korpus: b.korpus,
      stroenie: b.stroenie ?? '',
      addressKey: b.addressKey,
      fiasGuid: b.fiasGuid ?? null,
      heatSupplierOrgId: b.heatSupplierOrgId,
      heatSourceId: b.heatSourceId,
      yearBuilt: b.yearBuilt ?? null,
      floors: b.floors,
      flats: b.flats,
      latitude: b.latitude,
      longitude: b.longitude,
    })),
  };
}

// ——— organisations ———

/** Phone numbers of fictional organisations start with 0 after the city code: a range no subscriber has. */
function officePhone(random: Random): string {
  return `8 (846) 0${random.int(10, 99)}-${pad2(random.int(0, 99))}-${pad2(random.int(0, 99))}`;
}

/** A fictional INN: region «00» does not exist, the check digit is right. */
function fictionalInn(random: Random): string {
  const digits = [0, 0, ...Array.from({ length: 7 }, () => random.int(0, 9))];
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (digits.reduce((sum, d, i) => sum + d * (weights[i] as number), 0) % 11) % 10;
  return [...digits, check].join('');
}

const EMAIL_DOMAIN = 'samara-demo.example';

function generateSuppliers(random: Random, count: number): GeneratedOrganisation[] {
  return HEAT_SUPPLIER_NAMES.slice(0, count).map((name, i) => ({
    id: random.uuidV4(),
    kind: 'tso' as const,
    name,
    inn: fictionalInn(random),
    phone: officePhone(random),
    dispatcherPhone: officePhone(random),
    email: `tso${i + 1}@${EMAIL_DOMAIN}`,
    districts: [],
  }));
}

interface Manager extends GeneratedOrganisation {
  readonly districts: District[];
  /** Houses it is meant to manage, relative to others of its kind in the district. */
  readonly houses: number;
}

const districtPicker = new WeightedPicker(
  DISTRICTS,
  DISTRICTS.map((d) => DISTRICT_BUILDINGS[d]),
);

function generateManagers(random: Random, total: number): Manager[] {
  const managers: Manager[] = [];
  const associations = Math.round(total * 0.35);
  const companies = total - associations;

  const pairs = random.shuffle(UK_ADJECTIVES.flatMap((adjective) => UK_NOUNS.map((noun) => `${adjective} ${noun}`)));
  for (let i = 0; i < companies; i++) {
    const pair = pairs[i % pairs.length] as string;
    const suffix = i >= pairs.length ? `-${Math.floor(i / pairs.length) + 1}` : '';
    const name = random.chance(0.85) ? `ООО «УК ${pair}${suffix}» (демо)` : `ООО «Управляющая компания ${pair}${suffix}» (демо)`;
    const home = districtPicker.pick(random);
    const second = random.chance(0.3) ? districtPicker.pick(random) : home;
    managers.push({
      id: random.uuidV4(),
      kind: 'uk',
      name,
      inn: fictionalInn(random),
      phone: officePhone(random),
      dispatcherPhone: officePhone(random),
      email: `uk${pad3(i + 1)}@${EMAIL_DOMAIN}`,
      districts: [...new Set([home, second])],
      // A few big companies, many small ones.
      houses: Math.exp(1.1 * random.normal()),
    });
  }

  const words = random.shuffle([...ASSOCIATION_WORDS]);
  const usedWords = new Map<string, number>();
  const usedCoopNumbers = new Set<number>();
  for (let i = 0; i < associations; i++) {
    const kind = random.pick(['tszh', 'tszh', 'tszh', 'tszh', 'zhsk', 'zhsk', 'tsn'] as const);
    let name: string;
    if (kind === 'zhsk') {
      let n: number;
      do n = random.int(1, 350);
      while (usedCoopNumbers.has(n));
      usedCoopNumbers.add(n);
      name = `ЖСК № ${n} (демо)`;
    } else {
      const word = words[i % words.length] as string;
      const seen = (usedWords.get(word) ?? 0) + 1;
      usedWords.set(word, seen);
      name = `${kind === 'tszh' ? 'ТСЖ' : 'ТСН'} «${word}${seen > 1 ? `-${seen}` : ''}» (демо)`;
    }
    managers.push({
      id: random.uuidV4(),
      kind,
      name,
      inn: fictionalInn(random),
      phone: random.chance(0.7) ? officePhone(random) : null,
      dispatcherPhone: null,
      email: random.chance(0.5) ? `${kind}${pad3(i + 1)}@${EMAIL_DOMAIN}` : null,
      districts: [districtPicker.pick(random)],
      houses: random.pick([1, 1, 1, 2, 2, 3]),
    });
  }
  return managers;
}

// ——— buildings ———

interface BuildingDraft {
  readonly id: string;
  readonly fiasGuid: string;
  readonly district: District;
  readonly street: DemoStreet;
  readonly house: string;
  readonly korpus: string;
  readonly address: string;
  readonly addressKey: string;
  readonly yearBuilt: number;
  readonly floors: number;
  readonly entrances: number;
  readonly flats: number;
  readonly latitude: number;
  readonly longitude: number;
  readonly appealWeight: number;
  managementOrgId: string | null;
  heatSource: GeneratedHeatSource | null;
}

/** Splits `total` over keys in proportion to their weights, exactly (largest remainder). */
export function apportion<K>(keys: readonly K[], weights: readonly number[], total: number): Map<K, number> {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (missing-- <= 0) break;
    counts[i] = (counts[i] as number) + 1;
  }
  return new Map(keys.map((k, i) => [k, counts[i] as number]));
}

const eraPickers = new Map<District, WeightedPicker<Era>>(DISTRICTS.map((d) => [d, WeightedPicker.of(DISTRICT_ERAS[d])]));
const floorPickers = new Map<Era, WeightedPicker<number>>(
  (Object.keys(ERAS) as Era[]).map((era) => {
    const floors = ERAS[era].floors;
    const keys = Object.keys(floors).map(Number);
    return [era, new WeightedPicker(keys, keys.map((k) => floors[k] as number))];
  }),
);
const LOW_RISE_ENTRANCES = new WeightedPicker([1, 2, 3, 4, 5, 6, 7, 8], [8, 16, 18, 20, 12, 12, 6, 8]);
const HIGH_RISE_ENTRANCES = new WeightedPicker([1, 2, 3], [50, 35, 15]);
const LETTERS = new WeightedPicker(['А', 'Б', 'В', 'Г'], [60, 25, 10, 5]);
const KORPUSA = new WeightedPicker(['1', '2', '3', '4'], [40, 35, 15, 10]);

/** At most this many buildings per house number of a street's length; longer streets are stretched. */
const MAX_DENSITY = 0.75;

function generateBuildings(random: Random, total: number): BuildingDraft[] {
  const perDistrict = apportion(
    DISTRICTS,
    DISTRICTS.map((d) => DISTRICT_BUILDINGS[d]),
    total,
  );
  const drafts: BuildingDraft[] = [];
  const keys = new Set<string>();
  for (const district of DISTRICTS) {
    const streets = SAMARA_STREETS.filter((s) => s.district === district);
    const perStreet = apportion(streets, streets.map(streetLength), perDistrict.get(district) as number);
    for (const street of streets) {
      const count = perStreet.get(street) as number;
      const length = Math.max(streetLength(street), Math.ceil(count / MAX_DENSITY));
      const line = streetLine(random, DISTRICT_BOUNDS[district], length);
      for (let made = 0; made < count; ) {
        const { number, house, korpus } = houseNumber(random, length);
        const parts = addressParts(street, house, korpus);
        const key = addressKey(parts);
        if (keys.has(key)) continue;
        keys.add(key);
        made++;
        drafts.push({
          ...houseBody(random, district),
          id: random.uuidV4(),
          fiasGuid: random.uuidV4(),
          district,
          street,
          house,
          korpus,
          address: formatAddress(parts),
          addressKey: key,
          ...line.at(random, number / length, number % 2 === 0),
          managementOrgId: null,
          heatSource: null,
        });
      }
    }
  }
  return drafts;
}

/**
 * The parts of a generated address as shared/domain/address.ts takes them. A quarter of a
 * settlement («кв-л» «пос. Мехзавод 1-й» in the street list) is written with the settlement first,
 * «пос. Мехзавод, кв-л 1-й, д. 5», as the address parser reads it.
 */
export function addressParts(street: DemoStreet, house: string, korpus: string): ParsedAddress {
  if (!(STREET_TYPES as readonly string[]).includes(street.type)) throw new RangeError(`unknown street type «${street.type}»`);
  const inSettlement = /^(пос\. \D+?) (\S+)$/.exec(street.name);
  const parts: ParsedAddress = { streetType: street.type as StreetType, streetName: street.name, house, korpus, stroenie: '', flat: '' };
  if (inSettlement) {
    parts.settlement = inSettlement[1] as string;
    parts.streetName = inSettlement[2] as string;
  }
  return parts;
}

/** «106», sometimes «106А», «12/1» or «48» with «корп. 2». */
function houseNumber(random: Random, length: number): { number: number; house: string; korpus: string } {
  const number = random.int(1, length);
  const roll = random.next();
  if (roll < 0.02) return { number, house: `${number}/${random.int(1, 3)}`, korpus: '' };
  if (roll < 0.13) return { number, house: `${number}${LETTERS.pick(random)}`, korpus: '' };
  if (roll < 0.19) return { number, house: String(number), korpus: KORPUSA.pick(random) };
  return { number, house: String(number), korpus: '' };
}

function houseBody(random: Random, district: District) {
  const era = (eraPickers.get(district) as WeightedPicker<Era>).pick(random);
  const yearBuilt = random.int(ERAS[era].from, ERAS[era].to);
  const floors = (floorPickers.get(era) as WeightedPicker<number>).pick(random);
  const entrances = floors >= 14 ? HIGH_RISE_ENTRANCES.pick(random) : floors <= 3 ? random.int(1, 3) : LOW_RISE_ENTRANCES.pick(random);
  const perLanding = era === 'prewar' || era === 'postwar' ? random.int(2, 3) : era === 'modern' ? random.int(4, 8) : 4;
  const flats = floors * entrances * perLanding;
  const age = era === 'prewar' || era === 'postwar' ? 1.4 : era === 'modern' ? 0.7 : 1;
  return { yearBuilt, floors, entrances, flats, appealWeight: Math.exp(0.8 * random.normal()) * Math.sqrt(flats) * age };
}

/** Degrees of latitude per house number along a street (both sides: ~12 m a number). */
const DEG_PER_NUMBER = 0.00011;
/** Degrees of longitude per degree of latitude in length at Samara's latitude (1 / cos 53.2°). */
const LON_SCALE = 1.67;

/** A straight street somewhere in the district; houses stand along it by number, even on one side. */
function streetLine(random: Random, bounds: Bounds, length: number) {
  const lat0 = bounds.south + (bounds.north - bounds.south) * (0.1 + 0.8 * random.next());
  const lon0 = bounds.west + (bounds.east - bounds.west) * (0.1 + 0.8 * random.next());
  const angle = random.next() * 2 * Math.PI;
  const span = length * DEG_PER_NUMBER;
  const dLat = Math.cos(angle) * span;
  const dLon = Math.sin(angle) * span * LON_SCALE;
  const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  return {
    at(r: Random, t: number, even: boolean): { latitude: number; longitude: number } {
      const side = (even ? 1 : -1) * 0.0003;
      const lat = lat0 + dLat * t - Math.sin(angle) * side + (r.next() - 0.5) * 0.0002;
      const lon = lon0 + dLon * t + Math.cos(angle) * side * LON_SCALE + (r.next() - 0.5) * 0.0003;
      return {
        latitude: round6(clamp(lat, bounds.south, bounds.north)),
        longitude: round6(clamp(lon, bounds.west, bounds.east)),
      };
    },
  };
}

function assignManagers(random: Random, drafts: BuildingDraft[], managers: readonly Manager[]): void {
  const byDistrict = new Map<District, BuildingDraft[]>(DISTRICTS.map((d) => [d, []]));
  for (const d of drafts) byDistrict.get(d.district)?.push(d);

  // Owners' associations manage their own one to three houses.
  const managed = new Map<string, number>();
  for (const m of managers) {
    if (m.kind === 'uk') continue;
    const houses = byDistrict.get(m.districts[0] as District) ?? [];
    for (let i = 0; i < m.houses; i++) {
      const free = pickFree(random, houses);
      if (!free) break;
      free.managementOrgId = m.id;
      managed.set(m.id, (managed.get(m.id) ?? 0) + 1);
    }
  }

  // Management companies take the rest by size; about 2 % of houses are managed directly by their owners.
  const companies = managers.filter((m) => m.kind === 'uk');
  const pickers = new Map<District, WeightedPicker<Manager>>();
  for (const district of DISTRICTS) {
    let here = companies.filter((m) => m.districts.includes(district));
    if (here.length === 0) here = companies;
    pickers.set(
      district,
      new WeightedPicker(
        here,
        here.map((m) => m.houses),
      ),
    );
  }
  for (const d of drafts) {
    if (d.managementOrgId !== null) continue;
    if (random.chance(0.02)) continue;
    const company = (pickers.get(d.district) as WeightedPicker<Manager>).pick(random);
    d.managementOrgId = company.id;
    managed.set(company.id, (managed.get(company.id) ?? 0) + 1);
  }

  // Every company manages at least one house.
  for (const company of companies) {
    if ((managed.get(company.id) ?? 0) > 0) continue;
    const houses = byDistrict.get(company.districts[0] as District) ?? [];
    for (let attempt = 0; attempt < 50; attempt++) {
      const candidate = random.pick(houses);
      const owner = candidate.managementOrgId;
      if (owner === null || (managers.find((m) => m.id === owner)?.kind === 'uk' && (managed.get(owner) ?? 0) > 1)) {
        if (owner) managed.set(owner, (managed.get(owner) ?? 0) - 1);
        candidate.managementOrgId = company.id;
        managed.set(company.id, 1);
        break;
      }
    }
  }
}

function pickFree(random: Random, houses: readonly BuildingDraft[]): BuildingDraft | undefined {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = random.pick(houses);
    if (candidate.managementOrgId === null) return candidate;
  }
  return undefined;
}

// ——— heat ———

function generateHeatSources(
  random: Random,
  total: number,
  suppliers: readonly GeneratedOrganisation[],
  drafts: readonly BuildingDraft[],
): GeneratedHeatSource[] {
  const byDistrict = new Map<District, BuildingDraft[]>(DISTRICTS.map((d) => [d, []]));
  for (const d of drafts) byDistrict.get(d.district)?.push(d);
  const present = DISTRICTS.filter((d) => (byDistrict.get(d)?.length ?? 0) > 0);
  const perDistrict = apportion(
    present,
    present.map((d) => byDistrict.get(d)?.length ?? 0),
    Math.max(total, present.length),
  );

  // The first supplier runs the city's heat networks (their substations); the others run boiler
  // houses in a few districts each.
  const [main, ...local] = suppliers as [GeneratedOrganisation, ...GeneratedOrganisation[]];
  const localByDistrict = new Map<District, GeneratedOrganisation[]>(DISTRICTS.map((d) => [d, []]));
  local.forEach((supplier, i) => {
    const districts = random.shuffle([...DISTRICTS]).slice(0, 2 + ((i * 2) % 5));
    for (const d of districts) localByDistrict.get(d)?.push(supplier);
  });

  const numbers = new Set<number>();
  const sources: GeneratedHeatSource[] = [];
  for (const district of present) {
    const houses = byDistrict.get(district) as BuildingDraft[];
    const boilerShare = district === 'Красноглинский' || district === 'Куйбышевский' ? 0.6 : 0.35;
    for (let i = 0; i < (perDistrict.get(district) as number); i++) {
      const kind = random.chance(boilerShare) ? 'boiler_house' : 'substation';
      const candidates = localByDistrict.get(district) ?? [];
      const supplier = kind === 'boiler_house' && candidates.length > 0 ? random.pick(candidates) : main;
      let number: number;
      do number = kind === 'substation' ? random.int(100, 899) : random.int(1, 199);
      while (numbers.has(number));
      numbers.add(number);
      const near = random.pick(houses);
      sources.push({
        id: random.uuidV4(),
        kind,
        name: kind === 'substation' ? `ЦТП № ${number}` : `Котельная № ${number}`,
        supplierOrgId: supplier.id,
        district,
        latitude: round6(near.latitude + (random.next() - 0.5) * 0.002),
        longitude: round6(near.longitude + (random.next() - 0.5) * 0.003),
      });
    }
  }
  return sources;
}

/** Each house takes heat from the nearest source in its district; every source heats at least one house. */
function assignHeatSources(drafts: readonly BuildingDraft[], sources: readonly GeneratedHeatSource[]): void {
  const byDistrict = new Map<District, GeneratedHeatSource[]>();
  for (const s of sources) byDistrict.set(s.district, [...(byDistrict.get(s.district) ?? []), s]);
  const served = new Map<string, number>();
  for (const d of drafts) {
    let best: GeneratedHeatSource | null = null;
    let bestDistance = Infinity;
    for (const s of byDistrict.get(d.district) ?? []) {
      const distance = (s.latitude - d.latitude) ** 2 + ((s.longitude - d.longitude) / LON_SCALE) ** 2;
      if (distance < bestDistance) {
        best = s;
        bestDistance = distance;
      }
    }
    d.heatSource = best;
    if (best) served.set(best.id, (served.get(best.id) ?? 0) + 1);
  }
  for (const s of sources) {
    if ((served.get(s.id) ?? 0) > 0) continue;
    // The nearest house whose source heats more than one house moves to this one.
    let best: BuildingDraft | null = null;
    let bestDistance = Infinity;
    for (const d of drafts) {
      if (d.district !== s.district || (served.get((d.heatSource as GeneratedHeatSource).id) ?? 0) < 2) continue;
      const distance = (s.latitude - d.latitude) ** 2 + ((s.longitude - d.longitude) / LON_SCALE) ** 2;
      if (distance < bestDistance) {
        best = d;
        bestDistance = distance;
      }
    }
    if (!best) continue;
    const previous = best.heatSource as GeneratedHeatSource;
    served.set(previous.id, (served.get(previous.id) ?? 0) - 1);
    best.heatSource = s;
    served.set(s.id, 1);
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
