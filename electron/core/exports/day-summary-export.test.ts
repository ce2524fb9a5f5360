// «Сводка за день» and «Отопительный сезон» as XLSX through the core: each workbook read back with
// exceljs equals, cell by cell, what the contract answers for the same day, scope and filters
// (daySummary, heatingProgress, listWithoutHeat); bad input is refused in Russian and writes nothing.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExportStatus, StartExportInput } from '../../../shared/contract/export-schemas.js';
import type { DaySummary } from '../../../shared/contract/report-schemas.js';
import type { WithoutHeatRow } from '../../../shared/contract/heating-schemas.js';
import type { WorkstationUser } from '../../../shared/contract/workstation-schemas.js';
import { CATEGORY_LABELS, CHANNEL_LABELS, type Category, type Channel } from '../../../shared/domain/appeal-vocabulary.js';
import { DISTRICTS } from '../../../shared/domain/districts.js';
import { DATABASE_FILE } from '../core.js';
import { demoRegister, demoStories } from '../demo/demo-data.js';
import { loadRegisterAndStories } from '../demo/load.js';
import { SeasonExtras } from '../demo/season.js';
import { openTestCore, tempDir, type TestCore } from '../test/temp-core.js';

const DEPUTY: WorkstationUser = { name: 'Соколова', role: 'deputy_head', district: 'Кировский' };
const DEPARTMENT: WorkstationUser = { name: 'Департамент', role: 'department', district: null };
/** The demo's season ends now (29 November 2026, 11:00 in Samara); the day before, finished. */
const DAY = '2026-11-28';
const DAY_MS = 86_400_000;
/** Days from Excel's day 0 (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;

let t: TestCore;

beforeAll(async () => {
  t = await openTestCore(tempDir('summary-export'));
  // The demo city, small: appeals with the histories their commands would have written.
  const size = { buildings: 400, organisations: 15, heatSuppliers: 4, heatSources: 80, appeals: 4000, seasonDays: 20 };
  const register = demoRegister(11, size);
  const extras = new SeasonExtras();
  const { workstationCode } = await t.core.handlers.appInfo({});
  const stories = demoStories(register, 11, t.clock.now, extras, { size, avoidWorkstationCodes: [workstationCode] });
  await loadRegisterAndStories((data) => t.core.db.call('seed', data), register, stories, extras, t.clock.now);
  return () => t.core.close();
});

afterEach(async () => {
  await t.core.handlers.setWorkstationUser(DEPUTY);
});

async function finished(jobId: string): Promise<ExportStatus> {
  for (;;) {
    const status = await t.core.handlers.exportStatus({ jobId });
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function exportAndRead(input: StartExportInput): Promise<{ status: ExportStatus; workbook: ExcelJS.Workbook }> {
  const answer = await t.core.call('startExport', input);
  if (!answer.ok) throw new Error(answer.error.message);
  const status = await finished((answer.value as { jobId: string }).jobId);
  expect(status.state).toBe('done');
  const file = t.core.exports.finishedFile(status.jobId);
  if (!file) throw new Error('no finished file');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file.path);
  return { status, workbook };
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet «${name}»`);
  return sheet;
}

/** A row's cells from the first, as values (empty cells as null). */
function cells(sheet: ExcelJS.Worksheet, row: number, count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => sheet.getRow(row).getCell(i + 1).value ?? null);
}

const excelDay = (date: string) => new Date(`${date}T00:00:00.000Z`);
const exportFiles = () => readdirSync(join(t.dataDir, 'exports'));

function expectBreakdown(sheet: ExcelJS.Worksheet, rows: DaySummary['byCategory'], label: (r: DaySummary['byCategory'][number]) => string, figures: DaySummary['figures']): void {
  expect(cells(sheet, 3, 5)).toEqual([expect.any(String), 'Поступило', 'Закрыто', 'Не закрыто', 'Просрочено']);
  rows.forEach((r, i) => expect(cells(sheet, 4 + i, 5)).toEqual([label(r), r.received, r.closed, r.open, r.overdue]));
  // The rows of a figure add up to it: the totals row is the headline figures.
  expect(cells(sheet, 4 + rows.length, 5)).toEqual(['Итого', figures.received, figures.closed, figures.open, figures.overdue]);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
}

