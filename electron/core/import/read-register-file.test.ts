import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvFile, encodeCp1251, xlsxFile } from '../test/register-files.js';
import { cellText } from '../../../shared/domain/spreadsheet-cell.js';
import { decodeText, readRegisterFile } from './read-register-file.js';

describe('reading a register file', () => {
  it('tells the encoding of CSV text: a BOM, valid UTF-8, else Windows-1251', () => {
    const text = 'Район;Адрес\r\nОктябрьский;ул. Ново-Садовая, д. 106А';
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(encodeCp1251(text))).toEqual({ text, encoding: 'windows-1251' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' });
  });

  it('reads CSV and XLSX into the same rows, numbered as a spreadsheet numbers them', async () => {
    const rows = [['Район', 'Адрес', 'Этажность'], ['Октябрьский', 'ул. Ново-Садовая, д. 106А', '9'], ['', '', ''], ['Ленинский', 'ул. Садовая, д. 12', '5']];
    const csv = await readRegisterFile(csvFile(rows, { encoding: 'windows-1251' }));
    const xlsx = await readRegisterFile(await xlsxFile(rows));
    expect(csv).toMatchObject({ ok: true, format: 'csv', encoding: 'windows-1251' });
    expect(xlsx).toMatchObject({ ok: true, format: 'xlsx' });
    if (!csv.ok || !xlsx.ok) throw new Error('unreadable');
    const nonBlank = (r: typeof csv.rows) => r.filter((x) => x.cells.some((c) => c !== ''));
    expect(nonBlank(xlsx.rows)).toEqual(nonBlank(csv.rows));
    expect(nonBlank(csv.rows).map((r) => r.row)).toEqual([1, 2, 4]);
  });

  it('reads a large Cyrillic book exactly (exceljs splits letters at chunk boundaries without the workaround)', async () => {
    const rows = [['Район', 'Адрес']];
    for (let i = 1; i <= 6000; i++) rows.push(['Железнодорожный', `г. Самара, ул. Братьев Коростелёвых, д. ${i}, корп. ${i % 7}`]);
    const read = await readRegisterFile(await xlsxFile(rows));
    if (!read.ok) throw new Error(read.fileError);
    expect(read.rows.map((r) => r.cells)).toEqual(rows);
  });

  it('reports progress in bytes of the file', async () => {
    const bytes = await xlsxFile([['Район', 'Адрес'], ...Array.from({ length: 20000 }, (_, i) => ['Советский', `ул. Гагарина, д. ${i}`])]);
    const seen: [number, number][] = [];
    await readRegisterFile(bytes, (done, total) => seen.push([done, total]));
    expect(seen[0]).toEqual([0, bytes.length]);
    expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
    expect(seen.length).toBeGreaterThan(2);
  });

  it('shows cells as Excel shows them', async () => {
    expect(cellText(1975)).toBe('1975');
    expect(cellText(6316000001)).toBe('6316000001');
    expect(cellText(5.5)).toBe('5.5');
    expect(cellText({ richText: [{ text: 'ул. ' }, { text: 'Садовая' }] })).toBe('ул. Садовая');
    expect(cellText({ formula: 'A1', result: 12 })).toBe('12');
    expect(cellText({ text: 'ссылка', hyperlink: 'https://example.org' })).toBe('ссылка');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(null)).toBe('');

    // A book with rich text and formulas, written by exceljs and read back through the stream.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Реестр');
    sheet.addRow(['Район', 'Адрес', 'Этажность']);
    sheet.addRow([{ richText: [{ text: 'Советский ', font: { bold: true } }, { text: 'район' }] }, 'ул. Гагарина, д. 1', { formula: '4+5', result: 9 }]);
    const read = await readRegisterFile(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read).toMatchObject({ ok: true, rows: [{ row: 1 }, { row: 2, cells: ['Советский район', 'ул. Гагарина, д. 1', '9'] }] });
  });
});
