// Test helpers: register files built in the tests themselves — CSV in any encoding and delimiter,
// and XLSX written by exceljs — so no binary fixtures are kept in the repository.
import ExcelJS from 'exceljs';
import { type CsvDelimiter, formatCsvRecord } from '../../../shared/domain/csv.js';
import { REGISTER_COLUMNS } from '../../../shared/domain/register-import.js';

let cp1251: Map<string, number> | null = null;

/** Text in Windows-1251 (throws on a character it cannot hold). */
export function encodeCp1251(text: string): Buffer {
  if (!cp1251) {
    cp1251 = new Map();
    const decoder = new TextDecoder('windows-1251');
    for (let b = 0; b < 256; b++) cp1251.set(decoder.decode(Uint8Array.of(b)), b);
  }
  const out = Buffer.alloc(text.length);
  let i = 0;
  for (const ch of text) {
    const b = cp1251.get(ch);
    if (b === undefined) throw new Error(`not in Windows-1251: ${JSON.stringify(ch)}`);
    out[i++] = b;
  }
  return out.subarray(0, i);
}

export interface CsvOptions {
  readonly delimiter?: CsvDelimiter;
  readonly encoding?: 'utf-8' | 'windows-1251';
  readonly bom?: boolean;
  readonly newline?: '\r\n' | '\n';
}

export function csvFile(rows: readonly (readonly string[])[], options: CsvOptions = {}): Buffer {
  const { delimiter = ';', encoding = 'utf-8', bom = false, newline = '\r\n' } = options;
  const text = rows.map((r) => formatCsvRecord(r, delimiter)).join(newline) + newline;
  if (encoding === 'windows-1251') return encodeCp1251(text);
  return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/**
 * An XLSX book with the rows on its first sheet. Cells that look like integers are written as
 * numbers, as Excel would store them; `before` adds sheets ahead of it.
 */
export async function xlsxFile(rows: readonly (readonly string[])[], options: { before?: string[] } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of options.before ?? []) workbook.addWorksheet(name).addRow(['Инструкция: заполните лист «Реестр»']);
  const sheet = workbook.addWorksheet('Реестр');
  rows.forEach((r, i) => sheet.addRow(i === 0 ? [...r] : r.map((c) => (/^\d{1,9}$/.test(c) ? Number(c) : c))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const HEADER = Object.values(REGISTER_COLUMNS);

/** A small register in the header's order, with the kinds of things real files hold. */
export const ROWS: readonly (readonly string[])[] = [
  ['Октябрьский', '443099, Самарская обл., г. Самара, ул. Ново-Садовая, д. 106А', 'ООО «УК «Вега»', '6316000001', 'ПАО «Т Плюс»', 'Котельная № 5', '1975', '9', '144', '0c5b2444-70a0-4932-980c-b4dc0d3f02b5'],
  ['р-н Ленинский', 'г. Самара, ул. Садовая, д. 12', 'ТСЖ «Садовая-12»', '6315000002', 'ПАО «Т Плюс»', 'ЦТП-12', '1981', '5', '60', ''],
  ['Промышленный район', 'г. Самара, ул. XXII Партсъезда, д. 5, корп. 1', 'ООО «УК «Вега»', '6316000001', 'ООО «СамРЭК-Эксплуатация»', 'Самарская ТЭЦ', '1968', '5', '80', '5d0a9f11-3c5e-4d26-9b7a-0a63c7c1e2f4'],
  ['КИРОВСКИЙ', 'г. Самара, пр-кт Кирова, д. 322', 'ЖСК-45', '', '', '', '', '12', '', ''],
];

export function register(rows: readonly (readonly string[])[] = ROWS, header: readonly string[] = HEADER): string[][] {
  return [[...header], ...rows.map((r) => [...r])];
}
