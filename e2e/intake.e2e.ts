// An operator registers calls from the keyboard; what is registered stays registered.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { AppealsListPage } from './pages/appeals-list-page.js';
import { IntakePage } from './pages/intake-page.js';
import { expect, test } from './support/fixtures.js';

const CALL = {
  addressQuery: 'Ново-Садовая',
  flat: '12',
  applicant: 'Смирнова Анна Петровна',
  phone: '8 927 123-45-67',
  channel: 'Социальные сети',
  category: 'Низкая температура',
  description: 'В квартире +15, батареи чуть тёплые',
};

test('a call registered with the keyboard is in the list and survives a restart', async ({ page, app }) => {
  const intake = new IntakePage(page);
  const number = await intake.registerByKeyboard(CALL);

  // The form is ready for the next call.
  await expect(intake.address).toHaveValue('');
  await expect(intake.address).toBeFocused();

  const list = new AppealsListPage(page);
  await list.goto();
  const row = await list.find(number);
  await expect(row).toContainText('Ново-Садовая');
  await expect(row).toContainText('Низкая температура');
  await expect(row).toContainText('Зарегистрировано');

  await app.restart('stop');
  await list.goto();
  const again = await list.find(number);
  await again.click();
  await expect(page.getByRole('heading', { name: `№ ${number}` })).toBeVisible();
  await expect(page.getByText('Социальные сети')).toBeVisible();
  await expect(page.getByText(CALL.applicant)).toBeVisible();
});

test('an appeal whose number was shown survives SIGKILL and the database stays intact', async ({ page, app }) => {
  const number = await new IntakePage(page).registerByKeyboard(CALL);
  await app.restart('kill');

  const db = new Database(join(app.shell.dataDir, 'appeals.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) AS n FROM appeals WHERE number = ?').get(number)).toEqual({ n: 1 });
    expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE command = 'register_appeal'").get()).toEqual({ n: 1 });
  } finally {
    db.close();
  }
  const list = new AppealsListPage(page);
  await list.goto();
  await list.find(number);
});

test('an empty address is refused at the field and nothing is saved', async ({ page, app }) => {
  const before = await app.appealCount();
  const intake = new IntakePage(page);
  await page.getByRole('textbox', { name: 'Заявитель' }).fill('Петров Иван');
  await page.getByRole('combobox', { name: 'Категория' }).selectOption({ label: 'Нет отопления' });
  await page.getByRole('textbox', { name: 'Описание' }).fill('Холодные батареи');
  await page.getByRole('button', { name: 'Зарегистрировать' }).click();

  expect(await intake.fieldError('Адрес')).toBe('Выберите адрес из списка');
  await expect(intake.registeredNotice).toHaveCount(0);
  expect(await app.appealCount()).toBe(before);
});

test('a contract call with wrong types is refused with reasons and nothing is saved', async ({ app }) => {
  const before = await app.appealCount();
  const result = await app.call('registerAppeal', {
    buildingId: 42,
    applicantName: ['Иванов'],
    channel: 'fax',
    category: 1,
    description: null,
    receivedAt: 'yesterday',
  });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('validation');
  const paths = (result.error.issues ?? []).map((i) => i.path).sort();
  expect(paths).toEqual(['applicantName', 'buildingId', 'category', 'channel', 'description', 'receivedAt']);
  for (const issue of result.error.issues ?? []) expect(issue.message).toMatch(/[а-яё]/i);
  expect(await app.appealCount()).toBe(before);

  const unknown = await app.call('dropAllAppeals', {});
  expect(unknown.ok).toBe(false);
  expect(await app.appealCount()).toBe(before);
});

test('an open list refreshes when another window registers an appeal', async ({ page, app, context }) => {
  const other = await context.newPage();
  await other.goto(app.origin);
  const otherList = new AppealsListPage(other);
  await otherList.goto();
  // The other window waits on a filter that matches nothing yet.
  await otherList.search.fill('Живая Проверка');
  await expect(otherList.grid).toContainText('Обращений нет');

  const number = await new IntakePage(page).registerByKeyboard({ ...CALL, addressQuery: 'XXII Партсъезда', applicant: 'Живая Проверка' });
  // No click, no reload: the core's change event refreshes the open list.
  await expect(otherList.row(number)).toBeVisible();
});

/**
 * A building whose full address extends a shorter query with a different first hit, such as
 * «ул. Мичурина, д. 73» after «ул. Мичурина, д. 7»: found in whatever register the demo has.
 */
async function addressWithADifferentShorterHit(call: (query: string) => Promise<{ address: string }[]>) {
  for (const street of ['Мичурина', 'Ново-Садовая', 'Гагарина', 'Победы', 'Партизанская']) {
    for (const hit of await call(street)) {
      if (!/\d\d$/.test(hit.address)) continue;
      const shorter = hit.address.slice(0, -1);
      const [first] = await call(shorter);
      if (first && first.address !== hit.address) return { full: hit.address, shorter, shorterFirst: first.address };
    }
  }
  throw new Error('no address in the demo register extends a shorter query with another first hit');
}

for (const key of ['Enter', 'Tab'] as const) {
  test(`${key} pressed before the search answers the last keystroke takes the typed building, not the previous list's first`, async ({ page, app }) => {
    const search = async (query: string) => {
      const result = await app.call('searchBuildings', { query, limit: 10 });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { address: string }[];
    };
    const { full, shorter, shorterFirst } = await addressWithADifferentShorterHit(search);
    const intake = new IntakePage(page);
    await intake.address.focus();
    await page.keyboard.type(shorter);
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(shorterFirst);

    // From now on the search answers slowly, as over a busy network.
    await page.route('**/api/searchBuildings', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
    await page.keyboard.type(full.slice(-1));
    await page.keyboard.press(key);

    await expect(intake.address).toHaveValue(full);
    await expect(page.getByText(/Управляющая организация:/)).toBeVisible();
    if (key === 'Tab') await expect(page.getByRole('textbox', { name: 'Квартира' })).toBeFocused();
  });
}

test('Tab right after choosing an address moves on at once, even while a search is slow: the next keys go to «Квартира»', async ({ page }) => {
  const intake = new IntakePage(page);
  await intake.address.focus();
  await page.keyboard.type('Ново-Садовая');
  const first = page.getByRole('listbox').getByRole('option').first();
  await expect(first).toBeVisible();
  const chosen = ((await first.textContent()) ?? '').split(/Октябрьский|Советский|Ленинский|Кировский|Железнодорожный|Куйбышевский|Промышленный|Самарский|Красноглинский/)[0] ?? '';
  // Choosing puts the address into the field, which searches again; that search is now slow.
  await page.route('**/api/searchBuildings', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('12');
  await expect(page.getByRole('textbox', { name: 'Квартира' })).toHaveValue('12');
  await expect(intake.address).toHaveValue(chosen.trim());
  // Still so once the slow answer has come.
  await page.waitForTimeout(2000);
  await expect(intake.address).toHaveValue(chosen.trim());
  await expect(page.getByRole('textbox', { name: 'Квартира' })).toHaveValue('12');
});
