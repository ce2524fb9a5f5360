// A mass outage: recorded on a heat source, a call from one of its buildings is linked to it at
// intake with a banner, and restoring heat moves that appeal to checking. The demo workstation may
// work in Октябрьский, so the heat source is one of that district's.
import type { Page } from '@playwright/test';
import { IncidentsPage } from './pages/incidents-page.js';
import { IntakePage } from './pages/intake-page.js';
import { expect, test } from './support/fixtures.js';

/**
 * «Новое обращение» by its address: at 1366 px the header now wraps to two lines and covers the
 * first navigation item, so a click on it would hit the header.
 */
async function openIntake(page: Page): Promise<void> {
  await page.evaluate(() => {
    location.hash = '#/new';
  });
  await expect(page.getByRole('combobox', { name: 'Адрес', exact: true })).toBeVisible();
}

test('an incident on a heat source links a new appeal at intake and restoring moves it to checking', async ({ page }) => {
  const incidents = new IncidentsPage(page);
  await incidents.goto();
  const incident = await incidents.createOnHeatSource('Октябрьский', 'Порыв на теплотрассе');
  await expect(page.getByText('Порыв на теплотрассе')).toBeVisible();
  const address = await incidents.firstAffectedAddress();

  const intake = new IntakePage(page);
  await openIntake(page);
  await intake.chooseFirstAddress(address);
  await expect(intake.address).toHaveValue(address);
  const banner = page.getByTestId('incident-banner');
  await expect(banner).toContainText('Массовое отключение: Порыв на теплотрассе');
  await expect(banner).toContainText(incident);
  // A fresh form for the keyboard-only registration.
  await incidents.goto();
  await openIntake(page);

  const number = await intake.registerByKeyboard({
    addressQuery: address,
    applicant: 'Петров Иван',
    channel: 'Социальные сети',
    category: 'Низкая температура',
    description: 'Батареи холодные',
  });

  await incidents.open(incident);
  await expect(incidents.linkedAppeal(number)).toContainText('Зарегистрировано');
  await incidents.restore();
  await expect(incidents.linkedAppeal(number)).toContainText('Выполнено исполнителем');
  await expect(page.getByText('Восстановлено', { exact: false }).first()).toBeVisible();
});

test('an incident still active after its planned restoration says how late it is, on its card and in the list', async ({ page, app }) => {
  const hits = await app.call('searchBuildings', { query: 'Ново-Садовая', limit: 2 });
  if (!hits.ok) throw new Error(hits.error.message);
  const buildings = hits.value as { id: string; district: string }[];
  const [first] = buildings;
  if (!first) throw new Error('no building');
  expect((await app.call('setWorkstationUser', { name: 'Контролёр Е2Е', role: 'district_controller', district: first.district })).ok).toBe(true);
  const now = Date.now();
  const created = await app.call('createIncident', {
    scope: 'buildings',
    buildingIds: buildings.map((b) => b.id),
    cause: 'Порыв теплотрассы (проверка сроков)',
    startedAt: now - 5 * 3_600_000,
    plannedRestoreAt: now - 2 * 3_600_000,
  });
  if (!created.ok) throw new Error(created.error.message);
  const incident = created.value as { id: string; number: string };

  await page.goto(`${app.origin}/#/incidents/${incident.id}`);
  const late = page.locator('[data-late]');
  await expect(late).toHaveCount(1);
  await expect(late).toContainText(/срок прошёл 2 ч 0\d мин назад/);
  await expect(page.getByText(/тепла нет уже 5 ч 0\d мин/)).toBeVisible();

  await page.goto(`${app.origin}/#/incidents`);
  const row = page.getByRole('row').filter({ hasText: incident.number });
  await expect(row.locator('[data-late]')).toContainText('срок прошёл');

  // The heat came back an hour ago and is recorded now: the restore keeps the time it happened.
  await page.goto(`${app.origin}/#/incidents/${incident.id}`);
  await page.getByRole('button', { name: 'Подача тепла восстановлена' }).click();
  const dialog = page.getByRole('dialog');
  const restoredAt = new Date(now - 3_600_000 + 4 * 3_600_000).toISOString().slice(0, 16); // Samara is UTC+4
  await dialog.getByLabel('Восстановлено').fill(restoredAt);
  await dialog.getByLabel('Восстановлено').focus();
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/тепла не было (3 ч 5\d|4 ч 0\d) мин/)).toBeVisible(); // the field has whole minutes
  const [date, time] = restoredAt.split('T') as [string, string];
  const [y, m, d] = date.split('-') as [string, string, string];
  await expect(page.getByText(`${d}.${m}.${y.slice(2)}, ${time}`).first()).toBeVisible();
});
