// The messages between a workstation's sync client and the central endpoint, as zod schemas:
// push (ops in device order, one answer per op), pull (changes after a cursor, in the caller's
// scope, paged), the snapshot of a new workstation (paged, resumable), the poke that tells an online
// client to pull, and the error bodies. docs/sync-protocol.md shows each with an example, and a test
// validates those examples against these schemas.
import { z } from 'zod';
import { STATUSES } from '../domain/appeal-vocabulary.js';
import { DISTRICTS } from '../domain/districts.js';
import { INCIDENT_SCOPES } from '../domain/incidents.js';
import { HEATING_STATUSES } from '../heating/heating-status.js';
import { ROLES } from '../domain/roles.js';
import { HLC_PATTERN, opEnvelopeSchema, registerAppealPayload } from './op-payloads.js';

/** At most this many ops in one push; a longer outbox goes in several. */
export const MAX_PUSH_OPS = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;
/** A new workstation's snapshot: every open appeal of the scope and those received in the last N days. */
export const SNAPSHOT_RECENT_DAYS = 90;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, 'Ожидается UUID');
const seq = z.number().int().min(0);
const moment = z.number().int().positive();
const district = z.enum(DISTRICTS);
const ru = z.string().min(1).max(2000);

// ——— push ———

export const pushRequestSchema = z
  .strictObject({
    /** Must be the device the access token was issued to. */
    deviceId: uuid,
    /** The workstation's wall clock when it sent the push (clock-skew.ts). */
    clientNow: moment,
    /** The op schema version the workstation writes (op.ts SCHEMA_VERSION). */
    schemaVersion: z.number().int().min(1),
    /** The outbox's pending ops, in device sequence order, gap-free. */
    ops: z.array(opEnvelopeSchema).min(1).max(MAX_PUSH_OPS),
  })
  .check((ctx) => {
    const ops = ctx.value.ops;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      if (!op) continue;
      if (op.deviceId !== ctx.value.deviceId) {
        ctx.issues.push({ code: 'custom', input: op.deviceId, path: ['ops', i, 'deviceId'], message: 'Операция другого рабочего места' });
      }
      const prev = ops[i - 1];
      if (prev && op.deviceSeq !== prev.deviceSeq + 1) {
        ctx.issues.push({ code: 'custom', input: op.deviceSeq, path: ['ops', i, 'deviceSeq'], message: 'Операции идут не подряд по номеру' });
      }
    }
  });
export type PushRequest = z.infer<typeof pushRequestSchema>;

const stampSchema = z.strictObject({
  hlc: z.string().regex(HLC_PATTERN),
  deviceId: uuid,
  opId: z.string(),
  userId: z.string(),
  version: z.number().int().min(1),
  serverSeq: seq.optional(),
});
const fieldValue = z.union([z.string(), z.number(), z.null()]);
const lostWriteSchema = z.strictObject({ value: fieldValue, stamp: stampSchema });

export const conflictSchema = z.strictObject({
  entityType: z.enum(['appeal', 'incident']),
  entityId: z.string(),
  field: z.string(),
  winner: lostWriteSchema,
  loser: lostWriteSchema,
});

const answered = { opId: z.string(), deviceSeq: z.number().int().min(1) };
const appliedAnswer = z.strictObject({
  result: z.literal('applied'),
  ...answered,
  /** The change-log position of this op's effect. */
  serverSeq: seq,
  /** A registration's official city-wide number (official-number.ts), given now. */
  officialNumber: z.string().optional(),
});
const mergedAnswer = z.strictObject({
  result: z.literal('merged'),
  ...answered,
  serverSeq: seq,
  officialNumber: z.string().optional(),
  /** Fields both sides changed: the value that stands and the one kept for review. */
  conflicts: z.array(conflictSchema),
});
const rejectedAnswer = z.strictObject({
  result: z.literal('rejected'),
  ...answered,
  code: z.string().min(1).max(64),
  /** Why, in Russian, naming the rule. */
  message: ru,
  /** What the user can do, in Russian. */
  userAction: ru,
});
const originalAnswer = z.discriminatedUnion('result', [appliedAnswer, mergedAnswer, rejectedAnswer]);
const duplicateAnswer = z.strictObject({
  result: z.literal('duplicate'),
  ...answered,
  /** The answer the op got the first time: a retry never applies an op twice. */
  original: originalAnswer,
});
export const opAnswerSchema = z.discriminatedUnion('result', [appliedAnswer, mergedAnswer, rejectedAnswer, duplicateAnswer]);
export type OpAnswer = z.infer<typeof opAnswerSchema>;

