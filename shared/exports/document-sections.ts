// A document as sections of tables, for the documents that are small enough to build whole
// («Сводка за день», «Отопительный сезон»): the core writes each section as a worksheet, the
// renderer's print view as an A4 page. Pure: the same rows reach the XLSX and the PDF.

/** How a column's values are written: text, a whole number, a Samara date 'YYYY-MM-DD', a duration in ms. */
export type ColumnKind = 'text' | 'count' | 'day' | 'duration';

export interface SectionColumn {
  readonly header: string;
  /** In characters, as Excel counts column widths. */
  readonly width: number;
  readonly kind: ColumnKind;
}

export type SectionCell = string | number | null;

export interface SectionBlock {
  /** A heading above the block when a section has more than one. */
  readonly caption?: string;
  readonly columns: readonly SectionColumn[];
  readonly rows: readonly (readonly SectionCell[])[];
  /** The «Итого» row, or null when summing makes no sense (a ranking). */
  readonly totals: readonly SectionCell[] | null;
  /** Shown when there are no rows. */
  readonly empty?: string;
}

export interface DocumentSection {
  /** The worksheet's name (at most 31 characters, none of []:*?/\). */
  readonly sheet: string;
  /** The line under the document's title. */
  readonly heading: string;
  readonly blocks: readonly SectionBlock[];
  /** Printed on the page of the section before it (a short section). */
  readonly printWithPrevious?: boolean;
}

export interface SectionedDocument {
  readonly title: string;
  readonly sections: readonly DocumentSection[];
  readonly fileName: string;
}

/** A column's cells summed, for a totals row. */
export function columnSum(rows: readonly (readonly SectionCell[])[], index: number): number {
  return rows.reduce<number>((sum, row) => sum + (typeof row[index] === 'number' ? row[index] : 0), 0);
}

/** «29.11.2026» from 'YYYY-MM-DD'. */
export function ruDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** «5 ч 07 мин», «2 сут 3 ч», «40 мин». */
export function durationWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d >= 2) return `${d} сут ${h} ч`;
  return minutes >= 60 ? `${Math.floor(minutes / 60)} ч ${String(m).padStart(2, '0')} мин` : `${m} мин`;
}

/** A cell as printed: dates in Russian, durations in words, numbers and text as they are. */
export function printedCell(kind: ColumnKind, value: SectionCell): string {
  if (value === null) return '';
  // A day column's totals row holds a label, not a date.
  if (kind === 'day' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return ruDate(value);
  if (kind === 'duration' && typeof value === 'number') return durationWords(value);
  return String(value);
}
