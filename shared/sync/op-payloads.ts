// Every op as it crosses the wire: the op's envelope and one payload schema per command, exactly as
// the core's local commands write them (electron/core/db/store.ts, repositories/lifecycle.ts,
// repositories/incidents.ts). A test builds ops through the real commands and validates each here
// (electron/core/sync-ops.test.ts), so a change of shape in the core cannot slip past the server.
import { z } from 'zod';
import { CATEGORIES, CHANNELS, STATUSES } from '../domain/appeal-vocabulary.js';
import { DISTRICTS } from '../domain/districts.js';
import { INCIDENT_SCOPES } from '../domain/incidents.js';
import { HEATING_STATUSES } from '../heating/heating-status.js';
import { CHECK_METHODS, FEEDBACK_RESULTS, TRANSFER_METHODS, type WorkflowAction } from '../domain/workflow.js';

const id = z.string().min(1).max(64);
const moment = z.number().int().positive();
const text = (max: number) => z.string().max(max);
/** A Samara calendar day, YYYY-MM-DD. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** shared/domain/hlc.ts formatHlc: 13-digit ms, 5-digit counter, the workstation's code. */
export const HLC_PATTERN = /^\d{13}-\d{5}-[0-9A-Za-z]{1,16}$/;

const statusSchema = z.enum(STATUSES);
const districtSchema = z.enum(DISTRICTS);
/** Appeal priorities (migration 008); optional because ops written before it have none. */
const prioritySchema = z.enum(['emergency', 'normal']);
const optionalDeadline = z.number().int().positive().nullable().optional();

/** register_appeal: the new appeal as the core inserted it (repositories/appeals.ts NewAppeal). */
export const registerAppealPayload = z.strictObject({
  id,
  number: z.string().min(1).max(32),
  buildingId: id,
  district: districtSchema,
  flat: text(10),
  applicantName: z.string().min(1).max(200),
  applicantPhone: text(30),
  channel: z.enum(CHANNELS),
  category: z.enum(CATEGORIES),
  priority: prioritySchema.optional(),
  description: z.string().min(1).max(4000),
  status: z.literal('registered'),
  executorOrgId: z.null(),
  receivedAt: moment,
  registeredAt: moment,
  registeredBy: z.string().min(1).max(200),
  deadlineAt: moment,
  reactionDeadlineAt: optionalDeadline,
  checkDeadlineAt: optionalDeadline,
  feedbackDeadlineAt: optionalDeadline,
  answerDeadlineAt: optionalDeadline,
});
export type RegisterAppealPayload = z.infer<typeof registerAppealPayload>;

/** Workflow actions: the action's data (shared/domain/workflow.ts ActionData) plus the local decision's checkFailed. */
const action = <A extends WorkflowAction, S extends z.ZodRawShape>(name: A, shape: S) =>
  z.strictObject({ action: z.literal(name), ...shape, checkFailed: z.boolean() });

export const workflowPayloads = {
  transfer: action('transfer', { executorOrgId: id, method: z.enum(TRANSFER_METHODS), contactPerson: text(200) }),
  take_in_work: action('take_in_work', {}),
  mark_done: action('mark_done', { whatWasDone: z.string().min(1).max(2000), doneAt: moment }),
  verify: action('verify', {
    method: z.enum(CHECK_METHODS),
    temperatures: z.array(z.strictObject({ room: text(60), corner: z.boolean(), celsius: z.number().min(-30).max(45) })).max(20),
    note: text(2000),
  }),
  close: action('close', { feedback: z.enum(FEEDBACK_RESULTS), attempts: z.number().int().min(0).max(100), note: text(2000) }),
  reject: action('reject', { reason: z.string().min(1).max(2000) }),
  mark_duplicate: action('mark_duplicate', { originalId: id }),
  return_for_rework: action('return_for_rework', { reason: z.string().min(1).max(2000) }),
} as const;

export const logCallPayload = z.strictObject({
  direction: z.enum(['to_applicant', 'from_applicant']),
  result: z.enum(['reached', 'no_answer', 'busy', 'wrong_number']),
  note: text(2000),
  at: moment,
});

export const attachRepeatedCallPayload = z.strictObject({
  applicantName: z.string().min(1).max(200),
  applicantPhone: text(30),
  flat: text(10),
  channel: z.enum(CHANNELS),
  note: text(4000),
});

export const createIncidentPayload = z.strictObject({
  number: z.string().min(1).max(32),
  scope: z.enum(INCIDENT_SCOPES),
  heatSourceId: id.nullable(),
  cause: z.string().min(1).max(1000),
  startedAt: moment,
  plannedRestoreAt: moment.nullable(),
  buildingIds: z.array(id).min(1).max(20_000),
  /** Room temperature measured in its buildings, °C: sent only when measured (migration 009). */
  roomCelsius: z.number().min(-30).max(35).optional(),
});

/** «Закрыть день» (shared/reports/day-closure.ts): an open appeal carried over past the day closed. */
export const carryOverPayload = z.strictObject({
  day: z.string().regex(DAY),
  reason: z.string().min(1).max(500),
  controlDate: z.string().regex(DAY),
});

/** The figures of «Итоги дня» as they were when the day was signed. */
const dayFigures = z.strictObject({
  received: z.number().int().min(0),
  closed: z.number().int().min(0),
  open: z.number().int().min(0),
  overdue: z.number().int().min(0),
});

