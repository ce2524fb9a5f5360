// The one writer and reader of `day_closures` (migration 014): a district's day as the sync reducer
// tracks it (shared/sync/apply-day-closure.ts). The local commands of «Закрыть день» apply their op
// with the reducer and write the result here; sync writes the server's record with the pending ops
// replayed over it (repositories/sync.ts). Runs inside the caller's transaction.
import type Database from 'better-sqlite3';
import type { DayClosureRecord } from '../../../shared/sync/apply-day-closure.js';

export class DayClosureRows {
  private readonly upsert: Database.Statement;
  private readonly byId: Database.Statement<[string], { record: string }>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`INSERT INTO day_closures
      (id, district, day, state, comment, signed_by, signed_at, figures, carried_over, return_reason, returned_by, returned_at, record, updated_at)
      VALUES (@id, @district, @day, @state, @comment, @signedBy, @signedAt, @figures, @carriedOver, @returnReason, @returnedBy, @returnedAt, @record, @updatedAt)
      ON CONFLICT(id) DO UPDATE SET state = excluded.state, comment = excluded.comment, signed_by = excluded.signed_by,
        signed_at = excluded.signed_at, figures = excluded.figures, carried_over = excluded.carried_over,
        return_reason = excluded.return_reason, returned_by = excluded.returned_by, returned_at = excluded.returned_at,
        record = excluded.record, updated_at = excluded.updated_at`);
    this.byId = db.prepare('SELECT record FROM day_closures WHERE id = ?');
  }

  /** The record as this workstation shows it now (null: the day is not signed here). */
  get(id: string): DayClosureRecord | null {
    const row = this.byId.get(id);
    return row ? (JSON.parse(row.record) as DayClosureRecord) : null;
  }

  /** Writes the record; returns true (the screens refresh on it). */
  put(record: DayClosureRecord, nowMs: number): boolean {
    const f = record.fields;
    this.upsert.run({
      id: record.id,
      district: record.district,
      day: record.day,
      state: f.state,
      comment: f.comment,
      signedBy: f.signedBy,
      signedAt: f.signedAt,
      figures: f.figures,
      carriedOver: f.carriedOver,
      returnReason: f.returnReason,
      returnedBy: f.returnedBy,
      returnedAt: f.returnedAt,
      record: JSON.stringify(record),
      updatedAt: nowMs,
    });
    return true;
  }
}
