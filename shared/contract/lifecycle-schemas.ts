// The appeal lifecycle in the contract: the workflow's actions with their data, the calls log,
// repeated calls, bulk transfer and the appeal card's view (shared/domain/workflow.ts decides).
import { z } from 'zod';

import { ROLES } from '../domain/roles.js';
import { ACTIONS, CHECK_METHODS, FEEDBACK_RESULTS, TRANSFER_METHODS } from '../domain/workflow.js';
import { appealDetailsSchema, channelSchema, statusSchema } from './schemas.js';
import { appealDeadlineSchema } from './deadline-schemas.js';

const text = (max: number) => z.string({ error: 'Ожидается текст' }).trim().max(max, `Не длиннее ${max} символов`);
const required = (message: string, max = 2000) => z.string({ error: message }).trim().min(1, message).max(max, `Не длиннее ${max} символов`);
const moment = z.number({ error: 'Укажите время' }).int('Укажите время').positive('Укажите время');

export const roomTemperatureSchema = z.strictObject({
  room: text(60).default(''),
  corner: z.boolean().default(false),
  celsius: z.number({ error: 'Укажите температуру, °C' }).min(-30, 'Не ниже −30 °C').max(45, 'Не выше +45 °C'),
});

export const actionDataSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({
      action: z.literal('transfer'),
      executorOrgId: required('Укажите исполнителя', 64),
      method: z.enum(TRANSFER_METHODS, { error: 'Выберите способ передачи' }),
      contactPerson: text(200).default(''),
    }),
    z.strictObject({ action: z.literal('take_in_work') }),
    z.strictObject({ action: z.literal('mark_done'), whatWasDone: required('Опишите, что сделано'), doneAt: moment }),
    z.strictObject({
      action: z.literal('verify'),
      method: z.enum(CHECK_METHODS, { error: 'Выберите способ проверки' }),
      temperatures: z.array(roomTemperatureSchema).max(20, 'Не больше 20 комнат').default([]),
      note: text(2000).default(''),
    }),
    z.strictObject({
      action: z.literal('close'),
      feedback: z.enum(FEEDBACK_RESULTS, { error: 'Укажите результат обратной связи' }),
      attempts: z.number({ error: 'Число попыток' }).int().min(0).max(100).default(0),
      note: text(2000).default(''),
    }),
    z.strictObject({ action: z.literal('reject'), reason: required('Укажите причину') }),
    z.strictObject({ action: z.literal('mark_duplicate'), originalId: required('Укажите исходное обращение', 64) }),
    z.strictObject({ action: z.literal('return_for_rework'), reason: required('Укажите причину') }),
  ],
  { error: 'Неизвестное действие' },
);
export type ActionDataInput = z.input<typeof actionDataSchema>;

export const appealActionInput = z.strictObject({
  appealId: z.string().min(1).max(64),
  /** The version the user saw; a newer one in the database means someone changed it meanwhile. */
  expectedVersion: z.number().int().min(1),
  data: actionDataSchema,
});

export const CALL_DIRECTIONS = ['to_applicant', 'from_applicant'] as const;
export const CALL_RESULTS = ['reached', 'no_answer', 'busy', 'wrong_number'] as const;
export type CallResult = (typeof CALL_RESULTS)[number];

export const logCallInput = z.strictObject({
  appealId: z.string().min(1).max(64),
  direction: z.enum(CALL_DIRECTIONS, { error: 'Укажите направление звонка' }),
  result: z.enum(CALL_RESULTS, { error: 'Укажите результат звонка' }),
  note: text(2000).default(''),
  /** When the call was; defaults to now. */
  at: moment.optional(),
});

export const attachRepeatedCallInput = z.strictObject({
  appealId: z.string().min(1).max(64),
  applicantName: required('Укажите заявителя', 200),
  applicantPhone: text(30).default(''),
  flat: text(10).default(''),
  channel: channelSchema,
  note: text(4000).default(''),
});

export const bulkTransferInput = z.strictObject({
  appealIds: z.array(z.string().min(1).max(64)).min(1, 'Выберите обращения').max(500, 'Не больше 500 за раз'),
  /** One executor for all; none: each appeal's default executor. */
  executorOrgId: z.string().min(1).max(64).nullable().default(null),
  method: z.enum(TRANSFER_METHODS, { error: 'Выберите способ передачи' }).default('system'),
  contactPerson: text(200).default(''),
});

export const bulkResultSchema = z.array(
  z.object({ appealId: z.string(), number: z.string(), ok: z.boolean(), message: z.string() }),
);
export type BulkResult = z.infer<typeof bulkResultSchema>;

export const callLogEntrySchema = z.object({
  at: z.number(),
  by: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  result: z.enum(CALL_RESULTS),
  note: z.string(),
});

export const repeatedCallSchema = z.object({
  at: z.number(),
  by: z.string(),
  applicantName: z.string(),
  applicantPhone: z.string(),
  flat: z.string(),
  channel: channelSchema,
  note: z.string(),
});

/** Another appeal named on a card: a duplicate's original, an original's duplicates. */
export const linkedAppealSchema = z.object({
  id: z.string(),
  number: z.string(),
  officialNumber: z.string().nullable(),
  status: statusSchema,
  receivedAt: z.number(),
  flat: z.string(),
});
export type LinkedAppeal = z.infer<typeof linkedAppealSchema>;

export const appealCardSchema = appealDetailsSchema.extend({
  executorOrgId: z.string().nullable(),
  /** The actions the current user may take now: the card's buttons. */
  actions: z.array(z.enum(ACTIONS)),
  actor: z.object({ userId: z.string(), role: z.enum(ROLES), district: z.string().nullable() }),
  defaultExecutor: z.object({ id: z.string(), name: z.string() }).nullable(),
  calls: z.array(callLogEntrySchema),
  /** Unsuccessful calls to the applicant: «не дозвонились» counts these. */
  failedCallAttempts: z.number(),
  repeatedCalls: z.array(repeatedCallSchema),
  buildingRepeatedCalls: z.number(),
  /** Every deadline that applies, in the order of the kinds, with its state at the core's clock. */
  deadlines: z.array(appealDeadlineSchema),
  /** For a duplicate: the appeal it repeats (from its «Отметить дубликатом»). */
  duplicateOf: linkedAppealSchema.nullable(),
  /** The appeals marked as duplicates of this one, oldest first. */
  duplicates: z.array(linkedAppealSchema),
});
export type AppealCardView = z.infer<typeof appealCardSchema>;
export const getAppealCardInput = z.strictObject({ id: z.string().min(1).max(64) });

export const buildingRepeatedCallsInput = z.strictObject({ buildingId: z.string().min(1).max(64) });
export const buildingRepeatedCallsSchema = z.object({ count: z.number() });
