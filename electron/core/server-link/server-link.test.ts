// The workstation's link against the real central endpoint, started as its own process on PGlite.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCentralServer, type CentralServer } from '../test/central-server.js';
import { OFFLINE_LOGIN_TTL_MS } from './offline-logins.js';
import { FileSecretStore } from './secret-store.js';
import { ServerClient, ServerLinkError } from './server-client.js';
import { ServerLink, type LinkStatus } from './server-link.js';

const PASSWORD = 'kirov password 1';
const ADMIN_PASSWORD = 'admin password 1';

let server: CentralServer;
let serverUrl: string;

beforeAll(async () => {
  server = await startCentralServer([
    { login: 'kirov', role: 'operator', district: 'Кировский', password: PASSWORD },
    { login: 'root', role: 'admin', password: ADMIN_PASSWORD },
  ]);
  serverUrl = server.directUrl;
}, 120_000);

afterAll(() => server?.stop());

describe('the workstation’s link to the central endpoint', () => {
  let dataDir: string;
  let deviceId: string;
  let clock: { now: number };
  const link = (fetchImpl?: typeof fetch) =>
    new ServerLink({
      dataDir,
      secrets: new FileSecretStore(join(dataDir, 'secrets')),
      deviceId,
      deviceName: 'Кировский, каб. 12',
      now: () => clock.now,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  const unreachable: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'appeals-link-'));
    deviceId = randomUUID();
    clock = { now: Date.now() };
    return () => rmSync(dataDir, { recursive: true, force: true });
  });

  it('start unset; connect logs in, registers the workstation in the user’s district and keeps secrets private', async () => {
    const first = link();
    expect(first.status()).toEqual({ mode: 'unset' });
    const status = await first.connect(serverUrl.replace('http://', ''), 'KIROV', PASSWORD);
    expect(status).toMatchObject({ mode: 'server', serverUrl, offline: false, deviceRevoked: false, user: { login: 'kirov', district: 'Кировский' } });

    const me = await new ServerClient(serverUrl).me(await first.accessToken());
    expect(me.device).toMatchObject({ id: deviceId, name: 'Кировский, каб. 12', district: 'Кировский', revokedAt: null });
    expect(statSync(join(dataDir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'secrets', 'server-session')).mode & 0o777).toBe(0o600);
    // A restart finds the choice and the session.
    expect(link().status()).toEqual(status);
  });

  it('save nothing when the password is wrong or nothing answers at the address', async () => {
    const l = link();
    await expect(l.connect(serverUrl, 'kirov', 'wrong password')).rejects.toThrow('Неверный логин или пароль');
    await expect(l.connect('http://127.0.0.1:9', 'kirov', PASSWORD)).rejects.toMatchObject({ kind: 'offline', message: 'Сервер недоступен. Проверьте адрес сервера и сеть.' });
    await expect(l.connect('ftp://example', 'kirov', PASSWORD)).rejects.toThrow('Адрес сервера начинается с http:// или https://');
    expect(link().status()).toEqual({ mode: 'unset' });
  });

  it('log in offline with the password of an earlier online login, for 30 days', async () => {
    await link().connect(serverUrl, 'kirov', PASSWORD);
    await link().logout();
    const outage = link(unreachable);
    await expect(outage.login('kirov', 'wrong password')).rejects.toThrow(/Сервер недоступен, а войти без него можно только/);
    await expect(outage.login('root', ADMIN_PASSWORD)).rejects.toBeInstanceOf(ServerLinkError);
    expect(await outage.login('Kirov', PASSWORD)).toMatchObject({ mode: 'server', offline: true, user: { login: 'kirov' } });
    // Nothing to sync with while the server is away: the sync client is told it is offline.
    await expect(outage.accessToken()).rejects.toMatchObject({ kind: 'offline' });

    clock.now += OFFLINE_LOGIN_TTL_MS + 1;
    await expect(link(unreachable).login('kirov', PASSWORD)).rejects.toThrow(/за последние 30 дней/);
  });

  it('an offline login becomes an online one by itself when the server answers again', async () => {
    await link().connect(serverUrl, 'kirov', PASSWORD);
    await link().logout();
    let down = true;
    const flaky: typeof fetch = (input, init) => (down ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init));
    let started = 0;
    const l = new ServerLink({ dataDir, secrets: new FileSecretStore(join(dataDir, 'secrets')), deviceId, deviceName: 'Кировский, каб. 12', now: () => clock.now, fetch: flaky, onSessionStarted: () => started++ });
    expect(await l.login('kirov', PASSWORD)).toMatchObject({ offline: true });
    await expect(l.accessToken()).rejects.toMatchObject({ kind: 'offline' });
    expect(l.status()).toMatchObject({ offline: true, user: { login: 'kirov' } });
    expect(started).toBe(0);

    down = false;
    const token = await l.accessToken();
    expect((await new ServerClient(serverUrl).me(token)).user.login).toBe('kirov');
    expect(l.status()).toMatchObject({ offline: false, user: { login: 'kirov' } });
    expect(started).toBe(1);
    // The session is kept like any online one: a restart finds it, the same token serves again.
    expect(link().status()).toMatchObject({ offline: false, user: { login: 'kirov' } });
    expect(await l.accessToken()).toBe(token);
  });

  it('an offline login whose password the server no longer takes ends, and asks for a login; a rate limit does not end it', async () => {
    await link().connect(serverUrl, 'kirov', PASSWORD);
    await link().logout();
    let answer: 'down' | 'unauthorized' | 'rate_limited' = 'down';
    const fake: typeof fetch = () => {
      if (answer === 'down') return Promise.reject(new TypeError('fetch failed'));
      const status = answer === 'unauthorized' ? 401 : 429;
      const message = answer === 'unauthorized' ? 'Неверный логин или пароль' : 'Слишком много попыток входа';
      return Promise.resolve(new Response(JSON.stringify({ code: answer, message }), { status, headers: { 'content-type': 'application/json' } }));
    };
    let ended = 0;
    const l = new ServerLink({ dataDir, secrets: new FileSecretStore(join(dataDir, 'secrets')), deviceId, deviceName: 'Кировский, каб. 12', now: () => clock.now, fetch: fake, onSessionEnded: () => ended++ });
    await l.login('kirov', PASSWORD);

    answer = 'rate_limited';
    await expect(l.accessToken()).rejects.toMatchObject({ kind: 'refused', code: 'rate_limited' });
    expect(l.status()).toMatchObject({ offline: true, user: { login: 'kirov' } });
    expect(ended).toBe(0);

    answer = 'unauthorized';
    await expect(l.accessToken()).rejects.toMatchObject({ kind: 'refused', code: 'unauthorized', message: 'Неверный логин или пароль' });
    expect(l.status()).toMatchObject({ offline: false, user: null });
    expect(ended).toBe(1);
    // Not tried again with the refused password: a login is needed.
    await expect(l.accessToken()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('refresh the access token shortly before it expires', async () => {
    const l = link();
    await l.connect(serverUrl, 'kirov', PASSWORD);
    const token = await l.accessToken();
    expect(await l.accessToken()).toBe(token);
    clock.now += 15 * 60_000;
    const renewed = await l.accessToken();
    expect(renewed).not.toBe(token);
    expect((await new ServerClient(serverUrl).me(renewed)).user.login).toBe('kirov');
  });

  it('log out: the server ends the session; the offline login stays', async () => {
    const l = link();
    await l.connect(serverUrl, 'kirov', PASSWORD);
    expect(await l.logout()).toMatchObject({ mode: 'server', user: null });
    await expect(l.accessToken()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await link(unreachable).login('kirov', PASSWORD)).toMatchObject({ offline: true });
  });

  it('learn that the workstation was revoked at the next refresh, and refuse its login', async () => {
    const l = link();
    await l.connect(serverUrl, 'kirov', PASSWORD);
    const client = new ServerClient(serverUrl);
    const root = await client.login({ login: 'root', password: ADMIN_PASSWORD, deviceId: randomUUID() });
    const revoke = await fetch(`${serverUrl}/devices/${deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${root.accessToken}` } });
    expect(revoke.status).toBe(200);

    clock.now += 15 * 60_000;
    await expect(l.accessToken()).rejects.toMatchObject({ code: 'device_revoked', message: 'Это рабочее место отключено администратором. Обратитесь к администратору района.' });
    expect(l.status()).toMatchObject({ deviceRevoked: true, user: null });
    await expect(l.login('kirov', PASSWORD)).rejects.toMatchObject({ code: 'device_revoked' });
  });

  it('remember the standalone choice', () => {
    const expected: LinkStatus = { mode: 'standalone' };
    expect(link().chooseStandalone()).toEqual(expected);
    expect(link().status()).toEqual(expected);
  });
});
