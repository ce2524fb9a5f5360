// Sync as the screens see it: the status in the app frame, «Синхронизировать сейчас», the conflicts
// list (docs/sync-protocol.md §5) and the ops the server rejected (§2: never dropped, shown with
// the reason and what the user can do).
import { z } from 'zod';

export const syncProgressSchema = z.strictObject({
  stage: z.enum(['push', 'pull', 'snapshot']),
  /** Ops sent, changes pulled, or snapshot sections done. */
  done: z.number().int().min(0),
  /** null when not known ahead (pull). */
  total: z.number().int().min(0).nullable(),
});

export const syncErrorInfoSchema = z.strictObject({
  /** Plain Russian: what went wrong. */
  message: z.string(),
  /** Plain Russian: what the user can do. */
  userAction: z.string(),
  at: z.number().int(),
});

export const syncStatusSchema = z.strictObject({
  /**
   * standalone: no server, nothing syncs; signed_out: connected but nobody logged in online;
   * online: the last exchange with the server worked; offline: the server could not be reached.
   */
  connection: z.enum(['standalone', 'signed_out', 'online', 'offline']),
  running: z.boolean(),
  progress: syncProgressSchema.nullable(),
  /** Ops waiting to be sent. */
  pendingCount: z.number().int().min(0),
  /** Ops the server refused, not yet marked reviewed. */
  rejectedCount: z.number().int().min(0),
  /** Conflicts not yet marked reviewed. */
  conflictCount: z.number().int().min(0),
  lastSyncAt: z.number().int().nullable(),
  lastError: syncErrorInfoSchema.nullable(),
  /** When the next automatic attempt is due (after an error: exponential backoff). */
  nextAttemptAt: z.number().int().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

const conflictSide = z.strictObject({
  /** The raw value (status code, organisation id, district, time). */
  value: z.union([z.string(), z.number(), z.null()]),
  /** The value for people: the status in Russian, the organisation's name… */
  label: z.string(),
  userId: z.string(),
  /** When it was changed (the hybrid clock's wall time). */
  at: z.number().int(),
  /** This workstation's own change. */
  mine: z.boolean(),
});

export const syncConflictSchema = z.strictObject({
  id: z.string(),
  entityType: z.enum(['appeal', 'incident']),
  entityId: z.string(),
  /** The appeal's official number when it has one, else its provisional number; the incident's number. */
  number: z.string().nullable(),
  address: z.string().nullable(),
  field: z.string(),
  /** The value that stands. */
  kept: conflictSide,
  /** The value that lost, kept for review. */
  other: conflictSide,
  detectedAt: z.number().int(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.number().int().nullable(),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

export const rejectedOpSchema = z.strictObject({
  opId: z.string(),
  deviceSeq: z.number().int(),
  command: z.string(),
  entityType: z.enum(['appeal', 'incident', 'day_closure', 'building_heating']),
  entityId: z.string(),
  number: z.string().nullable(),
  address: z.string().nullable(),
  userId: z.string(),
  createdAt: z.number().int(),
  code: z.string(),
  message: z.string(),
  userAction: z.string(),
  answeredAt: z.number().int(),
  reviewedAt: z.number().int().nullable(),
});
export type RejectedOp = z.infer<typeof rejectedOpSchema>;

export const listSyncConflictsInput = z.strictObject({ includeReviewed: z.boolean().default(false) });
export const syncConflictListSchema = z.array(syncConflictSchema);
export const reviewSyncItemInput = z.strictObject({
  kind: z.enum(['conflict', 'rejected']),
  id: z.string().min(1).max(300),
});
export const rejectedOpListSchema = z.array(rejectedOpSchema);
