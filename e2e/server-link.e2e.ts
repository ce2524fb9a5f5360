// The first run of a workstation: work without a server, or connect to the central endpoint (a real
// one, started by the test) and work as its user; a wrong password is said at the password; with the
// server gone, an earlier password logs in without it.
import { ok } from 'node:assert';
import { newDataDir, startShell } from './support/browser-shell.js';
import { startServer, type RunningServer } from './support/central-server.js';
import { expect, test, type AppUnderTest } from './support/fixtures.js';
import { FirstRunPage, FrameUser, LoginPage } from './pages/server-link-page.js';

const PASSWORD = 'oktyabr password 1';
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer([{ login: 'ivanova', role: 'operator', district: 'Октябрьский', name: 'Иванова А. П.', password: PASSWORD }]);
});
test.afterAll(async () => {
  await server?.stop();
});

/** A workstation on a fresh data folder, without the demo: what a new installation opens on. */
async function freshWorkstation(app: AppUnderTest): Promise<void> {
  await app.shell.stop();
  app.shell = await startShell(newDataDir('first-run'));
  await app.open();
}

test('first run: «Работать без сервера» lands on the app, which asks who works here', async ({ app, page }) => {
  await freshWorkstation(app);
  const firstRun = new FirstRunPage(page);
  await expect(firstRun.heading).toBeVisible();
  await firstRun.workStandalone();
  await expect(page.getByRole('dialog', { name: 'Рабочее место' })).toBeVisible();
  await expect(firstRun.heading).toBeHidden();
  const state = await app.call('serverLinkState', {});
  expect(state).toEqual({ ok: true, value: { mode: 'standalone' } });
});

test('first run: connect to the server by keyboard; a wrong password is said at the password; the frame shows the user, who logs out and in', async ({ app, page }) => {
  await freshWorkstation(app);
  const firstRun = new FirstRunPage(page);
  await expect(firstRun.heading).toBeVisible();
  await firstRun.connect({ serverUrl: server.url.replace('http://', ''), login: 'ivanova', password: 'wrong password', workstationName: 'Октябрьский, каб. 5' });
  await expect(firstRun.errorOf(firstRun.password)).toHaveText('Неверный логин или пароль');
  await expect(firstRun.password).toBeFocused();

  await firstRun.password.fill(PASSWORD);
  await page.keyboard.press('Enter');
  const frame = new FrameUser(page);
  await expect(frame.bar).toContainText('Иванова А. П.');
  await expect(page.getByRole('heading', { name: 'Новое обращение' })).toBeVisible();
  const info = await app.call('appInfo', {});
  ok(info.ok);
  expect(info.value).toMatchObject({ operator: 'ivanova' });

  await frame.logout.click();
  const login = new LoginPage(page);
  await expect(login.heading).toBeVisible();
  await expect(page.getByText('Сервер на связи')).toBeVisible();
  await login.logIn('ivanova', PASSWORD);
  await expect(frame.bar).toContainText('Иванова А. П.');
});

test('with the server gone, the login screen says so beforehand, and an earlier password logs in without it', async ({ app, page }) => {
  // A server of this test's own, since it stops it.
  const own = await startServer([{ login: 'petrova', role: 'operator', district: 'Октябрьский', name: 'Петрова Е. В.', password: PASSWORD }]);
  try {
    await freshWorkstation(app);
    await new FirstRunPage(page).connect({ serverUrl: own.url, login: 'petrova', password: PASSWORD, workstationName: 'Октябрьский, каб. 7' });
    const frame = new FrameUser(page);
    await expect(frame.bar).toContainText('Петрова Е. В.');
    await frame.logout.click();
    await own.stop();

    const login = new LoginPage(page);
    await expect(page.getByText('Сервер недоступен: вход будет без связи с сервером')).toBeVisible();
    await login.logIn('petrova', PASSWORD);
    await expect(page.getByText(/^Вход без связи с сервером/)).toBeVisible();
    await expect(frame.bar).toContainText('Петрова Е. В.');
    await expect(frame.bar.getByText('Без связи', { exact: true })).toBeVisible();
  } finally {
    await own.stop();
  }
});
