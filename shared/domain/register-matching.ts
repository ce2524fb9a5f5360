// Matching the checked rows of a register file against the register already stored, the same on
// the workstation (SQLite) and on the server (PostgreSQL): a building by ФИАС GUID, else by
// normalised address, then added, updated (only when something differs) or left as it is;
// organisations by ИНН, else by name; heat sources by name. Any conflict with the stored register
// is a row error. The caller reads the stored register, writes what each row's plan says, and
// imports nothing when `errors` is not empty.
import type { District } from './districts.js';
import { heatSourceKind, managementOrgKind, organisationKey, type RegisterRow, type RowError } from './register-import.js';
import type { BuildingRecord, HeatSourceRecord, OrganisationRecord } from './register-records.js';

/** A stored building with the fields an import compares and writes. */
export type RegisterBuilding = Required<Omit<BuildingRecord, 'latitude' | 'longitude'>>;

export interface StoredOrganisation {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly inn: string | null;
}

export interface StoredHeatSource {
  readonly id: string;
  readonly name: string;
}

/** The stored register as the matcher needs it; organisations and heat sources in the order they were stored (the first of a name wins). */
export interface StoredRegister<B extends RegisterBuilding> {
  readonly organisations: readonly StoredOrganisation[];
  readonly heatSources: readonly StoredHeatSource[];
  readonly buildings: readonly B[];
}

/**
 * What one row asks for. New organisations and heat sources come first (the building refers to
 * them), and they are named even for a row that is refused: the import is refused then as a whole.
 */
export interface RowPlan<B extends RegisterBuilding> {
  readonly newOrganisations: readonly OrganisationRecord[];
  readonly newHeatSources: readonly HeatSourceRecord[];
  readonly building: { readonly change: 'add'; readonly record: RegisterBuilding } | { readonly change: 'update'; readonly record: B } | null;
}

const COMPARED: readonly (keyof RegisterBuilding)[] = [
  'district',
  'address',
  'streetType',
  'streetName',
  'house',
  'korpus',
  'stroenie',
  'addressKey',
  'fiasGuid',
  'managementOrgId',
  'heatSupplierOrgId',
  'heatSourceId',
  'yearBuilt',
  'floors',
  'flats',
];

/** Plans rows one at a time, in file order, remembering what earlier rows added and changed. */
export class RegisterMatcher<B extends RegisterBuilding> {
  readonly errors: RowError[] = [];
  added = 0;
  updated = 0;
  unchanged = 0;

  private readonly orgsByInn = new Map<string, string>();
  private readonly managersByName = new Map<string, { id: string; inn: string | null }>();
  private readonly suppliersByName = new Map<string, string>();
  private readonly sourcesByName = new Map<string, string>();
  private readonly byFias = new Map<string, B>();
  private readonly byKey = new Map<string, B>();
  /** The stored building each matched row took, by its id: two rows may not take one house. */
  private readonly matchedBy = new Map<string, number>();

  /** `newId` gives the id of each organisation, heat source and building the import adds. */
  constructor(
    stored: StoredRegister<B>,
    private readonly newId: () => string,
  ) {
    for (const o of stored.organisations) {
      const key = organisationKey(o.name);
      if (o.kind === 'tso') {
        if (!this.suppliersByName.has(key)) this.suppliersByName.set(key, o.id);
        continue;
      }
      if (o.inn && !this.orgsByInn.has(o.inn)) this.orgsByInn.set(o.inn, o.id);
      if (!this.managersByName.has(key)) this.managersByName.set(key, { id: o.id, inn: o.inn });
    }
    for (const h of stored.heatSources) {
      const key = organisationKey(h.name);
      if (!this.sourcesByName.has(key)) this.sourcesByName.set(key, h.id);
    }
    for (const b of stored.buildings) {
      if (b.fiasGuid) this.byFias.set(b.fiasGuid, b);
      if (b.addressKey) this.byKey.set(b.addressKey, b);
    }
  }

