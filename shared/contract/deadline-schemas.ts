// Deadline rules and the production calendar over the contract: the admin's table «Сроки и
// календарь», the calendar import, and the preview of an appeal's deadlines on the intake form.
import { z } from 'zod';
import { CATEGORIES, CHANNELS, PRIORITIES } from '../domain/appeal-vocabulary.js';
import { CALENDAR_DAY_TYPES } from '../domain/production-calendar.js';
import { ANY, DEADLINE_KINDS, DEADLINE_UNITS } from '../domain/deadline-rules.js';
import { DEADLINE_STATES } from '../domain/deadline-progress.js';
import { categorySchema, channelSchema, prioritySchema } from './schemas.js';

export const deadlineKindSchema = z.enum(DEADLINE_KINDS, { error: 'Неизвестный вид срока' });
export const deadlineUnitSchema = z.enum(DEADLINE_UNITS, { error: 'Неизвестная единица срока' });
const rulePrioritySchema = z.enum([ANY, ...PRIORITIES], { error: 'Неизвестный приоритет' });

export const deadlineRuleSchema = z.object({
  kind: deadlineKindSchema,
  category: z.enum([ANY, ...CATEGORIES], { error: 'Неизвестная категория' }),
  priority: rulePrioritySchema,
  channel: z.enum([ANY, ...CHANNELS], { error: 'Неизвестный канал' }),
  amount: z.number({ error: 'Срок — число' }).int('Срок — целое число').min(0, 'Срок не может быть отрицательным'),
  unit: deadlineUnitSchema,
  source: z.string({ error: 'Укажите основание' }).trim().min(1, 'Укажите основание срока').max(500, 'Не длиннее 500 символов'),
});

export const deadlineRuleRowSchema = deadlineRuleSchema.extend({
  updatedAt: z.number().nullable(),
  updatedBy: z.string().nullable(),
});
export type DeadlineRuleRow = z.infer<typeof deadlineRuleRowSchema>;

export const deadlineRulesListSchema = z.object({
  rules: z.array(deadlineRuleRowSchema),
  /** The years the stored calendar covers, with how many exceptional days each has. */
  calendarYears: z.array(z.object({ year: z.number(), days: z.number(), source: z.string() })),
});
export type DeadlineRulesList = z.infer<typeof deadlineRulesListSchema>;

/** Adds or replaces the rule with the same kind, category, priority and channel. */
export const updateDeadlineRuleInput = z.strictObject({
  kind: deadlineKindSchema,
  category: z.enum([ANY, ...CATEGORIES], { error: 'Неизвестная категория' }),
  priority: rulePrioritySchema,
  channel: z.enum([ANY, ...CHANNELS], { error: 'Неизвестный канал' }),
  amount: z.number({ error: 'Срок — число' }).int('Срок — целое число').min(0, 'Срок не может быть отрицательным'),
  unit: deadlineUnitSchema,
  source: z.string({ error: 'Укажите основание' }).trim().min(1, 'Укажите основание срока').max(500, 'Не длиннее 500 символов'),
});

export const importCalendarInput = z.strictObject({
  /** The file's text: our CSV «дата;тип» or JSON [{date, type}], the data.gov.ru CSV, xmlcalendar.ru's XML or JSON (told by content). */
  text: z.string({ error: 'Нет содержимого файла' }).min(1, 'Файл пуст').max(200_000, 'Файл слишком велик'),
  source: z.string().trim().max(500).optional(),
});

export const importCalendarResultSchema = z.object({
  imported: z.number(),
  years: z.array(z.number()),
  errors: z.array(z.object({ line: z.number(), message: z.string() })),
});
export type ImportCalendarResult = z.infer<typeof importCalendarResultSchema>;

export const previewDeadlinesInput = z.strictObject({
  category: categorySchema,
  /** Defaults to the category's, as at registration. */
  priority: prioritySchema.optional(),
  channel: channelSchema,
  receivedAt: z.number().int().positive().optional(),
});

export const computedDeadlineSchema = z.object({
  kind: deadlineKindSchema,
  at: z.number().nullable(),
  amount: z.number(),
  unit: deadlineUnitSchema,
  source: z.string(),
});
export type ComputedDeadlineDto = z.infer<typeof computedDeadlineSchema>;

export const previewDeadlinesSchema = z.object({ receivedAt: z.number(), deadlines: z.array(computedDeadlineSchema) });

/** One deadline of an appeal on its card: when, where it stands (deadline-progress.ts) and by which rule. */
export const appealDeadlineSchema = z.object({
  kind: deadlineKindSchema,
  at: z.number(),
  state: z.enum(DEADLINE_STATES),
  doneAt: z.number().nullable(),
  /** The rule's norm as recorded at registration; else the current rule's, with `sourceIsCurrent`. */
  source: z.string(),
  sourceIsCurrent: z.boolean(),
});
export type AppealDeadlineView = z.infer<typeof appealDeadlineSchema>;

export const calendarDayTypeSchema = z.enum(CALENDAR_DAY_TYPES);
