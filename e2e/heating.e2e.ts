// «Отопительный сезон» as a deputy head uses it on the demo data: a supplier's CSV moves the
// district's figure and empties the list by as many buildings; a bad file changes nothing and names
// its rows; a building set by hand from the address card leaves the list.
import { BuildingCardPage } from './pages/building-card-page.js';
import { HeatingPage } from './pages/heating-page.js';
import type { Page } from '@playwright/test';
import { expect, test, type AppUnderTest } from './support/fixtures.js';

const DISTRICT = 'Октябрьский';

/** Yesterday in Samara as a supplier writes it: 28.11.2026. */
function yesterday(): string {
  const iso = new Date(Date.now() + 4 * 3600_000 - 24 * 3600_000).toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

async function actAsDeputyHead(app: AppUnderTest, page: Page): Promise<void> {
  const changed = await app.call('setWorkstationUser', { name: 'Смирнова', role: 'deputy_head', district: DISTRICT });
  expect(changed.ok).toBe(true);
  await page.reload();
}

async function withoutHeat(app: AppUnderTest, status: string, limit: number): Promise<{ address: string }[]> {
  const result = await app.call('listWithoutHeat', { status, limit });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { rows: { address: string }[] }).rows;
}

test('a supplier’s CSV moves the district’s figure and the list; a bad file changes nothing', async ({ app, page }) => {
  await actAsDeputyHead(app, page);
  const heating = new HeatingPage(page);
  await heating.goto();
  const before = await heating.provided(DISTRICT);
  const listBefore = await heating.withoutHeatCount();
  expect(listBefore).toBeGreaterThan(3);

  // Three buildings the list shows as not connected, as the supplier writes them.
  const rows = await withoutHeat(app, 'not_connected', 3);
  expect(rows).toHaveLength(3);
  const csv = ['Адрес;Статус;Дата;Причина', ...rows.map((r) => `${r.address};Подключен;${yesterday()};`)].join('\r\n');

  await heating.importFile('статусы.csv', Buffer.from(csv, 'utf8'));
  await expect(heating.importDialog.getByRole('status')).toContainText('Изменён статус 3 домов');
  await heating.closeImport();
  await expect.poll(() => heating.provided(DISTRICT)).toEqual({ connected: before.connected + 3, total: before.total });
  await expect.poll(() => heating.withoutHeatCount()).toBe(listBefore - 3);
  for (const r of rows) await expect(heating.list.getByRole('row').filter({ hasText: r.address })).toHaveCount(0);

  // One unknown address and one unreadable status: nothing changes, both rows are named.
  const [other] = await withoutHeat(app, 'problem', 1);
  const bad = ['Адрес;Статус;Дата', `${other?.address};подключен;${yesterday()}`, `ул. Несуществующая, д. 1;подключен;${yesterday()}`, `${rows[0]?.address};тепло будет;${yesterday()}`].join('\r\n');
  await heating.importFile('плохой.csv', Buffer.from(bad, 'utf8'));
  const errors = heating.importDialog.getByRole('table');
  await expect(heating.importDialog.getByRole('alert')).toContainText('2 строки с ошибками. Ничего не изменено.');
  await expect(errors.getByRole('row').filter({ hasText: /^3/ })).toContainText('нет в реестре адресов');
  await expect(errors.getByRole('row').filter({ hasText: /^4/ })).toContainText('Статус «тепло будет» не распознан');
  await heating.closeImport();
  expect(await heating.provided(DISTRICT)).toEqual({ connected: before.connected + 3, total: before.total });
});

test('a building set by hand from the address card leaves the list', async ({ app, page }) => {
  await actAsDeputyHead(app, page);
  const heating = new HeatingPage(page);
  await heating.goto();
  const before = await heating.provided(DISTRICT);
  const listBefore = await heating.withoutHeatCount();

  // The first row (a problem) opens its card from the keyboard.
  const first = heating.list.getByRole('row').nth(1);
  const address = (await first.getByRole('gridcell').first().innerText()).trim();
  await first.getByRole('gridcell').first().click();
  const card = new BuildingCardPage(page);
  await expect(card.heading).toHaveText(address);
  const panel = page.getByTestId('building-heating');
  await expect(panel).toContainText('проблема');

  await panel.getByRole('button', { name: 'Изменить статус' }).click();
  await heating.setStatus('подключён', 'Стояк прокачан');
  await expect(panel).toContainText('подключён');
  await expect(panel).toContainText('Стояк прокачан');
  await expect(panel).toContainText('указал(а) Смирнова');

  await heating.goto();
  await expect.poll(() => heating.provided(DISTRICT)).toEqual({ connected: before.connected + 1, total: before.total });
  await expect.poll(() => heating.withoutHeatCount()).toBe(listBefore - 1);
  await expect(heating.list.getByRole('row').filter({ hasText: address })).toHaveCount(0);
});
