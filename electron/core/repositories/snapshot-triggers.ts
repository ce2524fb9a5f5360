// A snapshot page inserts thousands of appeals; two row triggers on each insert cost more than the
// insert itself (migration 002's «Адреса на контроле», migration 008's pending deadline). While a
// snapshot page is applied they are dropped inside the page's transaction and their effect is
// written once for the page's new appeals, then they are created again from their own stored SQL
// before the transaction commits: nobody ever sees the schema without them (a crash rolls the DROP
// back with the rest), and the tables end exactly as the triggers would have left them:
// - control_addresses: the trigger upserts one row per inserted open appeal (count + 1, earliest
//   receipt and deadline, `on_control_since` of the first one when the row is new); here the same
//   sums and minimums are taken per building in insertion order and upserted once per building.
//   Anything that reads or rewrites control_addresses from the appeals table (the update trigger
//   of an existing appeal, a building's update) first gets what is pending: `flush()`.
// - next_deadline_at/kind: the trigger's own statement (taken from its stored SQL) is run for the
//   page's new open appeals after the page's events are in. The pending deadline of an appeal
//   depends only on its own row and its own check events, and the events' trigger recomputes it on
//   each check event anyway, so once at the end equals once per insert followed by those updates.
// Either trigger not as this code knows it (a later migration changed it): nothing is deferred.
import type Database from 'better-sqlite3';
import { sql as migration002 } from '../db/migrations/002-address-register.js';

const CONTROL_TRIGGER = 'appeals_control_insert';
const DEADLINE_TRIGGER = 'appeals_next_deadline_insert';

/** The statement as a migration declared it (sqlite_master keeps it without the final semicolon). */
function declared(migrationSql: string, trigger: string): string | null {
  const m = new RegExp(`CREATE TRIGGER ${trigger} [\\s\\S]*?\\nEND`).exec(migrationSql);
  return m ? m[0] : null;
}

const CONTROL_SQL = declared(migration002, CONTROL_TRIGGER);

/** The pending-deadline trigger's statement and WHEN condition, if it has the shape this code knows. */
function deadlineStatement(triggerSql: string): { statuses: string; update: string } | null {
  const m = /^CREATE TRIGGER appeals_next_deadline_insert AFTER INSERT ON appeals\s+WHEN NEW\.status IN \(([^)]*)\)\s+BEGIN\s+([\s\S]*?)\s+WHERE id = NEW\.id;\s+END$/.exec(triggerSql);
  if (!m || m[2]?.includes('NEW.')) return null;
  return { statuses: m[1] ?? '', update: m[2] ?? '' };
}

export interface InsertedAppeal {
  readonly id: string;
  readonly buildingId: string;
  readonly status: string;
  readonly receivedAt: number;
  readonly deadlineAt: number;
}

const CLOSED = new Set(['closed', 'rejected', 'duplicate']);

export class DeferredAppealTriggers {
  private pendingControl: InsertedAppeal[] = [];
  private readonly inserted: string[] = [];

  private constructor(
    private readonly db: Database.Database,
    private readonly triggers: readonly { name: string; sql: string }[],
    private readonly deadline: { statuses: string; update: string },
  ) {}

  /** Drops the two insert triggers for the current transaction; null (nothing dropped) if they are not as expected. */
  static begin(db: Database.Database): DeferredAppealTriggers | null {
    const rows = db
      .prepare<[string, string], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?) ORDER BY rowid")
      .all(CONTROL_TRIGGER, DEADLINE_TRIGGER);
    const control = rows.find((r) => r.name === CONTROL_TRIGGER);
    const pending = rows.find((r) => r.name === DEADLINE_TRIGGER);
    if (!control || !pending || CONTROL_SQL === null || control.sql !== CONTROL_SQL) return null;
    const deadline = deadlineStatement(pending.sql);
    if (!deadline) return null;
    for (const r of rows) db.exec(`DROP TRIGGER ${r.name}`);
    return new DeferredAppealTriggers(db, rows, deadline);
  }

  /** An appeal inserted while the triggers are dropped. */
  add(appeal: InsertedAppeal): void {
    this.inserted.push(appeal.id);
    if (!CLOSED.has(appeal.status)) this.pendingControl.push(appeal);
  }

  /** Writes the control rows of the appeals inserted so far, as the trigger would have row by row. */
  flush(): void {
    if (this.pendingControl.length === 0) return;
    const byBuilding = new Map<string, { count: number; oldest: number; nearest: number; since: number }>();
    for (const a of this.pendingControl) {
      const b = byBuilding.get(a.buildingId);
      if (b) {
        b.count++;
        b.oldest = Math.min(b.oldest, a.receivedAt);
        b.nearest = Math.min(b.nearest, a.deadlineAt);
      } else byBuilding.set(a.buildingId, { count: 1, oldest: a.receivedAt, nearest: a.deadlineAt, since: a.receivedAt });
    }
    this.pendingControl = [];
    const upsert = this.db.prepare<[number, number, number, number, string]>(
      `INSERT INTO control_addresses (building_id, district, management_org_id, open_count, oldest_received_at, nearest_deadline_at, on_control_since)
         SELECT b.id, b.district, b.management_org_id, ?, ?, ?, ? FROM buildings b WHERE b.id = ?
       ON CONFLICT (building_id) DO UPDATE SET
         open_count = open_count + excluded.open_count,
         oldest_received_at = min(oldest_received_at, excluded.oldest_received_at),
         nearest_deadline_at = min(nearest_deadline_at, excluded.nearest_deadline_at)`,
    );
    for (const [id, b] of byBuilding) upsert.run(b.count, b.oldest, b.nearest, b.since, id);
  }

  /** The page's rows and events are in: the deferred effects, then the triggers back as they were. */
  finish(): void {
    this.flush();
    if (this.inserted.length > 0) {
      this.db
        .prepare<[string]>(`${this.deadline.update} WHERE id IN (SELECT value FROM json_each(?)) AND status IN (${this.deadline.statuses})`)
        .run(JSON.stringify(this.inserted));
    }
    for (const t of this.triggers) this.db.exec(t.sql);
  }
}
