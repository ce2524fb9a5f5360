// The address register in the contract: buildings with their organisations, addresses on control,
// and the import of a register file.
import { z } from 'zod';
import { buildingHistorySchema } from './building-history-schemas.js';
import { appealSchema, districtSchema } from './schemas.js';

export const ORGANISATION_KINDS = ['uk', 'tszh', 'zhsk', 'tsn', 'tso', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const HEATING_STATUSES = ['unknown', 'not_connected', 'connected', 'partial', 'problem'] as const;
export type HeatingStatus = (typeof HEATING_STATUSES)[number];

export const HEAT_SOURCE_KINDS = ['boiler_house', 'substation', 'chp', 'other'] as const;

export const organisationSchema = z.object({
  id: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  inn: z.string().nullable(),
  phone: z.string().nullable(),
  dispatcherPhone: z.string().nullable(),
  email: z.string().nullable(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const buildingSchema = z.object({
  id: z.string(),
  district: districtSchema,
  address: z.string(),
  streetType: z.string(),
  streetName: z.string(),
  house: z.string(),
  korpus: z.string(),
  stroenie: z.string(),
  fiasGuid: z.string().nullable(),
  yearBuilt: z.number().nullable(),
  floors: z.number().nullable(),
  flats: z.number().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  heatingStatus: z.enum(HEATING_STATUSES),
  heatingStatusAt: z.number().nullable(),
  heatSource: z.object({ id: z.string(), kind: z.enum(HEAT_SOURCE_KINDS), name: z.string() }).nullable(),
});
export type Building = z.infer<typeof buildingSchema>;

export const getBuildingCardInput = z.strictObject({ id: z.string().min(1).max(64) });

export const buildingCardSchema = z.object({
  building: buildingSchema,
  managementOrg: organisationSchema.nullable(),
  heatSupplier: organisationSchema.nullable(),
  /** True while at least one appeal at this address is open. */
  onControl: z.boolean(),
  openCount: z.number(),
  totalCount: z.number(),
  /** Open appeals first (nearest deadline first), then the rest, newest first; at most 200. */
  appeals: z.array(appealSchema),
  /** Periods on control and heat interruptions (building-history-schemas.ts). */
  history: buildingHistorySchema,
});
export type BuildingCard = z.infer<typeof buildingCardSchema>;

export const listControlAddressesInput = z.strictObject({
  district: districtSchema.optional(),
  managementOrgId: z.string().max(64).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type ListControlAddressesInput = z.input<typeof listControlAddressesInput>;

export const controlAddressSchema = z.object({
  buildingId: z.string(),
  address: z.string(),
  district: districtSchema,
  managementOrgId: z.string().nullable(),
  managementOrg: z.string().nullable(),
  openCount: z.number(),
  oldestReceivedAt: z.number(),
  nearestDeadlineAt: z.number(),
});
export type ControlAddress = z.infer<typeof controlAddressSchema>;

export const controlAddressListSchema = z.object({ rows: z.array(controlAddressSchema), total: z.number() });

export const listOrganisationsInput = z.strictObject({
  kinds: z.array(z.enum(ORGANISATION_KINDS)).max(6).optional(),
  district: districtSchema.optional(),
});
export const organisationListSchema = z.array(organisationSchema);

/** Register files up to ~60 MB (base64 of ~45 MB); 100,000 rows of CSV are about 15 MB. */
export const MAX_IMPORT_BASE64_CHARS = 64 * 1024 * 1024;

export const importRegisterInput = z.strictObject({
  fileName: z.string({ error: 'Укажите имя файла' }).min(1, 'Укажите имя файла').max(255),
  contentBase64: z
    .string({ error: 'Нет содержимого файла' })
    .min(1, 'Файл пуст')
    .max(MAX_IMPORT_BASE64_CHARS, 'Файл слишком большой: не более 45 МБ'),
});

export const importRowErrorSchema = z.object({
  /** The row's number in the file as a spreadsheet shows it (the header is row 1). */
  row: z.number(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), rows: z.number(), added: z.number(), updated: z.number(), unchanged: z.number() }),
  z.object({
    ok: z.literal(false),
    rows: z.number(),
    /** Problems with the file as a whole (encoding, header, empty file). */
    fileError: z.string().nullable(),
    /** Every bad row; nothing was imported. */
    errors: z.array(importRowErrorSchema),
  }),
]);
export type ImportResult = z.infer<typeof importResultSchema>;

/** Where a running import is: in «reading» done and total count bytes of the file, in «checking» and «saving» rows. */
export const importProgressSchema = z.object({
  running: z.boolean(),
  stage: z.enum(['idle', 'reading', 'checking', 'saving', 'done']),
  done: z.number(),
  total: z.number(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;
