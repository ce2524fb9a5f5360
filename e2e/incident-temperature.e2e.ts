// The lower interruption limits at colder rooms: an outage recorded with the temperature measured
// in the flats shows the limit it sets and warns, naming the norm, once the outage is longer; a new
// measurement changes the limit; a value that is not a number is refused at the field.
import { expect, test } from './support/fixtures.js';
import { IncidentsPage } from './pages/incidents-page.js';

/** «YYYY-MM-DDTHH:mm» in Samara time (UTC+4), as the dialog's date-and-time fields take it. */
function samaraInput(ms: number): string {
  return new Date(ms + 4 * 3_600_000).toISOString().slice(0, 16);
}

test('an outage at +9,5 °C in the flats is over its 4-hour limit after 6 hours; at +13 °C it is within 16', async ({ page }) => {
  const incidents = new IncidentsPage(page);
  await incidents.goto();
  await page.getByRole('button', { name: 'Зарегистрировать инцидент' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новый инцидент' });
  await dialog.getByRole('combobox', { name: 'Источник тепла' }).fill('Октябрьский');
  await page.getByRole('listbox').getByRole('option').filter({ hasText: 'Октябрьский' }).first().click();
  await dialog.getByRole('textbox', { name: 'Причина' }).fill('Порыв на вводе');
  await dialog.getByLabel('Начало отключения').fill(samaraInput(Date.now() - 6 * 3_600_000));
  const room = dialog.getByRole('textbox', { name: 'Температура в помещениях, °C' });
  await room.fill('тепло');
  await expect(dialog.getByText('Введите число, например 11 или 9,5')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Зарегистрировать инцидент' })).toBeDisabled();
  await room.fill('9,5');
  await dialog.getByRole('button', { name: 'Зарегистрировать инцидент' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('incident-room-temperature')).toHaveText('+9,5 °C: перерыв допустим не более 4 ч подряд');
  await expect(page.getByTestId('incident-over-limit')).toBeVisible();
  const warning = incidents.affected.getByText(/при \+9,5 °C в помещениях — больше допустимых 4 ч \(ПП РФ № 354, прил\. 1, п\. 15: при \+8 °C…\+10 °C не более 4 ч\)/);
  await expect(warning.first()).toBeVisible();

  await page.getByRole('button', { name: 'Изменить' }).click();
  const edit = page.getByRole('dialog');
  await edit.getByRole('textbox', { name: 'Температура в помещениях, °C' }).fill('13');
  await edit.getByRole('button', { name: 'Сохранить' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByTestId('incident-room-temperature')).toHaveText('+13 °C: перерыв допустим не более 16 ч подряд');
  await expect(incidents.affected.getByText(/при \+9,5 °C/)).toHaveCount(0);
});
