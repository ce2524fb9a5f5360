// «Сводка за день» as documents, end to end on the demo data: a deputy head downloads the district's
// XLSX from «Итоги дня» and its «Итоги» sheet has, cell by cell, the figures on screen; the print view
// printed to A4 PDF has one page per section and the figures in its text.
import ExcelJS from 'exceljs';
import { DaySummaryPage, type Figure } from './pages/day-summary-page.js';
import { ExportDialog } from './pages/export-dialog.js';
import { expect, test } from './support/fixtures.js';
import { pdfPages } from './support/pdf-text.js';

const FIGURES: [Figure, string][] = [
  ['received', 'Поступило'],
  ['closed', 'Закрыто'],
  ['open', 'Не закрыто'],
  ['overdue', 'Просрочено'],
];

test('a deputy head downloads «Сводка за день» with the figures on screen, and prints it on A4 pages', async ({ page, app }) => {
  expect((await app.call('setWorkstationUser', { name: 'Заместитель', role: 'deputy_head', district: 'Октябрьский' })).ok).toBe(true);
  await page.reload();
  const screen = new DaySummaryPage(page);
  await screen.goto();
  await screen.previousDay();
  const day = await screen.dayInput.inputValue();
  const [y, m, d] = day.split('-');
  const ruDay = `${d}.${m}.${y}`;
  const shown = new Map<Figure, number>();
  for (const [f] of FIGURES) shown.set(f, await screen.figure(f));
  expect(shown.get('received')).toBeGreaterThan(0);

  // «Скачать Excel»: the job of the export dialog, the file through the browser's download.
  await page.getByRole('button', { name: 'Скачать Excel' }).click();
  const dialog = new ExportDialog(page, 'Сводка за день — Excel');
  await expect(dialog.dialog).toContainText(`Сводка за ${ruDay} — Октябрьский район`);
  await expect(dialog.personalData).toHaveCount(0);
  await dialog.export();
  const download = await dialog.download();
  await dialog.close();
  expect(download.suggestedFilename()).toBe(`Сводка за день — Октябрьский — ${ruDay}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.getWorksheet('Итоги');
  if (!sheet) throw new Error('no sheet «Итоги»');
  expect(sheet.getCell('A1').value).toBe(`Сводка за день ${ruDay} — Октябрьский район`);
  expect([sheet.getCell('A4').value, sheet.getCell('B4').value]).toEqual(['День', ruDay]);
  expect([sheet.getCell('A5').value, sheet.getCell('B5').value]).toEqual(['Район', 'Октябрьский']);
  FIGURES.forEach(([f, label], i) => {
    expect([sheet.getCell(`A${6 + i}`).value, sheet.getCell(`B${6 + i}`).value]).toEqual([label, shown.get(f)]);
  });
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['Итоги', 'По категориям', 'По каналам', 'По исполнителям', 'Рейтинг УК', 'Адреса на контроле', 'Динамика 14 дней']);

  // «Печать / PDF»: the print view, without the app's frame, one section per page.
  await page.getByRole('link', { name: 'Печать / PDF' }).click();
  await expect(page).toHaveURL(new RegExp(`#/summary/print\\?day=${day}$`));
  await expect(page.getByTestId('summary-print')).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Печать', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Сохранить PDF' })).toBeVisible();
  const breaks = await page.locator('section.page-break').count();
  expect(breaks).toBe(6); // Итоги | категории | каналы | исполнители | рейтинг | адреса | динамика

  const pages = await pdfPages(await page.pdf({ format: 'A4' }));
  expect(pages).toHaveLength(breaks + 1);
  expect(pages[0]).toContain(`Сводка за день ${ruDay} — Октябрьский район`);
  for (const [f, label] of FIGURES) expect(pages[0]).toContain(`${label} ${shown.get(f)}`);
  expect(pages[1]).toContain('По категориям');
  // The district's addresses on control (a few dozen in the demo) fit on their page.
  expect(pages[5]).toContain('Адреса на контроле');
  expect(pages[6]).toContain('Итого за 14 дней');
  // The buttons are not printed; no cell is printed as a broken value.
  expect(pages.join(' ')).not.toContain('Сохранить PDF');
  expect(pages.join(' ')).not.toMatch(/undefined|NaN/);
});
