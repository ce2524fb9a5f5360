import { describe, expect, it } from 'vitest';
import type { RegisterRow } from './register-import.js';
import { RegisterMatcher, type RegisterBuilding, type StoredRegister } from './register-matching.js';

const GUID_A = '0c5b2444-70a0-4932-980c-b4dc0d3f02b5';
const GUID_B = '5f1a2b3c-0000-4000-8000-000000000001';

function row(n: number, address: string, more: Partial<RegisterRow> = {}): RegisterRow {
  return {
    row: n,
    district: 'Советский',
    address: `ул. ${address}`,
    streetType: 'ул.',
    streetName: address.split(',')[0] as string,
    house: address.split('д. ')[1] as string,
    korpus: '',
    stroenie: '',
    addressKey: address.toLowerCase(),
    fiasGuid: null,
    managementOrg: null,
    heatSupplier: null,
    heatSource: null,
    yearBuilt: null,
    floors: null,
    flats: null,
    ...more,
  };
}

type StoredBuilding = RegisterBuilding & { readonly latitude: number | null };

/** The building a row of that address describes, without organisations. */
function fields(address: string): Omit<RegisterBuilding, 'id'> {
  const { district, address: display, streetType, streetName, house, korpus, stroenie, addressKey, fiasGuid, yearBuilt, floors, flats } = row(0, address);
  return { district, address: display, streetType, streetName, house, korpus, stroenie, addressKey, fiasGuid, yearBuilt, floors, flats, managementOrgId: null, heatSupplierOrgId: null, heatSourceId: null };
}

function stored(address: string, more: Partial<StoredBuilding> = {}): StoredBuilding {
  return { id: `b-${address}`, ...fields(address), latitude: 53.2, ...more };
}

function matcher(register: Partial<StoredRegister<StoredBuilding>> = {}) {
  let n = 0;
  return new RegisterMatcher<StoredBuilding>({ organisations: [], heatSources: [], buildings: [], ...register }, () => `new-${++n}`);
}

