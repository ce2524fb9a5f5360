// The address register as district staff use it: addresses on control, the address card, the
// global address search, and importing a register file.

import { BuildingCardPage } from './pages/building-card-page.js';
import { ControlListPage } from './pages/control-list-page.js';
import { ImportPage } from './pages/import-page.js';
import { IntakePage } from './pages/intake-page.js';
import { encodeCp1251 } from './support/cp1251.js';
import { expect, test } from './support/fixtures.js';

const CALL = {
  flat: '7',
  applicant: 'Кузнецова Ольга',
  phone: '89270001122',
  channel: 'Горячая линия района',
  category: 'Нет отопления',
  description: 'Холодные батареи во всей квартире',
};

test('a registered appeal puts its address on control and on its card', async ({ page }) => {
  const intake = new IntakePage(page);
  const number = await intake.registerByKeyboard({ ...CALL, addressQuery: 'Ново-Садовая' });
  // The intake form now warns about the open appeal at that address.
  await intake.address.focus();
  const chosen = await intake.chooseFirstAddress('Ново-Садовая');
  await expect(page.getByText(/Открытые обращения по этому адресу: \d+/)).toBeVisible();
  await expect(page.getByRole('link', { name: number })).toBeVisible();

  const control = new ControlListPage(page);
  await control.goto();
  await control.filterByDistrict('Октябрьский');
  await (await control.findRow(chosen)).click();

  const card = new BuildingCardPage(page);
  await expect(card.heading).toHaveText(chosen);
  await expect(card.onControlBadge).toBeVisible();
  await expect(card.appeals.getByRole('row').filter({ hasText: number })).toContainText('Нет отопления');
});

test('the global search opens an address card from the keyboard', async ({ page }) => {
  const card = new BuildingCardPage(page);
  await card.openBySearch('партсъезда');
  await expect(card.heading).toContainText('Партсъезда');
  await expect(page.getByText('Управляющая организация', { exact: true })).toBeVisible();
});

const HEADER = 'Район;Адрес;Управляющая организация;ИНН управляющей организации;Год постройки;Этажность;Количество квартир';
const ROWS = [
  'Октябрьский;443099, Самарская обл., г. Самара, ул. Тестовая, д. 1;ООО «УК Проверка»;6316000000;1975;9;144',
  'Ленинский;г. Самара, ул. Тестовая, д. 2, корп. 1;ООО «УК Проверка»;6316000000;1981;5;60',
];

test('a Windows-1251 CSV register imports and its buildings are found', async ({ page }) => {
  const importer = new ImportPage(page);
  await importer.goto();
  const csv = encodeCp1251([HEADER, ...ROWS].join('\r\n'));
  await importer.importFile('реестр.csv', csv, 'text/csv');
  await expect(importer.success).toContainText('Добавлено домов: 2');

  const card = new BuildingCardPage(page);
  await card.openBySearch('тестовая 2');
  await expect(card.heading).toContainText('Тестовая');
  await expect(page.getByText('ООО «УК Проверка»')).toBeVisible();
});

test('a register with a bad row imports nothing and names the row', async ({ page, app }) => {
  const importer = new ImportPage(page);
  await importer.goto();
  const bad = [HEADER, ROWS[0], 'Заречный;ул. Тестовая, д. 3;;;;;', ROWS[1]].join('\n');
  await importer.importFile('реестр.csv', Buffer.from(bad, 'utf8'), 'text/csv');
  await expect(importer.failure).toBeVisible();
  // Exactly one bad row, the third line of the file (the header is line 1), with a reason.
  const rows = importer.errors.getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText('3');
  await expect(rows.nth(1).getByRole('cell').nth(1)).toContainText(/район/i);
  const found = await app.call('searchBuildings', { query: 'Тестовая 1' });
  expect(found.ok && (found.value as { address: string }[]).some((b) => b.address.includes('Тестовая'))).toBe(false);
});
