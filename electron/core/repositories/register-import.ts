// Applying checked register rows to the database in one transaction: organisations and heat
// sources are found or created, buildings are matched by ФИАС GUID, else by normalised address,
// and updated (only when something differs) or added. Any conflict with the register already in
// the database (a ФИАС and an address that point at two different houses) is a row error, and
// then nothing is written. Reference data: no ops go to the outbox (the server will own the register).
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { District } from '../../../shared/domain/districts.js';
import {
  heatSourceKind,
  managementOrgKind,
  organisationKey,
  type RegisterRow,
  type RowError,
} from '../../../shared/domain/register-import.js';
import { searchKey } from '../../../shared/domain/search-key.js';
import type { BuildingsRepository } from './buildings.js';

export type ApplyResult =
  | { readonly ok: true; readonly added: number; readonly updated: number; readonly unchanged: number }
  | { readonly ok: false; readonly errors: RowError[] };

interface ExistingBuilding {
  id: string;
  district: District;
  address: string;
  streetType: string;
  streetName: string;
  house: string;
  korpus: string;
  stroenie: string;
  addressKey: string | null;
  fiasGuid: string | null;
  managementOrgId: string | null;
  heatSupplierOrgId: string | null;
  heatSourceId: string | null;
  yearBuilt: number | null;
  floors: number | null;
  flats: number | null;
}

