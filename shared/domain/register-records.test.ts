import { describe, expect, it } from 'vitest';
import { storedBuilding, storedHeatSource, storedOrganisation } from './register-records.js';

describe('a register record as a table stores it', () => {
  it('has every field: an unknown address part empty, any other unknown value null', () => {
    expect(storedOrganisation({ id: 'o1', kind: 'tso', name: 'ПАО «Т Плюс»' })).toEqual({
      id: 'o1',
      kind: 'tso',
      name: 'ПАО «Т Плюс»',
      inn: null,
      phone: null,
      dispatcherPhone: null,
      email: null,
    });
    expect(storedHeatSource({ id: 'h1', kind: 'substation', name: 'ЦТП-12' })).toEqual({ id: 'h1', kind: 'substation', name: 'ЦТП-12', supplierOrgId: null, district: null });
    const building = storedBuilding({ id: 'b1', district: 'Советский', address: 'ул. Гагарина, д. 1', house: '1', floors: 9 });
    expect(building).toMatchObject({ streetType: '', streetName: '', house: '1', korpus: '', stroenie: '', addressKey: null, floors: 9, flats: null, latitude: null });
    expect(Object.values(building)).not.toContain(undefined);
  });

  it('leaves out the fields of a richer record, such as the demo city’s', () => {
    const demo = { id: 'b2', district: 'Ленинский' as const, address: 'ул. Садовая, д. 5', entrances: 4, appealWeight: 2 };
    expect(Object.keys(storedBuilding(demo))).not.toContain('entrances');
    expect(Object.keys(storedBuilding(demo))).toHaveLength(18);
  });
});
