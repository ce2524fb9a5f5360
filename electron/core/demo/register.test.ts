// The register generator: the same register for the same seed, on the real street list, with
// every field of a building filled and every reference pointing at something that exists.
import { describe, expect, it } from 'vitest';
import { addressKey, parseAddress } from '../../../shared/domain/address.js';
import { DISTRICTS } from '../../../shared/domain/districts.js';
import { apportion, generateRegister, registerSeed } from './register.js';
import { DISTRICT_BOUNDS, STREET_LENGTH } from './samara-geography.js';
import { SAMARA_STREETS } from './samara-streets.js';

const small = { seed: 7, buildings: 600, organisations: 40, heatSources: 20 };

describe('the register generator', () => {
  const register = generateRegister(small);

  it('is the same for the same seed and differs for another', () => {
    expect(JSON.stringify(generateRegister(small))).toBe(JSON.stringify(register));
    expect(generateRegister({ ...small, seed: 8 }).buildings[0]?.address).not.toBe(register.buildings[0]?.address);
  });

  it('puts every building on a street of the list, in that street’s district, inside the district’s box', () => {
    const streets = new Map(SAMARA_STREETS.map((s) => [`${s.type} ${s.name}`, s.district]));
    expect(register.buildings).toHaveLength(600);
    expect(new Set(register.buildings.map((b) => b.district))).toEqual(new Set(DISTRICTS));
    for (const b of register.buildings) {
      expect(streets.get(`${b.streetType} ${b.streetName}`)).toBe(b.district);
      const box = DISTRICT_BOUNDS[b.district];
      expect(b.latitude).toBeGreaterThanOrEqual(box.south);
      expect(b.latitude).toBeLessThanOrEqual(box.north);
      expect(b.longitude).toBeGreaterThanOrEqual(box.west);
      expect(b.longitude).toBeLessThanOrEqual(box.east);
    }
  });

  it('gives unique ids, FIAS GUIDs and address keys, the keys the address parser gives the displayed address', () => {
    for (const field of ['id', 'fiasGuid', 'addressKey', 'address'] as const) {
      expect(new Set(register.buildings.map((b) => b[field])).size).toBe(600);
    }
    for (const b of register.buildings) {
      expect(b.fiasGuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(b.house).toMatch(/^\d+([АБВГ]|\/\d)?$/);
      expect(b.korpus).toMatch(/^[1-4]?$/);
      expect(b.stroenie).toBe('');
      const parsed = parseAddress(b.address);
      expect(parsed.ok && addressKey(parsed.address)).toBe(b.addressKey);
    }
  });

  it('fills the physical data plausibly', () => {
    for (const b of register.buildings) {
      expect(b.yearBuilt).toBeGreaterThanOrEqual(1930);
      expect(b.yearBuilt).toBeLessThanOrEqual(2024);
      expect(b.floors).toBeGreaterThanOrEqual(2);
      expect(b.floors).toBeLessThanOrEqual(25);
      expect(b.flats).toBeGreaterThanOrEqual(b.floors);
      expect(b.entrances).toBeGreaterThanOrEqual(1);
    }
  });

  it('links buildings to organisations and heat sources that exist, with the source’s supplier', () => {
    const orgs = new Map(register.organisations.map((o) => [o.id, o]));
    const sources = new Map(register.heatSources.map((s) => [s.id, s]));
    expect(register.organisations).toHaveLength(44);
    expect(new Set(register.organisations.map((o) => o.name)).size).toBe(44);
    expect(register.heatSources).toHaveLength(20);
    for (const b of register.buildings) {
      if (b.managementOrgId) expect(orgs.get(b.managementOrgId)?.kind).not.toBe('tso');
      const source = sources.get(b.heatSourceId);
      expect(source?.district).toBe(b.district);
      expect(b.heatSupplierOrgId).toBe(source?.supplierOrgId);
      expect(orgs.get(b.heatSupplierOrgId)?.kind).toBe('tso');
    }
    for (const d of DISTRICTS) expect(register.heatSuppliers[d].length).toBeGreaterThan(0);
    const managing = new Set(register.buildings.map((b) => b.managementOrgId));
    for (const o of register.organisations) if (o.kind !== 'tso') expect(managing.has(o.id)).toBe(true);
  });

  it('names organisations so that none can be taken for a real one', () => {
    for (const o of register.organisations) {
      expect(o.name).toMatch(/\(демо\)$/);
      if (o.email) expect(o.email).toMatch(/@[\w.-]+\.example$/);
      for (const phone of [o.phone, o.dispatcherPhone]) if (phone) expect(phone).toMatch(/^8 \(846\) 0\d\d-\d\d-\d\d$/);
      expect(o.inn).toMatch(/^00\d{8}$/);
    }
  });

  it('hands the seed request only the columns it stores', () => {
    const seed = registerSeed(register);
    expect(Object.keys(seed.buildings[0] ?? {}).sort()).toEqual(
      [
        'address', 'addressKey', 'district', 'fiasGuid', 'flats', 'floors', 'heatSourceId', 'heatSupplierOrgId', 'house', 'id',
        'korpus', 'latitude', 'longitude', 'managementOrgId', 'stroenie', 'streetName', 'streetType', 'yearBuilt',
      ].sort(),
    );
    expect(Object.keys(seed.heatSources[0] ?? {}).sort()).toEqual(['district', 'id', 'kind', 'name', 'supplierOrgId']);
  });
});

describe('the city-sized register', () => {
  const register = generateRegister({ seed: 1 });

  it('has about 10,500 buildings, 150 management organisations, a few suppliers and about 80 heat sources', () => {
    expect(register.buildings).toHaveLength(10_500);
    const kinds = register.organisations.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.kind]: (acc[o.kind] ?? 0) + 1 }), {});
    expect(kinds['tso']).toBe(4);
    expect((kinds['uk'] ?? 0) + (kinds['tszh'] ?? 0) + (kinds['zhsk'] ?? 0) + (kinds['tsn'] ?? 0)).toBe(150);
    for (const kind of ['uk', 'tszh', 'zhsk', 'tsn']) expect(kinds[kind]).toBeGreaterThan(0);
    expect(register.heatSources).toHaveLength(80);
    expect(new Set(register.heatSources.map((s) => s.kind))).toEqual(new Set(['boiler_house', 'substation']));
    expect(new Set(register.buildings.map((b) => b.addressKey)).size).toBe(10_500);
  });

  it('uses every street of the list, long streets more, with letters, fractions and корпуса', () => {
    const perStreet = new Map<string, number>();
    for (const b of register.buildings) perStreet.set(`${b.streetType} ${b.streetName}`, (perStreet.get(`${b.streetType} ${b.streetName}`) ?? 0) + 1);
    expect(perStreet.size).toBe(SAMARA_STREETS.length);
    expect(perStreet.get('пр-кт Кирова')).toBeGreaterThan(3 * (perStreet.get('ул. Мяги') ?? 0));
    const share = (test: (house: string, korpus: string) => boolean) =>
      register.buildings.filter((b) => test(b.house, b.korpus)).length / register.buildings.length;
    expect(share((h) => /[АБВГ]$/.test(h))).toBeGreaterThan(0.05);
    expect(share((h) => h.includes('/'))).toBeGreaterThan(0.005);
    expect(share((h) => h.includes('/'))).toBeLessThan(0.05);
    expect(share((_, k) => k !== '')).toBeGreaterThan(0.03);
    expect(Object.keys(STREET_LENGTH)).toHaveLength(SAMARA_STREETS.length);
  });
});

describe('apportion', () => {
  it('splits a total exactly by weight', () => {
    const split = apportion(['a', 'b', 'c'], [1, 1, 2], 10);
    expect([...split.values()].reduce((a, b) => a + b, 0)).toBe(10);
    expect(split.get('c')).toBe(5);
  });
});
