// The address card's history: its periods on control (migration 002 records them) and its heat
// interruptions per month against the limits (shared/domain/heat-interruptions.ts).
import { z } from 'zod';

export const heatInterruptionWarningSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monthly'), month: z.string(), hours: z.number(), limitHours: z.number() }),
  z.object({
    kind: z.literal('single'),
    start: z.number(),
    end: z.number(),
    ongoing: z.boolean(),
    hours: z.number(),
    limitHours: z.number(),
    /** The coldest room temperature recorded on its incidents, which set the limit (shared/domain/heat-interruptions.ts). */
    roomCelsius: z.number().nullable(),
    band: z.enum(['normal', 'cold', 'below_cold']),
  }),
]);

export const heatInterruptionsSchema = z.object({
  months: z.array(z.object({ month: z.string(), hours: z.number(), exceedsMonthly: z.boolean() })),
  warnings: z.array(heatInterruptionWarningSchema),
});
export type HeatInterruptions = z.infer<typeof heatInterruptionsSchema>;

/** A period on control; the current one has endedAt null. */
export const controlPeriodSchema = z.object({ startedAt: z.number(), endedAt: z.number().nullable() });

export const buildingHistorySchema = z.object({
  /** Newest first. */
  controlPeriods: z.array(controlPeriodSchema),
  interruptions: heatInterruptionsSchema,
});
export type BuildingHistory = z.infer<typeof buildingHistorySchema>;