  plan(row: RegisterRow): RowPlan<B> {
    const newOrganisations: OrganisationRecord[] = [];
    const newHeatSources: HeatSourceRecord[] = [];
    const plan = (building: RowPlan<B>['building']): RowPlan<B> => ({ newOrganisations, newHeatSources, building });

    const supplierId = row.heatSupplier ? this.heatSupplierId(row.heatSupplier, newOrganisations) : null;
    const values = {
      district: row.district,
      address: row.address,
      streetType: row.streetType,
      streetName: row.streetName,
      house: row.house,
      korpus: row.korpus,
      stroenie: row.stroenie,
      addressKey: row.addressKey,
      fiasGuid: row.fiasGuid,
      managementOrgId: row.managementOrg ? this.managementOrgId(row.managementOrg, newOrganisations) : null,
      heatSupplierOrgId: supplierId,
      heatSourceId: row.heatSource ? this.heatSourceId(row.heatSource, supplierId, row.district, newHeatSources) : null,
      yearBuilt: row.yearBuilt,
      floors: row.floors,
      flats: row.flats,
    };

    const fiasMatch = row.fiasGuid ? this.byFias.get(row.fiasGuid) : undefined;
    const keyMatch = this.byKey.get(row.addressKey);
    if (fiasMatch && keyMatch && fiasMatch !== keyMatch) {
      this.errors.push({
        row: row.row,
        message: `ФИАС ${row.fiasGuid} в реестре принадлежит дому «${fiasMatch.address}», а адрес «${row.address}» — другому дому${keyMatch.fiasGuid ? ` (ФИАС ${keyMatch.fiasGuid})` : ''}`,
      });
      return plan(null);
    }
    const target = fiasMatch ?? keyMatch;
    if (!target) {
      this.added++;
      return plan({ change: 'add', record: { id: this.newId(), ...values } });
    }
    if (!fiasMatch && target.fiasGuid && row.fiasGuid && target.fiasGuid !== row.fiasGuid) {
      this.errors.push({ row: row.row, message: `Дом «${row.address}» уже есть в реестре с другим ФИАС: ${target.fiasGuid}, в файле — ${row.fiasGuid}` });
      return plan(null);
    }
    const earlier = this.matchedBy.get(target.id);
    if (earlier !== undefined) {
      this.errors.push({ row: row.row, message: `Строка указывает на тот же дом реестра «${target.address}», что и строка ${earlier}` });
      return plan(null);
    }
    this.matchedBy.set(target.id, row.row);

    // An empty cell, or a column the file does not have, says nothing: the building keeps what it had.
    const next: B = {
      ...target,
      ...values,
      fiasGuid: values.fiasGuid ?? target.fiasGuid,
      managementOrgId: values.managementOrgId ?? target.managementOrgId,
      heatSupplierOrgId: values.heatSupplierOrgId ?? target.heatSupplierOrgId,
      heatSourceId: values.heatSourceId ?? target.heatSourceId,
      yearBuilt: values.yearBuilt ?? target.yearBuilt,
      floors: values.floors ?? target.floors,
      flats: values.flats ?? target.flats,
    };
    if (COMPARED.every((k) => next[k] === target[k])) {
      this.unchanged++;
      return plan(null);
    }
    this.updated++;
    // Keep the lookups true for the rows that follow.
    if (target.addressKey && target.addressKey !== next.addressKey) this.byKey.delete(target.addressKey);
    if (next.addressKey) this.byKey.set(next.addressKey, next);
    if (next.fiasGuid) this.byFias.set(next.fiasGuid, next);
    return plan({ change: 'update', record: next });
  }

  private managementOrgId(org: NonNullable<RegisterRow['managementOrg']>, added: OrganisationRecord[]): string {
    if (org.inn) {
      const byInn = this.orgsByInn.get(org.inn);
      if (byInn) return byInn;
    }
    // By name only when the INNs do not contradict: one with another INN is another organisation.
    const key = organisationKey(org.name);
    const byName = this.managersByName.get(key);
    if (byName && (!org.inn || byName.inn === null || byName.inn === org.inn)) return byName.id;
    const id = this.newId();
    added.push({ id, kind: managementOrgKind(org.name), name: org.name, inn: org.inn });
    if (org.inn) this.orgsByInn.set(org.inn, id);
    if (!byName) this.managersByName.set(key, { id, inn: org.inn });
    return id;
  }

  private heatSupplierId(name: string, added: OrganisationRecord[]): string {
    const key = organisationKey(name);
    const found = this.suppliersByName.get(key);
    if (found) return found;
    const id = this.newId();
    added.push({ id, kind: 'tso', name });
    this.suppliersByName.set(key, id);
    return id;
  }

  private heatSourceId(name: string, supplierOrgId: string | null, district: District, added: HeatSourceRecord[]): string {
    const key = organisationKey(name);
    const found = this.sourcesByName.get(key);
    if (found) return found;
    const id = this.newId();
    added.push({ id, kind: heatSourceKind(name), name, supplierOrgId, district });
    this.sourcesByName.set(key, id);
    return id;
  }
}
