// Priority and deadlines end to end: the intake form pre-fills «Приоритет» from the category and its
// deadlines follow the priority; a call registered by keyboard with the priority changed keeps it;
// the card lists every deadline with its state, and «Сроки» names the pending one.
import type { Appeal, BuildingHit } from '../shared/contract/schemas.js';
import { AppealCardPage } from './pages/appeal-card-page.js';
import { AppealsListPage } from './pages/appeals-list-page.js';
import { DuePage } from './pages/due-page.js';
import { IntakePage } from './pages/intake-page.js';
import { expect, test, type AppUnderTest } from './support/fixtures.js';

async function ok<T>(app: AppUnderTest, method: string, input: unknown): Promise<T> {
  const result = await app.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

test('the priority is pre-filled from the category and the deadlines shown follow it', async ({ page }) => {
  const intake = new IntakePage(page);
  await intake.goto();
  const category = page.getByLabel('Категория');
  const priority = page.getByLabel('Приоритет');
  await category.selectOption('no_heating');
  await expect(priority).toHaveValue('emergency');
  await expect(intake.deadline('reaction')).toContainText('10 мин');
  await expect(intake.deadline('resolution')).toContainText('30 мин');

  await priority.selectOption('normal');
  await expect(intake.deadline('reaction')).toContainText('1 ч');
  await expect(intake.deadline('resolution')).toContainText('до конца дня');
  // No heating stays a quality complaint: its check does not depend on the priority.
  await expect(intake.deadline('check')).toContainText('2 ч');

  await category.selectOption('noise');
  await expect(priority).toHaveValue('normal');
  await priority.selectOption('emergency');
  await expect(intake.deadline('resolution')).toContainText('30 мин');
  await category.selectOption('heating_leak');
  await expect(priority).toHaveValue('emergency');
});

test('a call registered by keyboard with its priority changed keeps it in the list', async ({ page }) => {
  const intake = new IntakePage(page);
  await intake.goto();
  const number = await intake.registerByKeyboard({
    addressQuery: 'Ново-Садовая',
    flat: '3',
    applicant: 'Кузнецов Илья',
    channel: 'Горячая линия района',
    category: 'Завоздушивание',
    priority: 'Аварийное',
    description: 'Стояк не прогревается во всём подъезде',
  });
  const list = new AppealsListPage(page);
  await list.goto();
  await page.getByRole('combobox', { name: 'Приоритет' }).click();
  await page.getByRole('option', { name: 'Аварийное' }).click();
  const row = await list.find(number);
  await expect(row.getByTestId('priority-emergency')).toBeVisible();
});

test('the card lists every deadline with its state; «Сроки» names the pending one', async ({ page, app }) => {
  const [hit] = await ok<BuildingHit[]>(app, 'searchBuildings', { query: 'Ново-Садовая', limit: 1 });
  if (!hit) throw new Error('no building in the demo register');
  const appeal = await ok<Appeal>(app, 'registerAppeal', {
    buildingId: hit.id,
    applicantName: 'Орлова Вера',
    channel: 'email',
    category: 'low_temperature',
    description: 'В квартире +16',
  });
  const card = new AppealCardPage(page);
  const openCard = (hash: string) => page.evaluate((h) => (window.location.hash = h), hash);
  await openCard(`#/appeals/${appeal.id}`);
  await expect(card.deadlines).toHaveCount(5);
  expect(await card.deadlineStates()).toEqual([
    ['Передать исполнителю', 'ожидается'],
    ['Проверка качества', 'ожидается'],
    ['Устранение', 'ожидается'],
    ['Обратная связь', 'ожидается'],
    ['Письменный ответ (59-ФЗ)', 'ожидается'],
  ]);
  // The rule each deadline came from, on hover.
  await card.deadlines.filter({ hasText: 'Письменный ответ' }).hover();
  await expect(page.getByRole('tooltip')).toContainText('59-ФЗ');

  const due = new DuePage(page);
  await due.goto();
  await due.openTab('within_hour');
  await expect(due.row(appeal.number)).toContainText('Передать исполнителю');

  await ok<Appeal>(app, 'appealAction', {
    appealId: appeal.id,
    expectedVersion: appeal.version,
    data: { action: 'transfer', executorOrgId: (await ok<{ defaultExecutor: { id: string } }>(app, 'getAppealCard', { id: appeal.id })).defaultExecutor.id, method: 'system', contactPerson: '' },
  });
  await openCard(`#/appeals/${appeal.id}`);
  await expect(card.deadlines.first()).toContainText('выполнен в срок');
  // Passed on: the check (2 hours from receipt) is pending now, not within the hour.
  await due.goto();
  await due.openTab('within_hour');
  await expect(due.row(appeal.number)).toBeHidden();
});
