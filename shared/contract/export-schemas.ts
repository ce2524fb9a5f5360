// Document exports (XLSX): a job runs in the core, the screen polls its state or listens to its
// change events, and the finished file is handed to the user by the shell (docs/exports.md).
import { z } from 'zod';
import { listWithoutHeatInput } from './heating-schemas.js';
import { daySummaryInput } from './report-schemas.js';
import { listAppealsInput } from './schemas.js';

/** The documents the core can write; each has its workbook builder in electron/core/exports/. */
export const EXPORT_DOCUMENTS = ['appeals', 'day_summary', 'heating'] as const;
export type ExportDocument = (typeof EXPORT_DOCUMENTS)[number];

/** «Обращения»: exactly the list's filters and sort as on screen, without paging. */
export const appealExportFilters = listAppealsInput.omit({ offset: true, limit: true });
export type AppealExportFilters = z.output<typeof appealExportFilters>;

const appealsExportInput = z.strictObject({
  document: z.literal('appeals', { error: 'Неизвестный документ для выгрузки' }),
  filters: appealExportFilters.default({ sort: { field: 'deadlineAt', direction: 'asc' } }),
  /** Residents' names and phones; refused unless the role may see personal data (shared/sync/personal-data.ts). */
  includePersonalData: z.boolean({ error: 'Укажите, включать ли ФИО и телефоны заявителей' }).default(false),
});

/** «Сводка за день»: the day and the scope exactly as «Итоги дня» takes them; no personal data in it. */
const daySummaryExportInput = daySummaryInput.extend({
  document: z.literal('day_summary', { error: 'Неизвестный документ для выгрузки' }),
});

/** «Отопительный сезон»: the progress in the user's scope and the list without heat with the filters on screen. */
const heatingExportInput = listWithoutHeatInput.omit({ offset: true, limit: true }).extend({
  document: z.literal('heating', { error: 'Неизвестный документ для выгрузки' }),
});

export const startExportInput = z.discriminatedUnion('document', [appealsExportInput, daySummaryExportInput, heatingExportInput], {
  error: 'Неизвестный документ для выгрузки',
});
export type StartExportInput = z.input<typeof startExportInput>;

export const exportJobInput = z.strictObject({
  jobId: z.string({ error: 'Не указана выгрузка' }).min(1, 'Не указана выгрузка').max(64, 'Неизвестная выгрузка'),
});

export const startExportOutput = z.object({ jobId: z.string() });

export const EXPORT_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

export const exportStatusSchema = z.object({
  jobId: z.string(),
  document: z.enum(EXPORT_DOCUMENTS),
  state: z.enum(EXPORT_STATES),
  /** Rows written so far and the rows the document will have (known once the job has counted them). */
  written: z.number(),
  total: z.number(),
  /** The file name the user gets («Обращения — Кировский — 29.11.2026 18-05.xlsx»). */
  fileName: z.string(),
  /** Why the job failed, in Russian. */
  error: z.string().optional(),
});
export type ExportStatus = z.infer<typeof exportStatusSchema>;

/** Electron shell: where the finished file was saved (the user's Downloads folder). */
export const savedExportSchema = z.object({ path: z.string(), fileName: z.string() });
export type SavedExport = z.infer<typeof savedExportSchema>;

/** Electron shell: the print view saved as A4 PDF into Downloads (webContents.printToPDF); the browser prints it itself. */
export const savePrintedPdfInput = z.strictObject({
  fileName: z
    .string({ error: 'Укажите имя файла' })
    .min(5, 'Укажите имя файла')
    .max(180, 'Имя файла длиннее 180 знаков')
    .regex(/\.pdf$/i, 'Имя файла PDF должно кончаться на .pdf'),
});

/** What the acting user may put into an export: the dialog disables «Включить ФИО и телефоны» with the reason. */
export const exportPermissionsSchema = z.object({
  mayIncludePersonalData: z.boolean(),
  /** Why not, in Russian; null when allowed. */
  reason: z.string().nullable(),
});
export type ExportPermissions = z.infer<typeof exportPermissionsSchema>;