describe('matching a register file against the stored register', () => {
  it('adds a new building with the organisations and heat source it names, each created once', () => {
    const m = matcher();
    const first = m.plan(row(2, 'Гагарина, д. 1', { managementOrg: { name: 'ТСЖ «Гагарина»', inn: null }, heatSupplier: 'ПАО «Т Плюс»', heatSource: 'Котельная № 5' }));
    expect(first).toEqual({
      newOrganisations: [
        { id: 'new-1', kind: 'tso', name: 'ПАО «Т Плюс»' },
        { id: 'new-2', kind: 'tszh', name: 'ТСЖ «Гагарина»', inn: null },
      ],
      newHeatSources: [{ id: 'new-3', kind: 'boiler_house', name: 'Котельная № 5', supplierOrgId: 'new-1', district: 'Советский' }],
      building: { change: 'add', record: { ...fields('Гагарина, д. 1'), id: 'new-4', managementOrgId: 'new-2', heatSupplierOrgId: 'new-1', heatSourceId: 'new-3' } },
    });
    const second = m.plan(row(3, 'Гагарина, д. 3', { managementOrg: { name: 'тсж "гагарина"', inn: null }, heatSupplier: 'ПАО «Т Плюс»', heatSource: 'котельная № 5' }));
    expect(second).toMatchObject({ newOrganisations: [], newHeatSources: [], building: { change: 'add', record: { managementOrgId: 'new-2', heatSourceId: 'new-3' } } });
    expect([m.added, m.updated, m.unchanged, m.errors]).toEqual([2, 0, 0, []]);
  });

  it('leaves a building that the file repeats as stored, and an empty cell says nothing', () => {
    const m = matcher({ buildings: [stored('Гагарина, д. 1', { floors: 9, fiasGuid: GUID_A })] });
    expect(m.plan(row(2, 'Гагарина, д. 1'))).toEqual({ newOrganisations: [], newHeatSources: [], building: null });
    expect([m.added, m.updated, m.unchanged]).toEqual([0, 0, 1]);
  });

  it('updates a building found by ФИАС, keeping what the file does not say and the fields it does not know', () => {
    const m = matcher({ buildings: [stored('Гагарина, д. 1', { floors: 9, flats: 36, fiasGuid: GUID_A })] });
    expect(m.plan(row(2, 'Гагарина, д. 1а', { fiasGuid: GUID_A, floors: 10 })).building).toEqual({
      change: 'update',
      record: stored('Гагарина, д. 1', { address: 'ул. Гагарина, д. 1а', house: '1а', addressKey: 'гагарина, д. 1а', floors: 10, flats: 36, fiasGuid: GUID_A }),
    });
    expect(m.updated).toBe(1);
    // The lookups follow the update: the new address is that building now, the old one is free.
    expect(m.plan(row(3, 'Гагарина, д. 1а')).building).toBeNull();
    expect(m.errors).toEqual([{ row: 3, message: 'Строка указывает на тот же дом реестра «ул. Гагарина, д. 1а», что и строка 2' }]);
    expect(m.plan(row(4, 'Гагарина, д. 1')).building).toMatchObject({ change: 'add' });
  });

  it('finds an organisation by ИНН, else by name unless the ИНН contradicts; the first stored of a name wins', () => {
    const m = matcher({
      organisations: [
        { id: 'uk-1', kind: 'uk', name: 'ООО «УК Дом»', inn: '6316000001' },
        { id: 'uk-2', kind: 'uk', name: 'ООО «УК Дом»', inn: null },
        { id: 'tso-1', kind: 'tso', name: 'ООО «УК Дом»', inn: null },
      ],
    });
    const orgOf = (n: number, name: string, inn: string | null) => {
      const plan = m.plan(row(n, `Садовая, д. ${n}`, { managementOrg: { name, inn } }));
      return { id: plan.building?.record.managementOrgId, created: plan.newOrganisations.map((o) => o.id) };
    };
    expect(orgOf(2, 'Другое имя', '6316000001')).toEqual({ id: 'uk-1', created: [] });
    expect(orgOf(3, 'ооо "ук дом"', null)).toEqual({ id: 'uk-1', created: [] });
    expect(orgOf(4, 'ООО «УК Дом»', '6316000001')).toEqual({ id: 'uk-1', created: [] });
    const other = orgOf(5, 'ООО «УК Дом»', '6316999999');
    expect(other).toEqual({ id: expect.stringMatching(/^new-/), created: [other.id] });
    expect(orgOf(6, 'ООО «УК Дом»', '6316999999')).toEqual({ id: other.id, created: [] });
  });

  it('refuses a row whose ФИАС and address are two stored houses, or whose address has another ФИАС', () => {
    const m = matcher({ buildings: [stored('Гагарина, д. 1', { fiasGuid: GUID_A }), stored('Гагарина, д. 2', { fiasGuid: GUID_B }), stored('Гагарина, д. 3')] });
    expect(m.plan(row(2, 'Гагарина, д. 2', { fiasGuid: GUID_A })).building).toBeNull();
    expect(m.plan(row(3, 'Гагарина, д. 3', { fiasGuid: GUID_A })).building).toBeNull();
    expect(m.plan(row(4, 'Гагарина, д. 2', { fiasGuid: '11111111-2222-4333-8444-555555555555' })).building).toBeNull();
    expect(m.errors).toEqual([
      { row: 2, message: `ФИАС ${GUID_A} в реестре принадлежит дому «ул. Гагарина, д. 1», а адрес «ул. Гагарина, д. 2» — другому дому (ФИАС ${GUID_B})` },
      { row: 3, message: `ФИАС ${GUID_A} в реестре принадлежит дому «ул. Гагарина, д. 1», а адрес «ул. Гагарина, д. 3» — другому дому` },
      { row: 4, message: `Дом «ул. Гагарина, д. 2» уже есть в реестре с другим ФИАС: ${GUID_B}, в файле — 11111111-2222-4333-8444-555555555555` },
    ]);
    expect([m.added, m.updated, m.unchanged]).toEqual([0, 0, 0]);
  });

  it('names the organisations a refused row would create, so a caller that writes them at once can undo them', () => {
    const m = matcher({ buildings: [stored('Гагарина, д. 1', { fiasGuid: GUID_A }), stored('Гагарина, д. 2')] });
    const plan = m.plan(row(2, 'Гагарина, д. 2', { fiasGuid: GUID_A, heatSupplier: 'ООО «Тепло»' }));
    expect(plan).toEqual({ newOrganisations: [{ id: 'new-1', kind: 'tso', name: 'ООО «Тепло»' }], newHeatSources: [], building: null });
    expect(m.errors).toHaveLength(1);
  });
});
