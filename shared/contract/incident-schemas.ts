// Mass outages («Инциденты») in the contract, and the address card's history of control and of
// heat interruptions. The rules live in shared/domain/incidents.ts and heat-interruptions.ts.
import { z } from 'zod';
import { INCIDENT_SCOPES } from '../domain/incidents.js';
import { HEAT_SOURCE_KINDS } from './register-schemas.js';
import { heatInterruptionsSchema } from './building-history-schemas.js';
import { appealSchema, districtSchema } from './schemas.js';

const id = z.string().min(1).max(64);
const moment = z.number({ error: 'Укажите время' }).int('Укажите время').positive('Укажите время');
const cause = z.string({ error: 'Укажите причину' }).trim().min(1, 'Укажите причину').max(1000, 'Не длиннее 1000 символов');
/** Room temperature measured in the affected buildings, °C (the lower interruption limits of ПП РФ № 354 depend on it). */
const roomCelsius = z
  .number({ error: 'Укажите температуру числом, °C' })
  .min(-30, 'Не ниже −30 °C')
  .max(35, 'Не выше +35 °C')
  .refine((v) => Math.round(v * 10) === v * 10, 'Не точнее десятой доли градуса');

export const createIncidentInput = z.discriminatedUnion(
  'scope',
  [
    z.strictObject({
      scope: z.literal('heat_source'),
      heatSourceId: z.string({ error: 'Выберите источник тепла' }).min(1, 'Выберите источник тепла').max(64),
      cause,
      startedAt: moment,
      plannedRestoreAt: moment.nullable().default(null),
      roomCelsius: roomCelsius.nullable().optional(),
    }),
    z.strictObject({
      scope: z.literal('buildings'),
      buildingIds: z.array(id).min(1, 'Выберите хотя бы один дом').max(5000),
      cause,
      startedAt: moment,
      plannedRestoreAt: moment.nullable().default(null),
      roomCelsius: roomCelsius.nullable().optional(),
    }),
  ],
  { error: 'Выберите, что отключено: источник тепла или дома' },
);
export type CreateIncidentInput = z.output<typeof createIncidentInput>;

export const updateIncidentInput = z.strictObject({
  id,
  cause: cause.optional(),
  plannedRestoreAt: moment.nullable().optional(),
  /** A new measurement (or null: none); may change while the incident is active. */
  roomCelsius: roomCelsius.nullable().optional(),
});
export type UpdateIncidentInput = z.output<typeof updateIncidentInput>;

export const restoreIncidentInput = z.strictObject({ id, restoredAt: moment.optional() });

export const listIncidentsInput = z.strictObject({
  /** Only incidents not yet restored. */
  activeOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const incidentsAtBuildingInput = z.strictObject({ buildingId: id });

export const searchHeatSourcesInput = z.strictObject({ query: z.string().max(200), limit: z.number().int().min(1).max(50).default(20) });

export const heatSourceHitSchema = z.object({
  id: z.string(),
  kind: z.enum(HEAT_SOURCE_KINDS),
  name: z.string(),
  district: z.string().nullable(),
  buildingCount: z.number(),
});
export type HeatSourceHit = z.infer<typeof heatSourceHitSchema>;

export const incidentSchema = z.object({
  id: z.string(),
  number: z.string(),
  scope: z.enum(INCIDENT_SCOPES),
  heatSource: z.object({ id: z.string(), kind: z.enum(HEAT_SOURCE_KINDS), name: z.string() }).nullable(),
  cause: z.string(),
  startedAt: z.number(),
  plannedRestoreAt: z.number().nullable(),
  restoredAt: z.number().nullable(),
  /** The last room temperature recorded, °C, or null. */
  roomCelsius: z.number().nullable(),
  createdAt: z.number(),
  createdBy: z.string(),
  districts: z.array(districtSchema),
  buildingCount: z.number(),
  appealCount: z.number(),
  version: z.number(),
});
export type Incident = z.infer<typeof incidentSchema>;

export const incidentEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  at: z.number(),
  by: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const incidentDetailsSchema = z.object({
  incident: incidentSchema,
  /** Affected buildings (at most 1000), those over a limit first, with their interruption hours. */
  buildings: z.array(
    z.object({ id: z.string(), address: z.string(), district: districtSchema, interruptions: heatInterruptionsSchema }),
  ),
  appeals: z.array(appealSchema),
  events: z.array(incidentEventSchema),
});
export type IncidentDetails = z.infer<typeof incidentDetailsSchema>;

export const restoreIncidentResultSchema = z.object({
  incident: incidentSchema,
  /** Linked appeals moved to checking. */
  movedAppealIds: z.array(z.string()),
});

export const getIncidentInput = z.strictObject({ id });
