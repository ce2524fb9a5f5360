// The register import through the core, on real files in temporary folders: CSV (UTF-8 with BOM
// and `,`; Windows-1251 with `;`) and XLSX give the same register; one bad row imports nothing.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress, ImportResult } from '../../../shared/contract/register-schemas.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import { DATABASE_FILE } from '../core.js';
import { csvFile, HEADER, register, ROWS, xlsxFile } from '../test/register-files.js';
import { openTestCore, type TestCore } from '../test/temp-core.js';

let open: TestCore[] = [];
async function start(): Promise<TestCore> {
  const t = await openTestCore();
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open) await t.core.close();
  open = [];
});

async function importBytes(t: TestCore, bytes: Buffer, fileName = 'реестр.csv'): Promise<ImportResult> {
  const envelope = await t.core.call('importRegister', { fileName, contentBase64: bytes.toString('base64') });
  if (!envelope.ok) throw new Error(`importRegister failed: ${envelope.error.message}`);
  return envelope.value as ImportResult;
}

/** The register as stored, without generated ids: what two imports must agree on. */
function snapshot(t: TestCore) {
  const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return {
      buildings: db
        .prepare(
          `SELECT b.district, b.address, b.search_key, b.street_type, b.street_name, b.house, b.korpus, b.stroenie, b.address_key,
             b.fias_guid, m.name AS management, m.kind AS management_kind, m.inn, s.name AS supplier, s.kind AS supplier_kind,
             h.name AS heat_source, h.kind AS heat_source_kind, hs.name AS heat_source_supplier, b.year_built, b.floors, b.flats
           FROM buildings b LEFT JOIN organisations m ON m.id = b.management_org_id
             LEFT JOIN organisations s ON s.id = b.heat_supplier_org_id
             LEFT JOIN heat_sources h ON h.id = b.heat_source_id LEFT JOIN organisations hs ON hs.id = h.supplier_org_id
           ORDER BY b.address`,
        )
        .all(),
      organisations: db.prepare('SELECT kind, name, inn FROM organisations ORDER BY name').all(),
      heatSources: db.prepare('SELECT kind, name, district FROM heat_sources ORDER BY name').all(),
      outbox: (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('importing a register file', () => {
  it('CSV in UTF-8 with BOM and «,», CSV in Windows-1251 with «;» and XLSX give the same register', async () => {
    const files = [
      csvFile(register(), { delimiter: ',', encoding: 'utf-8', bom: true }),
      csvFile(register(), { delimiter: ';', encoding: 'windows-1251', newline: '\r\n' }),
      await xlsxFile(register()),
    ];
    const snapshots = [];
    for (const [i, bytes] of files.entries()) {
      const t = await start();
      expect(await importBytes(t, bytes, ['a.csv', 'b.csv', 'c.xlsx'][i])).toEqual({ ok: true, rows: 4, added: 4, updated: 0, unchanged: 0 });
      snapshots.push(snapshot(t));
    }
    expect(snapshots[1]).toEqual(snapshots[0]);
    expect(snapshots[2]).toEqual(snapshots[0]);

    const s = snapshots[0] as ReturnType<typeof snapshot>;
    expect(s.buildings).toHaveLength(4);
    expect(s.buildings).toContainEqual(
      expect.objectContaining({
        district: 'Октябрьский',
        address: 'ул. Ново-Садовая, д. 106А',
        house: '106А',
        fias_guid: '0c5b2444-70a0-4932-980c-b4dc0d3f02b5',
        management: 'ООО «УК «Вега»',
        management_kind: 'uk',
        inn: '6316000001',
        supplier: 'ПАО «Т Плюс»',
        supplier_kind: 'tso',
        heat_source: 'Котельная № 5',
        heat_source_kind: 'boiler_house',
        heat_source_supplier: 'ПАО «Т Плюс»',
        year_built: 1975,
        floors: 9,
        flats: 144,
      }),
    );
    expect(s.buildings).toContainEqual(expect.objectContaining({ district: 'Ленинский', management_kind: 'tszh', heat_source_kind: 'substation' }));
    expect(s.buildings).toContainEqual(expect.objectContaining({ district: 'Промышленный', korpus: '1', heat_source_kind: 'chp' }));
    expect(s.buildings).toContainEqual(
      expect.objectContaining({ district: 'Кировский', management: 'ЖСК-45', management_kind: 'zhsk', inn: null, supplier: null, floors: 12, year_built: null }),
    );
    // The same management company on two rows is one organisation; reference data writes no ops.
    expect(s.organisations.filter((o) => (o as { name: string }).name === 'ООО «УК «Вега»')).toHaveLength(1);
    expect(s.organisations).toHaveLength(5);
    expect(s.heatSources).toHaveLength(3);
    expect(s.outbox).toBe(0);
  });

  it('a file with one bad row imports nothing and names the row', async () => {
    const t = await start();
    const rows = [...ROWS.slice(0, 2), ['Заречный', 'г. Самара, ул. Тестовая, д. 3', '', '', '', '', '', '', '', ''], ...ROWS.slice(2)];
    const result = await importBytes(t, csvFile(register(rows)));
    expect(result).toEqual({ ok: false, rows: 5, fileError: null, errors: [{ row: 4, message: expect.stringMatching(/^Район «Заречный» не найден/) }] });
    expect(snapshot(t).buildings).toEqual([]);
    expect(snapshot(t).organisations).toEqual([]);
  });

  it('names every bad row and every reason, in Russian', async () => {
    const t = await start();
    const ok = ['Октябрьский', 'ул. Ново-Садовая, д. 1', '', '', '', '', '', '', '', ''];
    const bad = (patch: Record<number, string>) => ok.map((c, i) => patch[i] ?? c);
    const rows = [
      ok, // 2
      bad({ 0: '', 1: 'ул. Ново-Садовая, д. 14' }), // 3: no district
      bad({ 0: 'Ленинградский', 1: 'ул. Ново-Садовая, д. 2' }), // 4
      bad({ 1: 'Самара' }), // 5: no street, no house
      bad({ 1: 'ул. Ново-Садовая, д. 3, кв. 15' }), // 6: a flat
      bad({ 1: 'ул. Ново-Садовая, д. 4', 6: 'тысяча девятьсот' }), // 7
      bad({ 1: 'ул. Ново-Садовая, д. 5', 6: '1699' }), // 8
      bad({ 1: 'ул. Ново-Садовая, д. 6', 7: '5,5' }), // 9
      bad({ 1: 'ул. Ново-Садовая, д. 7', 7: '101' }), // 10
      bad({ 1: 'ул. Ново-Садовая, д. 8', 8: '0' }), // 11
      bad({ 1: 'ул. Ново-Садовая, д. 9', 9: 'не гуид' }), // 12
      bad({ 1: 'Ново-Садовая, 1' }), // 13: the same building as row 2
      bad({ 1: 'ул. Ново-Садовая, д. 10', 9: '0c5b2444-70a0-4932-980c-b4dc0d3f02b5' }), // 14
      bad({ 1: 'ул. Ново-Садовая, д. 11', 9: '{0C5B2444-70A0-4932-980C-B4DC0D3F02B5}' }), // 15: the same ФИАС as 14
      bad({ 1: 'ул. Ново-Садовая, д. 12', 3: '12345' }), // 16
      bad({ 1: 'ул. Ново-Садовая, д. 13', 3: '6316000001' }), // 17: INN without a name
      bad({ 1: '', 7: 'много' }), // 18: two reasons
    ];
    const result = await importBytes(t, csvFile(register(rows)));
    if (result.ok) throw new Error('expected a refusal');
    expect(result.rows).toBe(17);
    const byRow = Object.fromEntries(result.errors.map((e) => [e.row, e.message]));
    expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18]);
    expect(byRow[3]).toBe('Не указан район');
    expect(byRow[4]).toMatch(/^Район «Ленинградский» не найден: в Самаре районы Железнодорожный, .*Советский$/);
    expect(byRow[5]).toMatch(/^Адрес «Самара» не разобран: /);
    expect(byRow[6]).toMatch(/указывает квартиру \(15\): в реестр вносятся дома/);
    expect(byRow[7]).toBe('Год постройки должен быть целым числом от 1700 до 2027, указано «тысяча девятьсот»');
    expect(byRow[8]).toBe('Год постройки должен быть целым числом от 1700 до 2027, указано «1699»');
    expect(byRow[9]).toBe('Этажность должна быть целым числом от 1 до 100, указано «5,5»');
    expect(byRow[10]).toBe('Этажность должна быть целым числом от 1 до 100, указано «101»');
    expect(byRow[11]).toBe('Количество квартир должно быть целым числом от 1 до 5000, указано «0»');
    expect(byRow[12]).toMatch(/^ФИАС «не гуид» — не GUID/);
    expect(byRow[13]).toBe('Адрес «ул. Ново-Садовая, д. 1» уже встречается в строке 2: дом повторяется');
    expect(byRow[15]).toBe('ФИАС 0c5b2444-70a0-4932-980c-b4dc0d3f02b5 уже встречается в строке 14: дом повторяется');
    expect(byRow[16]).toMatch(/^ИНН управляющей организации «12345» — нужно 10 или 12 цифр/);
    expect(byRow[17]).toBe('ИНН управляющей организации указан, а её название — нет');
    expect(byRow[18]).toBe('Не указан адрес; этажность должна быть целым числом от 1 до 100, указано «много»');
    expect(snapshot(t).buildings).toEqual([]);
  });

  it('importing again updates by ФИАС and by address, adds new buildings and counts the unchanged', async () => {
    const t = await start();
    expect(await importBytes(t, csvFile(register()))).toMatchObject({ ok: true, added: 4 });
    const before = snapshot(t);

    const next = ROWS.map((r) => [...r]);
    // Row 1: matched by ФИАС, its address written differently and its floors changed.
    next[0] = ['Октябрьский', 'Ново Садовая улица, дом 106 "а"', 'ООО «УК «Вега»', '6316000001', 'ПАО «Т Плюс»', 'Котельная № 5', '1975', '10', '144', '0C5B2444-70A0-4932-980C-B4DC0D3F02B5'];
    // Row 2: matched by address (no ФИАС), now with one: updated.
    (next[1] as string[])[9] = '7f1b3c6e-2a4d-4e8f-9b0c-1d2e3f4a5b6c';
    // Row 3 unchanged; row 4 with empty cells and an unchanged value keeps what it had.
    next[3] = ['Кировский', 'пр-кт Кирова, д. 322', '', '', '', '', '', '', '', ''];
    next.push(['Советский', 'ул. Гагарина, д. 1', 'ООО «УК «Новая»', '', '', '', '1960', '5', '40', '']);
    const result = await importBytes(t, csvFile(register(next)));
    expect(result).toEqual({ ok: true, rows: 5, added: 1, updated: 2, unchanged: 2 });

    const after = snapshot(t);
    expect(after.buildings).toHaveLength(5);
    // The file is the register's word: the display address follows its spelling.
    expect(after.buildings).toContainEqual(
      expect.objectContaining({ address: 'ул. Ново Садовая, д. 106А', fias_guid: '0c5b2444-70a0-4932-980c-b4dc0d3f02b5', floors: 10 }),
    );
    expect(after.buildings).toContainEqual(expect.objectContaining({ address: 'ул. Садовая, д. 12', fias_guid: '7f1b3c6e-2a4d-4e8f-9b0c-1d2e3f4a5b6c' }));
    expect(after.buildings.find((b) => (b as { address: string }).address.includes('Кирова'))).toEqual(
      before.buildings.find((b) => (b as { address: string }).address.includes('Кирова')),
    );
    expect(after.organisations).toContainEqual({ kind: 'uk', name: 'ООО «УК «Новая»', inn: null });
    // Address search finds the added building at once.
    expect((await t.core.handlers.searchBuildings({ query: 'гагарина 1', limit: 5 }))[0]).toMatchObject({ address: 'ул. Гагарина, д. 1', district: 'Советский' });

    // The same file once more changes nothing.
    expect(await importBytes(t, csvFile(register(next)))).toEqual({ ok: true, rows: 5, added: 0, updated: 0, unchanged: 5 });
  });

  it('refuses rows that contradict the register: a ФИАС of one house with the address of another', async () => {
    const t = await start();
    await importBytes(t, csvFile(register()));
    const rows = [['Октябрьский', 'ул. Садовая, д. 12', '', '', '', '', '', '', '', '0c5b2444-70a0-4932-980c-b4dc0d3f02b5']];
    const result = await importBytes(t, csvFile(register(rows)));
    expect(result).toEqual({
      ok: false,
      rows: 1,
      fileError: null,
      errors: [{ row: 2, message: 'ФИАС 0c5b2444-70a0-4932-980c-b4dc0d3f02b5 в реестре принадлежит дому «ул. Ново-Садовая, д. 106А», а адрес «ул. Садовая, д. 12» — другому дому' }],
    });
    // A known address with another ФИАС.
    const other = [['Промышленный', 'ул. XXII Партсъезда, д. 5, корп. 1', '', '', '', '', '', '', '', '11111111-2222-3333-4444-555555555555']];
    expect(await importBytes(t, csvFile(register(other)))).toMatchObject({
      ok: false,
      errors: [{ row: 2, message: expect.stringMatching(/уже есть в реестре с другим ФИАС: 5d0a9f11/) }],
    });
  });

  it('takes the columns in any order, ignores unknown ones and finds the header under a title', async () => {
    const order = [9, 3, 1, 0, 8, 7, 6, 5, 4, 2];
    const header = ['Примечание', ...order.map((i) => HEADER[i] as string)];
    const rows = ROWS.map((r) => ['что угодно', ...order.map((i) => r[i] as string)]);
    const shuffled = [['Реестр многоквартирных домов г. Самары на 01.11.2026'], [], header, ...rows];
    const t1 = await start();
    expect(await importBytes(t1, csvFile(shuffled))).toMatchObject({ ok: true, added: 4 });
    const t2 = await start();
    await importBytes(t2, csvFile(register()));
    expect(snapshot(t1)).toEqual(snapshot(t2));
  });

  it('tolerates header spelling: case, ё, spaces, quotes, a BOM', async () => {
    const t = await start();
    const header = ['\uFEFF"РАЙОН"', '  адрес ', 'Управляющая  организация'];
    const result = await importBytes(t, csvFile([header, ['Самарский', 'ул. Куйбышева, д. 1', 'ООО «УК»']]));
    expect(result).toMatchObject({ ok: true, added: 1 });
  });

  it('refuses a file without a required column, naming it', async () => {
    const t = await start();
    const header = HEADER.filter((h) => h !== 'Адрес');
    const result = await importBytes(t, csvFile([header, ['Октябрьский', '', '', '', '', '', '', '', '']]));
    expect(result).toMatchObject({ ok: false, rows: 0, errors: [], fileError: expect.stringMatching(/^В заголовке нет обязательного столбца «Адрес»/) });
  });

  it('refuses a header that names a column twice', async () => {
    const t = await start();
    const result = await importBytes(t, csvFile([['Район', 'Адрес', 'адрес'], ['Октябрьский', 'ул. А, д. 1', 'ул. Б, д. 2']]));
    expect(result).toMatchObject({ ok: false, fileError: 'Столбец «Адрес» встречается в заголовке дважды: B и C' });
  });

  it('refuses an empty file, a header without rows, a binary file and an old XLS', async () => {
    const t = await start();
    const refusal = async (bytes: Buffer) => {
      const r = await importBytes(t, bytes);
      if (r.ok) throw new Error('expected a refusal');
      return r.fileError;
    };
    expect(await refusal(Buffer.from([0xef, 0xbb, 0xbf]))).toBe('Файл пуст');
    expect(await refusal(Buffer.from('\r\n\r\n'))).toBe('Файл пуст');
    expect(await refusal(csvFile([[...HEADER]]))).toBe('В файле нет ни одной строки с домом: только заголовок');
    expect(await refusal(Buffer.from('%PDF-1.7\n\u0000\u0001\u0002binary'))).toMatch(/не похож ни на таблицу CSV, ни на книгу Excel/);
    expect(await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatch(/XLS/);
    expect(await refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]))).toMatch(/XLSX/);
    expect(await refusal(Buffer.from('Район;Адрес\n"Октябрьский;ул. А, д. 1\n'))).toBe('Строка 2: кавычка открыта и не закрыта до конца файла');
    expect(snapshot(t).buildings).toEqual([]);
  });

  it('reads the register sheet of a book that starts with another sheet', async () => {
    const t = await start();
    expect(await importBytes(t, await xlsxFile(register(), { before: ['Инструкция'] }), 'r.xlsx')).toMatchObject({ ok: true, added: 4 });
  });

  it('reports progress while it runs, refuses a second import meanwhile, and announces the change', async () => {
    const t = await start();
    const events: ChangeEvent[] = [];
    t.core.onChange((e) => events.push(e));
    const many = Array.from({ length: 5000 }, (_, i) => ['Советский', `ул. Гагарина, д. ${i + 1}`, '', '', '', '', '', '', '', '']);
    const running = importBytes(t, csvFile(register(many)));
    const second = await t.core.call('importRegister', { fileName: 'x.csv', contentBase64: csvFile(register()).toString('base64') });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const seen: ImportProgress[] = [];
    for (;;) {
      const p = (await t.core.handlers.importProgress({})) as ImportProgress;
      seen.push(p);
      if (!p.running) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await running).toMatchObject({ ok: true, added: 5000 });
    expect(seen.some((p) => p.running && p.stage === 'checking')).toBe(true);
    expect(seen.at(-1)).toEqual({ running: false, stage: 'done', done: 5000, total: 5000 });
    expect(events).toContainEqual({ entity: 'building', ids: [] });
  });
});
