// Deadline alerts end to end: the test moves the browser shell's clock (APPEALS_TEST_CLOCK_FILE,
// tests only) past an appeal's deadline; the alert is raised once, shown once as an in-app notice
// (headless Chromium grants no system notifications), the appeal shows as overdue in «Сроки», and
// neither a reload nor a restart raises it again.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeadlineAlert } from '../shared/contract/alert-event-schema.js';
import type { Appeal, BuildingHit } from '../shared/contract/schemas.js';
import { newDataDir, startShell } from './support/browser-shell.js';
import { expect, test, type AppUnderTest } from './support/fixtures.js';
import { DuePage } from './pages/due-page.js';

async function ok<T>(app: AppUnderTest, method: string, input: unknown): Promise<T> {
  const result = await app.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

test('an appeal becomes overdue when the clock moves: the alert comes once, not again after a reload or a restart', async ({ app, page }) => {
  test.setTimeout(120_000);
  const dataDir = newDataDir('alerts');
  const clockFile = join(dataDir, 'test-clock');
  writeFileSync(clockFile, '0');
  const env = { APPEALS_TEST_CLOCK_FILE: clockFile };
  // This test's own shell, with a clock it can move.
  await app.shell.stop();
  app.shell = await startShell(dataDir, { demo: true, env });
  await app.open();
  const due = new DuePage(page);
  await expect(due.badge).toBeVisible();

  // The demo's own alerts first, so that what follows is about our appeal.
  const demoAlerts = await ok<DeadlineAlert[]>(app, 'checkAlerts', {});
  if (demoAlerts.length > 0) {
    await expect(due.notice).toBeVisible();
    await due.closeNotice();
  }

  // A leak: an emergency, to be passed on within 10 minutes and localised within 30; the pending
  // deadline of a registered appeal is passing it on.
  const [hit] = await ok<BuildingHit[]>(app, 'searchBuildings', { query: 'Ново-Садовая', limit: 1 });
  if (!hit) throw new Error('no building in the demo register');
  const appeal = await ok<Appeal>(app, 'registerAppeal', {
    buildingId: hit.id,
    flat: '7',
    applicantName: 'Петров Пётр',
    channel: 'district_hotline',
    category: 'heating_leak',
    description: 'Течёт батарея',
  });
  const soon = await ok<DeadlineAlert[]>(app, 'checkAlerts', {});
  expect(soon.filter((a) => a.appealId === appeal.id).map((a) => [a.deadlineKind, a.kind])).toEqual([['reaction', 'due_within_hour']]);
  await expect(due.notice).toContainText('Срок истекает в течение часа');
  await due.closeNotice();

  // The clock moves a minute past the deadline.
  writeFileSync(clockFile, String(appeal.deadlineAt + 60_000 - Date.now()));
  const late = await ok<DeadlineAlert[]>(app, 'checkAlerts', {});
  expect(late.filter((a) => a.appealId === appeal.id).map((a) => [a.deadlineKind, a.kind])).toEqual([['reaction', 'overdue']]);
  await expect(due.notice).toContainText('Просрочено');
  await due.closeNotice();
  expect((await ok<DeadlineAlert[]>(app, 'checkAlerts', {})).filter((a) => a.appealId === appeal.id)).toEqual([]);

  // «Сроки» shows it among the overdue, in red.
  await due.goto();
  await due.openTab('overdue');
  await expect(due.row(appeal.number)).toBeVisible();
  await expect(due.row(appeal.number).locator('.overdue').first()).toBeVisible();

  // A reload: no notice again.
  await page.reload();
  await expect(due.badge).toBeVisible();
  await page.waitForTimeout(1_500);
  await expect(due.notice).toBeHidden();

  // A restart on the same data: the core's own check at start raises nothing for our appeal.
  await app.shell.stop();
  app.shell = await startShell(dataDir, { env });
  await app.open();
  await expect(due.badge).toBeVisible();
  expect((await ok<DeadlineAlert[]>(app, 'checkAlerts', {})).filter((a) => a.appealId === appeal.id)).toEqual([]);
  await page.waitForTimeout(1_000);
  if (await due.notice.isVisible()) await expect(due.notice).not.toContainText(appeal.number);
});
