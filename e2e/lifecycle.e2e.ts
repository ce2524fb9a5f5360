// An appeal's whole life on its card: every action with its required data, refusals at the field,
// and a failed temperature check sending the appeal back to work.
import type { Page } from '@playwright/test';
import type { Appeal } from '../shared/contract/schemas.js';
import { AppealCardPage } from './pages/appeal-card-page.js';
import { AppealsListPage } from './pages/appeals-list-page.js';
import { IntakePage } from './pages/intake-page.js';
import { expect, test, type AppUnderTest } from './support/fixtures.js';

const CALL = {
  addressQuery: 'Ново-Садовая',
  flat: '7',
  applicant: 'Кузнецова Ольга Ивановна',
  phone: '8 927 765-43-21',
  channel: 'Горячая линия района',
  category: 'Низкая температура',
  description: 'В квартире +16, угловая комната холодная',
};

async function value<T>(app: AppUnderTest, method: string, input: unknown): Promise<T> {
  const r = await app.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** Works as an operator of the appeal's own district. */
async function actInDistrictOf(app: AppUnderTest, number: string): Promise<Appeal> {
  const list = await value<{ rows: Appeal[] }>(app, 'listAppeals', { search: number, limit: 1 });
  const appeal = list.rows[0];
  if (!appeal) throw new Error(`no appeal ${number}`);
  await value(app, 'setWorkstationUser', { name: 'Оператор Е2Е', role: 'operator', district: appeal.district });
  return appeal;
}

/** Registers an appeal through the contract and brings it to «Выполнено исполнителем». */
async function appealDoneByExecutor(app: AppUnderTest, page: Page): Promise<AppealCardPage> {
  const [building] = await value<{ id: string; district: string }[]>(app, 'searchBuildings', { query: 'Ново-Садовая', limit: 1 });
  if (!building) throw new Error('no building');
  await value(app, 'setWorkstationUser', { name: 'Оператор Е2Е', role: 'operator', district: building.district });
  let appeal = await value<Appeal>(app, 'registerAppeal', {
    buildingId: building.id,
    applicantName: 'Петров Пётр',
    channel: 'district_hotline',
    category: 'low_temperature',
    description: 'Холодно',
  });
  const card = await value<{ defaultExecutor: { id: string } | null }>(app, 'getAppealCard', { id: appeal.id });
  for (const data of [
    { action: 'transfer', executorOrgId: card.defaultExecutor?.id, method: 'system' },
    { action: 'take_in_work' },
    { action: 'mark_done', whatWasDone: 'Прочищен стояк', doneAt: Date.now() - 60_000 },
  ]) {
    appeal = await value<Appeal>(app, 'appealAction', { appealId: appeal.id, expectedVersion: appeal.version, data });
  }
  await page.goto(`${app.origin}/#/appeals/${appeal.id}`);
  const cardPage = new AppealCardPage(page);
  await cardPage.expectStatus('Выполнено исполнителем');
  return cardPage;
}

test('one appeal from «Зарегистрировать» to «Закрыть», every step with its data', async ({ page, app }) => {
  const number = await new IntakePage(page).registerByKeyboard(CALL);
  await actInDistrictOf(app, number);

  const list = new AppealsListPage(page);
  await list.goto();
  await (await list.find(number)).click();
  const card = new AppealCardPage(page);
  await card.expectStatus('Зарегистрировано');
  expect(await card.actionLabels()).toEqual(['Передать исполнителю', 'Отметить дубликатом']);

  // «Передать исполнителю»: by phone needs who took it.
  await card.open('Передать исполнителю');
  await expect(card.dialog.getByRole('combobox', { name: 'Исполнитель' })).not.toHaveText('');
  await card.choose('Способ передачи', 'Телефон');
  await card.submit();
  await expect(card.fieldError('Контактное лицо (кто принял)')).toHaveText('При передаче по телефону укажите, кто принял');
  await card.fill('Контактное лицо (кто принял)', 'Диспетчер Сидоров');
  await card.submit();
  await expect(card.dialog).toBeHidden();
  await card.expectStatus('Передано исполнителю');

  await card.open('Взять в работу');
  await card.submitAndClose();
  await card.expectStatus('В работе');

  await card.open('Отметить выполнение');
  await card.submit();
  await expect(card.fieldError('Что сделано')).toHaveText('Опишите, что сделано');
  await card.fill('Что сделано', 'Развоздушен стояк, батареи горячие');
  await card.submit();
  await expect(card.dialog).toBeHidden();
  await card.expectStatus('Выполнено исполнителем');

  await card.open('Проверено');
  await card.choose('Как проверено', 'Замер температуры');
  await card.fill('Температура, °C', '21,5');
  await card.submit();
  await expect(card.dialog).toBeHidden();
  await card.expectStatus('Проверено');

  await card.open('Закрыть');
  await card.choose('Результат обратной связи', 'Удовлетворён');
  await card.fill('Примечание', 'Тепло, спасибо');
  await card.submit();
  await expect(card.dialog).toBeHidden();
  await card.expectStatus('Закрыто');

  await expect(card.timeline.getByRole('listitem')).toHaveCount(6);
  await expect(card.timeline).toContainText('принял: Диспетчер Сидоров');
  await expect(card.timeline).toContainText('что сделано: Развоздушен стояк, батареи горячие');
  await expect(card.timeline).toContainText('+21,5 °C');
  await expect(card.timeline).toContainText('обратная связь: Удовлетворён');
  expect(await card.actionLabels()).toEqual([]);
});

test('closing without feedback is refused at the field; «не удовлетворён» cannot close', async ({ page, app }) => {
  const card = await appealDoneByExecutor(app, page);
  await card.open('Проверено');
  await card.choose('Как проверено', 'Звонок жителю');
  await card.submitAndClose();
  await card.expectStatus('Проверено');

  await card.open('Закрыть');
  await card.submit();
  await expect(card.fieldError('Результат обратной связи')).toHaveText('Укажите результат обратной связи');
  await card.choose('Результат обратной связи', 'Не удовлетворён');
  await card.submit();
  await expect(card.fieldError('Результат обратной связи')).toContainText('Заявитель не удовлетворён: закрыть нельзя');
  await card.dialog.getByRole('button', { name: 'Отмена' }).click();
  await card.expectStatus('Проверено');
});

test('a temperature below +18 °C sends the appeal back to «В работе»', async ({ page, app }) => {
  const card = await appealDoneByExecutor(app, page);
  await card.open('Проверено');
  await card.choose('Как проверено', 'Замер температуры');
  await card.fill('Температура, °C', '17,5 °C'); // as people type it: a comma and the unit
  await card.submit();
  await expect(card.dialog).toBeHidden();
  await card.expectStatus('В работе');
  await expect(page.getByRole('status')).toContainText('Проверка не пройдена');
  await expect(card.timeline).toContainText('Проверка не пройдена');
  await expect(card.timeline).toContainText('+17,5 °C');
});

test('a repeated call at intake joins the open appeal, by keyboard, and is counted on the card', async ({ page, app }) => {
  const intake = new IntakePage(page);
  const number = await intake.registerByKeyboard(CALL);
  await intake.chooseFirstAddress(CALL.addressQuery);
  // The open appeals at the address stay out of the Tab sequence: Квартира → Заявитель.
  await page.keyboard.press('Tab');
  await page.keyboard.type('7');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Соседка Иванова');
  await expect(page.getByRole('textbox', { name: 'Заявитель' })).toHaveValue('Соседка Иванова');
  await expect(page.getByRole('textbox', { name: 'Квартира' })).toHaveValue('7');
  const before = await app.appealCount();
  // Alt+1: the first open appeal at the address (the same flat first).
  await page.keyboard.press('Alt+1');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('textbox', { name: 'Заявитель' })).toHaveValue('Соседка Иванова');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Звонок присоединён' })).toBeVisible();
  // The call is handled: nothing new registered, the form clears for the next call, «Адрес» has the cursor.
  expect(await app.appealCount()).toBe(before);
  await expect(intake.address).toHaveValue('');
  await expect(intake.address).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Заявитель' })).toHaveValue('');
  const appeal = await actInDistrictOf(app, number);
  await page.goto(`${app.origin}/#/appeals/${appeal.id}`);
  await expect(page.getByRole('list', { name: 'Повторные звонки' })).toContainText('Соседка Иванова');
  await expect(new AppealCardPage(page).timeline).toContainText('Повторный звонок');
});

