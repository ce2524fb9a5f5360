// «Закрыть день» end to end on the demo data: a deputy head carries over every open appeal of the
// day but one, the sign-off waits with the count, she carries the last one with a reason and a
// date and signs; the Department sees the district closed with the time and returns the day.
// And the case: a day with exactly one open appeal, carried over, then signed.
import type { DayClosureView } from '../shared/contract/day-closure-schemas.js';
import { DayClosurePage } from './pages/day-closure-page.js';
import { expect, test, type AppUnderTest } from './support/fixtures.js';

async function closure(app: AppUnderTest, input: Record<string, unknown>): Promise<DayClosureView> {
  const r = await app.call('dayClosure', input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as DayClosureView;
}

/** YYYY-MM-DD n days after (negative: before) the given day. */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

test('a deputy head closes the day once every open appeal is carried over; the Department sees it and returns it', async ({ page, app }) => {
  const screen = new DayClosurePage(page);
  await expect(screen.navItem()).toHaveCount(0); // the demo's operator has no «Закрыть день»
  expect((await app.call('setWorkstationUser', { name: 'Заместитель Орлова', role: 'deputy_head', district: 'Октябрьский' })).ok).toBe(true);
  await page.reload();
  await screen.goto();
  // Yesterday: a finished day, whose list does not grow while the test runs.
  await screen.previousDay();
  const day = await screen.dayInput.inputValue();
  const before = await closure(app, { day });
  const n = before.appeals.length;
  expect(n).toBeGreaterThan(1);
  await expect(screen.state).toHaveText('День не закрыт');
  await expect(screen.remaining).toHaveText(`Осталось обработать: ${n}`);
  await expect(screen.rows().first()).toBeVisible(); // (the grid draws only the rows in view)

  // All but the first row.
  await screen.selectAll();
  const last = screen.rows().first();
  const lastNumber = (await last.locator('[data-field="number"]').textContent()) ?? '';
  // A live refresh of the list may redraw the row under the click: try again until it holds.
  await expect(async () => {
    await last.getByRole('checkbox').uncheck({ timeout: 2_000 });
    await expect(last.getByRole('checkbox')).not.toBeChecked();
  }).toPass({ timeout: 15_000 });
  await screen.carrySelected('Ждём подрядчика');
  await expect(screen.remaining).toHaveText('Осталось обработать: 1');
  await expect(screen.signButton).toBeDisabled();
  const refused = await app.call('signDay', { day, comment: '' });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.message).toContain('Не обработано обращений: 1');
  const carried = await closure(app, { day });
  expect(carried.appeals.find((a) => a.number !== lastNumber && !a.handled)).toBeUndefined();
  // The default control date is the next working day.
  expect(carried.appeals.find((a) => a.number !== lastNumber)!.latestCarryOver).toMatchObject({ reason: 'Ждём подрядчика', controlDate: carried.nextWorkingDay });

  // The last one, with a reason and a date of her own.
  const controlDate = addDays(day, 7);
  await screen.rows().filter({ hasText: lastNumber }).getByRole('checkbox').check();
  await screen.carrySelected('Нужен доступ в подвал', controlDate);
  await expect(screen.remaining).toHaveText('Осталось обработать: 0');
  await expect(screen.rows().filter({ hasText: lastNumber }).locator('[data-field="latestCarryOver"]')).toContainText('Нужен доступ в подвал');
  await screen.sign('Все обращения в работе');
  await expect(screen.state).toContainText('День закрыт: Заместитель Орлова');
  await expect(screen.state).toContainText('Все обращения в работе');
  const signed = await closure(app, { day });
  expect(signed.state).toBe('signed');
  expect(signed.closure!.carriedOver).toBe(n);
  await expect(page.getByTestId('figures-signed')).toContainText(String(signed.closure!.figures.received));
  await expect(screen.grid).toHaveCount(0); // read-only now
  await expect(page.getByTestId('changed-after')).toBeVisible();

  // The Department.
  expect((await app.call('setWorkstationUser', { name: 'Департамент Смирнов', role: 'department', district: null })).ok).toBe(true);
  await page.reload();
  await screen.goto();
  await screen.chooseDay(day);
  const row = screen.districtRow('Октябрьский');
  await expect(row.getByTestId('closure-row-state')).toHaveText('Закрыт');
  await expect(row).toContainText('Заместитель Орлова');
  await expect(row.getByTestId('closure-row-when')).toHaveText(/\d\d\.\d\d\.\d\d, \d\d:\d\d/);
  await expect(screen.districtRow('Кировский').getByTestId('closure-row-state')).toHaveText('Не закрыт');
  await screen.returnDistrict('Октябрьский', 'Уточните причины переносов');
  await expect(row.getByTestId('closure-row-state')).toHaveText('Возвращён');
  await expect(row).toContainText('Уточните причины переносов');
  expect((await closure(app, { day, district: 'Октябрьский' })).state).toBe('returned');
});

test('a day with exactly one open appeal: it is carried over and the day signed', async ({ page, app }) => {
  const screen = new DayClosurePage(page);
  expect((await app.call('setWorkstationUser', { name: 'Заместитель Белова', role: 'deputy_head', district: 'Самарский' })).ok).toBe(true);
  // The latest day of the district's season with exactly one appeal open now and received by its end.
  let day = (await closure(app, {})).day;
  let found: DayClosureView | null = null;
  for (let k = 0; k < 120 && !found; k += 1) {
    const v = await closure(app, { day });
    if (v.appeals.length === 1) found = v;
    else if (v.appeals.length === 0) break;
    else day = addDays(day, -1);
  }
  test.skip(!found, 'the demo has no day of Самарский with exactly one open appeal');
  await page.reload();
  await screen.goto();
  await screen.chooseDay(day);
  await expect(screen.remaining).toHaveText('Осталось обработать: 1');
  await expect(screen.rows()).toHaveCount(1);
  await screen.rows().first().getByRole('checkbox').check();
  await screen.carrySelected('Ждём поставку', addDays(day, 3));
  await expect(screen.remaining).toHaveText('Осталось обработать: 0');
  await screen.sign('');
  await expect(screen.state).toContainText('День закрыт: Заместитель Белова');
  const signed = await closure(app, { day });
  expect(signed.closure!.carriedOver).toBe(1);

  expect((await app.call('setWorkstationUser', { name: 'Департамент', role: 'department', district: null })).ok).toBe(true);
  await page.reload();
  await screen.goto();
  await screen.chooseDay(day);
  await expect(screen.districtRow('Самарский').getByTestId('closure-row-state')).toHaveText('Закрыт');
  await expect(screen.districtRow('Самарский')).toContainText('Заместитель Белова');
});
