import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginOutput } from '../../shared/server-api/identity.js';
import { setPassword, setUserDisabled } from '../identity/users.js';
import { bearer, startTestServer, TEST_PASSWORD, TEST_SCRYPT_COST, type TestServer } from '../test/test-server.js';

describe('login, refresh and logout', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ loginLimits: { windowMs: 15 * 60_000, perLogin: 3, perIp: 6 } });
    await server.createUser('ivanova', 'operator', 'Кировский');
    await server.createUser('petrov', 'department', null);
    await server.createUser('sidorov', 'operator', 'Ленинский');
    await server.createUser('guessed', 'operator', 'Ленинский');
    await server.createUser('ipvictim', 'operator', 'Ленинский');
  });
  afterAll(async () => {
    await server.close();
  });

  const login = (body: Record<string, unknown>, ip = '10.0.0.1') =>
    server.app.inject({ method: 'POST', url: '/auth/login', payload: { deviceId: randomUUID(), ...body }, remoteAddress: ip });
  const refresh = (refreshToken: string) => server.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } });
  const me = (tokens: { accessToken: string }) => server.app.inject({ method: 'GET', url: '/me', headers: bearer(tokens) });

  it('log in with the right password (login without case) and get tokens and the profile', async () => {
    const response = await login({ login: ' IVANOVA ', password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    const body = response.json<LoginOutput>();
    expect(body.user).toMatchObject({ login: 'ivanova', role: 'operator', district: 'Кировский', displayName: 'ivanova' });
    expect(body.accessTokenExpiresAt).toBe(server.clock.now + 15 * 60_000);
    expect(body.refreshTokenExpiresAt).toBe(server.clock.now + 30 * 24 * 60 * 60_000);
    const profile = await me(body);
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({ user: { login: 'ivanova' }, device: null });
  });

  it('answer a wrong password and an unknown login with the same Russian message', async () => {
    const wrong = await login({ login: 'petrov', password: 'not the password' }, '10.0.0.2');
    const unknown = await login({ login: 'nobody', password: 'not the password' }, '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ code: 'unauthorized', message: 'Неверный логин или пароль' });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('refuse a disabled user only once the password is right', async () => {
    await setUserDisabled(server.database.db, 'sidorov', true, server.clock.now);
    const wrong = await login({ login: 'sidorov', password: 'not the password' }, '10.0.0.3');
    expect(wrong.json()).toMatchObject({ message: 'Неверный логин или пароль' });
    const right = await login({ login: 'sidorov', password: TEST_PASSWORD }, '10.0.0.3');
    expect(right.statusCode).toBe(403);
    expect(right.json()).toEqual({ code: 'forbidden', message: 'Учётная запись отключена. Обратитесь к администратору.' });
  });

  it('limit wrong passwords per login: 429 with Retry-After, even for the right password, until the window passes', async () => {
    for (let i = 0; i < 3; i++) {
      server.clock.now += 1000;
      expect((await login({ login: 'guessed', password: `guess ${i}` }, `10.1.0.${i}`)).statusCode).toBe(401);
    }
    const limited = await login({ login: 'guessed', password: TEST_PASSWORD }, '10.1.0.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe(String(15 * 60 - 2));
    expect(limited.json()).toEqual({ code: 'rate_limited', message: 'Слишком много попыток входа. Повторите через 15 минут.' });
    server.clock.now += 15 * 60_000;
    expect((await login({ login: 'guessed', password: TEST_PASSWORD }, '10.1.0.9')).statusCode).toBe(200);
  });

  it('limit wrong passwords per address across logins', async () => {
    for (let i = 0; i < 6; i++) {
      expect((await login({ login: `stranger${i}`, password: 'guess' }, '10.9.9.9')).statusCode).toBe(401);
    }
    const limited = await login({ login: 'ipvictim', password: TEST_PASSWORD }, '10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login({ login: 'ipvictim', password: TEST_PASSWORD }, '10.9.9.10')).statusCode).toBe(200);
  });

  it('rotate the refresh token; presenting a used one revokes the whole session', async () => {
    const first = await server.login('petrov');
    const second = await refresh(first.refreshToken);
    expect(second.statusCode).toBe(200);
    const rotated = second.json<LoginOutput>();
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect(rotated.user.login).toBe('petrov');

    const reused = await refresh(first.refreshToken);
    expect(reused.statusCode).toBe(401);
    expect(reused.json()).toEqual({ code: 'unauthorized', message: 'Сеанс завершён. Войдите снова.' });
    // The thief's copy and the owner's newer token both die with the family.
    expect((await refresh(rotated.refreshToken)).statusCode).toBe(401);
  });

  it('refuse an unknown or expired refresh token', async () => {
    expect((await refresh('x'.repeat(43))).statusCode).toBe(401);
    const tokens = await server.login('petrov');
    server.clock.now += 30 * 24 * 60 * 60_000 + 1;
    expect((await refresh(tokens.refreshToken)).statusCode).toBe(401);
  });

  it('refuse an expired access token with a Russian message; a refresh gives a working one', async () => {
    const tokens = await server.login('ivanova');
    server.clock.now += 15 * 60_000 + 1000;
    const expired = await me(tokens);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual({ code: 'unauthorized', message: 'Срок действия входа истёк. Войдите снова.' });
    const renewed = (await refresh(tokens.refreshToken)).json<LoginOutput>();
    expect((await me(renewed)).statusCode).toBe(200);
  });

  it('refuse a missing, malformed or forged access token', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/me' })).json()).toEqual({ code: 'unauthorized', message: 'Войдите в систему' });
    expect((await me({ accessToken: 'not.a.jwt' })).statusCode).toBe(401);
    const tokens = await server.login('ivanova');
    const [header, payload] = tokens.accessToken.split('.');
    expect((await me({ accessToken: `${header}.${payload}.${'A'.repeat(43)}` })).statusCode).toBe(401);
  });

  it('log out: the refresh token stops working; an unknown token is accepted quietly', async () => {
    const tokens = await server.login('ivanova');
    const out = await server.app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: tokens.refreshToken } });
    expect(out.statusCode).toBe(204);
    expect((await refresh(tokens.refreshToken)).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: 'y'.repeat(43) } })).statusCode).toBe(204);
  });

  it('end every session of a user whose password is reset', async () => {
    const tokens = await server.login('ivanova');
    server.clock.now += 1000;
    await setPassword(server.database.db, 'ivanova', TEST_PASSWORD, server.clock.now, TEST_SCRYPT_COST);
    expect((await me(tokens)).statusCode).toBe(401);
    expect((await refresh(tokens.refreshToken)).statusCode).toBe(401);
    expect((await me(await server.login('ivanova'))).statusCode).toBe(200);
  });
});
