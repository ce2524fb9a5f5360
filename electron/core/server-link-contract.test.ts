// The link to the central endpoint through the contract, against the real server (its own process
// on PGlite): first-run choice, connect, online and offline login, logout, the errors each form
// shows at its field, and the logged-in server user as the author of every local command.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEnvelope, ApiErrorData } from '../../shared/contract/errors.js';
import type { ChangeEvent } from '../../shared/contract/schemas.js';
import { startCentralServer, type CentralServer } from './test/central-server.js';
import { CALL, openTestCore, REGISTER, tempDir, type TestCore } from './test/temp-core.js';

const PASSWORD = 'oktyabr password 1';
const USERS = [
  { login: 'ivanova', role: 'operator', district: 'Октябрьский', name: 'Иванова А. П.', password: PASSWORD },
  { login: 'petrov', role: 'operator', district: 'Ленинский', name: 'Петров И. С.', password: PASSWORD },
  { login: 'guesser', role: 'operator', district: 'Октябрьский', password: PASSWORD },
  { login: 'root', role: 'admin', password: PASSWORD },
];

let server: CentralServer;
beforeAll(async () => {
  server = await startCentralServer(USERS);
}, 120_000);
afterAll(() => server?.stop());

let open: TestCore[] = [];
afterEach(async () => {
  server.cut(false);
  for (const t of open) await t.core.close();
  open = [];
});

async function workstation(dataDir = tempDir('link')): Promise<TestCore & { changes: ChangeEvent[] }> {
  const t = await openTestCore(dataDir, Date.now());
  open.push(t);
  const changes: ChangeEvent[] = [];
  t.core.onChange((e) => changes.push(e));
  return { ...t, changes };
}

