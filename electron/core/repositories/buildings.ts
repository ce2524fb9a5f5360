// The address register: insert buildings, organisations and heat sources, look them up. Address
// search is repositories/address-search.ts.
import type Database from 'better-sqlite3';
import type { Building, Organisation, OrganisationKind } from '../../../shared/contract/register-schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import {
  storedBuilding,
  storedHeatSource,
  storedOrganisation,
  type BuildingRecord,
  type HeatSourceRecord,
  type OrganisationRecord,
} from '../../../shared/domain/register-records.js';
import { SAMARA_OFFSET_MS } from '../../../shared/domain/samara-time.js';
import { searchKey } from '../../../shared/domain/search-key.js';

export interface BuildingRow {
  id: string;
  district: District;
  address: string;
  managementOrg: string | null;
  managementOrgId: string | null;
}

type BuildingDetailsRow = Omit<Building, 'heatSource'> & {
  managementOrgId: string | null;
  heatSupplierOrgId: string | null;
  heatSourceId: string | null;
  heatSourceKind: NonNullable<Building['heatSource']>['kind'] | null;
  heatSourceName: string | null;
};

export class BuildingsRepository {
  private readonly insertOrg: Database.Statement;
  private readonly insertBuilding: Database.Statement;
  private readonly insertHeatSource: Database.Statement;
  private readonly byId: Database.Statement<[string], BuildingRow>;

  constructor(private readonly db: Database.Database) {
    this.insertOrg = db.prepare(`INSERT INTO organisations (id, kind, name, inn, phone, dispatcher_phone, email)
      VALUES (@id, @kind, @name, @inn, @phone, @dispatcherPhone, @email)`);
    this.insertBuilding = db.prepare(`INSERT INTO buildings (id, district, address, search_key, management_org_id,
        street_type, street_name, house, korpus, stroenie, address_key, fias_guid, heat_supplier_org_id, heat_source_id,
        year_built, floors, flats, latitude, longitude)
      VALUES (@id, @district, @address, @searchKey, @managementOrgId,
        @streetType, @streetName, @house, @korpus, @stroenie, @addressKey, @fiasGuid, @heatSupplierOrgId, @heatSourceId,
        @yearBuilt, @floors, @flats, @latitude, @longitude)`);
    this.insertHeatSource = db.prepare(`INSERT INTO heat_sources (id, kind, name, supplier_org_id, district)
      VALUES (@id, @kind, @name, @supplierOrgId, @district)`);
    this.byId = db.prepare(`SELECT b.id, b.district, b.address, o.name AS managementOrg, b.management_org_id AS managementOrgId
      FROM buildings b LEFT JOIN organisations o ON o.id = b.management_org_id WHERE b.id = ?`);
  }

  addOrganisations(rows: readonly OrganisationRecord[]): void {
    for (const r of rows) this.insertOrg.run(storedOrganisation(r));
  }

  addHeatSources(rows: readonly HeatSourceRecord[]): void {
    for (const r of rows) this.insertHeatSource.run(storedHeatSource(r));
  }

  addBuildings(rows: readonly BuildingRecord[]): void {
    for (const r of rows) this.insertBuilding.run({ ...storedBuilding(r), searchKey: searchKey(r.address) });
  }

  get(id: string): BuildingRow | undefined {
    return this.byId.get(id);
  }

  /** The building with its organisations, for the address card. */
  details(id: string): { building: Building; managementOrgId: string | null; heatSupplierOrgId: string | null } | undefined {
    const row = this.db
      .prepare<[string], BuildingDetailsRow>(
        `SELECT b.id, b.district, b.address, b.street_type AS streetType, b.street_name AS streetName, b.house, b.korpus, b.stroenie,
           b.fias_guid AS fiasGuid, b.year_built AS yearBuilt, b.floors, b.flats, b.latitude, b.longitude,
           coalesce(hs.status, 'unknown') AS heatingStatus,
           (CAST(strftime('%s', hs.status_date) AS INTEGER) * 1000 - ${SAMARA_OFFSET_MS}) AS heatingStatusAt,
           b.management_org_id AS managementOrgId, b.heat_supplier_org_id AS heatSupplierOrgId,
           h.id AS heatSourceId, h.kind AS heatSourceKind, h.name AS heatSourceName
         FROM buildings b LEFT JOIN heat_sources h ON h.id = b.heat_source_id
         LEFT JOIN heating_statuses hs ON hs.building_id = b.id WHERE b.id = ?`,
      )
      .get(id);
    if (!row) return undefined;
    const { managementOrgId, heatSupplierOrgId, heatSourceId, heatSourceKind, heatSourceName, ...building } = row;
    return {
      building: {
        ...building,
        heatSource: heatSourceId && heatSourceKind && heatSourceName ? { id: heatSourceId, kind: heatSourceKind, name: heatSourceName } : null,
      },
      managementOrgId,
      heatSupplierOrgId,
    };
  }

  organisation(id: string | null): Organisation | null {
    if (!id) return null;
    return (
      this.db
        .prepare<[string], Organisation>(
          'SELECT id, kind, name, inn, phone, dispatcher_phone AS dispatcherPhone, email FROM organisations WHERE id = ?',
        )
        .get(id) ?? null
    );
  }

  /** Organisations, by name; limited to kinds and to those managing buildings in a district when asked. */
  organisations(kinds: readonly OrganisationKind[] | undefined, district: District | undefined): Organisation[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (kinds && kinds.length > 0) {
      where.push(`o.kind IN (${kinds.map(() => '?').join(', ')})`);
      params.push(...kinds);
    }
    if (district) {
      where.push('EXISTS (SELECT 1 FROM buildings b WHERE b.district = ? AND (b.management_org_id = o.id OR b.heat_supplier_org_id = o.id))');
      params.push(district);
    }
    return this.db
      .prepare<unknown[], Organisation>(
        `SELECT o.id, o.kind, o.name, o.inn, o.phone, o.dispatcher_phone AS dispatcherPhone, o.email FROM organisations o
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.name`,
      )
      .all(...params);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM buildings').get() as { n: number }).n;
  }
}
