// The card's dialogs belong to their appeal: a dialog without fields saves with Enter, an open dialog
// does not follow the browser to another appeal, and a change made elsewhere while it is open is
// said in it without losing what was typed.
import type { Appeal } from '../shared/contract/schemas.js';
import { AppealCardPage } from './pages/appeal-card-page.js';
import { expect, test, type AppUnderTest } from './support/fixtures.js';

async function value<T>(app: AppUnderTest, method: string, input: unknown): Promise<T> {
  const r = await app.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** Two appeals passed to their executor, worked by a controller of their district. */
async function twoTransferred(app: AppUnderTest): Promise<[Appeal, Appeal]> {
  const [building] = await value<{ id: string; district: string }[]>(app, 'searchBuildings', { query: 'Ново-Садовая', limit: 1 });
  if (!building) throw new Error('no building');
  await value(app, 'setWorkstationUser', { name: 'Контролёр Е2Е', role: 'district_controller', district: building.district });
  const out: Appeal[] = [];
  for (const flat of ['31', '32']) {
    const a = await value<Appeal>(app, 'registerAppeal', { buildingId: building.id, flat, applicantName: 'Орлова Нина', channel: 'district_hotline', category: 'low_temperature', description: 'Холодно' });
    const card = await value<{ defaultExecutor: { id: string } | null }>(app, 'getAppealCard', { id: a.id });
    out.push(await value<Appeal>(app, 'appealAction', { appealId: a.id, expectedVersion: a.version, data: { action: 'transfer', executorOrgId: card.defaultExecutor?.id, method: 'system' } }));
  }
  return [out[0] as Appeal, out[1] as Appeal];
}

test('«Взять в работу» opens and saves with Enter alone', async ({ page, app }) => {
  const [a] = await twoTransferred(app);
  await page.goto(`${app.origin}/#/appeals/${a.id}`);
  const card = new AppealCardPage(page);
  await card.expectStatus('Передано исполнителю');
  await card.actions.getByRole('button', { name: 'Взять в работу' }).focus();
  await page.keyboard.press('Enter');
  await expect(card.dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(card.dialog).toBeHidden();
  await card.expectStatus('В работе');
});

test('an open dialog does not follow «Назад» to another appeal, and acts on nothing there', async ({ page, app }) => {
  const [a, b] = await twoTransferred(app);
  const card = new AppealCardPage(page);
  await page.goto(`${app.origin}/#/appeals/${a.id}`);
  await card.expectStatus('Передано исполнителю');
  await page.goto(`${app.origin}/#/appeals/${b.id}`);
  await card.expectStatus('Передано исполнителю');
  await card.open('Отклонить');
  await card.fill('Причина', 'Заявитель отозвал обращение');
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`#/appeals/${a.id}$`));
  await expect(card.dialog).toBeHidden();
  await page.keyboard.press('Control+Enter');
  await card.expectStatus('Передано исполнителю');
  for (const id of [a.id, b.id]) expect((await value<{ appeal: Appeal }>(app, 'getAppealCard', { id })).appeal.status).toBe('transferred');
});

test('a change made elsewhere under an open dialog is said in it, and what was typed stays', async ({ page, app }) => {
  const [a] = await twoTransferred(app);
  await page.goto(`${app.origin}/#/appeals/${a.id}`);
  const card = new AppealCardPage(page);
  await card.expectStatus('Передано исполнителю');
  await card.open('Отклонить');
  await card.fill('Причина', 'Не подтвердилось при выезде');
  // Another window takes it in work meanwhile.
  await value(app, 'appealAction', { appealId: a.id, expectedVersion: a.version, data: { action: 'take_in_work' } });
  await expect(card.dialog.getByRole('status')).toContainText('было «Передано исполнителю», теперь «В работе»');
  await expect(card.dialog.getByRole('textbox', { name: 'Причина' })).toHaveValue('Не подтвердилось при выезде');
  await card.submit();
  await expect(card.dialog).toBeHidden();
  await card.expectStatus('Отклонено');
});
