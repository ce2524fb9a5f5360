// A deterministic, Samara-like address register: management organisations (УК, ТСЖ, ЖСК, ТСН),
// heat suppliers, and apartment buildings across the nine districts. The same seed always gives
// the same register, whatever else is generated with it.
import { DISTRICTS, type District } from '../../shared/domain/districts.js';
import type { BuildingRecord, OrganisationRecord } from '../../electron/core/repositories/buildings.js';
import { Random, WeightedPicker } from '../../electron/core/demo/random.js';
import {
  ASSOCIATION_NAME_WORDS,
  DISTRICT_HOUSING_WEIGHT,
  HEAT_SUPPLIER_NAMES,
  STREETS,
  UK_NAME_WORDS,
  type Street,
} from './samara.js';

export interface RegisterOptions {
  readonly seed?: number;
  /** Apartment buildings in the register (the city has about 10,000). */
  readonly buildings?: number;
  /** Management organisations and heat suppliers together. */
  readonly organisations?: number;
}

export interface GeneratedOrganisation extends OrganisationRecord {
  /** The districts where it manages houses or supplies heat. */
  readonly districts: readonly District[];
}

export interface GeneratedBuilding extends BuildingRecord {
  readonly district: District;
  readonly floors: number;
  readonly entrances: number;
  readonly flats: number;
  /** How often residents of this house call, relative to others (a few houses call a lot). */
  readonly appealWeight: number;
}

export interface GeneratedRegister {
  readonly seed: number;
  readonly organisations: readonly GeneratedOrganisation[];
  readonly buildings: readonly GeneratedBuilding[];
  /** Heat suppliers serving each district, main supplier first. */
  readonly heatSuppliers: Readonly<Record<District, readonly string[]>>;
}

export const DEFAULT_REGISTER: Required<RegisterOptions> = { seed: 20251001, buildings: 10_000, organisations: 150 };

export function generateRegister(options: RegisterOptions = {}): GeneratedRegister {
  const { seed, buildings: buildingCount, organisations: orgCount } = { ...DEFAULT_REGISTER, ...options };
  const root = new Random(seed);
  const orgs = generateOrganisations(root.fork('organisations'), orgCount);
  const buildings = generateBuildings(root.fork('buildings'), buildingCount, orgs.organisations);
  return { seed, organisations: orgs.organisations, buildings, heatSuppliers: orgs.heatSuppliers };
}

/** The register as the core's `seed` request takes it (no generator-only fields). */
export function registerSeed(register: GeneratedRegister): {
  organisations: OrganisationRecord[];
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
    buildings: register.buildings.map(({ id, district, address, managementOrgId }) => ({
      id,
      district,
      address,
      managementOrgId: managementOrgId ?? null,
    })),
  };
}

const districtPicker = WeightedPicker.of(DISTRICT_HOUSING_WEIGHT);

