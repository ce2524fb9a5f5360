// Deadlines end to end: the intake form shows them once the category is chosen; the admin changes a
// rule and imports a calendar year; a file with a bad line imports nothing; an operator only reads.
import { DeadlinesPage } from './pages/deadlines-page.js';
import { expect, test } from './support/fixtures.js';

test('the intake form shows the deadlines as soon as the category is chosen', async ({ page }) => {
  const deadlines = new DeadlinesPage(page);
  await page.getByRole('link', { name: 'Новое обращение' }).click();
  await expect(deadlines.intakeDeadlines).toHaveCount(0);
  await page.getByLabel('Категория').selectOption('low_temperature');
  await expect(deadlines.intakeDeadlines).toContainText('Проверка качества');
  await expect(deadlines.intakeDeadlines).toContainText('до конца дня');
  await page.getByLabel('Категория').selectOption('no_heating');
  await expect(deadlines.intakeDeadlines).toContainText('30 мин');
});

test('the admin edits a rule and imports a calendar; an operator may not', async ({ page, app }) => {
  const deadlines = new DeadlinesPage(page);
  await deadlines.goto();
  await expect(page.getByText('только администратор')).toBeVisible();
  await expect(deadlines.rules.first().getByRole('button', { name: 'Сохранить' })).toHaveCount(0);

  expect((await app.call('setWorkstationUser', { name: 'Администратор', role: 'admin', district: null })).ok).toBe(true);
  await page.reload();
  await deadlines.goto();
  const reaction = deadlines.rule('Передать исполнителю', 'любая/любой', 'любая/любой');
  await deadlines.setAmount(reaction, '2');
  await expect(reaction).toContainText('Изменено: Администратор');

  await deadlines.importCalendar('bad.csv', 'date;type\n2028-01-03;holiday\n2028-02-30;holiday\n');
  await expect(page.getByText('строка 3:')).toBeVisible();
  await expect(page.getByRole('cell', { name: '2028', exact: true })).toHaveCount(0);
  await deadlines.importCalendar('good.csv', 'date;type\n2028-01-03;holiday\n2028-01-04;holiday\n');
  await expect(page.getByText('Загружено дней: 2; годы: 2028')).toBeVisible();
  await expect(page.getByRole('cell', { name: '2028', exact: true })).toBeVisible();
});
