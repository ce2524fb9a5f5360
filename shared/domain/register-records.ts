// The stored fields of the address register — organisations, heat sources and buildings — as the
// workstation's register keeps them (electron/core/repositories/buildings.ts), the demo city
// produces them (shared/demo/register.ts) and a register import writes them.
import type { OrganisationKind } from '../contract/register-schemas.js';
import type { District } from './districts.js';

export interface OrganisationRecord {
  readonly id: string;
  readonly kind: OrganisationKind;
  readonly name: string;
  readonly inn?: string | null;
  readonly phone?: string | null;
  readonly dispatcherPhone?: string | null;
  readonly email?: string | null;
}

export interface HeatSourceRecord {
  readonly id: string;
  readonly kind: 'boiler_house' | 'substation' | 'chp' | 'other';
  readonly name: string;
  readonly supplierOrgId?: string | null;
  readonly district?: District | null;
}

export interface BuildingRecord {
  readonly id: string;
  readonly district: District;
  /** The display address, e.g. «ул. Ново-Садовая, д. 106А». */
  readonly address: string;
  readonly managementOrgId?: string | null;
  /** Normalised parts (shared/domain/address.ts); empty when unknown. */
  readonly streetType?: string;
  readonly streetName?: string;
  readonly house?: string;
  readonly korpus?: string;
  readonly stroenie?: string;
  /** The normalised identity of the address: unique among buildings. */
  readonly addressKey?: string | null;
  readonly fiasGuid?: string | null;
  readonly heatSupplierOrgId?: string | null;
  readonly heatSourceId?: string | null;
  readonly yearBuilt?: number | null;
  readonly floors?: number | null;
  readonly flats?: number | null;
  readonly latitude?: number | null;
  readonly longitude?: number | null;
}

// A record as a table stores it: every field present, an unknown part of an address empty, any
// other unknown value null. Extra fields of a richer record (the demo's) are left out.

export function storedOrganisation(o: OrganisationRecord): Required<OrganisationRecord> {
  return { id: o.id, kind: o.kind, name: o.name, inn: o.inn ?? null, phone: o.phone ?? null, dispatcherPhone: o.dispatcherPhone ?? null, email: o.email ?? null };
}

export function storedHeatSource(h: HeatSourceRecord): Required<HeatSourceRecord> {
  return { id: h.id, kind: h.kind, name: h.name, supplierOrgId: h.supplierOrgId ?? null, district: h.district ?? null };
}

export function storedBuilding(b: BuildingRecord): Required<BuildingRecord> {
  return {
    id: b.id,
    district: b.district,
    address: b.address,
    managementOrgId: b.managementOrgId ?? null,
    streetType: b.streetType ?? '',
    streetName: b.streetName ?? '',
    house: b.house ?? '',
    korpus: b.korpus ?? '',
    stroenie: b.stroenie ?? '',
    addressKey: b.addressKey ?? null,
    fiasGuid: b.fiasGuid ?? null,
    heatSupplierOrgId: b.heatSupplierOrgId ?? null,
    heatSourceId: b.heatSourceId ?? null,
    yearBuilt: b.yearBuilt ?? null,
    floors: b.floors ?? null,
    flats: b.flats ?? null,
    latitude: b.latitude ?? null,
    longitude: b.longitude ?? null,
  };
}
