// Address search in the DB worker: the in-memory index (search/address-index.ts) built from the
// buildings table, and kept fresh by a counter that triggers move on every change to buildings
// (migration 3), so an import by this process or another one is seen at the next search.
import type Database from 'better-sqlite3';
import type { BuildingHit } from '../../../shared/contract/schemas.js';
import { parseAddress, streetTypeOf } from '../../../shared/domain/address.js';
import type { District } from '../../../shared/domain/districts.js';
import { AddressIndex, type AddressIndexEntry } from '../search/address-index.js';

interface BuildingSearchRow {
  id: string;
  district: District;
  address: string;
  managementOrg: string | null;
  streetType: string;
  streetName: string;
  house: string;
  korpus: string;
  stroenie: string;
}

/** An address naming a settlement («пос. Управленческий, ул. …»): its parts columns do not hold it. */
const SETTLEMENT_HINT = /(^|[\s,])(пос|п|пгт|пос[её]лок)(\.|\s)/i;

export class AddressSearchRepository {
  private readonly version: Database.Statement<[], { v: number }>;
  private readonly rows: Database.Statement<[], BuildingSearchRow>;
  private index: AddressIndex | null = null;
  private indexedVersion = -1;

  constructor(db: Database.Database) {
    this.version = db.prepare('SELECT buildings_version AS v FROM address_index_state WHERE id = 1');
    this.rows = db.prepare(`SELECT b.id, b.district, b.address, o.name AS managementOrg, b.street_type AS streetType,
        b.street_name AS streetName, b.house, b.korpus, b.stroenie
      FROM buildings b LEFT JOIN organisations o ON o.id = b.management_org_id`);
  }

  search(query: string, limit: number): BuildingHit[] {
    return this.fresh().search(query, limit);
  }

  /** Rebuilds the index now (after an import), so that the next keystroke does not wait for it. */
  refresh(): { buildings: number; ms: number } {
    const started = performance.now();
    const index = this.rebuild();
    return { buildings: index.size, ms: Math.round(performance.now() - started) };
  }

  private fresh(): AddressIndex {
    const version = this.version.get()?.v ?? 0;
    if (this.index === null || version !== this.indexedVersion) return this.rebuild();
    return this.index;
  }

  private rebuild(): AddressIndex {
    // Read the counter first: a change committed while the rows are read triggers one more rebuild.
    const version = this.version.get()?.v ?? 0;
    const entries = this.rows.all().map(toEntry);
    this.index = new AddressIndex(entries);
    this.indexedVersion = version;
    return this.index;
  }
}

/** The parts columns when the import filled them; otherwise the display address, parsed. */
function toEntry(row: BuildingSearchRow): AddressIndexEntry {
  const base = { id: row.id, address: row.address, district: row.district, managementOrg: row.managementOrg };
  if (row.streetName !== '' && row.house !== '' && !SETTLEMENT_HINT.test(row.address)) {
    return {
      ...base,
      streetType: streetTypeOf(row.streetType),
      streetName: row.streetName,
      house: row.house,
      korpus: row.korpus,
      stroenie: row.stroenie,
    };
  }
  const parsed = parseAddress(row.address);
  if (parsed.ok) {
    const { streetType, streetName, settlement, house, korpus, stroenie } = parsed.address;
    return { ...base, streetType, streetName, settlement, house, korpus, stroenie };
  }
  // Unreadable as an address: still findable by its words.
  return { ...base, streetType: null, streetName: row.address, house: '', korpus: '', stroenie: '' };
}
