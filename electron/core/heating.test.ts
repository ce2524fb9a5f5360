// «Отопительный сезон» through the core: statuses set by hand with their rules, the figures and the
// list in the user's scope, and a supplier's file in every format — all rows or none.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/contract/api.js';
import { addressKey, parseAddress } from '../../shared/domain/address.js';
import type { District } from '../../shared/domain/districts.js';
import { DATABASE_FILE } from './core.js';
import { csvFile } from './test/register-files.js';
import { openTestCore, type TestCore } from './test/temp-core.js';

// 29.11.2026 11:00 in Samara.
const NOW = Date.UTC(2026, 10, 29, 7, 0);

const BUILDINGS: readonly { id: string; district: District; address: string; org: string | null }[] = [
  { id: 'b-1', district: 'Октябрьский', address: 'ул. Ново-Садовая, д. 106А', org: 'uk-1' },
  { id: 'b-2', district: 'Октябрьский', address: 'ул. Гагарина, д. 10', org: 'uk-1' },
  { id: 'b-3', district: 'Октябрьский', address: 'ул. Гагарина, д. 12', org: 'uk-2' },
  { id: 'b-4', district: 'Ленинский', address: 'ул. Садовая, д. 12', org: null },
  { id: 'b-5', district: 'Ленинский', address: 'ул. Садовая, д. 14', org: 'uk-2' },
];

function buildingRecord(id: string, district: District, address: string, managementOrgId: string | null) {
  const parsed = parseAddress(address);
  if (!parsed.ok) throw new Error(address);
  return { id, district, address, managementOrgId, addressKey: addressKey(parsed.address) };
}

let t: TestCore;

async function as(role: 'operator' | 'district_controller' | 'deputy_head' | 'department', district: District | null, name = 'Петрова') {
  await t.core.handlers.setWorkstationUser({ name, role, district });
}

