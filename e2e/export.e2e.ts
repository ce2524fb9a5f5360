// «Экспорт в Excel» end to end in the browser shell: filter the list, export with names and phones,
// download the file, read it with exceljs and compare it with the rows on screen; a role without the
// right to personal data sees the choice disabled with the reason.
import ExcelJS from 'exceljs';
import { AppealsListPage } from './pages/appeals-list-page.js';
import { ExportDialog } from './pages/export-dialog.js';
import { expect, test } from './support/fixtures.js';

/** An Excel date as the list shows it: «03.07.26, 06:08» (the date carries Samara's clock in its UTC fields). */
function asOnScreen(value: ExcelJS.CellValue): string {
  if (!(value instanceof Date)) return String(value ?? '');
  const iso = value.toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(2, 4)}, ${iso.slice(11, 16)}`;
}

test('the exported workbook has the rows on screen, in their order, with names and phones when asked', async ({ page, app }) => {
  const list = new AppealsListPage(page);
  await list.goto();
  await page.getByRole('combobox', { name: 'Район' }).click();
  await page.getByRole('option', { name: 'Октябрьский' }).click();
  await page.getByRole('combobox', { name: 'Категория' }).click();
  await page.getByRole('option', { name: 'Нет отопления' }).click();
  await page.getByRole('combobox', { name: 'Статус' }).click();
  await page.getByRole('option', { name: 'Все статусы' }).click();
  // The list's own count for these filters (all statuses), and the footer once it shows it: read
  // before the last filter applied, the footer would still show the previous count.
  const counted = await app.call('listAppeals', { district: 'Октябрьский', category: 'no_heating', limit: 1 });
  if (!counted.ok) throw new Error(counted.error.message);
  const total = (counted.value as { total: number }).total;
  expect(total).toBeGreaterThan(0);
  await expect(page.getByText(new RegExp(`из ${String(total).split('').join('\\s?')}$`))).toBeVisible();

  const dialog = new ExportDialog(page);
  await dialog.open();
  await expect(dialog.dialog).toContainText(`Будет выгружено обращений: ${total.toLocaleString('ru-RU')}`);
  await expect(dialog.dialog).toContainText('Район: Октябрьский; Статус: все; Категория: Нет отопления');
  await expect(dialog.personalData).toBeEnabled();
  await dialog.personalData.check();
  await dialog.export();
  const download = await dialog.download();
  await dialog.close();
  expect(download.suggestedFilename()).toMatch(/^Обращения — Октябрьский — \d\d\.\d\d\.\d{4} \d\d-\d\d\.xlsx$/);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.getWorksheet('Обращения');
  if (!sheet) throw new Error('no sheet «Обращения»');
  const header = (sheet.getRow(3).values as ExcelJS.CellValue[]).slice(1).map(String);
  const col = (name: string) => header.indexOf(name) + 1;
  expect(header).toContain('Заявитель');
  expect(header).toContain('Телефон');
  expect(sheet.getRow(3 + total + 1).getCell(1).value).toBe('Итого');
  expect(sheet.getRow(3 + total + 1).getCell(2).value).toBe(total);

  // The rows the grid has rendered, by their index in the list.
  const rows = list.grid.locator('[role="row"][data-rowindex]');
  await expect(rows.first()).toBeVisible();
  const shown = await rows.evaluateAll((elements) =>
    elements.map((row) => {
      const cell = (field: string) => row.querySelector(`[data-field="${field}"]`)?.textContent?.trim() ?? '';
      return {
        index: Number(row.getAttribute('data-rowindex')),
        number: cell('number'),
        received: cell('receivedAt'),
        address: cell('address'),
        category: cell('category'),
        status: cell('status'),
        executor: cell('executorName'),
        deadline: cell('deadlineAt'),
      };
    }),
  );
  expect(shown.length).toBeGreaterThan(5);
  for (const r of shown) {
    const row = sheet.getRow(4 + r.index);
    const text = (name: string) => String(row.getCell(col(name)).value ?? '');
    expect({
      number: text('№'),
      received: asOnScreen(row.getCell(col('Поступило')).value),
      address: text('Адрес'),
      category: text('Категория'),
      status: text('Статус'),
      executor: text('Исполнитель'),
      deadline: asOnScreen(row.getCell(col('Срок устранения')).value),
    }).toEqual({ number: r.number, received: r.received, address: r.address, category: r.category, status: r.status, executor: r.executor, deadline: r.deadline });
    expect(text('Заявитель')).not.toBe('');
  }
});

test('a role without the right to personal data sees the choice disabled with the reason, and exports without it', async ({ page, app }) => {
  const changed = await app.call('setWorkstationUser', { name: 'Департамент', role: 'department', district: null });
  expect(changed.ok).toBe(true);
  const list = new AppealsListPage(page);
  await page.reload();
  await list.goto();
  const dialog = new ExportDialog(page);
  await dialog.open();
  await expect(dialog.personalData).toBeDisabled();
  await expect(dialog.dialog).toContainText('Роль «Департамент» не даёт права выгружать ФИО и телефоны заявителей');
  await dialog.export();
  const download = await dialog.download();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const header = (workbook.getWorksheet('Обращения')?.getRow(3).values as ExcelJS.CellValue[]).slice(1);
  expect(header).not.toContain('Заявитель');
  expect(header).not.toContain('Телефон');
  await dialog.close();
});