function generateOrganisations(
  random: Random,
  total: number,
): { organisations: GeneratedOrganisation[]; heatSuppliers: Record<District, string[]> } {
  const organisations: GeneratedOrganisation[] = [];
  const names = new Set<string>();
  const unique = (make: (attempt: number) => string): string => {
    for (let attempt = 0; ; attempt++) {
      const name = make(attempt);
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
  };
  const cityPhone = () => `+7 (846) ${random.int(200, 999)}-${pad(random.int(0, 99))}-${pad(random.int(0, 99))}`;
  const inn = () => `63${String(random.int(10_000_000, 99_999_999))}`;

  // Heat suppliers: one city-wide main supplier, the rest serve two or three districts each.
  const tsoCount = Math.min(HEAT_SUPPLIER_NAMES.length, Math.max(2, Math.round(total * 0.04)));
  const heatSuppliers = Object.fromEntries(DISTRICTS.map((d) => [d, [] as string[]])) as Record<District, string[]>;
  for (let i = 0; i < tsoCount; i++) {
    const districts = i === 0 ? [...DISTRICTS] : random.shuffle([...DISTRICTS]).slice(0, random.int(2, 3));
    const id = random.uuidV4();
    organisations.push({
      id,
      kind: 'tso',
      name: HEAT_SUPPLIER_NAMES[i] as string,
      inn: inn(),
      phone: cityPhone(),
      dispatcherPhone: cityPhone(),
      email: null,
      districts,
    });
    for (const d of districts) heatSuppliers[d].push(id);
  }

  // Owners' associations manage one or two houses; management companies the rest.
  const associations = Math.round(total * 0.3);
  for (let i = 0; i < associations; i++) {
    const kind = random.pick(['tszh', 'tszh', 'tszh', 'tszh', 'zhsk', 'tsn'] as const);
    const label = kind === 'tszh' ? 'ТСЖ' : kind === 'zhsk' ? 'ЖСК' : 'ТСН';
    const name = unique((n) => `${label} «${random.pick(ASSOCIATION_NAME_WORDS)}${n > 0 || random.chance(0.4) ? `-${random.int(1, 99)}` : ''}»`);
    organisations.push({
      id: random.uuidV4(),
      kind,
      name,
      inn: inn(),
      phone: random.chance(0.7) ? cityPhone() : null,
      dispatcherPhone: null,
      email: null,
      districts: [districtPicker.pick(random)],
    });
  }
  const companies = total - tsoCount - associations;
  for (let i = 0; i < companies; i++) {
    const home = districtPicker.pick(random);
    const districts = random.chance(0.3) ? [home, districtPicker.pick(random)] : [home];
    const name = unique((n) => {
      const word = random.pick(UK_NAME_WORDS);
      const suffix = n > 0 || random.chance(0.35) ? `-${random.int(1, 12)}` : '';
      return random.chance(0.5) ? `ООО «УК «${word}${suffix}»` : `ООО «Управляющая компания «${word}${suffix}»`;
    });
    organisations.push({
      id: random.uuidV4(),
      kind: 'uk',
      name,
      inn: inn(),
      phone: cityPhone(),
      dispatcherPhone: cityPhone(),
      email: null,
      districts: [...new Set(districts)],
    });
  }
  return { organisations, heatSuppliers };
}

function generateBuildings(random: Random, count: number, organisations: readonly GeneratedOrganisation[]): GeneratedBuilding[] {
  // Each management company gets a size (a few big ones, many small ones); associations manage 1–2 houses.
  const companiesByDistrict = new Map<District, { ids: string[]; weights: number[] }>();
  const associationsByDistrict = new Map<District, string[]>();
  for (const org of organisations) {
    if (org.kind === 'uk') {
      const size = Math.exp(1.1 * random.normal());
      for (const d of org.districts) {
        const entry = companiesByDistrict.get(d) ?? { ids: [], weights: [] };
        entry.ids.push(org.id);
        entry.weights.push(size);
        companiesByDistrict.set(d, entry);
      }
    } else if (org.kind !== 'tso') {
      for (const d of org.districts) associationsByDistrict.set(d, [...(associationsByDistrict.get(d) ?? []), org.id]);
    }
  }
  const companyPickers = new Map<District, WeightedPicker<string>>();
  for (const [d, { ids, weights }] of companiesByDistrict) companyPickers.set(d, new WeightedPicker(ids, weights));
  const associationHouses = new Map<string, number>();

  const streetPickers = new Map<District, WeightedPicker<Street>>(
    DISTRICTS.map((d) => [d, new WeightedPicker(STREETS[d], STREETS[d].map((st) => Math.sqrt(st.maxHouse)))]),
  );

  const addresses = new Set<string>();
  const buildings: GeneratedBuilding[] = [];
  while (buildings.length < count) {
    const district = districtPicker.pick(random);
    const street = (streetPickers.get(district) as WeightedPicker<Street>).pick(random);
    const address = `${street.name}, д. ${houseNumber(random, street)}`;
    if (addresses.has(address)) continue;
    addresses.add(address);

    const floors = random.pick([2, 3, 4, 5, 5, 5, 5, 9, 9, 9, 9, 10, 12, 14, 16, 17, 19, 25]);
    const entrances = floors >= 14 ? random.int(1, 3) : random.int(1, 8);
    const flats = floors * entrances * random.pick([2, 3, 4, 4, 5, 6]);

    let managementOrgId: string | null = null;
    const associations = associationsByDistrict.get(district) ?? [];
    const roll = random.next();
    if (roll < 0.08 && associations.length > 0) {
      const candidate = random.pick(associations);
      const managed = associationHouses.get(candidate) ?? 0;
      if (managed < 2) {
        associationHouses.set(candidate, managed + 1);
        managementOrgId = candidate;
      }
    }
    if (managementOrgId === null && roll >= 0.03) managementOrgId = companyPickers.get(district)?.pick(random) ?? null;

    buildings.push({
      id: random.uuidV4(),
      district,
      address,
      managementOrgId,
      floors,
      entrances,
      flats,
      appealWeight: Math.exp(0.9 * random.normal()) * Math.sqrt(flats),
    });
  }
  return buildings;
}

function houseNumber(random: Random, street: Street): string {
  // Low numbers are more common than high ones on every street.
  const n = 1 + Math.floor(street.maxHouse * random.next() ** 1.3);
  const roll = random.next();
  const letter = roll < 0.8 ? '' : roll < 0.92 ? 'А' : roll < 0.97 ? 'Б' : 'В';
  const extra = random.chance(0.08) ? `, к. ${random.int(1, 3)}` : random.chance(0.01) ? `, стр. ${random.int(1, 2)}` : '';
  return `${n}${letter}${extra}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
