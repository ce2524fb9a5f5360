// The central endpoint on a fresh test database with a movable clock and a cheap password hash.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { District } from '../../shared/domain/districts.js';
import type { Role } from '../../shared/domain/roles.js';
import type { LoginOutput } from '../../shared/server-api/identity.js';
import { migrate } from '../db/migrate.js';
import { buildApp } from '../http/app.js';
import { IdentityService } from '../identity/identity-service.js';
import type { ScryptCost } from '../identity/passwords.js';
import type { LoginLimits } from '../identity/rate-limit.js';
import { AccessTokens } from '../identity/tokens.js';
import { createUser, type UserRecord } from '../identity/users.js';
import { openTestDatabase, type TestDatabase } from './test-db.js';

/** Cheap on purpose: the cost parameters of real hashes are tested in passwords.test.ts. */
export const TEST_SCRYPT_COST: ScryptCost = { ln: 10, r: 8, p: 1 };
export const TEST_PASSWORD = 'correct horse battery';

export interface TestServer {
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  /** Milliseconds since the epoch; move it with `clock.now += …`. */
  readonly clock: { now: number };
  createUser(login: string, role: Role, district: District | null): Promise<UserRecord>;
  login(login: string, deviceId?: string, ip?: string): Promise<LoginOutput>;
  /** A second server process on the same database (its own connections, poke listener and clock reading). */
  another(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export async function startTestServer(options: { loginLimits?: LoginLimits } = {}): Promise<TestServer> {
  const database = await openTestDatabase();
  await migrate(database.db);
  const clock = { now: Date.UTC(2026, 10, 20, 9, 0, 0) };
  const now = () => clock.now;
  const secret = new TextEncoder().encode('a test secret that is long enough for HS256');
  const identity = new IdentityService(database.db, new AccessTokens(secret, now), {
    now,
    scryptCost: TEST_SCRYPT_COST,
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
  });
  const app = await buildApp({ db: database.db, identity, now });
  const others: FastifyInstance[] = [];
  return {
    app,
    database,
    clock,
    createUser: (login, role, district) =>
      createUser(database.db, { login, displayName: login, role, district, password: TEST_PASSWORD }, clock.now, TEST_SCRYPT_COST),
    async login(login, deviceId = randomUUID(), ip) {
      const response = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { login, password: TEST_PASSWORD, deviceId },
        ...(ip ? { remoteAddress: ip } : {}),
      });
      if (response.statusCode !== 200) throw new Error(`login ${login}: ${response.statusCode} ${response.body}`);
      return response.json<LoginOutput>();
    },
    async another() {
      const db = await database.reopen();
      const other = await buildApp({ db, identity: new IdentityService(db, new AccessTokens(secret, now), { now, scryptCost: TEST_SCRYPT_COST }), now });
      others.push(other);
      return other;
    },
    async close() {
      await Promise.all(others.map((other) => other.close()));
      await app.close();
      await database.dispose();
    },
  };
}

export function bearer(tokens: { accessToken: string }): { authorization: string } {
  return { authorization: `Bearer ${tokens.accessToken}` };
}
