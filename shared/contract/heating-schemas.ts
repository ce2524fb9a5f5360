// «Отопительный сезон» in the contract: a building's heating status set by hand, the progress by
// district or management organisation, the buildings without heat, and a supplier's file import
// (docs/heating-season.md).
import { z } from 'zod';
import { HEATING_SOURCES, HEATING_STATUSES, HEATING_REASON_MAX } from '../heating/heating-status.js';
import { importProgressSchema, importRegisterInput, importRowErrorSchema } from './register-schemas.js';
import { districtSchema } from './schemas.js';

const statusSchema = z.enum(HEATING_STATUSES, { error: 'Выберите статус: не подключён, подключён, частично или проблема' });

export const setHeatingStatusInput = z.strictObject({
  buildingId: z.string().min(1).max(64),
  status: statusSchema,
  /** As typed: 25.11.2026, 25.11.26 or 2026-11-25; a Samara date, not after today. */
  date: z.string({ error: 'Укажите дату' }).min(1, 'Укажите дату').max(40),
  reason: z.string().max(HEATING_REASON_MAX, `Причина длиннее ${HEATING_REASON_MAX} знаков`).default(''),
});
export type SetHeatingStatusInput = z.input<typeof setHeatingStatusInput>;

export const heatingCurrentSchema = z.object({
  status: z.enum(HEATING_STATUSES),
  statusDate: z.string(),
  reason: z.string(),
  setBy: z.string(),
  setAt: z.number(),
  source: z.enum(HEATING_SOURCES),
});

export const heatingHistoryEntrySchema = z.object({
  at: z.number(),
  by: z.string(),
  from: z.enum(HEATING_STATUSES).nullable(),
  to: z.enum(HEATING_STATUSES),
  statusDate: z.string(),
  reason: z.string(),
  source: z.enum(HEATING_SOURCES),
});

/** Whether the acting user may set statuses, and the rule that refuses when not. */
export const heatingPermissionSchema = z.object({ canSet: z.boolean(), refusal: z.string().nullable() });

export const buildingHeatingInput = z.strictObject({ buildingId: z.string().min(1).max(64) });
export const buildingHeatingSchema = z.object({
  buildingId: z.string(),
  /** null: no status yet (it counts as «не подключён»). */
  current: heatingCurrentSchema.nullable(),
  /** Newest first, at most 50. */
  history: z.array(heatingHistoryEntrySchema),
  permission: heatingPermissionSchema,
});
export type BuildingHeating = z.infer<typeof buildingHeatingSchema>;

export const heatingProgressInput = z.strictObject({
  groupBy: z.enum(['district', 'organisation']).default('district'),
});

const tally = {
  total: z.number(),
  connected: z.number(),
  partial: z.number(),
  problem: z.number(),
  notConnected: z.number(),
  noStatus: z.number(),
};
export const heatingGroupSchema = z.object({ key: z.string().nullable(), label: z.string(), ...tally });
export type HeatingGroup = z.infer<typeof heatingGroupSchema>;

export const heatingProgressSchema = z.object({
  /** The district the figures cover (the workstation user's); null for the whole city. */
  district: districtSchema.nullable(),
  groupBy: z.enum(['district', 'organisation']),
  groups: z.array(heatingGroupSchema),
  all: z.object(tally),
  permission: heatingPermissionSchema,
});
export type HeatingProgress = z.infer<typeof heatingProgressSchema>;

export const listWithoutHeatInput = z.strictObject({
  district: districtSchema.optional(),
  managementOrgId: z.string().max(64).optional(),
  status: z.enum(['not_connected', 'partial', 'problem']).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type ListWithoutHeatInput = z.input<typeof listWithoutHeatInput>;

export const withoutHeatRowSchema = z.object({
  buildingId: z.string(),
  address: z.string(),
  district: districtSchema,
  managementOrgId: z.string().nullable(),
  managementOrg: z.string().nullable(),
  status: z.enum(HEATING_STATUSES),
  /** True while nobody has given the building a status: it counts as «не подключён». */
  noStatus: z.boolean(),
  statusDate: z.string().nullable(),
  reason: z.string(),
  openAppeals: z.number(),
});
export type WithoutHeatRow = z.infer<typeof withoutHeatRowSchema>;
export const withoutHeatListSchema = z.object({ rows: z.array(withoutHeatRowSchema), total: z.number() });

export const importHeatingInput = importRegisterInput;

export const importHeatingResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), rows: z.number(), changed: z.number(), unchanged: z.number() }),
  z.object({
    ok: z.literal(false),
    rows: z.number(),
    fileError: z.string().nullable(),
    /** Every bad row; nothing was changed. */
    errors: z.array(importRowErrorSchema),
  }),
]);
export type ImportHeatingResult = z.infer<typeof importHeatingResultSchema>;

export const heatingImportProgressSchema = importProgressSchema;
