// Bulk loading of the demo's history (LocalStore.seed): each appeal's events as its commands wrote
// them, its version and last change; the mass outages with their buildings, links and events; and
// the addresses' periods on control as the triggers would have kept them live
// (electron/core/demo/control.ts). No outbox ops: a seed is not a user's command.
import type Database from 'better-sqlite3';
import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** An event with its data already as JSON. */
export interface SeedEventRow {
  readonly type: string;
  readonly at: number;
  readonly by: string;
  readonly data: string;
}

/**
 * One appeal's history beyond its row. The events come as columns (type, time, user, JSON data):
 * sent to the DB worker by structured clone, 400,000 small objects would cost seconds.
 */
export interface SeedAppealHistory {
  readonly appealId: string;
  readonly version: number;
  readonly updatedAt: number;
  readonly types: readonly string[];
  readonly ats: readonly number[];
  readonly bys: readonly string[];
  readonly data: readonly string[];
}

export interface SeedIncident {
  readonly id: string;
  readonly number: string;
  readonly scope: 'heat_source' | 'buildings';
  readonly heatSourceId: string | null;
  readonly cause: string;
  readonly startedAt: number;
  readonly plannedRestoreAt: number | null;
  readonly restoredAt: number | null;
  /** Room temperature measured in its buildings, °C (migration 009). */
  readonly roomCelsius: number | null;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly districts: string;
  readonly version: number;
  readonly updatedAt: number;
  readonly buildingIds: readonly string[];
  readonly events: readonly SeedEventRow[];
  /** Appeals linked at registration, and when. */
  readonly appeals: readonly { readonly appealId: string; readonly linkedAt: number }[];
}

export interface SeedControl {
  readonly periods: readonly { readonly buildingId: string; readonly startedAt: number; readonly endedAt: number }[];
  readonly since: readonly { readonly buildingId: string; readonly since: number }[];
}

/** UUIDv7 ids for many events: the random bits from one pool filled at a time, not a system call each. */
class EventIds {
  private readonly pool = new Uint8Array(16 * 8192);
  private offset = this.pool.length;

  next(msecs: number): string {
    if (this.offset + 16 > this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const random = this.pool.subarray(this.offset, this.offset + 16);
    this.offset += 16;
    return uuidv7({ msecs, random });
  }
}

export class DemoSeedRepository {
  private readonly ids = new EventIds();
  private readonly setVersion: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.setVersion = db.prepare('UPDATE appeals SET version = ?, updated_at = ? WHERE id = ?');
  }

  /**
   * A bulk load's random inserts (events are keyed by their own time, spread over the season) thrash
   * SQLite's default 2 MB page cache: the connection that loads the demo keeps a bigger one (up to
   * 256 MB, taken only as pages are read).
   */
  largeCache(): void {
    this.db.pragma('cache_size = -262144');
  }

  private readonly insertMany = new Map<number, Database.Statement>();

  private insertEvents(n: number): Database.Statement {
    let stmt = this.insertMany.get(n);
    if (!stmt) {
      stmt = this.db.prepare(`INSERT INTO appeal_events (id, appeal_id, type, at, by, data) VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`);
      this.insertMany.set(n, stmt);
    }
    return stmt;
  }

  /** An appeal's events in order (before its row, with foreign keys deferred: see LocalStore.seed). */
  events(h: SeedAppealHistory): void {
    // One statement for all of an appeal's events: a few rows per call instead of one.
    const n = h.types.length;
    if (n === 0) return;
    const params: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const at = h.ats[i] as number;
      params.push(this.ids.next(at), h.appealId, h.types[i], at, h.bys[i], h.data[i]);
    }
    this.insertEvents(n).run(params);
  }

  /** After the appeal's row: its version and last change. */
  version(h: SeedAppealHistory): void {
    if (h.version !== 1) this.setVersion.run(h.version, h.updatedAt, h.appealId);
  }

  /** After every appeal they link: the incidents, their buildings, links and events. */
  incidents(list: readonly SeedIncident[]): void {
    const incident = this.db.prepare(`INSERT INTO incidents (id, number, scope, heat_source_id, cause, started_at, planned_restore_at, restored_at,
      created_at, created_by, districts, version, updated_at, room_celsius) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const building = this.db.prepare('INSERT INTO incident_buildings (incident_id, building_id) VALUES (?, ?)');
    const link = this.db.prepare('INSERT INTO appeal_incidents (appeal_id, incident_id, linked_at) VALUES (?, ?, ?)');
    const event = this.db.prepare('INSERT INTO incident_events (id, incident_id, type, at, by, data) VALUES (?, ?, ?, ?, ?, ?)');
    for (const i of list) {
      incident.run(i.id, i.number, i.scope, i.heatSourceId, i.cause, i.startedAt, i.plannedRestoreAt, i.restoredAt, i.createdAt, i.createdBy, i.districts, i.version, i.updatedAt, i.roomCelsius);
      for (const b of i.buildingIds) building.run(i.id, b);
      for (const a of i.appeals) link.run(a.appealId, i.id, a.linkedAt);
      for (const e of i.events) event.run(this.ids.next(e.at), i.id, e.type, e.at, e.by, e.data);
    }
  }

  /** After every appeal: the finished periods on control and since when each open address is on control. */
  control(c: SeedControl): void {
    const period = this.db.prepare('INSERT INTO control_periods (building_id, started_at, ended_at) VALUES (?, ?, ?)');
    const since = this.db.prepare('UPDATE control_addresses SET on_control_since = ? WHERE building_id = ?');
    for (const p of c.periods) period.run(p.buildingId, p.startedAt, p.endedAt);
    for (const s of c.since) since.run(s.since, s.buildingId);
  }
}
