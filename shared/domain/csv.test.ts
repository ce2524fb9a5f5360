import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, formatCsvRecord, parseCsv } from './csv.js';

describe('CSV', () => {
  it('splits records and fields, with quotes, doubled quotes and line breaks inside quotes', () => {
    const text = 'Район;Адрес\r\nОктябрьский;"ул. Ново-Садовая, д. 1"\n"Ленинский";"ООО ""УК""\nвторая строка"\rСамарский;';
    expect(parseCsv(text, ';')).toEqual({
      records: [
        ['Район', 'Адрес'],
        ['Октябрьский', 'ул. Ново-Садовая, д. 1'],
        ['Ленинский', 'ООО "УК"\nвторая строка'],
        ['Самарский', ''],
      ],
      error: null,
    });
  });

  it('keeps blank lines as records, so record i is row i + 1, and ignores one final line break', () => {
    expect(parseCsv('a\n\nb\n', ';').records).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('\uFEFFa;b', ';').records).toEqual([['a', 'b']]);
    expect(parseCsv('', ';').records).toEqual([]);
  });

  it('is lenient where spreadsheets and hand edits are', () => {
    expect(parseCsv('ООО "Дом";1', ';').records).toEqual([['ООО "Дом"', '1']]);
    expect(parseCsv('"ТСЖ" Волна;1', ';').records).toEqual([['ТСЖ Волна', '1']]);
  });

  it('names the row of a quote that is never closed', () => {
    expect(parseCsv('a;b\nc;"d\ne;f\n', ';').error).toEqual({ row: 2, message: 'кавычка открыта и не закрыта до конца файла' });
  });

  it('detects the delimiter from the first line, outside quotes', () => {
    expect(detectDelimiter('Район;Адрес;ФИАС\n')).toBe(';');
    expect(detectDelimiter('Район,Адрес,ФИАС\n')).toBe(',');
    expect(detectDelimiter('"Район; р-н",Адрес,ФИАС\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('Район\tАдрес\n')).toBe('\t');
    expect(detectDelimiter('\n\nРайон,Адрес')).toBe(',');
    expect(detectDelimiter('Район')).toBe(';');
  });

  it('reads back what it writes', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'я', ' ', ';', ',', '"', '\n', '\r', '1') });
    fc.assert(
      fc.property(fc.constantFrom(';' as const, ',' as const), fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (d, records) => {
        const text = records.map((r) => formatCsvRecord(r, d)).join('\r\n');
        expect(parseCsv(text, d)).toEqual({ records, error: null });
      }),
    );
  });
});
