// The data shapes of the contract, as zod schemas: inputs are validated where they cross a process
// boundary; outputs document what callers get.
import { z } from 'zod';
import { CATEGORIES, CHANNELS, PRIORITIES, STATUSES } from '../domain/appeal-vocabulary.js';
import { DISTRICTS } from '../domain/districts.js';
import { deadlineAlertSchema } from './alert-event-schema.js';

export const districtSchema = z.enum(DISTRICTS, { error: 'Неизвестный район' });
export const channelSchema = z.enum(CHANNELS, { error: 'Выберите канал поступления' });
export const categorySchema = z.enum(CATEGORIES, { error: 'Выберите категорию' });
export const statusSchema = z.enum(STATUSES, { error: 'Неизвестный статус' });
export const prioritySchema = z.enum(PRIORITIES, { error: 'Выберите приоритет: аварийное или обычное' });

const PHONE_DIGITS = /^\d{5,15}$/;

export const registerAppealInput = z.strictObject({
  buildingId: z.string({ error: 'Выберите адрес из списка' }).min(1, 'Выберите адрес из списка').max(64),
  flat: z.string({ error: 'Номер квартиры — это текст' }).trim().max(10, 'Номер квартиры не длиннее 10 символов').optional(),
  applicantName: z
    .string({ error: 'Укажите заявителя' })
    .trim()
    .min(1, 'Укажите заявителя')
    .max(200, 'Не длиннее 200 символов'),
  applicantPhone: z
    .string({ error: 'Телефон — это текст' })
    .trim()
    .max(30, 'Слишком длинный номер')
    .refine((v) => v === '' || PHONE_DIGITS.test(v.replace(/[\s()+-]/g, '')), 'Телефон: от 5 до 15 цифр')
    .optional(),
  channel: channelSchema,
  category: categorySchema,
  /** Defaults to the category's (defaultPriority): no heating and a leak are emergencies. */
  priority: prioritySchema.optional(),
  description: z
    .string({ error: 'Опишите проблему' })
    .trim()
    .min(1, 'Опишите проблему')
    .max(4000, 'Описание не длиннее 4000 символов'),
  /** When the call came in; defaults to now. Deadlines count from it. */
  receivedAt: z.number({ error: 'Время поступления — число миллисекунд' }).int().positive().optional(),
});
export type RegisterAppealInput = z.input<typeof registerAppealInput>;

export const appealSchema = z.object({
  id: z.string(),
  number: z.string(),
  officialNumber: z.string().nullable(),
  buildingId: z.string(),
  address: z.string(),
  district: districtSchema,
  flat: z.string(),
  applicantName: z.string(),
  applicantPhone: z.string(),
  channel: channelSchema,
  category: categorySchema,
  priority: prioritySchema,
  description: z.string(),
  status: statusSchema,
  executorName: z.string().nullable(),
  receivedAt: z.number(),
  registeredAt: z.number(),
  registeredBy: z.string(),
  deadlineAt: z.number(),
  version: z.number(),
});
export type Appeal = z.infer<typeof appealSchema>;

export const appealEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  at: z.number(),
  by: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type AppealEvent = z.infer<typeof appealEventSchema>;

export const appealDetailsSchema = z.object({
  appeal: appealSchema,
  events: z.array(appealEventSchema),
});
export type AppealDetails = z.infer<typeof appealDetailsSchema>;

export const APPEAL_SORT_FIELDS = ['deadlineAt', 'receivedAt', 'number', 'status', 'category', 'address'] as const;
export type AppealSortField = (typeof APPEAL_SORT_FIELDS)[number];

export const listAppealsInput = z.strictObject({
  district: districtSchema.optional(),
  statuses: z.array(statusSchema).max(20).optional(),
  category: categorySchema.optional(),
  priority: prioritySchema.optional(),
  /** Quick search: registration number, address, applicant or phone. */
  search: z.string().trim().max(200).optional(),
  sort: z
    .strictObject({
      field: z.enum(APPEAL_SORT_FIELDS),
      direction: z.enum(['asc', 'desc']),
    })
    .default({ field: 'deadlineAt', direction: 'asc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type ListAppealsInput = z.input<typeof listAppealsInput>;

export const appealListSchema = z.object({
  rows: z.array(appealSchema),
  total: z.number(),
});
export type AppealList = z.infer<typeof appealListSchema>;

export const getAppealInput = z.strictObject({ id: z.string().min(1).max(64) });

export const searchBuildingsInput = z.strictObject({
  query: z.string().trim().max(200),
  limit: z.number().int().min(1).max(50).default(10),
});

export const buildingHitSchema = z.object({
  id: z.string(),
  address: z.string(),
  district: districtSchema,
  managementOrg: z.string().nullable(),
  /** Relevance, higher is better; comparable only within one answer. */
  score: z.number(),
});
export type BuildingHit = z.infer<typeof buildingHitSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number(),
  dataDir: z.string(),
  deviceId: z.string(),
  workstationCode: z.string(),
  operator: z.string(),
  shell: z.enum(['electron', 'browser', 'cli']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** What the core announces when data changes underneath open screens. */
export const changeEventSchema = z.object({
  /** 'serverLink': the link state or the logged-in user changed (and with it the acting user). 'sync': the sync status, conflicts or rejected ops changed. 'export': a document export (ids: its job) progressed or ended. 'dayClosure': a district's day («Закрыть день», ids `<district>:<day>`) was signed or returned. */
  entity: z.enum(['appeal', 'building', 'alert', 'serverLink', 'sync', 'export', 'dayClosure']),
  ids: z.array(z.string()),
  /** With entity 'alert': the deadline alerts just raised, each once per appeal and kind. */
  alerts: z.array(deadlineAlertSchema).optional(),
});
export type ChangeEvent = z.infer<typeof changeEventSchema>;
