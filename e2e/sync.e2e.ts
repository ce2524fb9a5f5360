// Sync in the app frame, with the real central endpoint: a workstation connected to the server takes
// the register by itself, an appeal registered here gets its official number, and the frame says
// whether it is on line, what waits and what went wrong; «Конфликты» opens from the menu.
import { ok } from 'node:assert';
import { newDataDir, startShell } from './support/browser-shell.js';
import { startServer, type RunningServer } from './support/central-server.js';
import { expect, test } from './support/fixtures.js';

const PASSWORD = 'oktyabr password 1';
const REGISTER_CSV = 'Район;Адрес;Управляющая организация\nОктябрьский;ул. Ново-Садовая, д. 106А;УК «Первая»\n';
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer([{ login: 'ivanova', role: 'operator', district: 'Октябрьский', name: 'Иванова А. П.', password: PASSWORD }], {
    registerCsv: REGISTER_CSV,
  });
});
test.afterAll(async () => {
  await server?.stop();
});

test('connected workstation: synced status in the frame, an appeal gets its official number; with the server gone the frame says so and counts what waits', async ({ app, page }) => {
  await app.shell.stop();
  app.shell = await startShell(newDataDir('sync'));
  await app.open();
  const connected = await app.call('connectToServer', { serverUrl: server.url, login: 'ivanova', password: PASSWORD, workstationName: 'ПК-1' });
  ok(connected.ok, JSON.stringify(connected));
  await page.reload();
  const status = page.getByTestId('sync-status');
  // The link coming up starts a sync by itself: the snapshot brings the server's register.
  await expect(status).toContainText('Синхронизировано в', { timeout: 20_000 });
  const hits = await app.call('searchBuildings', { query: 'Ново-Садовая 106' });
  ok(hits.ok);
  const building = (hits.value as { id: string }[])[0];
  ok(building, 'the register came from the server');

  const input = { buildingId: building.id, applicantName: 'Петров П. П.', channel: 'district_hotline', category: 'low_temperature', description: 'Холодно' };
  const registered = await app.call('registerAppeal', input);
  ok(registered.ok);
  const id = (registered.value as { id: string }).id;
  // A local change is pushed within a moment; the official number comes back.
  await expect
    .poll(async () => {
      const got = await app.call('getAppeal', { id });
      return got.ok ? (got.value as { appeal: { officialNumber: string | null } }).appeal.officialNumber : null;
    }, { timeout: 20_000 })
    .toMatch(/^\d{4}-ОКТ-\d{6}$/);
  await expect(page.getByTestId('sync-pending')).toBeHidden();
  // Once given, the official number leads on the card; the registration number stays beside it.
  const provisional = (registered.value as { number: string }).number;
  await page.goto(`${new URL(page.url()).origin}/#/appeals/${encodeURIComponent(id)}`);
  await expect(page.getByRole('heading', { name: /^№ \d{4}-ОКТ-\d{6}$/ })).toBeVisible();
  await expect(page.getByText(provisional, { exact: true })).toBeVisible();

  // A building known only here (a local register import): the server refuses the registration, and
  // the card says the appeal exists on this workstation only, why, and what to do.
  const csv = 'Район;Адрес;Управляющая организация\nОктябрьский;ул. Местная, д. 1;УК «Первая»\n';
  const imported = await app.call('importRegister', { fileName: 'local.csv', contentBase64: Buffer.from(csv).toString('base64') });
  ok(imported.ok, JSON.stringify(imported));
  const local = await app.call('searchBuildings', { query: 'Местная 1' });
  ok(local.ok);
  const localBuilding = (local.value as { id: string }[])[0];
  ok(localBuilding);
  const refused = await app.call('registerAppeal', { ...input, buildingId: localBuilding.id });
  ok(refused.ok);
  const refusedId = (refused.value as { id: string }).id;
  await expect(status).toContainText('отклонено: 1', { timeout: 20_000 });
  await page.goto(`${new URL(page.url()).origin}/#/appeals/${encodeURIComponent(refusedId)}`);
  const banner = page.getByTestId('registration-refused');
  await expect(banner).toContainText('Сервер не принял регистрацию');
  await expect(banner).toContainText('Причина:');
  await expect(banner.getByRole('link', { name: 'Открыть «Конфликты»' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('registration-refused.png') });

  await server.stop();
  ok((await app.call('registerAppeal', input)).ok);
  await expect(status).toContainText('Нет связи', { timeout: 20_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('Не отправлено: 1');
  await status.click();
  const details = page.getByRole('dialog', { name: 'Синхронизация с сервером' });
  await expect(details.getByTestId('sync-error')).toContainText('Сервер недоступен');
  await expect(details.getByTestId('sync-error')).toContainText('Изменения сохранены на этом компьютере');
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Конфликты', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Конфликты' })).toBeVisible();
  await expect(page.getByText('Конфликтов нет')).toBeVisible();
  // The refused registration, with its reason.
  await expect(page.getByTestId('sync-rejected')).toHaveCount(1);
  await expect(page.getByTestId('sync-rejected')).toContainText('Регистрация обращения');
});

test('standalone demo: no sync status in the frame', async ({ page }) => {
  await expect(page.getByRole('link', { name: 'Новое обращение' })).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveCount(0);
});
