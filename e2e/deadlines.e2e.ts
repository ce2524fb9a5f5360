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

test('the admin imports the calendar as data.gov.ru publishes it', async ({ page, app }) => {
  const deadlines = new DeadlinesPage(page);
  expect((await app.call('setWorkstationUser', { name: 'Администратор', role: 'admin', district: null })).ok).toBe(true);
  await page.reload();
  await deadlines.goto();
  await expect(page.getByText('Подойдёт CSV с data.gov.ru, XML или JSON с xmlcalendar.ru')).toBeVisible();
  const header = 'Год/Месяц,Январь,Февраль,Март,Апрель,Май,Июнь,Июль,Август,Сентябрь,Октябрь,Ноябрь,Декабрь,Всего рабочих дней';
  const months2018 = [
    '1,2,3,4,5,6,7,8,13,14,20,21,27,28', '3,4,10,11,17,18,22*,23,24,25', '3,4,7*,8,9,10,11,17,18,24,25,31',
    '1,7,8,14,15,21,22,28*,29,30', '1,2,5,6,8*,9,12,13,19,20,26,27', '2,3,9*,10,11,12,16,17,23,24,30',
    '1,7,8,14,15,21,22,28,29', '4,5,11,12,18,19,25,26', '1,2,8,9,15,16,22,23,29,30',
    '6,7,13,14,20,21,27,28', '3,4,5,10,11,17,18,24,25', '1,2,8,9,15,16,22,23,29*,30,31',
  ];
  await deadlines.importCalendar('data-structure.csv', `${header}\n2018,${months2018.map((c) => `"${c}"`).join(',')},247\n`);
  await expect(page.getByText('Загружено дней: 23; годы: 2018')).toBeVisible();
  await expect(page.getByRole('cell', { name: '2018', exact: true })).toBeVisible();
});

test('a new rule\'s «Срок» typed as letters, a fraction or a negative number is said at the field and cannot be added', async ({ page, app }) => {
  expect((await app.call('setWorkstationUser', { name: 'Администратор', role: 'admin', district: null })).ok).toBe(true);
  const deadlines = new DeadlinesPage(page);
  await deadlines.goto();
  const amount = page.getByRole('textbox', { name: 'Срок', exact: true }).last();
  const add = page.getByRole('button', { name: 'Добавить', exact: true });
  const before = await app.call('listDeadlineRules', {});
  for (const [typed, message] of [['abc', 'Целое число, например 2'], ['2,5', 'Целое число, например 2'], ['-2', 'Срок не может быть отрицательным']] as const) {
    await amount.fill(typed);
    await expect(page.getByText(message)).toBeVisible();
    await expect(add).toBeDisabled();
  }
  await expect(page.getByText('NaN')).toHaveCount(0);
  expect(await app.call('listDeadlineRules', {})).toEqual(before);
  await amount.fill('3');
  await expect(add).toBeEnabled();
});
