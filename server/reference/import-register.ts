// The register on the server (the admin CLI's import-register and demo-register): the same rules
// of a register file as the workstation's import (shared/domain/register-import.ts: every row checked,
// all or nothing, each bad row's number and reason), matched against the server's register the same
// way (a building by ФИАС GUID, else by normalised address; organisations by ИНН, else by name; heat
// sources by name), and written through upsertReference, so every workstation receives the change.
import { v7 as uuidv7 } from 'uuid';
import type { GeneratedRegister } from '../../shared/demo/register.js';
import { addressKey, formatAddress, parseAddress } from '../../shared/domain/address.js';
import type { District } from '../../shared/domain/districts.js';
import type { BuildingRecord, HeatSourceRecord, OrganisationRecord } from '../../shared/domain/register-records.js';
import {
  findHeader,
  heatSourceKind,
  isBlankRow,
  managementOrgKind,
  organisationKey,
  RegisterChecker,
  type RegisterRow,
  type RowError,
} from '../../shared/domain/register-import.js';
import { samaraYear } from '../../shared/domain/samara-time.js';
import type { Database } from '../db/database.js';
import { upsertReference, type BuildingData, type HeatSourceData, type OrganisationData, type ReferenceCounts } from '../sync/reference.js';
import { readRegisterBytes } from './register-file.js';

export type RegisterImportResult =
  | { readonly ok: true; readonly rows: number; readonly added: number; readonly updated: number; readonly unchanged: number }
  | { readonly ok: false; readonly fileError: string | null; readonly errors: readonly RowError[] };

export async function importRegisterFile(db: Database, bytes: Uint8Array, now: number): Promise<RegisterImportResult> {
  const read = await readRegisterBytes(bytes);
  if (!read.ok) return { ok: false, fileError: read.fileError, errors: [] };
  const header = findHeader(read.rows);
  if (!header.ok) return { ok: false, fileError: header.message, errors: [] };
  const data = read.rows.slice(header.index + 1).filter((r) => !isBlankRow(r.cells));
  if (data.length === 0) return { ok: false, fileError: 'В файле нет ни одной строки с домом: только заголовок', errors: [] };
  const checker = new RegisterChecker(header.columns, { address: { parse: parseAddress, format: formatAddress, key: addressKey }, year: samaraYear(now) });
  const good: RegisterRow[] = [];
  const errors: RowError[] = [];
  for (const { row, cells } of data) {
    const checked = checker.check(row, cells);
    if (checked.ok) good.push(checked.value);
    else errors.push(checked.error);
  }
  if (errors.length > 0) return { ok: false, fileError: null, errors };
  const plan = await planImport(db, good);
  if (!plan.ok) return { ok: false, fileError: null, errors: plan.errors };
  await upsertReference(db, { organisations: plan.organisations, heatSources: plan.heatSources, buildings: plan.buildings }, now);
  return { ok: true, rows: data.length, added: plan.added, updated: plan.updated, unchanged: plan.unchanged };
}

type Existing = BuildingData;

interface Plan {
  readonly ok: true;
  readonly organisations: OrganisationData[];
  readonly heatSources: HeatSourceData[];
  readonly buildings: BuildingData[];
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
}

