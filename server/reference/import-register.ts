// The register on the server (the admin CLI's import-register and demo-register): the same rules
// of a register file as the workstation's import (shared/domain/register-import.ts: every row checked,
// all or nothing, each bad row's number and reason), matched against the server's register the same
// way (a building by ФИАС GUID, else by normalised address; organisations by ИНН, else by name; heat
// sources by name), and written through upsertReference, so every workstation receives the change.
import { v7 as uuidv7 } from 'uuid';
import type { GeneratedRegister } from '../../shared/demo/register.js';
import { addressKey, formatAddress, parseAddress } from '../../shared/domain/address.js';
import { storedBuilding, storedHeatSource, storedOrganisation } from '../../shared/domain/register-records.js';
import { RegisterChecker, registerDataRows, type RegisterRow, type RowError } from '../../shared/domain/register-import.js';
import { RegisterMatcher } from '../../shared/domain/register-matching.js';
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
  const table = registerDataRows(read.rows);
  if (!table.ok) return { ok: false, fileError: table.fileError, errors: [] };
  const checker = new RegisterChecker(table.columns, { address: { parse: parseAddress, format: formatAddress, key: addressKey }, year: samaraYear(now) });
  for (const { row, cells } of table.rows) checker.collect(row, cells);
  if (checker.errors.length > 0) return { ok: false, fileError: null, errors: checker.errors };
  const plan = await planImport(db, checker.good);
  if (!plan.ok) return { ok: false, fileError: null, errors: plan.errors };
  await upsertReference(db, { organisations: plan.organisations, heatSources: plan.heatSources, buildings: plan.buildings }, now);
  return { ok: true, rows: table.rows.length, added: plan.added, updated: plan.updated, unchanged: plan.unchanged };
}

interface Plan {
  readonly ok: true;
  readonly organisations: OrganisationData[];
  readonly heatSources: HeatSourceData[];
  readonly buildings: BuildingData[];
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
}

async function planImport(db: Database, rows: readonly RegisterRow[]): Promise<Plan | { ok: false; errors: RowError[] }> {
  const { rows: organisations } = await db.query<{ id: string; kind: string; name: string; inn: string | null }>('SELECT id, kind, name, inn FROM organisations ORDER BY id');
  const { rows: heatSources } = await db.query<{ id: string; name: string }>('SELECT id, name FROM heat_sources ORDER BY id');
  const { rows: buildings } = await db.query<BuildingData>(
    `SELECT id, district, address, street_type AS "streetType", street_name AS "streetName", house, korpus, stroenie,
       address_key AS "addressKey", fias_guid AS "fiasGuid", management_org_id AS "managementOrgId",
       heat_supplier_org_id AS "heatSupplierOrgId", heat_source_id AS "heatSourceId", year_built AS "yearBuilt",
       floors, flats, latitude, longitude FROM buildings`,
  );
  const matcher = new RegisterMatcher({ organisations, heatSources, buildings }, uuidv7);
  const plan: Plan = { ok: true, organisations: [], heatSources: [], buildings: [], added: 0, updated: 0, unchanged: 0 };
  for (const row of rows) {
    const { newOrganisations, newHeatSources, building } = matcher.plan(row);
    plan.organisations.push(...newOrganisations.map(storedOrganisation));
    plan.heatSources.push(...newHeatSources.map(storedHeatSource));
    if (building?.change === 'add') plan.buildings.push(storedBuilding(building.record));
    else if (building?.change === 'update') plan.buildings.push(building.record);
  }
  if (matcher.errors.length > 0) return { ok: false, errors: matcher.errors };
  return { ...plan, added: matcher.added, updated: matcher.updated, unchanged: matcher.unchanged };
}

/** The demo city's register (shared/demo/register.ts), as the server stores it. */
export function demoReference(register: GeneratedRegister): { organisations: OrganisationData[]; heatSources: HeatSourceData[]; buildings: BuildingData[] } {
  return {
    organisations: register.organisations.map(storedOrganisation),
    heatSources: register.heatSources.map(storedHeatSource),
    buildings: register.buildings.map(storedBuilding),
  };
}

export async function loadDemoRegister(db: Database, register: GeneratedRegister, now: number): Promise<ReferenceCounts> {
  return upsertReference(db, demoReference(register), now);
}
