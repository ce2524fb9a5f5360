// «Экспорт в Excel» of the appeals list through the core: the workbook read back with exceljs equals,
// cell by cell, the list the contract returns for the same filters; personal data only on request
// and with the right; cancelled and refused exports leave no file.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppealExportFilters, ExportStatus, StartExportInput } from '../../../shared/contract/export-schemas.js';
import type { Appeal } from '../../../shared/contract/schemas.js';
import { isOnControl } from '../../../shared/domain/appeal-vocabulary.js';
import type { WorkstationUser } from '../../../shared/contract/workstation-schemas.js';
import { generateRegister } from '../../../shared/demo/register.js';
import { createCore, DATABASE_FILE, type Core } from '../core.js';
import { silentLogger } from '../log.js';
import { loadRegisterAndAppeals } from '../demo/load.js';
import { generateSeason } from '../demo/season.js';
import { openTestCore, tempDir, type TestCore } from '../test/temp-core.js';

const DEPUTY: WorkstationUser = { name: 'Соколова', role: 'deputy_head', district: 'Кировский' };
const DEPARTMENT: WorkstationUser = { name: 'Департамент', role: 'department', district: null };
const SAMARA = 4 * 3600_000;

let t: TestCore;
const opened: { core: Core }[] = [];

beforeAll(async () => {
  // One data folder with a small season, copied per test would cost more than it saves: tests only read.
  t = await openTestCore(tempDir('export'));
  const register = generateRegister({ seed: 7, buildings: 300, organisations: 12 });
  const info = await t.core.handlers.appInfo({});
  await loadRegisterAndAppeals((data) => t.core.db.call('seed', data), register, generateSeason(register, {
    seed: 7,
    appeals: 1500,
    avoidWorkstationCodes: [info.workstationCode],
  }));
  opened.push(t);
  return async () => {
    for (const c of opened) await c.core.close();
  };
});

afterEach(async () => {
  await t.core.handlers.setWorkstationUser(DEPUTY);
});

/** Through core.call, as the shells call: the contract's defaults apply. */
async function start(on: Pick<TestCore, 'core'>, input: StartExportInput): Promise<{ jobId: string }> {
  const answer = await on.core.call('startExport', input);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as { jobId: string };
}

async function listAll(filters: AppealExportFilters): Promise<Appeal[]> {
  const rows: Appeal[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await t.core.handlers.listAppeals({ ...filters, offset, limit: 500 });
    rows.push(...page.rows);
    if (rows.length >= page.total) return rows;
  }
}

async function finished(jobId: string): Promise<ExportStatus> {
  for (;;) {
    const status = await t.core.handlers.exportStatus({ jobId });
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function exportAndRead(filters: AppealExportFilters, includePersonalData: boolean) {
  const { jobId } = await t.core.handlers.startExport({ document: 'appeals', filters, includePersonalData });
  const status = await finished(jobId);
  expect(status.state).toBe('done');
  const file = t.core.exports.finishedFile(jobId);
  if (!file) throw new Error('no finished file');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file.path);
  const sheet = workbook.getWorksheet('Обращения');
  if (!sheet) throw new Error('no sheet «Обращения»');
  return { status, sheet, file };
}

function feedbackDeadlines(): Map<string, number | null> {
  const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const rows = db.prepare('SELECT id, feedback_deadline_at AS at FROM appeals').all() as { id: string; at: number | null }[];
    return new Map(rows.map((r) => [r.id, r.at]));
  } finally {
    db.close();
  }
}

const samaraDate = (ms: number) => new Date(ms + SAMARA);
const exportFiles = () => readdirSync(join(t.dataDir, 'exports'));

