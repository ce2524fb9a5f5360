// The outbox: each local command's op, written in the same transaction as its effect, for the sync
// client to push in device sequence order.
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { SCHEMA_VERSION, type Op, type OpCommand } from '../../../shared/sync/op.js';
import type { DeviceRepository } from './device.js';

export interface OpDraft<P> {
  readonly command: OpCommand;
  readonly entityType: Op['entityType'];
  readonly entityId: string;
  readonly baseVersion: number;
  readonly userId: string;
  readonly payload: P;
}

/** An outbox row's columns as an op carries them. */
export interface OutboxRow {
  op_id: string;
  device_id: string;
  device_seq: number;
  hlc: string;
  user_id: string;
  entity_type: Op['entityType'];
  entity_id: string;
  base_version: number;
  schema_version: number;
  command: OpCommand;
  payload: string;
}

export class OutboxRepository {
  private readonly insert: Database.Statement;
  private readonly pendingStmt: Database.Statement<[number], OutboxRow>;

  constructor(db: Database.Database, private readonly device: DeviceRepository) {
    this.insert = db.prepare(`INSERT INTO outbox
      (device_seq, op_id, device_id, hlc, user_id, entity_type, entity_id, base_version, schema_version, command, payload, created_at)
      VALUES (@deviceSeq, @opId, @deviceId, @hlc, @userId, @entityType, @entityId, @baseVersion, @schemaVersion, @command, @payload, @createdAt)`);
    this.pendingStmt = db.prepare(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY device_seq LIMIT ?`);
  }

  /** Appends the op of a command; must run inside the command's transaction. */
  append<P>(draft: OpDraft<P>, nowMs: number): Op<P> {
    const op: Op<P> = {
      opId: uuidv7({ msecs: nowMs }),
      deviceId: this.device.deviceId,
      deviceSeq: this.device.nextCounter('device_seq'),
      hlc: this.device.nextHlc(nowMs),
      userId: draft.userId,
      entityType: draft.entityType,
      entityId: draft.entityId,
      baseVersion: draft.baseVersion,
      schemaVersion: SCHEMA_VERSION,
      command: draft.command,
      payload: draft.payload,
    };
    this.insert.run({ ...op, payload: JSON.stringify(op.payload), createdAt: nowMs });
    return op;
  }

  pending(limit: number): Op[] {
    return this.pendingStmt.all(limit).map(opFromRow);
  }
}

/** The op an outbox row holds. */
export function opFromRow(row: OutboxRow): Op {
  return {
    opId: row.op_id,
    deviceId: row.device_id,
    deviceSeq: row.device_seq,
    hlc: row.hlc,
    userId: row.user_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    baseVersion: row.base_version,
    schemaVersion: row.schema_version,
    command: row.command,
    payload: JSON.parse(row.payload) as unknown,
  };
}