test('bulk «Передать исполнителям» passes each chosen appeal to its executor and reports each', async ({ page, app }) => {
  const [building] = await value<{ id: string; district: string }[]>(app, 'searchBuildings', { query: 'Ново-Садовая', limit: 1 });
  if (!building) throw new Error('no building');
  await value(app, 'setWorkstationUser', { name: 'Оператор Е2Е', role: 'operator', district: building.district });
  const numbers: string[] = [];
  for (const description of ['Холодно в зале', 'Холодно в спальне']) {
    const a = await value<Appeal>(app, 'registerAppeal', { buildingId: building.id, applicantName: 'Жилец', channel: 'district_hotline', category: 'other', description });
    numbers.push(a.number);
  }
  const list = new AppealsListPage(page);
  await list.goto();
  for (const number of numbers) {
    await list.find(number);
    await list.row(number).getByRole('checkbox').check();
  }
  await page.getByRole('button', { name: 'Передать исполнителям' }).click();
  const results = page.getByRole('dialog');
  await expect(results).toContainText('Выполнено: 2, отказано: 0');
  for (const number of numbers) await expect(results).toContainText(`№ ${number}`);
  await results.getByRole('button', { name: 'Закрыть' }).click();
  for (const number of numbers) {
    await list.find(number);
    await expect(list.row(number)).toContainText('Передано исполнителю');
  }
});