describe('appeals export', () => {
  it('writes the list of the filters on screen, cell by cell, with names and phones when asked by a deputy head', async () => {
    await t.core.handlers.setWorkstationUser(DEPUTY);
    const filters: AppealExportFilters = { district: 'Кировский', sort: { field: 'receivedAt', direction: 'desc' } };
    const expected = await listAll(filters);
    expect(expected.length).toBeGreaterThan(300);
    const { status, sheet } = await exportAndRead(filters, true);
    expect(status).toMatchObject({ state: 'done', written: expected.length, total: expected.length, document: 'appeals' });
    expect(status.fileName).toBe('Обращения — Кировский — 29.11.2026 11-00.xlsx');

    expect(sheet.getCell('A1').value).toBe('Обращения — Кировский район, выгружено 29.11.2026 11:00 (Самара)');
    expect(sheet.getCell('A2').value).toBe(
      'Район: Кировский; Статус: все; Категория: все; Приоритет: любой; Сортировка: по времени поступления, по убыванию',
    );
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual([
      '№', 'Рег. номер', 'Поступило', 'Район', 'Адрес', 'Заявитель', 'Телефон', 'Категория', 'Канал', 'Приоритет', 'Статус',
      'Исполнитель', 'Срок устранения', 'Срок обратной связи', 'Просрочено', 'Описание',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.getColumn(5).width).toBe(42);

    const feedback = feedbackDeadlines();
    const now = t.clock.now;
    let overdue = 0;
    expected.forEach((a, i) => {
      const row = sheet.getRow(4 + i);
      const late = a.deadlineAt < now && isOnControl(a.status);
      if (late) overdue++;
      const fb = feedback.get(a.id) ?? null;
      expect((row.values as unknown[]).slice(1)).toEqual([
        a.officialNumber ?? a.number,
        a.number,
        samaraDate(a.receivedAt),
        a.district,
        a.flat ? `${a.address}, кв. ${a.flat}` : a.address,
        a.applicantName,
        a.applicantPhone,
        { no_heating: 'Нет отопления', low_temperature: 'Низкая температура', heating_leak: 'Протечка отопления', air_lock: 'Завоздушивание', noise: 'Шум в системе', other: 'Другое' }[a.category],
        { district_hotline: 'Горячая линия района', department_hotline: 'Горячая линия департамента', social_media: 'Социальные сети', pos: 'ПОС', email: 'Электронная почта', in_person: 'Личный приём' }[a.channel],
        a.priority === 'emergency' ? 'Аварийное' : 'Обычное',
        { registered: 'Зарегистрировано', transferred: 'Передано исполнителю', in_progress: 'В работе', done_by_executor: 'Выполнено исполнителем', verified: 'Проверено', closed: 'Закрыто', rejected: 'Отклонено', duplicate: 'Дубликат', returned: 'Возвращено на доработку' }[a.status],
        a.executorName ?? undefined,
        samaraDate(a.deadlineAt),
        fb === null ? undefined : samaraDate(fb),
        late ? 'да' : undefined,
        a.description,
      ].map((v) => (v === '' ? undefined : v)));
      expect(row.getCell(3).numFmt).toBe('dd.mm.yyyy hh:mm');
    });
    const totals = sheet.getRow(4 + expected.length);
    expect(totals.getCell(1).value).toBe('Итого');
    expect(totals.getCell(2).value).toBe(expected.length);
    expect(totals.getCell(15).value).toBe(overdue);
    expect(sheet.rowCount).toBe(4 + expected.length);
  });

  it('leaves names and phones out unless asked, and every sort and filter gives the list order', async () => {
    const filters: AppealExportFilters = { statuses: ['closed', 'in_progress', 'returned'], category: 'no_heating', search: 'ул', sort: { field: 'address', direction: 'asc' } };
    const expected = await listAll(filters);
    expect(expected.length).toBeGreaterThan(10);
    const { sheet } = await exportAndRead(filters, false);
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(header).not.toContain('Заявитель');
    expect(header).not.toContain('Телефон');
    expect(header).toHaveLength(14);
    expect(expected.map((_, i) => sheet.getRow(4 + i).getCell(2).value)).toEqual(expected.map((a) => a.number));
    const texts = new Set<string>();
    sheet.eachRow((row) => row.eachCell((cell) => void texts.add(String(cell.value))));
    for (const a of expected) {
      expect(texts.has(a.applicantName)).toBe(false);
      if (a.applicantPhone) expect([...texts].some((s) => s.includes(a.applicantPhone))).toBe(false);
    }
  });

  it('refuses names and phones to a role without the right, in Russian, and writes nothing', async () => {
    expect(await t.core.handlers.exportPermissions({})).toEqual({ mayIncludePersonalData: true, reason: null });
    await t.core.handlers.setWorkstationUser(DEPARTMENT);
    expect(await t.core.handlers.exportPermissions({})).toEqual({
      mayIncludePersonalData: false,
      reason: 'Роль «Департамент» не даёт права выгружать ФИО и телефоны заявителей: это персональные данные (152-ФЗ).',
    });
    const before = exportFiles();
    const refused = await t.core.call('startExport', { document: 'appeals', filters: {}, includePersonalData: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    if (refused.ok) return;
    expect(refused.error.message).toContain('не даёт права выгружать ФИО и телефоны заявителей');
    expect(exportFiles()).toEqual(before);
    // Without them the Department exports the city's list.
    const { sheet } = await exportAndRead({ sort: { field: 'deadlineAt', direction: 'asc' } }, false);
    expect(sheet.getCell('A1').value).toBe('Обращения — все районы, выгружено 29.11.2026 11:00 (Самара)');
  });

  it('a cancelled export leaves no file and says so', async () => {
    const before = exportFiles();
    const { jobId } = await start(t, { document: 'appeals', filters: { sort: { field: 'number', direction: 'asc' } } });
    const status = await t.core.handlers.cancelExport({ jobId });
    expect(status.state).toBe('cancelled');
    expect(exportFiles()).toEqual(before);
    expect(t.core.exports.finishedFile(jobId)).toBeNull();
  });

  it('refuses bad input with a Russian message and starts nothing', async () => {
    const before = exportFiles();
    const unknownStatus = await t.core.call('startExport', { document: 'appeals', filters: { statuses: ['lost'] }, includePersonalData: false });
    expect(unknownStatus).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'filters.statuses.0', message: 'Неизвестный статус' }] } });
    const unknownDistrict = await t.core.call('startExport', { document: 'appeals', filters: { district: 'Московский' } });
    expect(unknownDistrict).toMatchObject({ ok: false, error: { issues: [{ path: 'filters.district', message: 'Неизвестный район' }] } });
    const paging = await t.core.call('startExport', { document: 'appeals', filters: { offset: 50 } });
    expect(paging).toMatchObject({ ok: false, error: { code: 'validation' } });
    const unknownDocument = await t.core.call('startExport', { document: 'budget', filters: {} });
    expect(unknownDocument).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!unknownDocument.ok) expect(unknownDocument.error.message).toMatch(/[а-я]/);
    const noJob = await t.core.call('exportStatus', { jobId: 'no-such-job' });
    expect(noJob).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Выгрузка не найдена: возможно, программа была перезапущена. Запустите выгрузку снова.' } });
    const cancelNoJob = await t.core.call('cancelExport', { jobId: 'no-such-job' });
    expect(cancelNoJob).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(exportFiles()).toEqual(before);
  });

  it('the browser shell has no Downloads folder: saving is refused in Russian', async () => {
    const { jobId } = await start(t, { document: 'appeals', filters: { district: 'Самарский' } });
    await finished(jobId);
    const saved = await t.core.call('saveExport', { jobId });
    expect(saved).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Здесь файл сохраняется кнопкой «Скачать» браузера' } });
  });
});

