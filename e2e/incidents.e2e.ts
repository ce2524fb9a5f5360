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
