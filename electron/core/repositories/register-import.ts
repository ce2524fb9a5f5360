// Applying checked register rows to the database in one transaction: organisations and heat
// sources are found or created, buildings are matched by ФИАС GUID, else by normalised address,
// and updated (only when something differs) or added (the rules: shared/domain/register-matching.ts,
// the server's import uses them too). Any conflict with the register already in
// the database (a ФИАС and an address that point at two different houses) is a row error, and
// then nothing is written. Reference data: no ops go to the outbox (the server will own the register).
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { RegisterRow, RowError } from '../../../shared/domain/register-import.js';
import { RegisterMatcher, type RegisterBuilding, type StoredHeatSource, type StoredOrganisation } from '../../../shared/domain/register-matching.js';
import { searchKey } from '../../../shared/domain/search-key.js';
import type { BuildingsRepository } from './buildings.js';

export type ApplyResult =
  | { readonly ok: true; readonly added: number; readonly updated: number; readonly unchanged: number }
  | { readonly ok: false; readonly errors: RowError[] };

/** The page cache during an import, in KiB as SQLite counts a negative cache_size: 64 MB. */
const IMPORT_CACHE_SIZE = -65_536;

/** Thrown inside the transaction to undo it; carries the reasons out. */
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
    const matcher = new RegisterMatcher(
      {
        organisations: this.db.prepare('SELECT id, kind, name, inn FROM organisations ORDER BY rowid').all() as StoredOrganisation[],
        heatSources: this.db.prepare('SELECT id, name FROM heat_sources ORDER BY rowid').all() as StoredHeatSource[],
        buildings: this.loadBuildings(),
      },
      uuidv7,
    );
    for (let i = 0; i < rows.length; i++) {
      if (i % 1000 === 0) progress(i);
      const { newOrganisations, newHeatSources, building } = matcher.plan(rows[i] as RegisterRow);
      // Written at once: the buildings of this row and of the rows that follow refer to them.
      this.buildings.addOrganisations(newOrganisations);
      this.buildings.addHeatSources(newHeatSources);
      if (building?.change === 'add') this.buildings.addBuildings([building.record]);
      else if (building?.change === 'update') this.update.run({ ...building.record, searchKey: searchKey(building.record.address), updatedAt: nowMs });
    }
    if (matcher.errors.length > 0) throw new Rollback(matcher.errors);
    progress(rows.length);
    return { ok: true, added: matcher.added, updated: matcher.updated, unchanged: matcher.unchanged };
  }

  private loadBuildings(): RegisterBuilding[] {
    return this.db
      .prepare(
        `SELECT id, district, address, street_type AS streetType, street_name AS streetName, house, korpus, stroenie,
           address_key AS addressKey, fias_guid AS fiasGuid, management_org_id AS managementOrgId,
           heat_supplier_org_id AS heatSupplierOrgId, heat_source_id AS heatSourceId,
           year_built AS yearBuilt, floors, flats
         FROM buildings`,
      )
      .all() as RegisterBuilding[];
  }
}
