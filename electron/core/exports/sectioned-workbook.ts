// A sectioned document (shared/exports/document-sections.ts) as an XLSX workbook: one worksheet per
// section with the document's title, the section's heading, a bold frozen header, column widths,
// real Excel dates and durations, and a bold «Итого» row. These documents are small (a summary, a
// few thousand buildings), so the workbook is built whole and written once.
import ExcelJS from 'exceljs';
import type { ColumnKind, DocumentSection, SectionCell, SectionedDocument } from '../../../shared/exports/document-sections.js';
import type { WriteContext } from './document.js';

/** The document's title, the section's heading, then the header. */
export const FIRST_HEADER_ROW = 3;
const DAY_MS = 86_400_000;
const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = { day: 'dd.mm.yyyy', duration: '[h]:mm', count: '#,##0.##' };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };

/** A cell as Excel keeps it: a date 'YYYY-MM-DD' as a date with no time, a duration as a fraction of a day. */
function excelValue(kind: ColumnKind, value: SectionCell): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === 'day' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  }
  if (kind === 'duration' && typeof value === 'number') return value / DAY_MS;
  return value;
}

/** The rows of all the sections, for the progress bar. */
export function sectionRows(document: SectionedDocument): number {
  return document.sections.reduce((n, s) => n + s.blocks.reduce((m, b) => m + b.rows.length, 0), 0);
}

function writeSection(workbook: ExcelJS.Workbook, title: string, section: DocumentSection): void {
  const sheet = workbook.addWorksheet(section.sheet, { views: [{ state: 'frozen', ySplit: FIRST_HEADER_ROW }] });
  const widths: number[] = [];
  for (const block of section.blocks) block.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.width)));
  sheet.columns = widths.map((width) => ({ width }));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([section.heading]).font = { italic: true };
  section.blocks.forEach((block, n) => {
    if (n > 0) {
      sheet.addRow([]);
      sheet.addRow([block.caption ?? '']).font = { bold: true };
    }
    const header = sheet.addRow(block.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
      cell.border = { bottom: { style: 'thin' } };
    });
    const write = (cells: readonly SectionCell[]) => {
      const values = cells.map((v, i) => excelValue(block.columns[i]?.kind ?? 'text', v));
      const row = sheet.addRow(values);
      block.columns.forEach((c, i) => {
        // Only numbers and dates take the column's format: the totals' «Итого» in a date column stays text.
        const format = NUMBER_FORMATS[c.kind];
        if (format && (typeof values[i] === 'number' || values[i] instanceof Date)) row.getCell(i + 1).numFmt = format;
      });
      return row;
    };
    if (block.rows.length === 0 && block.empty) sheet.addRow([block.empty]).font = { italic: true };
    for (const cells of block.rows) write(cells);
    if (block.totals) {
      const totals = write(block.totals);
      totals.font = { bold: true };
      totals.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
    }
  });
}

export async function writeSectionedWorkbook(document: SectionedDocument, context: WriteContext, createdAt: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Контроль обращений';
  workbook.created = new Date(createdAt);
  let written = 0;
  for (const section of document.sections) {
    if (context.signal.aborted) return;
    writeSection(workbook, document.title, section);
    written += section.blocks.reduce((m, b) => m + b.rows.length, 0);
    context.onProgress({ written });
  }
  await workbook.xlsx.writeFile(context.file);
}
