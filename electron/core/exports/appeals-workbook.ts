// «Обращения» as an XLSX workbook: the list with the filters on screen, read from the DB worker in
// pages and streamed into exceljs's WorkbookWriter, so neither the list nor the sheet is ever whole
// in memory. What the columns hold is described in shared/exports/appeals-document.ts.
import ExcelJS from 'exceljs';
import type { AppealExportFilters } from '../../../shared/contract/export-schemas.js';
import {
  appealColumns,
  appealsDocumentTitle,
  appealsFileName,
  describeAppealFilters,
  type AppealColumn,
} from '../../../shared/exports/appeals-document.js';
import { EXCEL_DATE_TIME_FORMAT, excelDateOfInstant } from '../../../shared/exports/excel-values.js';
import type { DbClient } from '../db/db-client.js';
import type { AppealExportCursor, AppealExportPage } from '../repositories/appeal-export.js';
import type { PreparedDocument, WriteContext } from './document.js';

/** Rows per request to the DB worker: small enough that one page's formatting (~30 ms) never holds the core's thread for long. */
export const APPEALS_PAGE_ROWS = 500;
/** Rows formatted between two turns of the event loop. */
const YIELD_EVERY_ROWS = 100;
/** The title, the filters in words, then the header: the rows the header freezes under. */
const HEADER_ROW = 3;

export interface AppealsWorkbookRequest {
  readonly filters: AppealExportFilters;
  readonly withPersonalData: boolean;
  readonly nowMs: number;
}

export async function prepareAppealsWorkbook(db: DbClient, request: AppealsWorkbookRequest): Promise<PreparedDocument> {
  return {
    fileName: appealsFileName(request.filters.district, request.nowMs),
    total: await db.call('countAppealsForExport', request.filters),
    write: (context) => writeAppealsWorkbook(db, request, context),
  };
}

async function writeAppealsWorkbook(client: DbClient, req: AppealsWorkbookRequest, context: WriteContext): Promise<void> {
  const { sort, ...filter } = req.filters;
  const columns = appealColumns(req.withPersonalData);
  // Inline strings: a shared-strings table would keep every distinct text in memory until the end.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: context.file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Контроль обращений';
  workbook.created = new Date(req.nowMs);
  const sheet = workbook.addWorksheet('Обращения', { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  // A column's style reaches every cell the writer creates in it: the date format is set once.
  sheet.columns = columns.map((c) => ({ width: c.width, ...(c.kind === 'date' ? { style: { numFmt: EXCEL_DATE_TIME_FORMAT } } : {}) }));
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: columns.length } };
  writeHeading(sheet, columns, appealsDocumentTitle(req.filters.district, req.nowMs), describeAppealFilters(req.filters));

  const counted = columns.map(() => 0);
  let written = 0;
  let after: AppealExportCursor | null = null;
  do {
    if (context.signal.aborted) break;
    const page: AppealExportPage = await client.call('appealsForExport', {
      filter,
      sort,
      after,
      limit: APPEALS_PAGE_ROWS,
      withPersonalData: req.withPersonalData,
    });
    for (const [n, appeal] of page.rows.entries()) {
      // Let the core's other work in (in Electron it answers the window) between small slices.
      if (n > 0 && n % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
      const row = sheet.addRow(
        columns.map((c, i) => {
          const value = c.value(appeal, req.nowMs);
          if (c.counted && value !== null && value !== '') counted[i] = (counted[i] ?? 0) + 1;
          return c.kind === 'date' && typeof value === 'number' ? excelDateOfInstant(value) : value;
        }),
      );
      row.commit();
    }
    written += page.rows.length;
    context.onProgress({ written });
    after = page.next;
  } while (after);

  const totals = sheet.addRow(columns.map((c, i) => (i === 0 ? 'Итого' : i === 1 ? written : c.counted ? counted[i] : null)));
  totals.font = { bold: true };
  totals.commit();
  await workbook.commit();
}

function writeHeading(sheet: ExcelJS.Worksheet, columns: readonly AppealColumn[], title: string, filters: string): void {
  const titleRow = sheet.addRow([title]);
  titleRow.font = { bold: true, size: 14 };
  titleRow.commit();
  sheet.addRow([filters]).commit();
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  header.commit();
}
