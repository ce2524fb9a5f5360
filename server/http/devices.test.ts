import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device, LoginOutput } from '../../shared/server-api/identity.js';
import { revokeDevice } from '../identity/devices.js';
import { bearer, startTestServer, type TestServer } from '../test/test-server.js';

describe('workstations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.createUser('kirov.operator', 'operator', 'Кировский');
    await server.createUser('lenin.deputy', 'deputy_head', 'Ленинский');
    await server.createUser('department', 'department', null);
    await server.createUser('admin', 'admin', null);
  });
  afterAll(async () => {
    await server.close();
  });

  const register = (tokens: LoginOutput, body: Record<string, unknown>) =>
    server.app.inject({ method: 'POST', url: '/devices/register', headers: bearer(tokens), payload: body });
  const revoke = (tokens: LoginOutput, id: string) =>
    server.app.inject({ method: 'POST', url: `/devices/${id}/revoke`, headers: bearer(tokens) });
  const me = (tokens: LoginOutput) => server.app.inject({ method: 'GET', url: '/me', headers: bearer(tokens) });

  it('register once in the user’s district; a retry renames it, /me shows it', async () => {
    const deviceId = randomUUID();
    const tokens = await server.login('kirov.operator', deviceId);
    const first = await register(tokens, { id: deviceId, name: 'Кировский, каб. 12', district: 'Кировский' });
    expect(first.statusCode).toBe(201);
    expect(first.json<Device>()).toMatchObject({ id: deviceId, district: 'Кировский', revokedAt: null, registeredAt: server.clock.now });
    const retry = await register(tokens, { id: deviceId, name: 'Кировский, каб. 14', district: 'Кировский' });
    expect(retry.statusCode).toBe(200);
    expect((await me(tokens)).json()).toMatchObject({ device: { id: deviceId, name: 'Кировский, каб. 14' } });
  });

  it('refuse a district user’s registration in another district, with the field named', async () => {
    const deviceId = randomUUID();
    const tokens = await server.login('kirov.operator', deviceId);
    const response = await register(tokens, { id: deviceId, name: 'Чужой', district: 'Советский' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      code: 'forbidden',
      message: 'Рабочее место можно зарегистрировать только в своём районе: Кировский.',
      issues: [{ path: 'district', message: 'Ваш район — Кировский' }],
    });
    expect((await register(tokens, { id: deviceId, name: 'Без района', district: null })).statusCode).toBe(403);
  });

  it('refuse registering a workstation other than the one logged in', async () => {
    const tokens = await server.login('kirov.operator');
    const response = await register(tokens, { id: randomUUID(), name: 'Другое', district: 'Кировский' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ message: 'Зарегистрировать можно только рабочее место, с которого выполнен вход.' });
  });

  it('let the Department register a workstation with any district or none, and never move it to another', async () => {
    const deviceId = randomUUID();
    const tokens = await server.login('department', deviceId);
    expect((await register(tokens, { id: deviceId, name: 'Департамент', district: null })).statusCode).toBe(201);
    const moved = await register(tokens, { id: deviceId, name: 'Департамент', district: 'Самарский' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json()).toMatchObject({ code: 'conflict', message: 'Рабочее место уже зарегистрировано: без района (Департамент).' });
    const other = randomUUID();
    const onDistrict = await server.login('department', other);
    expect((await register(onDistrict, { id: other, name: 'Выездной', district: 'Самарский' })).statusCode).toBe(201);
  });

  it('refuse a login of a district user on a workstation of another district', async () => {
    const deviceId = randomUUID();
    const kirov = await server.login('kirov.operator', deviceId);
    await register(kirov, { id: deviceId, name: 'Кировский', district: 'Кировский' });
    const response = await server.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { login: 'lenin.deputy', password: 'correct horse battery', deviceId },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ message: 'Это рабочее место зарегистрировано в другом районе: Кировский район.' });
  });

  it('revoke a workstation: its access token, its refresh token and a new login are all refused', async () => {
    const deviceId = randomUUID();
    const tokens = await server.login('kirov.operator', deviceId);
    await register(tokens, { id: deviceId, name: 'Потерянный ноутбук', district: 'Кировский' });
    const admin = await server.login('admin');
    const revoked = await revoke(admin, deviceId);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<Device>().revokedAt).toBe(server.clock.now);

    const refused = { code: 'device_revoked', message: 'Это рабочее место отключено администратором. Обратитесь к администратору района.' };
    const meResponse = await me(tokens);
    expect(meResponse.statusCode).toBe(403);
    expect(meResponse.json()).toEqual(refused);
    const refresh = await server.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: tokens.refreshToken } });
    expect(refresh.statusCode).toBe(403);
    expect(refresh.json()).toEqual(refused);
    await expect(server.login('kirov.operator', deviceId)).rejects.toThrow(/403/);
    const again = await register(tokens, { id: deviceId, name: 'Снова', district: 'Кировский' });
    expect(again.json()).toEqual(refused);
  });

  it('let only the admin and the Department revoke; an unknown workstation is 404', async () => {
    const deviceId = randomUUID();
    const tokens = await server.login('kirov.operator', deviceId);
    await register(tokens, { id: deviceId, name: 'Кировский', district: 'Кировский' });
    const deputy = await server.login('lenin.deputy');
    const byDeputy = await revoke(deputy, deviceId);
    expect(byDeputy.statusCode).toBe(403);
    expect(byDeputy.json()).toMatchObject({ message: 'Отключать рабочие места могут только администратор и Департамент.' });
    expect((await me(tokens)).statusCode).toBe(200);

    const department = await server.login('department');
    expect((await revoke(department, randomUUID())).json()).toEqual({ code: 'not_found', message: 'Рабочее место не найдено.' });
    expect((await revoke(department, deviceId)).statusCode).toBe(200);
    expect((await me(tokens)).statusCode).toBe(403);
  });

  it('keep the first revocation when a workstation is revoked twice', async () => {
    const deviceId = randomUUID();
    const tokens = await server.login('kirov.operator', deviceId);
    await register(tokens, { id: deviceId, name: 'Кировский', district: 'Кировский' });
    const first = await revokeDevice(server.database.db, deviceId, null, server.clock.now);
    const second = await revokeDevice(server.database.db, deviceId, null, server.clock.now + 5000);
    expect(second?.revokedAt).toBe(first?.revokedAt);
  });
});