export const pushResponseSchema = z.strictObject({
  /** One answer per op of the request, in the same order. */
  results: z.array(opAnswerSchema),
  /** The highest device sequence the server holds for this device: the outbox may forget up to it. */
  lastDeviceSeq: seq,
  /** The newest change-log position: a client behind it pulls. */
  serverSeq: seq,
  serverNow: moment,
  /** A clock behind by more than an hour is accepted with this warning (clock-skew.ts). */
  warning: z.string().optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ——— records on the wire ———

/** An appeal as the server tracks it (apply.ts AppealRecord); personal data may be hidden (personal-data.ts). */
export const appealRecordSchema = z.strictObject({
  id: z.string(),
  version: z.number().int().min(1),
  officialNumber: z.string().nullable(),
  fields: z.strictObject({ status: z.enum(STATUSES), executorOrgId: z.string().nullable(), district }),
  stamps: z.strictObject({ status: stampSchema, executorOrgId: stampSchema, district: stampSchema }),
  applied: z.record(z.string(), z.number().int().min(1)),
  lost: z.record(z.string(), z.record(z.string(), lostWriteSchema)),
  registration: registerAppealPayload.extend({
    applicantName: z.string().nullable(),
    applicantPhone: z.string().nullable(),
  }),
  /** True when this caller's role does not receive the applicant's name and phone (152-ФЗ). */
  personalDataHidden: z.boolean(),
});

export const incidentRecordSchema = z.strictObject({
  id: z.string(),
  version: z.number().int().min(1),
  districts: z.array(district),
  fields: z.strictObject({ cause: z.string(), plannedRestoreAt: moment.nullable(), restoredAt: moment.nullable() }),
  stamps: z.strictObject({ cause: stampSchema, plannedRestoreAt: stampSchema, restoredAt: stampSchema }),
  applied: z.record(z.string(), z.number().int().min(1)),
  lost: z.record(z.string(), z.record(z.string(), lostWriteSchema)),
  creation: z.object({
    number: z.string(),
    scope: z.enum(INCIDENT_SCOPES),
    heatSourceId: z.string().nullable(),
    cause: z.string(),
    startedAt: moment,
    plannedRestoreAt: moment.nullable(),
    buildingIds: z.array(z.string()),
  }),
});

const dayFiguresSchema = z.strictObject({ received: z.number().int(), closed: z.number().int(), open: z.number().int(), overdue: z.number().int() });

/** A district's day as «Закрыть день» signs it (apply-day-closure.ts DayClosureRecord). */
export const dayClosureRecordSchema = z.strictObject({
  id: z.string(),
  version: z.number().int().min(1),
  district,
  day: z.string(),
  fields: z.strictObject({
    state: z.enum(['signed', 'returned']),
    comment: z.string(),
    signedBy: z.string(),
    signedAt: moment,
    figures: z.string(),
    carriedOver: z.number().int().min(0),
    returnReason: z.string().nullable(),
    returnedBy: z.string().nullable(),
    returnedAt: moment.nullable(),
  }),
  stamps: z.record(z.string(), stampSchema),
  applied: z.record(z.string(), z.number().int().min(1)),
  lost: z.record(z.string(), z.record(z.string(), lostWriteSchema)),
  history: z.array(
    z.strictObject({
      opId: z.string(),
      hlc: z.string().regex(HLC_PATTERN),
      type: z.enum(['signed', 'returned']),
      at: moment,
      by: z.string(),
      comment: z.string().optional(),
      reason: z.string().optional(),
      figures: dayFiguresSchema.optional(),
      carriedOver: z.number().int().min(0).optional(),
    }),
  ),
});

/** A building's heating status (apply-heating.ts HeatingRecord). */
export const heatingRecordSchema = z.strictObject({
  id: z.string(),
  version: z.number().int().min(1),
  district,
  fields: z.strictObject({
    status: z.enum(HEATING_STATUSES),
    statusDate: z.string(),
    reason: z.string(),
    setBy: z.string(),
    setAt: moment,
    source: z.enum(['manual', 'import']),
  }),
  stamps: z.record(z.string(), stampSchema),
  applied: z.record(z.string(), z.number().int().min(1)),
  lost: z.record(z.string(), z.record(z.string(), lostWriteSchema)),
});

export const syncEventSchema = z.strictObject({
  id: z.string(),
  entityType: z.enum(['appeal', 'incident']),
  entityId: z.string(),
  type: z.string(),
  at: moment,
  by: z.string(),
  hlc: z.string().regex(HLC_PATTERN),
  deviceId: uuid,
  data: z.record(z.string(), z.unknown()),
});

/** A conflict record as «Конфликты» lists it. */
export const conflictRecordSchema = conflictSchema.extend({
  id: z.string(),
  detectedAt: moment,
  reviewedBy: z.string().nullable(),
  reviewedAt: moment.nullable(),
});

/** Reference data flows from the server to every client; the same fields as the register import. */
const referenceSchema = z.looseObject({ id: z.string().min(1) });

export const ENTITY_TYPES = ['appeal', 'appeal_event', 'incident', 'incident_event', 'conflict', 'organisation', 'heat_source', 'building', 'day_closure', 'building_heating'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

const put = <T extends EntityType, D extends z.ZodType>(entityType: T, data: D) =>
  z.strictObject({ serverSeq: seq, entityType: z.literal(entityType), id: z.string(), version: z.number().int().min(1), data });

/** One change of the log: a record to put, or a tombstone that removes it from this client. */
export const changeSchema = z.union([
  z.discriminatedUnion('entityType', [
    put('appeal', appealRecordSchema),
    put('appeal_event', syncEventSchema),
    put('incident', incidentRecordSchema),
    put('incident_event', syncEventSchema),
    put('conflict', conflictRecordSchema),
    put('organisation', referenceSchema),
    put('heat_source', referenceSchema),
    put('building', referenceSchema.extend({ district })),
    put('day_closure', dayClosureRecordSchema),
    put('building_heating', heatingRecordSchema),
  ]),
  z.strictObject({
    serverSeq: seq,
    entityType: z.enum(ENTITY_TYPES),
    id: z.string(),
    version: z.number().int().min(1),
    /** deleted: gone for everyone; left_scope: no longer this caller's (an appeal moved to another district). */
    tombstone: z.enum(['deleted', 'left_scope']),
  }),
]);
export type Change = z.infer<typeof changeSchema>;

// ——— pull ———

export const pullRequestSchema = z.strictObject({
  /** The cursor of the last page pulled (or of the snapshot); opaque to the client. */
  cursor: z.string().min(1).max(200),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const MUST_REFETCH_REASONS = ['cursor_too_old', 'scope_changed', 'cursor_invalid', 'server_reset'] as const;
export const mustRefetchSchema = z.strictObject({
  reason: z.enum(MUST_REFETCH_REASONS),
  message: ru,
});

export const pullResponseSchema = z.strictObject({
  changes: z.array(changeSchema),
  /** Pull from here next time; equals the request's when nothing changed. */
  nextCursor: z.string().min(1),
  /** More changes wait right now: pull again at once. */
  hasMore: z.boolean(),
  /** The cursor cannot be served: take a new snapshot (the outbox is kept and pushed as usual). */
  mustRefetch: mustRefetchSchema.nullable(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ——— snapshot ———

/** In this order; a page token holds a section's index, so a new section goes at the end. */
export const SNAPSHOT_SECTIONS = ['organisations', 'heat_sources', 'buildings', 'incidents', 'appeals', 'appeal_events', 'conflicts', 'incident_events', 'day_closures', 'building_heating'] as const;

export const snapshotRequestSchema = z.strictObject({
  /** null: start a snapshot; else the page token of the previous page, to resume after a break. */
  pageToken: z.string().min(1).max(500).nullable(),
  limit: z.number().int().min(1).max(5000).default(2000),
});

export const snapshotPageSchema = z.strictObject({
  /** Where pull continues once every page is in: changes after the snapshot's moment. */
  cursor: z.string().min(1),
  section: z.enum(SNAPSHOT_SECTIONS),
  items: z.array(changeSchema),
  /** null on the last page. */
  nextPageToken: z.string().min(1).nullable(),
  progress: z.strictObject({ sectionsDone: z.number().int().min(0), sections: z.number().int().min(1) }),
});
export type SnapshotPage = z.infer<typeof snapshotPageSchema>;

// ——— conflicts reviewed ———

/** «Конфликты»: the user has looked at these conflicts; the review reaches every workstation of the scope. */
export const reviewConflictsRequestSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(300)).min(1).max(500),
});
export const reviewConflictsResponseSchema = z.strictObject({
  /** Marked reviewed now, or already (a review keeps its first reviewer). */
  reviewed: z.array(z.string()),
  /** Not found in the caller's scope. */
  unknown: z.array(z.string()),
  /** The newest change-log position: the reviews come back by pull. */
  serverSeq: seq,
});
export type ReviewConflictsResponse = z.infer<typeof reviewConflictsResponseSchema>;

// ——— poke ———

/** Sent over SSE (`event: poke`) or WebSocket to clients whose scope a change touched. Carries no data. */
export const pokeSchema = z.strictObject({ type: z.literal('poke'), serverSeq: seq });

// ——— errors ———

export const SYNC_ERROR_CODES = [
  'validation',
  'unauthorized',
  'forbidden',
  'device_revoked',
  'device_mismatch',
  'clock_ahead',
  'schema_too_new',
  'out_of_order',
  'device_seq_reused',
  'snapshot_expired',
  'rate_limited',
  'internal',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

/** A whole request refused: nothing of it was applied, so the client retries once the cause is fixed. */
export const syncErrorSchema = z.strictObject({
  code: z.enum(SYNC_ERROR_CODES),
  message: ru,
  userAction: ru,
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type SyncError = z.infer<typeof syncErrorSchema>;

/** Who is asking, from the access token (never from the request body). */
export const callerSchema = z.strictObject({
  userId: z.string(),
  role: z.enum(ROLES),
  district: district.nullable(),
  deviceId: uuid,
});
