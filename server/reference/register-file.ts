// A register file as rows of text cells, for the admin CLI's import-register: CSV (UTF-8 with or
// without BOM, UTF-16 with BOM, else Windows-1251; `;`, `,` or tab) or XLSX (the first sheet with a
// register header). The same rules as the workstation's reader (electron/core/import/
// read-register-file.ts); the server reads a whole book at once (a CLI, not a UI to keep responsive).
import ExcelJS from 'exceljs';
import { detectDelimiter, parseCsv } from '../../shared/domain/csv.js';
import { findHeader } from '../../shared/domain/register-import.js';
import { cellText } from '../../shared/domain/spreadsheet-cell.js';

export interface TableRow {
  readonly row: number;
  readonly cells: string[];
}

export type ReadResult = { readonly ok: true; readonly rows: TableRow[] } | { readonly ok: false; readonly fileError: string };

export async function readRegisterBytes(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, fileError: 'Файл пуст' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, fileError: 'Файл в старом формате Excel 97–2003 (XLS): откройте его в Excel и сохраните как XLSX или CSV' };
  }
  const text = decodeText(bytes);
  if (text.includes('\u0000')) return { ok: false, fileError: 'Файл не похож ни на таблицу CSV, ни на книгу Excel (XLSX)' };
  const { records, error } = parseCsv(text, detectDelimiter(text));
  if (error) return { ok: false, fileError: `Строка ${error.row}: ${error.message}` };
  return { ok: true, rows: records.map((cells, i) => ({ row: i + 1, cells })) };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) as unknown as ArrayBuffer);
  } catch (error) {
    return { ok: false, fileError: `Файл не удалось прочитать как книгу Excel (XLSX): ${error instanceof Error ? error.message : String(error)}` };
  }
  let first: TableRow[] | null = null;
  for (const sheet of book.worksheets) {
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
      rows.push({ row: row.number, cells });
    });
    if (findHeader(rows).ok) return { ok: true, rows };
    first ??= rows;
  }
  if (first === null) return { ok: false, fileError: 'В книге Excel нет ни одного листа с данными' };
  return { ok: true, rows: first };
}
