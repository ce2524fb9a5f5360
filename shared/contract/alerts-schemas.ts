// «Сроки» and deadline alerts: open appeals by their pending deadline relative to now, the
// counts for the badge in the app frame, and the alerts the core announces once per appeal.
import { z } from 'zod';
import { deadlineAlertSchema } from './alert-event-schema.js';
import { deadlineKindSchema } from './deadline-schemas.js';
import { categorySchema, districtSchema, prioritySchema, statusSchema } from './schemas.js';

export { ALERT_KINDS, deadlineAlertSchema, type AlertKind, type DeadlineAlert } from './alert-event-schema.js';

/** overdue: the deadline has passed; within_hour: it comes within 60 minutes; today: later, by the end of the Samara day. */
export const DUE_BUCKETS = ['overdue', 'within_hour', 'today'] as const;
export type DueBucket = (typeof DUE_BUCKETS)[number];
export const DUE_WITHIN_HOUR_MS = 60 * 60 * 1000;

export const listDueInput = z.strictObject({
  /** Defaults to the workstation user's district; the Department and the admin see all. */
  district: districtSchema.optional(),
  bucket: z.enum(DUE_BUCKETS),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type ListDueInput = z.input<typeof listDueInput>;

export const dueAppealSchema = z.object({
  id: z.string(),
  number: z.string(),
  address: z.string(),
  district: districtSchema,
  flat: z.string(),
  category: categorySchema,
  priority: prioritySchema,
  status: statusSchema,
  executorName: z.string().nullable(),
  receivedAt: z.number(),
  /** The pending deadline: the earliest one whose step is still to be done (deadline-progress.ts). */
  deadlineAt: z.number(),
  deadlineKind: deadlineKindSchema,
});
export type DueAppeal = z.infer<typeof dueAppealSchema>;

export const dueListSchema = z.object({
  rows: z.array(dueAppealSchema),
  total: z.number(),
  /** The instant the buckets were computed for (the core's clock). */
  now: z.number(),
});
export type DueList = z.infer<typeof dueListSchema>;

export const dueCountsInput = z.strictObject({ district: districtSchema.optional() });

export const dueCountsSchema = z.object({
  overdue: z.number(),
  withinHour: z.number(),
  today: z.number(),
  now: z.number(),
});
export type DueCounts = z.infer<typeof dueCountsSchema>;

/** Runs the alert check now (it also runs every 30 s); returns the alerts raised by this check. */
export const checkAlertsOutput = z.array(deadlineAlertSchema);
