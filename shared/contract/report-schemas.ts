// «Итоги дня» in the contract: the summary of a Samara day for a district or the city, and the
// appeals behind each of its figures. What the figures mean: shared/reports/day-summary.ts and
// docs/reports.md. The summary is one typed object, so a document writer (XLSX, PDF) takes it as is.
import { z } from 'zod';
import { BREAKDOWNS, SUMMARY_FIGURES } from '../reports/day-summary.js';
import { appealSchema, districtSchema } from './schemas.js';

const dayField = z
  .string({ error: 'Дата — это текст вида ГГГГ-ММ-ДД' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата должна быть вида ГГГГ-ММ-ДД')
  .optional();

export const daySummaryInput = z.strictObject({
  /** The Samara date YYYY-MM-DD; omitted: today. A day to come is refused. */
  day: dayField,
  /** Defaults to the workstation user's district; the Department and the admin get the city unless they name one. */
  district: districtSchema.optional(),
});
export type DaySummaryInput = z.input<typeof daySummaryInput>;

const figures = {
  received: z.number(),
  closed: z.number(),
  open: z.number(),
  overdue: z.number(),
};

export const breakdownRowSchema = z.object({
  /** A category or channel code, an executor's id, or 'none' (not passed to anybody). */
  key: z.string(),
  /** The executor's name; null for categories, channels and 'none'. */
  name: z.string().nullable(),
  ...figures,
});
export type BreakdownRowView = z.infer<typeof breakdownRowSchema>;

export const executorRankSchema = z.object({
  executorId: z.string(),
  name: z.string(),
  overdue: z.number(),
  open: z.number(),
  closedInWindow: z.number(),
  /** From receipt to closing, median over the appeals closed in the window; null: none closed. */
  medianResolveMs: z.number().nullable(),
});
export type ExecutorRankView = z.infer<typeof executorRankSchema>;

export const trendPointSchema = z.object({ date: z.string(), received: z.number(), closed: z.number(), open: z.number() });

export const daySummarySchema = z.object({
  date: z.string(),
  /** null: the city (all nine districts). */
  district: districtSchema.nullable(),
  /** The day is [from, to), Samara time. */
  from: z.number(),
  to: z.number(),
  /** open and overdue stand as of this instant: the day's end, or now for today. */
  asOf: z.number(),
  figures: z.object(figures),
  byCategory: z.array(breakdownRowSchema),
  byChannel: z.array(breakdownRowSchema),
  byExecutor: z.array(breakdownRowSchema),
  ranking: z.object({
    byOverdue: z.array(executorRankSchema),
    byMedianResolve: z.array(executorRankSchema),
    /** The window of the median time to resolve: [windowFrom, windowTo). */
    windowFrom: z.number(),
    windowTo: z.number(),
  }),
  addressesOnControl: z.number(),
  /** The buildings on control as of asOf, with their open and overdue appeals: most overdue first. */
  controlAddresses: z.array(z.object({ buildingId: z.string(), address: z.string(), district: districtSchema, open: z.number(), overdue: z.number() })),
  trend: z.array(trendPointSchema),
});
export type DaySummary = z.infer<typeof daySummarySchema>;

export const daySummaryAppealsInput = z.strictObject({
  day: dayField,
  district: districtSchema.optional(),
  figure: z.enum(SUMMARY_FIGURES, { error: 'Неизвестный показатель: received, closed, open или overdue' }),
  /** With `key`: only the figure's appeals of one category, channel or executor (as in the summary's rows). */
  breakdown: z.enum(BREAKDOWNS, { error: 'Разбивка: category, channel или executor' }).optional(),
  key: z.string().max(100).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
}).refine((v) => (v.breakdown === undefined) === (v.key === undefined), {
  message: 'Разбивка и её значение указываются вместе',
  path: ['key'],
});
export type DaySummaryAppealsInput = z.input<typeof daySummaryAppealsInput>;

/** The appeals behind a figure, in the list's row shape (the newest receipt first); total equals the figure. */
export const daySummaryAppealsSchema = z.object({
  rows: z.array(appealSchema),
  total: z.number(),
});
export type DaySummaryAppeals = z.infer<typeof daySummaryAppealsSchema>;