function expectSummarySheets(workbook: ExcelJS.Workbook, summary: DaySummary, signOff: string): void {
  const f = summary.figures;
  const totals = sheetOf(workbook, 'Итоги');
  expect(cells(totals, 3, 2)).toEqual(['Показатель', 'Значение']);
  expect(cells(totals, 4, 2)).toEqual(['День', '28.11.2026']);
  expect(cells(totals, 6, 2)).toEqual(['Поступило', f.received]);
  expect(cells(totals, 7, 2)).toEqual(['Закрыто', f.closed]);
  expect(cells(totals, 8, 2)).toEqual(['Не закрыто', f.open]);
  expect(cells(totals, 9, 2)).toEqual(['Просрочено', f.overdue]);
  expect(cells(totals, 10, 2)).toEqual(['Адресов на контроле', summary.addressesOnControl]);
  expect(cells(totals, 11, 2)).toEqual(['Не закрыто и просрочено', 'на конец дня 28.11.2026']);
  expect(cells(totals, 12, 2)).toEqual(['Подписание дня', signOff]);
  expect(totals.getColumn(1).width).toBe(34);

  // «Адреса на контроле»: the buildings as of the day's instant, cell by cell, and their totals.
  const control = sheetOf(workbook, 'Адреса на контроле');
  expect(cells(control, 3, 4)).toEqual(['Адрес', 'Район', 'Не закрыто', 'Просрочено']);
  expect(summary.controlAddresses).toHaveLength(summary.addressesOnControl);
  summary.controlAddresses.forEach((a, i) => expect(cells(control, 4 + i, 4)).toEqual([a.address, a.district, a.open, a.overdue]));
  expect(cells(control, 4 + summary.controlAddresses.length, 4)).toEqual(['Итого', `домов: ${summary.addressesOnControl}`, f.open, f.overdue]);

  expectBreakdown(sheetOf(workbook, 'По категориям'), summary.byCategory, (r) => CATEGORY_LABELS[r.key as Category], f);
  expectBreakdown(sheetOf(workbook, 'По каналам'), summary.byChannel, (r) => CHANNEL_LABELS[r.key as Channel], f);
  expectBreakdown(sheetOf(workbook, 'По исполнителям'), summary.byExecutor, (r) => (r.key === 'none' ? 'Не передано' : (r.name ?? r.key)), f);

  const ranking = sheetOf(workbook, 'Рейтинг УК');
  const overdue = summary.ranking.byOverdue;
  expect(cells(ranking, 3, 4)).toEqual(['Место', 'Организация', 'Просрочено', 'Не закрыто']);
  overdue.forEach((r, i) => expect(cells(ranking, 4 + i, 4)).toEqual([i + 1, r.name, r.overdue, r.open]));
  const medianHeader = 4 + Math.max(1, overdue.length) + 2;
  expect(cells(ranking, medianHeader, 4)).toEqual(['Место', 'Организация', 'Медиана решения', 'Закрыто за день']);
  summary.ranking.byMedianResolve.forEach((r, i) => {
    const row = cells(ranking, medianHeader + 1 + i, 4);
    expect(row[0]).toBe(i + 1);
    expect(row[1]).toBe(r.name);
    // A duration is a fraction of a day shown as [h]:mm; exceljs reads such a cell back as a Date from 1899-12-30.
    const serial = row[2] instanceof Date ? row[2].getTime() / DAY_MS + EXCEL_EPOCH_DAYS : row[2];
    expect(serial as number).toBeCloseTo((r.medianResolveMs ?? 0) / DAY_MS, 6);
    expect(row[3]).toBe(r.closedInWindow);
  });
  expect(ranking.getRow(medianHeader + 1).getCell(3).numFmt).toBe('[h]:mm');

  const trend = sheetOf(workbook, 'Динамика 14 дней');
  summary.trend.forEach((p, i) => expect(cells(trend, 4 + i, 4)).toEqual([excelDay(p.date), p.received, p.closed, p.open]));
  expect(cells(trend, 18, 4)).toEqual([
    'Итого за 14 дней',
    summary.trend.reduce((n, p) => n + p.received, 0),
    summary.trend.reduce((n, p) => n + p.closed, 0),
    null,
  ]);
  expect(trend.getRow(4).getCell(1).numFmt).toBe('dd.mm.yyyy');
}

/** Every text in the workbook, to look for residents' names and phones. */
function texts(workbook: ExcelJS.Workbook): string[] {
  const all: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void all.push(String(cell.value)))));
  return all;
}

function residents(): { name: string; phone: string }[] {
  const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare("SELECT applicant_name AS name, applicant_phone AS phone FROM appeals WHERE applicant_name <> ''").all() as { name: string; phone: string }[];
  } finally {
    db.close();
  }
}

