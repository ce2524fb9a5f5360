import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../db/migrations/index.js';
import { bearer, startTestServer, TEST_PASSWORD, type TestServer } from '../test/test-server.js';

describe('the HTTP surface', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.createUser('admin', 'admin', null);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answer /healthz with the database kind and schema version', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: server.database.db.kind, schemaVersion: MIGRATIONS.length });
  });

  it('refuse bad input with 400 and a Russian message per field, before any work', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { login: '', password: 5, deviceId: 'workstation-1', remember: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'validation',
      message: 'Проверьте данные: Укажите логин',
      issues: [
        { path: 'login', message: 'Укажите логин' },
        { path: 'password', message: 'Укажите пароль' },
        { path: 'deviceId', message: 'Идентификатор рабочего места — UUID' },
        { path: '', message: 'Лишние поля: remember' },
      ],
    });
    const { rows } = await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM login_attempts');
    expect(rows[0]?.n).toBe(0);
  });

  it('validate route parameters and registration fields the same way', async () => {
    const tokens = await server.login('admin');
    const badId = await server.app.inject({ method: 'POST', url: '/devices/not-a-uuid/revoke', headers: bearer(tokens) });
    expect(badId.statusCode).toBe(400);
    expect(badId.json()).toMatchObject({ issues: [{ path: 'id', message: 'Идентификатор рабочего места — UUID' }] });
    const badDistrict = await server.app.inject({
      method: 'POST',
      url: '/devices/register',
      headers: bearer(tokens),
      payload: { id: randomUUID(), name: '  ', district: 'Центральный' },
    });
    expect(badDistrict.json()).toMatchObject({
      issues: [
        { path: 'name', message: 'Укажите название рабочего места' },
        { path: 'district', message: 'Неизвестный район' },
      ],
    });
  });

  it('ask for a token before validating a protected route’s input', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/devices/register', payload: {} });
    expect(response.statusCode).toBe(401);
  });

  it('answer a body that is not JSON and an unknown address in Russian', async () => {
    const broken = await server.app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, payload: '{login' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toEqual({ code: 'validation', message: 'Запрос не разобран: ожидается JSON.' });
    const missing = await server.app.inject({ method: 'GET', url: '/appeals' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ code: 'not_found', message: 'Такого адреса нет на сервере.' });
  });

  it('publish an OpenAPI document of every route with its schemas', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown }>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/auth/login',
        '/auth/logout',
        '/auth/refresh',
        '/devices/register',
        '/devices/{id}/revoke',
        '/healthz',
        '/me',
        '/sync/conflicts/review',
        '/sync/events',
        '/sync/pull',
        '/sync/push',
        '/sync/snapshot',
      ].sort(),
    );
    expect(JSON.stringify(doc.paths['/auth/login']?.post?.requestBody)).toContain('deviceId');
    expect(doc.paths['/me']?.get?.security).toEqual([{ bearer: [] }]);
  });

  it('serve the same routes over a real port', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: 'ok' });
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: TEST_PASSWORD, deviceId: randomUUID() }),
    });
    expect(login.status).toBe(200);
    const tokens = (await login.json()) as { accessToken: string };
    const me = await fetch(`${base}/me`, { headers: bearer(tokens) });
    expect(await me.json()).toMatchObject({ user: { login: 'admin', role: 'admin', district: null } });
  });
});

describe('/healthz without a database', () => {
  it('answer 503 in Russian when the database is gone', async () => {
    const server = await startTestServer();
    await server.database.db.close();
    const response = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ code: 'internal', message: 'База данных недоступна.' });
    await server.app.close();
    await server.database.dispose();
  });
});
