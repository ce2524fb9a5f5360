// From the reducer's result to the push answer the workstation gets, and the id a conflict record
// is kept under: the pieces of the push route that are rules, not I/O.
import type { ApplyResult, ConflictRecord } from './apply.js';
import type { OpAnswer } from './protocol.js';
import type { UpgradeResult } from './schema-versions.js';

/**
 * One record per (entity, field, device whose value lost): a device's newer losing write replaces
 * its older one, as in the record's `lost` map, so the server upserts under this id.
 */
export function conflictId(conflict: ConflictRecord): string {
  return `${conflict.entityType}:${conflict.entityId}:${conflict.field}:${conflict.loser.stamp.deviceId}`;
}

type Answered = { readonly opId: string; readonly deviceSeq: number };
type FirstAnswer = Exclude<OpAnswer, { result: 'duplicate' }>;

/**
 * The answer to an op the reducer has judged. `serverSeq` is the change-log position of its record
 * change; `officialNumber` the number a registration got. The reducer's own `duplicate` (the record
 * already holds the op) cannot reach here: the route answers duplicates from its table of answers
 * before it runs the reducer.
 */
export function answerOf(op: Answered, result: Exclude<ApplyResult<unknown>, { kind: 'duplicate' }>, serverSeq: number, officialNumber?: string | null): FirstAnswer {
  const ids = { opId: op.opId, deviceSeq: op.deviceSeq };
  const number = officialNumber ? { officialNumber } : {};
  switch (result.kind) {
    case 'applied':
      return { result: 'applied', ...ids, serverSeq, ...number };
    case 'merged':
      return { result: 'merged', ...ids, serverSeq, ...number, conflicts: [...result.conflicts] };
    case 'rejected':
      return { result: 'rejected', ...ids, code: result.code, message: result.message, userAction: result.userAction };
  }
}

/** An op refused before the reducer: its schema version cannot be upgraded. */
export function answerOfUpgrade(op: Answered, refusal: Extract<UpgradeResult, { ok: false }>): FirstAnswer {
  return { result: 'rejected', opId: op.opId, deviceSeq: op.deviceSeq, code: refusal.code, message: refusal.message, userAction: refusal.userAction };
}

/** A retried op: its first answer again. */
export function duplicateOf(first: FirstAnswer): OpAnswer {
  return { result: 'duplicate', opId: first.opId, deviceSeq: first.deviceSeq, original: first };
}