const COMPARED: readonly (keyof ExistingBuilding)[] = [
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

/** Thrown inside the transaction to undo it; carries the reasons out. */
/** The page cache during an import, in KiB as SQLite counts a negative cache_size: 64 MB. */
const IMPORT_CACHE_SIZE = -65_536;

class Rollback extends Error {
  constructor(readonly errors: RowError[]) {
    super('register import rolled back');
  }
}

export class RegisterImportRepository {
  private readonly update: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly buildings: BuildingsRepository,
  ) {
    this.update = db.prepare(`UPDATE buildings SET district = @district, address = @address, search_key = @searchKey,
        street_type = @streetType, street_name = @streetName, house = @house, korpus = @korpus, stroenie = @stroenie,
        address_key = @addressKey, fias_guid = @fiasGuid, management_org_id = @managementOrgId,
        heat_supplier_org_id = @heatSupplierOrgId, heat_source_id = @heatSourceId,
        year_built = @yearBuilt, floors = @floors, flats = @flats, updated_at = @updatedAt
      WHERE id = @id`);
  }

  /** All rows or none: one IMMEDIATE transaction, rolled back when any row conflicts with the register. */
  apply(rows: readonly RegisterRow[], nowMs: number, progress: (done: number) => void): ApplyResult {
    // A big import touches every page of the buildings' indexes: with SQLite's default 2 MB page
    // cache it would keep evicting and re-reading them. A larger cache for this transaction only.
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`);
    try {
      return this.db.transaction(() => this.applyInTransaction(rows, nowMs, progress)).immediate();
    } catch (error) {
      if (error instanceof Rollback) return { ok: false, errors: error.errors };
      throw error;
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  private applyInTransaction(rows: readonly RegisterRow[], nowMs: number, progress: (done: number) => void): ApplyResult & { ok: true } {
    const orgs = this.loadOrganisations();
    const heatSources = this.loadHeatSources();
    const existing = this.loadBuildings();
    const byFias = new Map<string, ExistingBuilding>();
    const byKey = new Map<string, ExistingBuilding>();
    for (const b of existing) {
      if (b.fiasGuid) byFias.set(b.fiasGuid, b);
      if (b.addressKey) byKey.set(b.addressKey, b);
    }

    let added = 0;
    const errors: RowError[] = [];
    const matchedBy = new Map<string, number>();
    let updated = 0;
    let unchanged = 0;

    // New organisations and heat sources are written at once: the buildings updated next refer to them.
    const managementOrgId = (org: NonNullable<RegisterRow['managementOrg']>): string => {
      const key = organisationKey(org.name);
      if (org.inn) {
        const byInn = orgs.byInn.get(org.inn);
        if (byInn) return byInn;
      }
      // By name only when the INNs do not contradict: one with another INN is another organisation.
      const byName = orgs.managersByName.get(key);
      if (byName && (!org.inn || byName.inn === null || byName.inn === org.inn)) return byName.id;
      const id = uuidv7();
      this.buildings.addOrganisations([{ id, kind: managementOrgKind(org.name), name: org.name, inn: org.inn }]);
      if (org.inn) orgs.byInn.set(org.inn, id);
      if (!byName) orgs.managersByName.set(key, { id, inn: org.inn });
      return id;
    };
    const heatSupplierId = (name: string): string => {
      const key = organisationKey(name);
      const found = orgs.suppliersByName.get(key);
      if (found) return found;
      const id = uuidv7();
      this.buildings.addOrganisations([{ id, kind: 'tso', name }]);
      orgs.suppliersByName.set(key, id);
      return id;
    };
    const heatSourceId = (name: string, supplierOrgId: string | null, district: District): string => {
      const key = organisationKey(name);
      const found = heatSources.get(key);
      if (found) return found;
      const id = uuidv7();
      this.buildings.addHeatSources([{ id, kind: heatSourceKind(name), name, supplierOrgId, district }]);
      heatSources.set(key, id);
      return id;
    };

    for (let i = 0; i < rows.length; i++) {
      if (i % 1000 === 0) progress(i);
      const row = rows[i] as RegisterRow;
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
        errors.push({
          row: row.row,
          message: `ФИАС ${row.fiasGuid} в реестре принадлежит дому «${fiasMatch.address}», а адрес «${row.address}» — другому дому${keyMatch.fiasGuid ? ` (ФИАС ${keyMatch.fiasGuid})` : ''}`,
        });
        continue;
      }
      const target = fiasMatch ?? keyMatch;
      if (!target) {
        this.buildings.addBuildings([{ id: uuidv7(), ...values }]);
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
      const next: ExistingBuilding = {
        ...values,
        id: target.id,
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
      this.update.run({ ...next, searchKey: searchKey(next.address), updatedAt: nowMs });
      updated++;
      // Keep the lookups true for the rows that follow.
      if (target.addressKey && target.addressKey !== next.addressKey) byKey.delete(target.addressKey);
      if (next.addressKey) byKey.set(next.addressKey, next);
      if (next.fiasGuid) byFias.set(next.fiasGuid, next);
    }

    if (errors.length > 0) throw new Rollback(errors);
    progress(rows.length);
    return { ok: true, added, updated, unchanged };
  }

  private loadOrganisations() {
    const byInn = new Map<string, string>();
    const managersByName = new Map<string, { id: string; inn: string | null }>();
    const suppliersByName = new Map<string, string>();
    const all = this.db.prepare('SELECT id, kind, name, inn FROM organisations ORDER BY rowid').all() as {
      id: string;
      kind: string;
      name: string;
      inn: string | null;
    }[];
    for (const o of all) {
      const key = organisationKey(o.name);
      if (o.kind === 'tso') {
        if (!suppliersByName.has(key)) suppliersByName.set(key, o.id);
        continue;
      }
      if (o.inn && !byInn.has(o.inn)) byInn.set(o.inn, o.id);
      if (!managersByName.has(key)) managersByName.set(key, { id: o.id, inn: o.inn });
    }
    return { byInn, managersByName, suppliersByName };
  }

  private loadHeatSources(): Map<string, string> {
    const map = new Map<string, string>();
    for (const h of this.db.prepare('SELECT id, name FROM heat_sources ORDER BY rowid').all() as { id: string; name: string }[]) {
      const key = organisationKey(h.name);
      if (!map.has(key)) map.set(key, h.id);
    }
    return map;
  }

  private loadBuildings(): ExistingBuilding[] {
    return this.db
      .prepare(
        `SELECT id, district, address, street_type AS streetType, street_name AS streetName, house, korpus, stroenie,
           address_key AS addressKey, fias_guid AS fiasGuid, management_org_id AS managementOrgId,
           heat_supplier_org_id AS heatSupplierOrgId, heat_source_id AS heatSourceId,
           year_built AS yearBuilt, floors, flats
         FROM buildings`,
      )
      .all() as ExistingBuilding[];
  }
}
