// «Закрыть день» in the contract: carrying open appeals over, the state of a district's day for
// the deputy head, the sign-off, the Department's return of a signed day, and the nine districts'
// state for the Department. The rules: shared/reports/day-closure.ts; docs/day-closure.md.
import { z } from 'zod';
import { CARRY_OVER_REASON_MAX, RETURN_REASON_MAX, SIGN_COMMENT_MAX } from '../reports/day-closure.js';
import { categorySchema, districtSchema, statusSchema } from './schemas.js';

const day = (what: string) =>
  z.string({ error: `${what} — это текст вида ГГГГ-ММ-ДД` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${what} должна быть вида ГГГГ-ММ-ДД`);

export const carryOverInput = z.strictObject({
  appealIds: z
    .array(z.string().min(1, 'Пустой идентификатор обращения'), { error: 'Список обращений — массив идентификаторов' })
    .min(1, 'Выберите хотя бы одно обращение')
    .max(500, 'Не больше 500 обращений за раз'),
  /** The day being closed. */
  day: day('Закрываемая дата'),
  reason: z.string({ error: 'Укажите причину переноса' }).max(CARRY_OVER_REASON_MAX, `Причина не длиннее ${CARRY_OVER_REASON_MAX} символов`),
  /** The new control date, after the day. */
  controlDate: day('Новая контрольная дата'),
});
export const carryOverOutput = z.object({ carried: z.number() });

export const dayClosureInput = z.strictObject({
  /** The Samara date; omitted: today. */
  day: day('Дата').optional(),
  /** The deputy head and the controller get their own district; the Department names one. */
  district: districtSchema.optional(),
});

export const signDayInput = z.strictObject({
  day: day('Дата'),
  comment: z.string().max(SIGN_COMMENT_MAX, `Комментарий не длиннее ${SIGN_COMMENT_MAX} символов`).default(''),
});

export const returnDayInput = z.strictObject({
  district: districtSchema,
  day: day('Дата'),
  reason: z.string({ error: 'Укажите причину возврата' }).max(RETURN_REASON_MAX, `Причина не длиннее ${RETURN_REASON_MAX} символов`),
});

export const dayClosuresInput = z.strictObject({ day: day('Дата').optional() });

export const dayFiguresSchema = z.object({ received: z.number(), closed: z.number(), open: z.number(), overdue: z.number() });
export type DayFigures = z.infer<typeof dayFiguresSchema>;

export const carryOverViewSchema = z.object({
  day: z.string(),
  reason: z.string(),
  controlDate: z.string(),
  by: z.string(),
  at: z.number(),
});
export type CarryOverView = z.infer<typeof carryOverViewSchema>;

export const closureAppealSchema = z.object({
  id: z.string(),
  number: z.string(),
  address: z.string(),
  status: statusSchema,
  category: categorySchema,
  receivedAt: z.number(),
  /** The pending deadline now (null: none). */
  pendingDeadlineAt: z.number().nullable(),
  /** Closed, or carried past the day. */
  handled: z.boolean(),
  latestCarryOver: carryOverViewSchema.nullable(),
});
export type ClosureAppeal = z.infer<typeof closureAppealSchema>;

export const closureStateSchema = z.enum(['open', 'signed', 'returned']);
export type ClosureState = z.infer<typeof closureStateSchema>;

export const closureFieldsSchema = z.object({
  state: z.enum(['signed', 'returned']),
  comment: z.string(),
  signedBy: z.string(),
  signedAt: z.number(),
  figures: dayFiguresSchema,
  carriedOver: z.number(),
  returnReason: z.string().nullable(),
  returnedBy: z.string().nullable(),
  returnedAt: z.number().nullable(),
});

export const closureHistoryEntrySchema = z.object({
  type: z.enum(['signed', 'returned']),
  at: z.number(),
  by: z.string(),
  comment: z.string().optional(),
  reason: z.string().optional(),
  figures: dayFiguresSchema.optional(),
  carriedOver: z.number().optional(),
});

export const changedAppealSchema = z.object({
  id: z.string(),
  number: z.string(),
  address: z.string(),
  status: statusSchema,
  /** The events after the signature, in order: their type, when and by whom. */
  changes: z.array(z.object({ type: z.string(), at: z.number(), by: z.string() })),
});

export const dayClosureSchema = z.object({
  district: districtSchema,
  day: z.string(),
  state: closureStateSchema,
  /** The record as signed (and returned); null: never signed. */
  closure: closureFieldsSchema.nullable(),
  history: z.array(closureHistoryEntrySchema),
  /** «Итоги дня» now. */
  figuresNow: dayFiguresSchema,
  /** The district's appeals open now and received by the day's end. */
  appeals: z.array(closureAppealSchema),
  /** How many of them are neither closed nor carried past the day. */
  unhandled: z.number(),
  /** Carried over for this day. */
  carriedOver: z.number(),
  /** A signed day: its appeals changed after the signature. */
  changedAfter: z.array(changedAppealSchema),
  /** The next working day after the day (the default control date). */
  nextWorkingDay: z.string(),
  /** What the acting user may do here. */
  canCarryOver: z.boolean(),
  canSign: z.boolean(),
  canReturn: z.boolean(),
});
export type DayClosureView = z.infer<typeof dayClosureSchema>;

export const districtClosureSchema = z.object({
  district: districtSchema,
  state: closureStateSchema,
  signedBy: z.string().nullable(),
  signedAt: z.number().nullable(),
  comment: z.string().nullable(),
  returnReason: z.string().nullable(),
  returnedBy: z.string().nullable(),
  returnedAt: z.number().nullable(),
});
export type DistrictClosure = z.infer<typeof districtClosureSchema>;

export const dayClosuresSchema = z.object({
  day: z.string(),
  districts: z.array(districtClosureSchema),
  canReturn: z.boolean(),
});
export type DayClosures = z.infer<typeof dayClosuresSchema>;
