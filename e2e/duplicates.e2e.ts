// «Отметить дубликатом» on the card: the open appeals at the same address are offered, the same flat
// first; the duplicate's card links to its original and the original lists its duplicates. An
// appeal named as its own original is refused at the field and nothing changes.
import type { Appeal } from '../shared/contract/schemas.js';
import { AppealCardPage } from './pages/appeal-card-page.js';
import { expect, test, type AppUnderTest } from './support/fixtures.js';

async function value<T>(app: AppUnderTest, method: string, input: unknown): Promise<T> {
  const r = await app.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** Three calls at one building with no other open appeal: flats 12, 5 and 12 again. */
async function threeCallsAtOneBuilding(app: AppUnderTest): Promise<[Appeal, Appeal, Appeal]> {
  const hits = await value<{ id: string; district: string }[]>(app, 'searchBuildings', { query: 'Ново-Садовая', limit: 50 });
  let building: { id: string; district: string } | undefined;
  for (const hit of hits) {
    const card = await value<{ appeals: Appeal[] }>(app, 'getBuildingCard', { id: hit.id });
    if (!card.appeals.some((a) => !['closed', 'rejected', 'duplicate'].includes(a.status))) {
      building = hit;
      break;
    }
  }
  if (!building) throw new Error('no building without open appeals');
  await value(app, 'setWorkstationUser', { name: 'Оператор Е2Е', role: 'operator', district: building.district });
  const call = (flat: string, applicantName: string) =>
    value<Appeal>(app, 'registerAppeal', { buildingId: building.id, flat, applicantName, channel: 'district_hotline', category: 'low_temperature', description: 'Холодно в квартире' });
  const first = await call('12', 'Соколова Анна');
  const other = await call('5', 'Гусев Олег');
  const again = await call('12', 'Соколов Игорь');
  return [first, other, again];
}

test('a repeated registration is marked a duplicate of the offered original, and the two cards link each other', async ({ page, app }) => {
  const [first, other, again] = await threeCallsAtOneBuilding(app);
  await page.goto(`${app.origin}/#/appeals/${again.id}`);
  const card = new AppealCardPage(page);
  await card.expectStatus('Зарегистрировано');
  await card.open('Отметить дубликатом');

  const offered = card.dialog.getByRole('group', { name: /Открытые обращения по этому адресу/ }).getByRole('button');
  await expect(offered).toHaveCount(2);
  await expect(offered.nth(0)).toContainText(`№ ${first.number}, кв. 12`); // the same flat first
  await expect(offered.nth(1)).toContainText(`№ ${other.number}, кв. 5`);
  await offered.nth(0).click();
  await expect(card.dialog.getByRole('textbox', { name: 'Номер исходного обращения' })).toHaveValue(first.number);
  await card.submit();
  await expect(card.dialog).toBeHidden();
  await card.expectStatus('Дубликат');

  const link = page.getByRole('link', { name: new RegExp(`№ ${first.number}, кв\\. 12 — Зарегистрировано`) });
  await expect(link).toBeVisible();
  await link.click();
  await card.expectStatus('Зарегистрировано');
  const duplicates = page.getByRole('list', { name: 'Его дубликаты' });
  await expect(duplicates.getByRole('link')).toHaveText([`№ ${again.number}, кв. 12 — Дубликат`]);
});

test('an appeal named as its own original is refused at the field and stays as it was', async ({ page, app }) => {
  const [, , again] = await threeCallsAtOneBuilding(app);
  await page.goto(`${app.origin}/#/appeals/${again.id}`);
  const card = new AppealCardPage(page);
  await card.open('Отметить дубликатом');
  await card.fill('Номер исходного обращения', again.number);
  await card.submit();
  await expect(card.fieldError('Номер исходного обращения')).toContainText('самого себя');
  await card.dialog.getByRole('button', { name: 'Отмена' }).click();
  await card.expectStatus('Зарегистрировано');
  const after = await value<{ appeal: Appeal; events: unknown[] }>(app, 'getAppealCard', { id: again.id });
  expect(after.appeal.version).toBe(again.version);
  expect(after.events).toHaveLength(1);
});