/** The deputy head signs a district's day; the entity id is `<district>:<day>`. */
export const signDayPayload = z.strictObject({
  district: districtSchema,
  day: z.string().regex(DAY),
  comment: text(2000),
  figures: dayFigures,
  /** How many open appeals were carried over for this day when it was signed. */
  carriedOver: z.number().int().min(0),
});

/** The Department returns a signed day to its district. */
export const returnDayPayload = z.strictObject({ reason: z.string().min(1).max(1000) });

/** «Отопительный сезон»: a building's heating status set by hand or by a supplier's file; the entity id is the building's. */
export const setHeatingStatusPayload = z.strictObject({
  status: z.enum(HEATING_STATUSES),
  statusDate: z.string().regex(DAY),
  reason: text(1000),
  source: z.enum(['manual', 'import']),
});

const incidentEditable = {
  cause: z.string().min(1).max(1000),
  plannedRestoreAt: moment.nullable(),
  /** Sent only by an update that records (or clears) the room temperature. */
  roomCelsius: z.number().min(-30).max(35).nullable().optional(),
};
/** The values after the change, and (since sync was designed) the values the author saw before it. */
export const updateIncidentPayload = z.strictObject({ ...incidentEditable, before: z.strictObject(incidentEditable).optional() });

export const restoreIncidentPayload = z.strictObject({ restoredAt: moment });

/** A linked appeal moved to checking when its incident's heat was restored. */
export const incidentRestoredPayload = z.strictObject({
  text: z.string().max(200),
  incidentId: id,
  incidentNumber: z.string().min(1).max(32),
  from: statusSchema,
  to: statusSchema,
  restoredAt: moment,
});

const envelope = {
  opId: z.string().regex(UUID_V7, 'opId: ожидается UUIDv7'),
  deviceId: z.string().regex(UUID, 'deviceId: ожидается UUID'),
  deviceSeq: z.number().int().min(1),
  hlc: z.string().regex(HLC_PATTERN, 'hlc: ожидается метка гибридных часов'),
  userId: z.string().min(1).max(200),
  entityId: id,
  baseVersion: z.number().int().min(0),
  schemaVersion: z.number().int().min(1),
  /**
   * Added by the sync client when it pushes, not kept in the outbox: the change-log position its
   * workstation had pulled when the op was made (docs/sync-protocol.md §6). Optional: ops without it
   * fall back to `baseVersion`.
   */
  seenServerSeq: z.number().int().min(0).optional(),
};

const appealOp = <C extends string, P extends z.ZodType>(command: C, payload: P) =>
  z.strictObject({ ...envelope, entityType: z.literal('appeal'), command: z.literal(command), payload });
const incidentOp = <C extends string, P extends z.ZodType>(command: C, payload: P) =>
  z.strictObject({ ...envelope, entityType: z.literal('incident'), command: z.literal(command), payload });
const heatingOp = <C extends string, P extends z.ZodType>(command: C, payload: P) =>
  z.strictObject({ ...envelope, entityType: z.literal('building_heating'), command: z.literal(command), payload });
const dayClosureOp = <C extends string, P extends z.ZodType>(command: C, payload: P) =>
  z.strictObject({ ...envelope, entityType: z.literal('day_closure'), command: z.literal(command), payload });

/** One op of the current schema version, any command. */
export const opSchema = z.discriminatedUnion('command', [
  appealOp('register_appeal', registerAppealPayload),
  appealOp('transfer', workflowPayloads.transfer),
  appealOp('take_in_work', workflowPayloads.take_in_work),
  appealOp('mark_done', workflowPayloads.mark_done),
  appealOp('verify', workflowPayloads.verify),
  appealOp('close', workflowPayloads.close),
  appealOp('reject', workflowPayloads.reject),
  appealOp('mark_duplicate', workflowPayloads.mark_duplicate),
  appealOp('return_for_rework', workflowPayloads.return_for_rework),
  appealOp('log_call', logCallPayload),
  appealOp('attach_repeated_call', attachRepeatedCallPayload),
  appealOp('incident_restored', incidentRestoredPayload),
  incidentOp('create_incident', createIncidentPayload),
  incidentOp('update_incident', updateIncidentPayload),
  incidentOp('restore_incident', restoreIncidentPayload),
  appealOp('carry_over', carryOverPayload),
  dayClosureOp('sign_day', signDayPayload),
  dayClosureOp('return_day', returnDayPayload),
  heatingOp('set_heating_status', setHeatingStatusPayload),
]);
export type ValidOp = z.infer<typeof opSchema>;
export type AppealOp = Extract<ValidOp, { entityType: 'appeal' }>;
export type IncidentOp = Extract<ValidOp, { entityType: 'incident' }>;
export type DayClosureOp = Extract<ValidOp, { entityType: 'day_closure' }>;
export type HeatingOp = Extract<ValidOp, { entityType: 'building_heating' }>;

/**
 * Any op's envelope, before its schema version is known: what the server can read of an op it will
 * upgrade or refuse, so that even a refusal names the op (schema-versions.ts).
 */
export const opEnvelopeSchema = z.object({
  ...envelope,
  entityType: z.string().min(1).max(32),
  command: z.string().min(1).max(64),
  payload: z.unknown(),
});
export type OpEnvelope = z.infer<typeof opEnvelopeSchema>;

/** The first problem of an invalid op, in Russian, with the path of the field. */
export function describeOpIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Операция не прошла проверку';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