describe('«Сводка за день» as XLSX', () => {
  it('a deputy head\'s district: every sheet equals daySummary of the same day, cell by cell, and no resident is named', async () => {
    await t.core.handlers.setWorkstationUser(DEPUTY);
    const summary = await t.core.handlers.daySummary({ day: DAY });
    expect(summary.district).toBe('Кировский');
    expect(summary.figures.received).toBeGreaterThan(0);
    const { status, workbook } = await exportAndRead({ document: 'day_summary', day: DAY });
    expect(status).toMatchObject({ document: 'day_summary', fileName: 'Сводка за день — Кировский — 28.11.2026.xlsx' });
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Итоги', 'По категориям', 'По каналам', 'По исполнителям', 'Рейтинг УК', 'Адреса на контроле', 'Динамика 14 дней']);
    expect(sheetOf(workbook, 'Итоги').getCell('A1').value).toBe('Сводка за день 28.11.2026 — Кировский район');
    // «Закрыть день»: this district's day is not signed (the sign-off is read from day_closures).
    expectSummarySheets(workbook, summary, 'день не подписан');
    expect(cells(sheetOf(workbook, 'Итоги'), 5, 2)).toEqual(['Район', 'Кировский']);

    const all = texts(workbook);
    const people = residents();
    expect(people.length).toBeGreaterThan(100);
    for (const p of people) {
      expect(all.some((s) => s.includes(p.name))).toBe(false);
      if (p.phone) expect(all.some((s) => s.includes(p.phone))).toBe(false);
    }
  });

  it('the Department\'s city: all districts, and a sheet comparing them whose totals are the city\'s figures', async () => {
    await t.core.handlers.setWorkstationUser(DEPARTMENT);
    const city = await t.core.handlers.daySummary({ day: DAY });
    expect(city.district).toBeNull();
    const { status, workbook } = await exportAndRead({ document: 'day_summary', day: DAY });
    expect(status.fileName).toBe('Сводка за день — все районы — 28.11.2026.xlsx');
    expect(workbook.worksheets.map((s) => s.name)).toContain('Сравнение районов');
    // A city has no one sign-off: each district signs its own day.
    expectSummarySheets(workbook, city, 'нет сведений');
    expect(cells(sheetOf(workbook, 'Итоги'), 5, 2)).toEqual(['Район', 'все районы (город)']);

    const compare = sheetOf(workbook, 'Сравнение районов');
    expect(cells(compare, 3, 7)).toEqual(['Район', 'Поступило', 'Закрыто', 'Не закрыто', 'Просрочено', 'Адресов на контроле', 'Подписание дня']);
    for (const [i, district] of DISTRICTS.entries()) {
      const own = await t.core.handlers.daySummary({ day: DAY, district });
      const f = own.figures;
      // Each district's own sign-off of the day (none signed here).
      expect(cells(compare, 4 + i, 7)).toEqual([district, f.received, f.closed, f.open, f.overdue, own.addressesOnControl, 'день не подписан']);
    }
    const f = city.figures;
    expect(cells(compare, 4 + DISTRICTS.length, 6)).toEqual(['Итого', f.received, f.closed, f.open, f.overdue, city.addressesOnControl]);

    // The Department may name a district: the district's own summary.
    const one = await exportAndRead({ document: 'day_summary', day: DAY, district: 'Самарский' });
    expectSummarySheets(one.workbook, await t.core.handlers.daySummary({ day: DAY, district: 'Самарский' }), 'день не подписан');
    expect(one.workbook.getWorksheet('Сравнение районов')).toBeUndefined();
  });

  it('refuses a malformed day, a day to come and another district of a district user, in Russian, writing nothing', async () => {
    await t.core.handlers.setWorkstationUser(DEPUTY);
    const before = exportFiles();
    const refusals: [StartExportInput, string][] = [
      [{ document: 'day_summary', day: '29.11.2026' }, 'Дата должна быть вида ГГГГ-ММ-ДД'],
      [{ document: 'day_summary', day: '2026-02-30' }, 'Неверная дата «2026-02-30»'],
      [{ document: 'day_summary', day: '2026-11-30' }, 'Итоги за 30.11.2026 ещё не подведены: этот день не наступил'],
      [{ document: 'day_summary', day: DAY, district: 'Ленинский' }, 'Вы работаете в районе «Кировский»: сводку района «Ленинский» выгружает Департамент'],
      [{ document: 'day_summary', day: DAY, district: 'Марсианский' } as unknown as StartExportInput, 'район'],
    ];
    for (const [input, message] of refusals) {
      const answer = await t.core.call('startExport', input);
      expect(answer.ok, JSON.stringify(input)).toBe(false);
      if (!answer.ok) expect(answer.error.message).toContain(message);
    }
    expect(exportFiles()).toEqual(before);
  });
});

