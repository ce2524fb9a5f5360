// Offline login: after each online login the workstation keeps, per user, a scrypt verifier of the
// password and the user's profile, so the same user can log in during an outage. Verifiers expire
// 30 days after the last online login; nothing here ever reaches the server.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { UserProfile } from '../../../shared/server-api/identity.js';
import type { SecretStore } from './secret-store.js';

export const OFFLINE_LOGIN_TTL_MS = 30 * 24 * 60 * 60_000;
const SECRET_NAME = 'offline-logins';
const MAX_USERS = 20;
/** N=2^15, r=8: ~70 ms here; the verifier sits on the workstation's disk, encrypted where the OS allows. */
const COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

interface CachedLogin {
  readonly login: string;
  readonly salt: string;
  readonly hash: string;
  readonly user: UserProfile;
  readonly cachedAt: number;
}

export class OfflineLogins {
  constructor(private readonly secrets: SecretStore) {}

  async remember(login: string, password: string, user: UserProfile, now: number): Promise<void> {
    const key = normalise(login);
    const salt = randomBytes(16);
    const hash = (await derive(password, salt)).toString('base64url');
    const entry: CachedLogin = { login: key, salt: salt.toString('base64url'), hash, user, cachedAt: now };
    const others = this.load().filter((e) => e.login !== key);
    this.save([entry, ...others].slice(0, MAX_USERS));
  }

  /** The cached profile when the password matches a verifier younger than 30 days; null otherwise. */
  async check(login: string, password: string, now: number): Promise<UserProfile | null> {
    const entry = this.load().find((e) => e.login === normalise(login));
    if (!entry || now - entry.cachedAt > OFFLINE_LOGIN_TTL_MS) return null;
    const expected = Buffer.from(entry.hash, 'base64url');
    const actual = await derive(password, Buffer.from(entry.salt, 'base64url'));
    return actual.length === expected.length && timingSafeEqual(actual, expected) ? entry.user : null;
  }

  forget(login: string): void {
    this.save(this.load().filter((e) => e.login !== normalise(login)));
  }

  private load(): CachedLogin[] {
    const raw = this.secrets.read(SECRET_NAME);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? (parsed as CachedLogin[]) : [];
    } catch {
      return [];
    }
  }

  private save(entries: CachedLogin[]): void {
    this.secrets.write(SECRET_NAME, JSON.stringify(entries));
  }
}

function normalise(login: string): string {
  return login.trim().toLowerCase();
}

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, 32, COST, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
