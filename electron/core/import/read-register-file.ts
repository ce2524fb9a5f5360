// Reading a register file — or a supplier's heating-status file — into rows of text cells: XLSX (the
// first sheet with the header looked for, read as a stream by exceljs) or CSV (UTF-8 with or without BOM, UTF-16 with BOM, or
// Windows-1251; `;`, `,` or tab). The format is told by the content, not by the file's name.
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { detectDelimiter, parseCsv } from '../../../shared/domain/csv.js';
import { findHeader } from '../../../shared/domain/register-import.js';
import { cellText } from '../../../shared/domain/spreadsheet-cell.js';

export interface TableRow {
  /** The row's number as a spreadsheet shows it (1-based). */
  readonly row: number;
  readonly cells: string[];
}

export type ReadResult =
  | { readonly ok: true; readonly format: 'csv' | 'xlsx'; readonly encoding: string | null; readonly rows: TableRow[] }
  | { readonly ok: false; readonly fileError: string };

/** Bytes of the file consumed so far, of all. */
export type ReadProgress = (done: number, total: number) => void;

const NOT_A_REGISTER = 'Файл не похож ни на таблицу CSV, ни на книгу Excel (XLSX): сохраните реестр в одном из этих форматов';

/** Whether a sheet's first rows hold the header looked for: a book's first such sheet is read. */
export type HasHeader = (rows: readonly TableRow[]) => boolean;

const hasRegisterHeader: HasHeader = (rows) => findHeader(rows).ok;

export async function readRegisterFile(
  bytes: Uint8Array,
  progress: ReadProgress = () => {},
  hasHeader: HasHeader = hasRegisterHeader,
): Promise<ReadResult> {
  progress(0, bytes.length);
  if (bytes.length === 0) return { ok: false, fileError: 'Файл пуст' };
  const result = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])
    ? await readXlsx(bytes, progress, hasHeader)
    : startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
      ? { ok: false as const, fileError: 'Файл в старом формате Excel 97–2003 (XLS): откройте его в Excel и сохраните как XLSX или CSV' }
      : readCsv(bytes);
  progress(bytes.length, bytes.length);
  return result;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Text from bytes: a BOM decides; otherwise valid UTF-8 is UTF-8, and anything else is Windows-1251. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/** Control characters other than tab and line breaks mean a binary file, not text. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return control > sample.length / 100;
}

function readCsv(bytes: Uint8Array): ReadResult {
  const { text, encoding } = decodeText(bytes);
  if (looksBinary(text)) return { ok: false, fileError: NOT_A_REGISTER };
  if (text.trim() === '') return { ok: false, fileError: 'Файл пуст' };
  const { records, error } = parseCsv(text, detectDelimiter(text));
  if (error) return { ok: false, fileError: `Строка ${error.row}: ${error.message}` };
  return { ok: true, format: 'csv', encoding, rows: records.map((cells, i) => ({ row: i + 1, cells })) };
}

// ---------------------------------------------------------------------------------------------
// XLSX

const CHUNK = 256 * 1024;

async function readXlsx(bytes: Uint8Array, progress: ReadProgress, hasHeader: HasHeader): Promise<ReadResult> {
  // The zip is fed in chunks, so the bytes taken tell how far the reading is.
  function* chunks(): Generator<Buffer> {
    for (let at = 0; at < bytes.length; at += CHUNK) {
      const end = Math.min(at + CHUNK, bytes.length);
      progress(at, bytes.length);
      yield Buffer.from(bytes.buffer, bytes.byteOffset + at, end - at);
    }
  }
  const reader = new Utf8SafeWorkbookReader(Readable.from(chunks()), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let first: TableRow[] | null = null;
  try {
    for await (const sheet of reader) {
      const rows: TableRow[] = [];
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
        rows.push({ row: row.number, cells });
      }
      // The first sheet with the header; a leading sheet of instructions is passed over.
      if (hasHeader(rows)) return { ok: true, format: 'xlsx', encoding: null, rows };
      first ??= rows;
    }
  } catch (error) {
    return { ok: false, fileError: `Файл не удалось прочитать как книгу Excel (XLSX): ${error instanceof Error ? error.message : String(error)}` };
  }
  if (first === null) return { ok: false, fileError: 'В книге Excel нет ни одного листа с данными' };
  return { ok: true, format: 'xlsx', encoding: null, rows: first };
}

/**
 * exceljs 4.4.0's streaming reader decodes every chunk of XML on its own, so a Cyrillic letter split
 * across two chunks becomes «��» (exceljs issues #2063, #2084, #2316; the fix, PR #1665, is not
 * merged). Here the sheets and the shared strings reach its parser as text decoded across chunk
 * boundaries. These are internal methods of exceljs: the version is pinned, and a test reads a
 * large Cyrillic book back exactly.
 */
class Utf8SafeWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {}
type ReaderInternals = {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
};
const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
const patched = Utf8SafeWorkbookReader.prototype as unknown as ReaderInternals;
if (typeof base._parseSharedStrings !== 'function' || typeof base._parseWorksheet !== 'function') {
  throw new Error('exceljs changed its stream reader: review the UTF-8 workaround in read-register-file.ts');
}
patched._parseSharedStrings = function (this: ReaderInternals, entry) {
  entry.setEncoding('utf8');
  return base._parseSharedStrings.call(this, entry);
};
patched._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
  return base._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
};

async function* decodeUtf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}