describe('after a crash', () => {
  it('the half-written file of an export the app did not finish is removed at the next start', async () => {
    const dataDir = tempDir('export-crash');
    mkdirSync(join(dataDir, 'exports'), { recursive: true });
    writeFileSync(join(dataDir, 'exports', '0190-job.xlsx.part'), 'PK half a zip');
    const core = await createCore({ dataDir, shell: 'cli', log: silentLogger() });
    opened.push({ core });
    expect(readdirSync(join(dataDir, 'exports'))).toEqual([]);
  });
});

describe('export in the Electron shell', () => {
  it('saves the finished file into Downloads under its Russian name, never over another, and shows it', async () => {
    const downloads = tempDir('downloads');
    const revealed: string[] = [];
    const core = await createCore({
      dataDir: tempDir('export-electron'),
      shell: 'cli',
      clock: () => Date.UTC(2026, 10, 29, 7, 0),
      log: silentLogger(),
      downloadsDir: downloads,
      revealFile: (path) => revealed.push(path),
    });
    opened.push({ core });
    await core.db.call('seed', generateRegister({ seed: 3, buildings: 20, organisations: 2 }));
    const { jobId } = await start({ core }, { document: 'appeals' });
    for (;;) {
      const s = await core.handlers.exportStatus({ jobId });
      if (s.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const first = await core.handlers.saveExport({ jobId });
    const second = await core.handlers.saveExport({ jobId });
    expect(first.fileName).toBe('Обращения — все районы — 29.11.2026 11-00.xlsx');
    expect(second.fileName).toBe('Обращения — все районы — 29.11.2026 11-00 (2).xlsx');
    expect(readdirSync(downloads).sort()).toEqual([first.fileName, second.fileName].sort());
    await core.handlers.showExportInFolder({ jobId });
    expect(revealed).toEqual([second.path]);
  });
});
