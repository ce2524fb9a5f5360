import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand, type AdminArgs } from './admin-commands.js';
import { bearer, startTestServer, TEST_SCRYPT_COST, type TestServer } from './test/test-server.js';

describe('the admin CLI', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  async function run(command: string, args: AdminArgs) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCommand(server.database.db, command, args, { out: (s) => out.push(s), err: (s) => err.push(s) }, {
      now: () => server.clock.now,
      scryptCost: TEST_SCRYPT_COST,
    });
    return { code, out, err };
  }

  const loginWith = (login: string, password: string, deviceId = randomUUID()) =>
    server.app.inject({ method: 'POST', url: '/auth/login', payload: { login, password, deviceId } });

  it('create a district user with a generated password, printed once, that logs in', async () => {
    const result = await run('create-user', { login: 'Kirov.Operator', role: 'operator', district: 'Кировский', name: 'Иванова А. П.' });
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^Created kirov\.operator \(operator, Кировский\), id /);
    const password = /^Password \(shown once\): (\S{16})$/.exec(result.out[1] ?? '')?.[1];
    expect(password).toBeDefined();
    const login = await loginWith('kirov.operator', password!);
    expect(login.json()).toMatchObject({ user: { displayName: 'Иванова А. П.', district: 'Кировский' } });
  });

  it('refuse a district for the Department, none for an operator, an unknown role, a taken login, a short password', async () => {
    expect((await run('create-user', { login: 'dep', role: 'department', district: 'Кировский' })).err[0]).toBe('The role department has no district');
    expect((await run('create-user', { login: 'op', role: 'operator' })).err[0]).toBe('--district is required');
    expect((await run('create-user', { login: 'op', role: 'boss', district: 'Кировский' })).code).toBe(2);
    expect((await run('create-user', { login: 'op', role: 'operator', district: 'Центральный' })).err[0]).toBe('Unknown district Центральный');
    const taken = await run('create-user', { login: 'kirov.operator', role: 'operator', district: 'Кировский' });
    expect(taken).toMatchObject({ code: 1, err: ['The login kirov.operator is taken'] });
    expect((await run('create-user', { login: 'op', role: 'admin', password: 'short' })).err[0]).toBe('A password has at least 10 characters');
    expect((await run('list-users', {})).out).toHaveLength(1);
  });

  it('reset a password: the old one stops working, the new one works', async () => {
    await run('create-user', { login: 'deputy', role: 'deputy_head', district: 'Самарский', password: 'first password' });
    expect((await run('reset-password', { login: 'deputy', password: 'second password' })).code).toBe(0);
    expect((await loginWith('deputy', 'first password')).statusCode).toBe(401);
    expect((await loginWith('deputy', 'second password')).statusCode).toBe(200);
    expect((await run('reset-password', { login: 'ghost' })).err).toEqual(['No user ghost']);
  });

  it('disable and enable a user; list users without their hashes', async () => {
    await run('create-user', { login: 'temp', role: 'admin', password: 'temporary password' });
    expect((await run('disable-user', { login: 'temp' })).out).toEqual(['temp disabled; their sessions are ended']);
    expect((await loginWith('temp', 'temporary password')).statusCode).toBe(403);
    expect((await run('disable-user', { login: 'temp', enable: true })).out).toEqual(['temp enabled']);
    expect((await loginWith('temp', 'temporary password')).statusCode).toBe(200);
    const listed = JSON.parse((await run('list-users', { json: true })).out[0]!) as Record<string, unknown>[];
    expect(listed.map((u) => u.login)).toEqual(['temp', 'kirov.operator', 'deputy']);
    expect(listed.every((u) => !('passwordHash' in u))).toBe(true);
  });

  it('revoke a workstation from the command line', async () => {
    const deviceId = randomUUID();
    const login = await loginWith('temp', 'temporary password', deviceId);
    const tokens = login.json<{ accessToken: string }>();
    const registered = await server.app.inject({
      method: 'POST',
      url: '/devices/register',
      headers: bearer(tokens),
      payload: { id: deviceId, name: 'Админ', district: null },
    });
    expect(registered.statusCode).toBe(201);
    expect((await run('list-devices', {})).out).toEqual([`${deviceId}\tАдмин\t—\tactive`]);
    expect((await run('revoke-device', { id: deviceId })).out).toEqual([`Device ${deviceId} (Админ) revoked`]);
    expect((await server.app.inject({ method: 'GET', url: '/me', headers: bearer(tokens) })).statusCode).toBe(403);
    expect((await run('list-devices', {})).out[0]).toMatch(/\trevoked$/);
    const unknown = randomUUID();
    expect((await run('revoke-device', { id: unknown })).err).toEqual([`No device ${unknown}`]);
    expect((await run('revoke-device', { id: 'pc-12' })).err[0]).toBe('--id is a workstation id (UUID), not pc-12');
  });

  it('print the usage for an unknown command', async () => {
    const result = await run('drop-database', {});
    expect(result.code).toBe(2);
    expect(result.err[0]).toBe('Unknown command: drop-database');
    expect(result.err[1]).toMatch(/^Usage: npm run server:admin/);
  });
});