async function call<T = unknown>(method: string, input: unknown): Promise<T> {
  const result = await t.core.call(method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function refusal(method: string, input: unknown): Promise<string> {
  const result = await t.core.call(method, input);
  if (result.ok) throw new Error(`${method} was not refused`);
  return result.error.message;
}

type Progress = ApiOutput<'heatingProgress'>;
type Imported = ApiOutput<'importHeating'>;

const importFile = (bytes: Buffer, fileName = 'статусы.csv') => call<Imported>('importHeating', { fileName, contentBase64: bytes.toString('base64') });

beforeEach(async () => {
  t = await openTestCore(undefined, NOW);
  await t.core.db.call('seed', {
    organisations: [
      { id: 'uk-1', kind: 'uk', name: 'ООО «УК Вега»' },
      { id: 'uk-2', kind: 'uk', name: 'ООО «УК Заря»' },
    ],
    buildings: BUILDINGS.map((b) => buildingRecord(b.id, b.district, b.address, b.org)),
  });
  await as('department', null);
});

afterEach(async () => {
  await t.core.close();
});

describe('a status set by hand', () => {
  it('changes the figures, the card and the history', async () => {
    await as('deputy_head', 'Октябрьский', 'Иванов');
    const set = await call<ApiOutput<'setHeatingStatus'>>('setHeatingStatus', { buildingId: 'b-1', status: 'connected', date: '28.11.2026' });
    expect(set.current).toMatchObject({ status: 'connected', statusDate: '2026-11-28', reason: '', setBy: 'Иванов', setAt: NOW, source: 'manual' });
    expect(set.permission).toEqual({ canSet: true, refusal: null });
    await call('setHeatingStatus', { buildingId: 'b-1', status: 'problem', date: '29.11.2026', reason: 'Завоздушен стояк' });
    const heating = await call<ApiOutput<'buildingHeating'>>('buildingHeating', { buildingId: 'b-1' });
    expect(heating.history.map((h) => [h.from, h.to, h.reason])).toEqual([
      ['connected', 'problem', 'Завоздушен стояк'],
      [null, 'connected', ''],
    ]);
    const card = await call<ApiOutput<'getBuildingCard'>>('getBuildingCard', { id: 'b-1' });
    expect(card.building.heatingStatus).toBe('problem');
    expect(card.building.heatingStatusAt).toBe(Date.UTC(2026, 10, 28, 20, 0)); // 29.11 00:00 in Samara
    const untouched = await call<ApiOutput<'getBuildingCard'>>('getBuildingCard', { id: 'b-2' });
    expect(untouched.building.heatingStatus).toBe('unknown');
  });

  it('writes nothing when the same status, date and reason are set again', async () => {
    await call('setHeatingStatus', { buildingId: 'b-2', status: 'connected', date: '2026-11-20' });
    const again = await call<ApiOutput<'setHeatingStatus'>>('setHeatingStatus', { buildingId: 'b-2', status: 'connected', date: '20.11.2026' });
    expect(again.history).toHaveLength(1);
  });

  it('is refused by the rule that refuses it, and nothing changes', async () => {
    await as('operator', 'Октябрьский');
    expect(await refusal('setHeatingStatus', { buildingId: 'b-1', status: 'connected', date: '28.11.2026' })).toMatch(
      /Статус отопления не входит в права роли «оператор»/,
    );
    await as('district_controller', 'Октябрьский');
    expect(await refusal('setHeatingStatus', { buildingId: 'b-4', status: 'connected', date: '28.11.2026' })).toBe(
      'Дом относится к району «Ленинский», а вы работаете в районе «Октябрьский»',
    );
    expect(await refusal('setHeatingStatus', { buildingId: 'b-1', status: 'problem', date: '28.11.2026', reason: ' ' })).toBe(
      'Для статуса «проблема» укажите причину',
    );
    expect(await refusal('setHeatingStatus', { buildingId: 'b-1', status: 'connected', date: '30.11.2026' })).toBe(
      'Дата 30.11.2026 ещё не наступила (сегодня 29.11.2026)',
    );
    expect(await refusal('setHeatingStatus', { buildingId: 'b-1', status: 'warm', date: '28.11.2026' })).toMatch(/Выберите статус/);
    expect(await refusal('setHeatingStatus', { buildingId: 'b-404', status: 'connected', date: '28.11.2026' })).toBe('Дом не найден в реестре');
    for (const id of ['b-1', 'b-4']) {
      const heating = await call<ApiOutput<'buildingHeating'>>('buildingHeating', { buildingId: id });
      expect(heating.current).toBeNull();
      expect(heating.history).toEqual([]);
    }
  });
});

describe('the figures and the list without heat', () => {
  beforeEach(async () => {
    await call('setHeatingStatus', { buildingId: 'b-1', status: 'connected', date: '25.11.2026' });
    await call('setHeatingStatus', { buildingId: 'b-2', status: 'partial', date: '26.11.2026', reason: 'Не прогревается 5-й подъезд' });
    await call('setHeatingStatus', { buildingId: 'b-4', status: 'connected', date: '20.11.2026' });
    await call('setHeatingStatus', { buildingId: 'b-5', status: 'problem', date: '27.11.2026', reason: 'Порыв на вводе' });
    // b-3 has no status: it counts as не подключён.
  });

  it('gives the Department every district, weakest first, and by organisation', async () => {
    const byDistrict = await call<Progress>('heatingProgress', {});
    expect(byDistrict.district).toBeNull();
    expect(byDistrict.groups.map((g) => [g.label, g.connected, g.total, g.partial, g.notConnected, g.noStatus])).toEqual([
      ['Октябрьский', 1, 3, 1, 1, 1],
      ['Ленинский', 1, 2, 0, 0, 0],
    ]);
    expect(byDistrict.all).toMatchObject({ total: 5, connected: 2 });
    const byOrg = await call<Progress>('heatingProgress', { groupBy: 'organisation' });
    expect(byOrg.groups.map((g) => [g.label, g.connected, g.total])).toEqual([
      ['ООО «УК Заря»', 0, 2],
      ['ООО «УК Вега»', 1, 2],
      ['Без управляющей организации', 1, 1],
    ]);
  });

  it('lists the buildings without heat with their open appeals, filtered and paged', async () => {
    await call('registerAppeal', {
      buildingId: 'b-5',
      applicantName: 'Сидорова',
      channel: 'district_hotline',
      category: 'no_heating',
      description: 'Холодно',
    });
    const list = await call<ApiOutput<'listWithoutHeat'>>('listWithoutHeat', {});
    expect(list.total).toBe(3);
    expect(list.rows.map((r) => [r.buildingId, r.status, r.noStatus, r.statusDate, r.openAppeals])).toEqual([
      ['b-5', 'problem', false, '2026-11-27', 1],
      ['b-3', 'not_connected', true, null, 0],
      ['b-2', 'partial', false, '2026-11-26', 0],
    ]);
    expect(list.rows[2]).toMatchObject({ reason: 'Не прогревается 5-й подъезд', managementOrg: 'ООО «УК Вега»', district: 'Октябрьский' });
    const partial = await call<ApiOutput<'listWithoutHeat'>>('listWithoutHeat', { status: 'partial' });
    expect(partial.rows.map((r) => r.buildingId)).toEqual(['b-2']);
    const page = await call<ApiOutput<'listWithoutHeat'>>('listWithoutHeat', { district: 'Октябрьский', offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 2, rows: [{ buildingId: 'b-2' }] });
    const byOrg = await call<ApiOutput<'listWithoutHeat'>>('listWithoutHeat', { managementOrgId: 'uk-2' });
    expect(byOrg.rows.map((r) => r.buildingId)).toEqual(['b-5', 'b-3']);
  });

  it('keeps district staff to their district', async () => {
    await as('operator', 'Ленинский');
    const progress = await call<Progress>('heatingProgress', {});
    expect(progress.district).toBe('Ленинский');
    expect(progress.groups.map((g) => g.label)).toEqual(['Ленинский']);
    expect(progress.permission.canSet).toBe(false);
    const list = await call<ApiOutput<'listWithoutHeat'>>('listWithoutHeat', {});
    expect(list.rows.map((r) => r.buildingId)).toEqual(['b-5']);
    expect(await refusal('listWithoutHeat', { district: 'Октябрьский' })).toBe('Вы работаете в районе «Ленинский»: другие районы видит Департамент');
  });
});

describe('a supplier’s file', () => {
  const GOOD = [
    ['Адрес', 'Статус', 'Дата', 'Причина'],
    ['Самара, Ново-Садовая 106а', 'Подключён', '25.11.2026', ''],
    ['ул Гагарина д 10', 'частично', '26.11.26', 'Нет циркуляции в 3-м подъезде'],
    ['Садовая, 12', 'АВАРИЯ', '2026-11-27', 'Порыв теплотрассы'],
  ];

  async function expectGoodApplied(): Promise<void> {
    const progress = await call<Progress>('heatingProgress', {});
    expect(progress.all).toEqual({ total: 5, connected: 1, partial: 1, problem: 1, notConnected: 2, noStatus: 2 });
    const b2 = await call<ApiOutput<'buildingHeating'>>('buildingHeating', { buildingId: 'b-2' });
    expect(b2.current).toMatchObject({ status: 'partial', statusDate: '2026-11-26', reason: 'Нет циркуляции в 3-м подъезде', source: 'import', setBy: 'Петрова' });
  }

  it('is read in UTF-8 with semicolons', async () => {
    expect(await importFile(csvFile(GOOD))).toEqual({ ok: true, rows: 3, changed: 3, unchanged: 0 });
    await expectGoodApplied();
    // Each change goes to the server as an op (docs/sync-protocol.md §14); the same file again changes nothing and sends nothing.
    const sent = async () => (await t.core.db.call('pendingOps', 100)).filter((op) => op.command === 'set_heating_status');
    expect((await sent()).map((op) => (op.payload as { source: string }).source)).toEqual(['import', 'import', 'import']);
    expect(await importFile(csvFile(GOOD))).toEqual({ ok: true, rows: 3, changed: 0, unchanged: 3 });
    expect(await sent()).toHaveLength(3);
  });

  it('is read in Windows-1251 with commas', async () => {
    expect(await importFile(csvFile(GOOD, { encoding: 'windows-1251', delimiter: ',' }))).toMatchObject({ ok: true, changed: 3 });
    await expectGoodApplied();
  });

  it('is read in UTF-16 with tabs', async () => {
    const text = GOOD.map((r) => r.join('\t')).join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await importFile(bytes, 'статусы.txt')).toMatchObject({ ok: true, changed: 3 });
    await expectGoodApplied();
  });

  it('is read from XLSX with Excel date cells, after a sheet of instructions', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Инструкция').addRow(['Заполните лист «Статусы»']);
    const sheet = book.addWorksheet('Статусы');
    sheet.addRow(['Статусы подключения на 27.11.2026']);
    sheet.addRow(GOOD[0]);
    sheet.addRow([GOOD[1]?.[0], GOOD[1]?.[1], new Date(Date.UTC(2026, 10, 25))]);
    sheet.addRow([GOOD[2]?.[0], GOOD[2]?.[1], new Date(Date.UTC(2026, 10, 26)), GOOD[2]?.[3]]);
    sheet.addRow([GOOD[3]?.[0], GOOD[3]?.[1], 46353, GOOD[3]?.[3]]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    expect(await importFile(bytes, 'статусы.xlsx')).toMatchObject({ ok: true, rows: 3, changed: 3 });
    await expectGoodApplied();
  });

  it('with bad rows changes nothing and names every one', async () => {
    await call('setHeatingStatus', { buildingId: 'b-1', status: 'not_connected', date: '20.11.2026' });
    const result = await importFile(
      csvFile([
        ['Адрес', 'Статус', 'Дата'],
        ['Ново-Садовая 106А', 'подключен', '25.11.2026'],
        ['ул. Ленина, д. 1', 'подключен', '25.11.2026'],
        ['Гагарина 10', 'будет завтра', '25.11.2026'],
        ['Гагарина 12', 'да', '31.11.2026'],
        ['Ново-Садовая, д. 106 А', 'нет', '26.11.2026'],
      ]),
    );
    expect(result).toEqual({
      ok: false,
      rows: 5,
      fileError: null,
      errors: [
        { row: 3, message: 'Дома «ул. Ленина, д. 1» нет в реестре адресов' },
        { row: 4, message: 'Статус «будет завтра» не распознан: укажите «подключён», «не подключён», «частично» или «проблема»' },
        { row: 5, message: 'Дата «31.11.2026» не распознана: укажите её как 25.11.2026' },
        { row: 6, message: 'Дом «ул. Ново-Садовая, д. 106А» уже встречается в строке 2 со статусом «подключён», здесь — «не подключён»' },
      ],
    });
    const b1 = await call<ApiOutput<'buildingHeating'>>('buildingHeating', { buildingId: 'b-1' });
    expect(b1.current?.status).toBe('not_connected');
    expect(b1.history).toHaveLength(1);
    expect((await call<Progress>('heatingProgress', {})).all.connected).toBe(0);
  });

  it('without its columns, or from an operator, is refused', async () => {
    expect(await importFile(csvFile([['Адрес', 'Статус'], ['Садовая 12', 'да']]))).toMatchObject({
      ok: false,
      fileError: expect.stringMatching(/нет заголовка со столбцами «Адрес», «Статус», «Дата»/),
    });
    await as('operator', 'Ленинский');
    expect(await refusal('importHeating', { fileName: 'x.csv', contentBase64: csvFile(GOOD).toString('base64') })).toMatch(/роли «оператор»/);
  });

  it('from a district user may name only their district', async () => {
    await as('district_controller', 'Ленинский');
    const result = await importFile(csvFile(GOOD));
    expect(result).toMatchObject({ ok: false, errors: [{ row: 2 }, { row: 3 }] });
    expect(!result.ok && result.errors[0]?.message).toMatch(/относится к району «Октябрьский», а вы работаете в районе «Ленинский»/);
  });

  it('of 10,000 rows imports them all, and the figures follow', async () => {
    const n = 10_000;
    const buildings = Array.from({ length: n }, (_, i) => buildingRecord(`g-${i}`, 'Советский', `ул. Тестовая, д. ${i + 1}`, 'uk-1'));
    await t.core.db.call('seed', { buildings });
    const statuses = ['подключен', 'частично', 'не подключен', 'авария'];
    const rows = [['Адрес', 'Статус', 'Дата', 'Причина'], ...buildings.map((_, i) => [`Тестовая ул., д. ${i + 1}`, statuses[i % 10 === 0 ? 1 + ((i / 10) % 3) : 0] as string, '28.11.2026', ''])];
    const result = await importFile(csvFile(rows));
    expect(result).toEqual({ ok: true, rows: n, changed: n, unchanged: 0 });
    const progress = await call<Progress>('heatingProgress', {});
    const soviet = progress.groups.find((g) => g.key === 'Советский');
    // Every tenth row is not «подключен»: 1000 rows, split 334 / 333 / 333.
    expect(soviet).toMatchObject({ total: n, connected: 9000, partial: 334, notConnected: 333, problem: 333, noStatus: 0 });
    const progressAfter = await t.core.handlers.heatingImportProgress({});
    expect(progressAfter).toEqual({ running: false, stage: 'done', done: n, total: n });
  });
});

describe('the history', () => {
  it('is append-only', async () => {
    await call('setHeatingStatus', { buildingId: 'b-1', status: 'connected', date: '25.11.2026' });
    await t.core.close();
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    try {
      expect(() => db.prepare("UPDATE heating_status_history SET to_status = 'problem'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM heating_status_history').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    t = await openTestCore(t.dataDir, NOW);
  });
});
