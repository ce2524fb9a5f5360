// CSV as spreadsheets write it (RFC 4180, leniently): fields separated by `;`, `,` or a tab, records
// by CRLF, LF or CR; a field in double quotes may hold separators, line breaks and doubled quotes.
// Pure: text in, records out; decoding bytes into text is the caller's business.

export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvParseResult {
  /** Every record of the file, blank ones included, so that record i is the spreadsheet's row i + 1. */
  readonly records: string[][];
  /** A quote opened and never closed: the row where it opened (the rest of the file is one field). */
  readonly error: { readonly row: number; readonly message: string } | null;
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

/**
 * The delimiter of the file, judged by the first line that has any: the most frequent of `;`, `,`
 * and tab outside quotes. Russian spreadsheets write `;` (the comma is the decimal separator there),
 * so `;` wins ties and is the answer when nothing is found.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let inQuotes = false;
  const counts = { ';': 0, ',': 0, '\t': 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === ';' || c === ',' || c === '\t') counts[c]++;
    else if (c === '\n' || c === '\r') {
      if (counts[';'] + counts[','] + counts['\t'] > 0) break;
    }
  }
  let best: CsvDelimiter = ';';
  for (const d of [',', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/**
 * Splits CSV text into records of fields. Lenient where spreadsheets and hand edits are: a quote
 * inside an unquoted field is kept as a character; text after a closing quote is appended to the
 * field; a final line break does not make an empty record.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter): CsvParseResult {
  const sep = delimiter.charCodeAt(0);
  const records: string[][] = [];
  const n = text.length;
  let record: string[] = [];
  let i = 0;
  // A BOM that survived decoding belongs to no field.
  if (n > 0 && text.charCodeAt(0) === 0xfeff) i = 1;
  if (i >= n) return { records, error: null };

  for (;;) {
    // One field starts at i.
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      const openedAtRow = records.length + 1;
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) {
          record.push(value + text.slice(from));
          records.push(record);
          return { records, error: { row: openedAtRow, message: 'кавычка открыта и не закрыта до конца файла' } };
        }
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the next separator stays with the field.
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === sep || c === CR || c === LF) break;
        end++;
      }
      field = end > i ? value + text.slice(i, end) : value;
      i = end;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === sep || c === CR || c === LF) break;
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    record.push(field);

    if (i >= n) {
      records.push(record);
      return { records, error: null };
    }
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      continue;
    }
    // A line break: CRLF, LF or CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    records.push(record);
    record = [];
    if (i >= n) return { records, error: null };
  }
}

/** One record as CSV (for tests, fixtures and exports): quotes only the fields that need them. */
export function formatCsvRecord(fields: readonly string[], delimiter: CsvDelimiter): string {
  return fields
    .map((f) => (f.includes('"') || f.includes(delimiter) || f.includes('\n') || f.includes('\r') || f.startsWith('\uFEFF') ? `"${f.replace(/"/g, '""')}"` : f))
    .join(delimiter);
}