describe('«Отопительный сезон» as XLSX', () => {
  async function allWithoutHeat(filters: { district?: 'Кировский'; status?: 'problem' }): Promise<WithoutHeatRow[]> {
    const rows: WithoutHeatRow[] = [];
    for (;;) {
      const page = await t.core.handlers.listWithoutHeat({ ...filters, offset: rows.length, limit: 500 });
      rows.push(...page.rows);
      if (rows.length >= page.total || page.rows.length === 0) return rows;
    }
  }

  it('progress by district and by organisation and the list without heat equal the contract\'s, cell by cell', async () => {
    await t.core.handlers.setWorkstationUser(DEPARTMENT);
    const kirov = await t.core.handlers.listWithoutHeat({ district: 'Кировский', offset: 0, limit: 5 });
    const [a, b, c] = kirov.rows;
    if (!a || !b || !c) throw new Error('too few buildings');
    await t.core.handlers.setHeatingStatus({ buildingId: a.buildingId, status: 'connected', date: '25.11.2026', reason: '' });
    await t.core.handlers.setHeatingStatus({ buildingId: b.buildingId, status: 'problem', date: '26.11.2026', reason: 'Течь в подвале' });
    await t.core.handlers.setHeatingStatus({ buildingId: c.buildingId, status: 'partial', date: '27.11.2026', reason: '' });

    const byDistrict = await t.core.handlers.heatingProgress({ groupBy: 'district' });
    const byOrganisation = await t.core.handlers.heatingProgress({ groupBy: 'organisation' });
    const list = await allWithoutHeat({});
    const { status, workbook } = await exportAndRead({ document: 'heating' });
    expect(status.document).toBe('heating');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['По районам', 'По организациям', 'Дома без тепла']);

    for (const [name, progress] of [['По районам', byDistrict], ['По организациям', byOrganisation]] as const) {
      const sheet = sheetOf(workbook, name);
      expect(sheet.getCell('A2').value).toBe(`Теплом обеспечено ${progress.all.connected} из ${progress.all.total} домов — город Самара, все районы`);
      expect(cells(sheet, 3, 8).slice(1)).toEqual(['Домов', 'Теплом обеспечено', 'Обеспечено, %', 'Частично', 'Проблема', 'Не подключён', 'из них без данных']);
      const share = (g: { connected: number; total: number }) => Math.round((g.connected / g.total) * 1000) / 10;
      progress.groups.forEach((g, i) =>
        expect(cells(sheet, 4 + i, 8)).toEqual([g.label, g.total, g.connected, share(g), g.partial, g.problem, g.notConnected, g.noStatus]),
      );
      const all = progress.all;
      expect(cells(sheet, 4 + progress.groups.length, 8)).toEqual(['Итого', all.total, all.connected, share(all), all.partial, all.problem, all.notConnected, all.noStatus]);
    }
    expect(byDistrict.all.connected).toBe(1);

    const sheet = sheetOf(workbook, 'Дома без тепла');
    expect(sheet.getCell('A2').value).toBe('Район: все; Управляющая организация: все; Статус: все без тепла (не подключён, частично, проблема, нет данных)');
    expect(cells(sheet, 3, 7)).toEqual(['Адрес', 'Район', 'Управляющая организация', 'Статус', 'Дата', 'Причина', 'Открытых обращений']);
    const label = { not_connected: 'не подключён', partial: 'частично', problem: 'проблема', connected: 'подключён' } as const;
    list.forEach((r, i) =>
      expect(cells(sheet, 4 + i, 7)).toEqual([
        r.address,
        r.district,
        r.managementOrg,
        r.noStatus ? 'нет данных' : label[r.status],
        r.statusDate ? excelDay(r.statusDate) : null,
        r.reason || null,
        r.openAppeals,
      ]),
    );
    expect(cells(sheet, 4 + list.length, 7)).toEqual([`Итого домов: ${list.length}`, null, null, null, null, null, list.reduce((n, r) => n + r.openAppeals, 0)]);
    expect(list.find((r) => r.buildingId === b.buildingId)).toMatchObject({ status: 'problem', reason: 'Течь в подвале' });

    // The list's filters as on screen, in words.
    const filtered = await exportAndRead({ document: 'heating', district: 'Кировский', status: 'problem' });
    const problems = await allWithoutHeat({ district: 'Кировский', status: 'problem' });
    const fsheet = sheetOf(filtered.workbook, 'Дома без тепла');
    expect(fsheet.getCell('A2').value).toBe('Район: Кировский; Управляющая организация: все; Статус: проблема');
    expect(problems.map((_, i) => fsheet.getRow(4 + i).getCell(1).value)).toEqual(problems.map((r) => r.address));
    expect(fsheet.getRow(4 + problems.length).getCell(1).value).toBe(`Итого домов: ${problems.length}`);
  });

  it('a district user naming another district is refused in Russian and nothing is written', async () => {
    await t.core.handlers.setWorkstationUser(DEPUTY);
    const before = exportFiles();
    const answer = await t.core.call('startExport', { document: 'heating', district: 'Ленинский' });
    expect(answer).toMatchObject({ ok: false, error: { message: 'Вы работаете в районе «Кировский»: другие районы видит Департамент' } });
    expect(exportFiles()).toEqual(before);
  });
});