const COMPARED: readonly (keyof Existing)[] = [
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

async function planImport(db: Database, rows: readonly RegisterRow[]): Promise<Plan | { ok: false; errors: RowError[] }> {
  const { rows: orgRows } = await db.query<{ id: string; kind: string; name: string; inn: string | null }>('SELECT id, kind, name, inn FROM organisations ORDER BY id');
  const byInn = new Map<string, string>();
  const managersByName = new Map<string, { id: string; inn: string | null }>();
  const suppliersByName = new Map<string, string>();
  for (const o of orgRows) {
    const key = organisationKey(o.name);
    if (o.kind === 'tso') {
      if (!suppliersByName.has(key)) suppliersByName.set(key, o.id);
      continue;
    }
    if (o.inn && !byInn.has(o.inn)) byInn.set(o.inn, o.id);
    if (!managersByName.has(key)) managersByName.set(key, { id: o.id, inn: o.inn });
  }
  const { rows: sourceRows } = await db.query<{ id: string; name: string }>('SELECT id, name FROM heat_sources ORDER BY id');
  const sourcesByName = new Map<string, string>();
  for (const h of sourceRows) if (!sourcesByName.has(organisationKey(h.name))) sourcesByName.set(organisationKey(h.name), h.id);
  const { rows: buildingRows } = await db.query<Record<string, unknown>>(
    `SELECT id, district, address, street_type AS "streetType", street_name AS "streetName", house, korpus, stroenie,
       address_key AS "addressKey", fias_guid AS "fiasGuid", management_org_id AS "managementOrgId",
       heat_supplier_org_id AS "heatSupplierOrgId", heat_source_id AS "heatSourceId", year_built AS "yearBuilt",
       floors, flats, latitude, longitude FROM buildings`,
  );
  const byFias = new Map<string, Existing>();
  const byKey = new Map<string, Existing>();
  for (const b of buildingRows as unknown as Existing[]) {
    if (b.fiasGuid) byFias.set(b.fiasGuid, b);
    if (b.addressKey) byKey.set(b.addressKey, b);
  }

  const organisations: OrganisationData[] = [];
  const heatSources: HeatSourceData[] = [];
  const buildings: BuildingData[] = [];
  const errors: RowError[] = [];
  const matchedBy = new Map<string, number>();
  let added = 0;
  let updated = 0;
  let unchanged = 0;

  const managementOrgId = (org: NonNullable<RegisterRow['managementOrg']>): string => {
    if (org.inn) {
      const found = byInn.get(org.inn);
      if (found) return found;
    }
    const key = organisationKey(org.name);
    const byName = managersByName.get(key);
    if (byName && (!org.inn || byName.inn === null || byName.inn === org.inn)) return byName.id;
    const id = uuidv7();
    organisations.push({ id, kind: managementOrgKind(org.name), name: org.name, inn: org.inn, phone: null, dispatcherPhone: null, email: null });
    if (org.inn) byInn.set(org.inn, id);
    if (!byName) managersByName.set(key, { id, inn: org.inn });
    return id;
  };
  const heatSupplierId = (name: string): string => {
    const key = organisationKey(name);
    const found = suppliersByName.get(key);
    if (found) return found;
    const id = uuidv7();
    organisations.push({ id, kind: 'tso', name, inn: null, phone: null, dispatcherPhone: null, email: null });
    suppliersByName.set(key, id);
    return id;
  };
  const heatSourceId = (name: string, supplierOrgId: string | null, district: District): string => {
    const key = organisationKey(name);
    const found = sourcesByName.get(key);
    if (found) return found;
    const id = uuidv7();
    heatSources.push({ id, kind: heatSourceKind(name), name, supplierOrgId, district });
    sourcesByName.set(key, id);
    return id;
  };

  for (const row of rows) {
    const supplierId = row.heatSupplier ? heatSupplierId(row.heatSupplier) : null;
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
      managementOrgId: row.managementOrg ? managementOrgId(row.managementOrg) : null,
      heatSupplierOrgId: supplierId,
      heatSourceId: row.heatSource ? heatSourceId(row.heatSource, supplierId, row.district) : null,
      yearBuilt: row.yearBuilt,
      floors: row.floors,
      flats: row.flats,
    };
    const fiasMatch = row.fiasGuid ? byFias.get(row.fiasGuid) : undefined;
    const keyMatch = byKey.get(row.addressKey);
    if (fiasMatch && keyMatch && fiasMatch !== keyMatch) {
      errors.push({ row: row.row, message: `ФИАС ${row.fiasGuid} в реестре принадлежит дому «${fiasMatch.address}», а адрес «${row.address}» — другому дому` });
      continue;
    }
    const target = fiasMatch ?? keyMatch;
    if (!target) {
      buildings.push({ id: uuidv7(), ...values, latitude: null, longitude: null });
      added++;
      continue;
    }
    if (!fiasMatch && target.fiasGuid && row.fiasGuid && target.fiasGuid !== row.fiasGuid) {
      errors.push({ row: row.row, message: `Дом «${row.address}» уже есть в реестре с другим ФИАС: ${target.fiasGuid}, в файле — ${row.fiasGuid}` });
      continue;
    }
    const earlier = matchedBy.get(target.id);
    if (earlier !== undefined) {
      errors.push({ row: row.row, message: `Строка указывает на тот же дом реестра «${target.address}», что и строка ${earlier}` });
      continue;
    }
    matchedBy.set(target.id, row.row);
    // An empty cell, or a column the file does not have, says nothing: the building keeps what it had.
    const next: Existing = {
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
      unchanged++;
      continue;
    }
    buildings.push(next);
    updated++;
    if (target.addressKey && target.addressKey !== next.addressKey) byKey.delete(target.addressKey);
    if (next.addressKey) byKey.set(next.addressKey, next);
    if (next.fiasGuid) byFias.set(next.fiasGuid, next);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, organisations, heatSources, buildings, added, updated, unchanged };
}

/** The demo city's register (shared/demo/register.ts), as the server stores it. */
export function demoReference(register: GeneratedRegister): { organisations: OrganisationData[]; heatSources: HeatSourceData[]; buildings: BuildingData[] } {
  const organisation = (o: OrganisationRecord): OrganisationData => ({
    id: o.id,
    kind: o.kind,
    name: o.name,
    inn: o.inn ?? null,
    phone: o.phone ?? null,
    dispatcherPhone: o.dispatcherPhone ?? null,
    email: o.email ?? null,
  });
  const heatSource = (h: HeatSourceRecord): HeatSourceData => ({ id: h.id, kind: h.kind, name: h.name, supplierOrgId: h.supplierOrgId ?? null, district: h.district ?? null });
  const building = (b: BuildingRecord): BuildingData => ({
    id: b.id,
    district: b.district,
    address: b.address,
    streetType: b.streetType ?? '',
    streetName: b.streetName ?? '',
    house: b.house ?? '',
    korpus: b.korpus ?? '',
    stroenie: b.stroenie ?? '',
    addressKey: b.addressKey ?? null,
    fiasGuid: b.fiasGuid ?? null,
    managementOrgId: b.managementOrgId ?? null,
    heatSupplierOrgId: b.heatSupplierOrgId ?? null,
    heatSourceId: b.heatSourceId ?? null,
    yearBuilt: b.yearBuilt ?? null,
    floors: b.floors ?? null,
    flats: b.flats ?? null,
    latitude: b.latitude ?? null,
    longitude: b.longitude ?? null,
  });
  return {
    organisations: register.organisations.map(organisation),
    heatSources: register.heatSources.map(heatSource),
    buildings: register.buildings.map(building),
  };
}

export async function loadDemoRegister(db: Database, register: GeneratedRegister, now: number): Promise<ReferenceCounts> {
  return upsertReference(db, demoReference(register), now);
}
