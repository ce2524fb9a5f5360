// «Обращения» as a document: its columns, its title and the list's filters in words. Pure: the
// core's workbook builder (electron/core/exports/appeals-workbook.ts) writes what this describes.
import type { AppealExportFilters } from '../contract/export-schemas.js';
import type { AppealSortField } from '../contract/schemas.js';
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  isOnControl,
  PRIORITY_LABELS,
  STATUS_LABELS,
  STATUSES,
  type AppealStatus,
  type Category,
  type Channel,
  type Priority,
} from '../domain/appeal-vocabulary.js';
import type { District } from '../domain/districts.js';
import { formatSamaraDateTime } from '../domain/samara-time.js';
import { safeFileName } from './excel-values.js';

/** One appeal as the export reads it from the database; names and phones are '' when left out. */
export interface AppealExportRow {
  readonly id: string;
  readonly number: string;
  readonly officialNumber: string | null;
  readonly receivedAt: number;
  readonly district: District;
  readonly address: string;
  readonly flat: string;
  readonly applicantName: string;
  readonly applicantPhone: string;
  readonly category: Category;
  readonly channel: Channel;
  readonly priority: Priority;
  readonly status: AppealStatus;
  readonly executorName: string | null;
  /** The resolution deadline (the list's «Срок»). */
  readonly deadlineAt: number;
  readonly feedbackDeadlineAt: number | null;
  readonly description: string;
}

export type CellValue = string | number | null;

export interface AppealColumn {
  readonly header: string;
  /** In characters, as Excel counts column widths. */
  readonly width: number;
  /** 'date' values are instants (ms) written as Excel dates in Samara time. */
  readonly kind: 'text' | 'date';
  readonly value: (row: AppealExportRow, nowMs: number) => CellValue;
  /** Whether the totals row counts this column's non-empty cells. */
  readonly counted?: boolean;
}

export function isOverdue(row: Pick<AppealExportRow, 'deadlineAt' | 'status'>, nowMs: number): boolean {
  return row.deadlineAt < nowMs && isOnControl(row.status);
}

const LEADING_COLUMNS: readonly AppealColumn[] = [
  // The official city-wide number leads once the server has given it (as in the list).
  { header: '№', width: 20, kind: 'text', value: (r) => r.officialNumber ?? r.number },
  { header: 'Рег. номер', width: 17, kind: 'text', value: (r) => r.number },
  { header: 'Поступило', width: 17, kind: 'date', value: (r) => r.receivedAt },
  { header: 'Район', width: 17, kind: 'text', value: (r) => r.district },
  { header: 'Адрес', width: 42, kind: 'text', value: (r) => (r.flat ? `${r.address}, кв. ${r.flat}` : r.address) },
];

const PERSONAL_COLUMNS: readonly AppealColumn[] = [
  { header: 'Заявитель', width: 28, kind: 'text', value: (r) => r.applicantName },
  { header: 'Телефон', width: 16, kind: 'text', value: (r) => r.applicantPhone },
];

const TRAILING_COLUMNS: readonly AppealColumn[] = [
  { header: 'Категория', width: 20, kind: 'text', value: (r) => CATEGORY_LABELS[r.category] },
  { header: 'Канал', width: 24, kind: 'text', value: (r) => CHANNEL_LABELS[r.channel] },
  { header: 'Приоритет', width: 12, kind: 'text', value: (r) => PRIORITY_LABELS[r.priority] },
  { header: 'Статус', width: 24, kind: 'text', value: (r) => STATUS_LABELS[r.status] },
  { header: 'Исполнитель', width: 30, kind: 'text', value: (r) => r.executorName },
  { header: 'Срок устранения', width: 17, kind: 'date', value: (r) => r.deadlineAt },
  { header: 'Срок обратной связи', width: 17, kind: 'date', value: (r) => r.feedbackDeadlineAt },
  { header: 'Просрочено', width: 12, kind: 'text', value: (r, now) => (isOverdue(r, now) ? 'да' : null), counted: true },
  { header: 'Описание', width: 60, kind: 'text', value: (r) => r.description },
];

/** The columns of the document; the residents' names and phones only when they are included. */
export function appealColumns(withPersonalData: boolean): readonly AppealColumn[] {
  return [...LEADING_COLUMNS, ...(withPersonalData ? PERSONAL_COLUMNS : []), ...TRAILING_COLUMNS];
}

const SORT_WORDS: Record<AppealSortField, string> = {
  deadlineAt: 'по сроку',
  receivedAt: 'по времени поступления',
  number: 'по номеру',
  status: 'по статусу',
  category: 'по категории',
  address: 'по адресу',
};

const ON_CONTROL: readonly AppealStatus[] = STATUSES.filter(isOnControl);

function statusWords(statuses: readonly AppealStatus[] | undefined): string {
  if (!statuses || statuses.length === 0) return 'все';
  const set = new Set(statuses);
  if (set.size === ON_CONTROL.length && ON_CONTROL.every((s) => set.has(s))) return 'на контроле (все открытые)';
  return STATUSES.filter((s) => set.has(s))
    .map((s) => STATUS_LABELS[s])
    .join(', ');
}

/** The list's filters in words, for the document's second line. */
export function describeAppealFilters(filters: AppealExportFilters): string {
  const parts = [`Район: ${filters.district ?? 'все'}`, `Статус: ${statusWords(filters.statuses)}`];
  parts.push(`Категория: ${filters.category ? CATEGORY_LABELS[filters.category] : 'все'}`);
  parts.push(`Приоритет: ${filters.priority ? PRIORITY_LABELS[filters.priority] : 'любой'}`);
  if (filters.search) parts.push(`Поиск: «${filters.search}»`);
  parts.push(`Сортировка: ${SORT_WORDS[filters.sort.field]}, ${filters.sort.direction === 'asc' ? 'по возрастанию' : 'по убыванию'}`);
  return parts.join('; ');
}

export function appealsDocumentTitle(district: District | undefined, nowMs: number): string {
  return `Обращения — ${district ? `${district} район` : 'все районы'}, выгружено ${formatSamaraDateTime(nowMs)} (Самара)`;
}

/** «Обращения — Кировский — 29.11.2026 18-05.xlsx»: no colon, which Windows refuses. */
export function appealsFileName(district: District | undefined, nowMs: number): string {
  return safeFileName(`Обращения — ${district ?? 'все районы'} — ${formatSamaraDateTime(nowMs).replace(':', '-')}.xlsx`);
}
