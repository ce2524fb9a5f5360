// «Итоги дня» end to end on the demo data: the screen shows the contract's figures, for a district's
// deputy head and for the Department; a figure opens the list of exactly its appeals, whose row
// opens the appeal card; an operator has no such screen.
import type { DaySummary } from '../shared/contract/report-schemas.js';
import { DaySummaryPage, type Figure } from './pages/day-summary-page.js';
import { expect, test, type AppUnderTest } from './support/fixtures.js';

const FIGURES: Figure[] = ['received', 'closed', 'open', 'overdue'];

async function summary(app: AppUnderTest, input: Record<string, unknown>): Promise<DaySummary> {
  const r = await app.call('daySummary', input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as DaySummary;
}

test('the deputy head\'s day: figures equal the contract\'s, each opens exactly its appeals', async ({ page, app }) => {
  const screen = new DaySummaryPage(page);
  await expect(screen.navItem()).toHaveCount(0); // the demo's operator has no «Итоги дня»
  expect((await app.call('setWorkstationUser', { name: 'Заместитель', role: 'deputy_head', district: 'Октябрьский' })).ok).toBe(true);
  await page.reload();
  await screen.goto();
  // Yesterday: a finished day, whose figures do not move while the test runs.
  await screen.previousDay();
  const day = await screen.dayInput.inputValue();
  const expected = await summary(app, { day });
  expect(expected.district).toBe('Октябрьский');
  for (const f of FIGURES) await expect(page.getByTestId(`figure-${f}-value`)).toHaveText(String(expected.figures[f]));
  expect(expected.figures.received).toBeGreaterThan(0);

  for (const f of ['received', 'overdue'] as const) {
    await screen.openFigure(f);
    expect(await screen.dialogTotal()).toEqual({ title: expected.figures[f], footer: expected.figures[f] });
    await screen.closeDialog();
  }
  // A row of a breakdown opens its part: the first category's received appeals.
  const first = expected.byCategory.find((r) => r.received > 0)!;
  await page.getByTestId('breakdown-category').getByRole('row').nth(1).getByRole('button').first().click();
  expect((await screen.dialogTotal()).title).toBe(first.received);
  // A row opens the appeal card.
  await screen.dialog.getByRole('row').nth(1).getByRole('gridcell').first().click();
  await expect(screen.dialog).toBeHidden();
  await expect(page).toHaveURL(/#\/appeals\//);
});

test('the Department sees the city and each district as the contract counts them', async ({ page, app }) => {
  const screen = new DaySummaryPage(page);
  expect((await app.call('setWorkstationUser', { name: 'Департамент', role: 'department', district: null })).ok).toBe(true);
  await page.reload();
  await screen.goto();
  await screen.previousDay();
  const day = await screen.dayInput.inputValue();
  const city = await summary(app, { day });
  expect(city.district).toBeNull();
  for (const f of FIGURES) await expect(page.getByTestId(`figure-${f}-value`)).toHaveText(String(city.figures[f]));

  await screen.chooseDistrict('Кировский');
  const kirovsky = await summary(app, { day, district: 'Кировский' });
  for (const f of FIGURES) await expect(page.getByTestId(`figure-${f}-value`)).toHaveText(String(kirovsky.figures[f]));
  await screen.openFigure('open');
  expect(await screen.dialogTotal()).toEqual({ title: kirovsky.figures.open, footer: kirovsky.figures.open });
});
