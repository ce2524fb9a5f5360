// The deadline alert as it travels in change events (entity 'alert'): kept apart from
// alerts-schemas.ts so that schemas.ts can carry it without an import cycle.
import { z } from 'zod';
import { DEADLINE_KINDS } from '../domain/deadline-rules.js';
import { DISTRICTS } from '../domain/districts.js';

export const ALERT_KINDS = ['due_within_hour', 'overdue'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const deadlineAlertSchema = z.object({
  appealId: z.string(),
  number: z.string(),
  address: z.string(),
  district: z.enum(DISTRICTS),
  kind: z.enum(ALERT_KINDS),
  /** Which deadline: an appeal is announced once per deadline kind and alert kind. */
  deadlineKind: z.enum(DEADLINE_KINDS),
  deadlineAt: z.number(),
  notifiedAt: z.number(),
});
export type DeadlineAlert = z.infer<typeof deadlineAlertSchema>;