async function ok<T>(envelope: Promise<ApiEnvelope<unknown>>): Promise<T> {
  const r = await envelope;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

async function refused(envelope: Promise<ApiEnvelope<unknown>>): Promise<ApiErrorData> {
  const r = await envelope;
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  return r.error;
}

const connect = (t: TestCore, over: Record<string, unknown> = {}) =>
  t.core.call('connectToServer', { serverUrl: server.url, login: 'ivanova', password: PASSWORD, workstationName: 'Октябрьский, каб. 5', ...over });

/** The admin revokes this workstation on the server. */
async function revokeWorkstation(t: TestCore): Promise<void> {
  const root = (await (
    await fetch(`${server.directUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'root', password: PASSWORD, deviceId: randomUUID() }),
    })
  ).json()) as { accessToken: string };
  const deviceId = (await ok<{ deviceId: string }>(t.core.call('appInfo', {}))).deviceId;
  const revoke = await fetch(`${server.directUrl}/devices/${deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${root.accessToken}` } });
  expect(revoke.status).toBe(200);
}

describe('the link to the central endpoint through the contract', () => {
  it('start unset; standalone keeps «Рабочее место» as the actor and never asks for a login', async () => {
    const t = await workstation();
    expect(await ok(t.core.call('serverLinkState', {}))).toEqual({ mode: 'unset' });
    expect(await ok(t.core.call('chooseStandalone', {}))).toEqual({ mode: 'standalone' });
    expect(t.changes).toContainEqual({ entity: 'serverLink', ids: [] });
    expect(t.core.actor()).toMatchObject({ userId: 'Тестовый оператор' });
    expect(await refused(t.core.call('logIn', { login: 'ivanova', password: PASSWORD }))).toMatchObject({ code: 'conflict' });
  });

  it('connect: errors at the field they are about, nothing kept until all succeed', async () => {
    const t = await workstation();
    expect(await refused(connect(t, { password: 'wrong password' }))).toMatchObject({
      code: 'unauthorized',
      issues: [{ path: 'password', message: 'Неверный логин или пароль' }],
    });
    server.cut(true);
    expect(await refused(connect(t))).toMatchObject({ issues: [{ path: 'serverUrl', message: 'Сервер недоступен. Проверьте адрес сервера и сеть.' }] });
    server.cut(false);
    expect((await refused(connect(t, { serverUrl: 'ftp://10.0.0.5' }))).issues).toEqual([
      { path: 'serverUrl', message: 'Адрес сервера начинается с http:// или https://' },
    ]);
    const empty = await refused(connect(t, { login: ' ', workstationName: '' }));
    expect(empty.issues?.map((i) => i.path).sort()).toEqual(['login', 'workstationName']);
    expect(await ok(t.core.call('serverLinkState', {}))).toEqual({ mode: 'unset' });
  });

  it('connect registers the workstation; the server user is the author of events and ops; a restart keeps the session', async () => {
    const t = await workstation();
    await t.core.db.call('seed', REGISTER);
    const state = await ok(connect(t, { serverUrl: server.url.replace('http://', '') }));
    expect(state).toEqual({
      mode: 'server',
      serverUrl: server.url,
      offline: false,
      deviceRevoked: false,
      user: { id: expect.any(String) as string, login: 'ivanova', displayName: 'Иванова А. П.', role: 'operator', district: 'Октябрьский' },
    });
    expect(t.changes).toContainEqual({ entity: 'serverLink', ids: [] });
    expect(await ok(t.core.call('checkServer', {}))).toEqual({ reachable: true });

    const appeal = await ok<{ id: string }>(t.core.call('registerAppeal', CALL));
    const card = await ok<{ events: { by: string }[]; actor: { userId: string; role: string } }>(t.core.call('getAppealCard', { id: appeal.id }));
    expect(card.events.map((e) => e.by)).toEqual(['ivanova']);
    expect(card.actor).toEqual({ userId: 'ivanova', role: 'operator', district: 'Октябрьский' });
    expect((await t.core.db.call('pendingOps', 10)).map((op) => op.userId)).toEqual(['ivanova']);
    expect(await ok(t.core.call('appInfo', {}))).toMatchObject({ operator: 'ivanova' });

    await t.core.close();
    open = open.filter((o) => o !== t);
    const again = await workstation(t.dataDir);
    expect(await ok(again.core.call('serverLinkState', {}))).toEqual(state);
  });

  it('log out: local commands are refused until a login; offline login with an earlier password, with a notice', async () => {
    const t = await workstation();
    await t.core.db.call('seed', REGISTER);
    await ok(connect(t));
    expect(await ok(t.core.call('logOut', {}))).toMatchObject({ mode: 'server', user: null });
    expect(await refused(t.core.call('registerAppeal', CALL))).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Войдите') as string });
    expect((await t.core.db.call('pendingOps', 10)).length).toBe(0);

    server.cut(true);
    expect(await ok(t.core.call('checkServer', {}))).toEqual({ reachable: false });
    expect(await refused(t.core.call('logIn', { login: 'ivanova', password: 'wrong password' }))).toMatchObject({
      issues: [{ path: 'password', message: expect.stringContaining('Сервер недоступен, а войти без него можно только') as string }],
    });
    expect(await refused(t.core.call('logIn', { login: 'petrov', password: PASSWORD }))).toMatchObject({ issues: [{ path: 'password' }] });
    const offline = await ok<{ state: unknown; notice: string }>(t.core.call('logIn', { login: 'Ivanova', password: PASSWORD }));
    expect(offline.state).toMatchObject({ mode: 'server', offline: true, user: { login: 'ivanova' } });
    expect(offline.notice).toMatch(/^Вход без связи с сервером/);
    const appeal = await ok<{ registeredBy: string }>(t.core.call('registerAppeal', CALL));
    expect(appeal.registeredBy).toBe('ivanova');

    server.cut(false);
    const online = await ok<{ state: unknown; notice: string | null }>(t.core.call('logIn', { login: 'ivanova', password: PASSWORD }));
    expect(online).toMatchObject({ state: { offline: false }, notice: null });
  });

  it('refuse the login of another district’s user on this workstation, and the revoked workstation, for the whole form', async () => {
    const t = await workstation();
    await ok(connect(t));
    await ok(t.core.call('logOut', {}));
    expect(await refused(t.core.call('logIn', { login: 'petrov', password: PASSWORD }))).toEqual({
      code: 'unauthorized',
      message: 'Это рабочее место зарегистрировано в другом районе: Октябрьский район.',
      issues: [],
    });

    await revokeWorkstation(t);
    expect(await refused(t.core.call('logIn', { login: 'ivanova', password: PASSWORD }))).toMatchObject({
      message: 'Это рабочее место отключено администратором. Обратитесь к администратору района.',
      issues: [],
    });
    expect(await ok(t.core.call('serverLinkState', {}))).toMatchObject({ deviceRevoked: true, user: null });
  });

  it('a session the server ends (workstation revoked, seen at the token refresh) logs the user out, announced', async () => {
    const t = await workstation();
    await ok(connect(t));
    await revokeWorkstation(t);
    t.changes.length = 0;
    t.clock.now += 15 * 60_000;
    await expect(t.core.serverLink.accessToken()).rejects.toMatchObject({ code: 'device_revoked' });
    expect(t.changes).toEqual([{ entity: 'serverLink', ids: [] }]);
    expect(await ok(t.core.call('serverLinkState', {}))).toMatchObject({ user: null, deviceRevoked: true });
  });

  it('after too many wrong passwords, say how long to wait, at the password', async () => {
    const t = await workstation();
    await ok(connect(t, { login: 'guesser' }));
    await ok(t.core.call('logOut', {}));
    for (let i = 0; i < 5; i++) await refused(t.core.call('logIn', { login: 'guesser', password: `wrong password ${i}` }));
    expect(await refused(t.core.call('logIn', { login: 'guesser', password: PASSWORD }))).toMatchObject({
      issues: [{ path: 'password', message: expect.stringMatching(/^Слишком много попыток входа\. Повторите через \d+ минут/) as string }],
    });
  });
});
