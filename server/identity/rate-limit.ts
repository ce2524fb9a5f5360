// Login rate limits, kept in the database so that every server process on one PostgreSQL counts the
// same attempts: failures per login (since its last success) and per client address in a window.
import type { Queryable } from '../db/database.js';

export interface LoginLimits {
  readonly windowMs: number;
  /** Failed attempts for one login within the window before further attempts are refused. */
  readonly perLogin: number;
  /** Failed attempts from one address within the window (any logins). */
  readonly perIp: number;
}

/** 5 wrong passwords for a login, or 30 from one address, in 15 minutes. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perLogin: 5, perIp: 30 };

/** How long attempts are kept: far past any window, for the audit of a guessing attack. */
export const LOGIN_ATTEMPTS_KEPT_MS = 7 * 24 * 60 * 60_000;

/** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
export async function loginRetryAfter(db: Queryable, login: string, ip: string, now: number, limits: LoginLimits): Promise<number> {
  const since = new Date(now - limits.windowMs);
  // The N-th most recent failure: once it leaves the window, fewer than N remain.
  const byLogin = await db.query<{ at: Date }>(
    `SELECT at FROM login_attempts
     WHERE login = $1 AND NOT succeeded AND at > $2
       AND at > coalesce((SELECT max(at) FROM login_attempts WHERE login = $1 AND succeeded), $2)
     ORDER BY at DESC OFFSET $3 LIMIT 1`,
    [login, since, limits.perLogin - 1],
  );
  const byIp = await db.query<{ at: Date }>(
    'SELECT at FROM login_attempts WHERE ip = $1 AND NOT succeeded AND at > $2 ORDER BY at DESC OFFSET $3 LIMIT 1',
    [ip, since, limits.perIp - 1],
  );
  const blockedUntil = Math.max(
    (byLogin.rows[0]?.at.getTime() ?? -Infinity) + limits.windowMs,
    (byIp.rows[0]?.at.getTime() ?? -Infinity) + limits.windowMs,
  );
  return blockedUntil > now ? Math.ceil((blockedUntil - now) / 1000) : 0;
}

export async function recordLoginAttempt(db: Queryable, attempt: { login: string; ip: string; succeeded: boolean }, now: number): Promise<void> {
  await db.query('INSERT INTO login_attempts (login, ip, at, succeeded) VALUES ($1, $2, $3, $4)', [
    attempt.login,
    attempt.ip,
    new Date(now),
    attempt.succeeded,
  ]);
}

export async function forgetOldLoginAttempts(db: Queryable, now: number): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM login_attempts WHERE at < $1', [new Date(now - LOGIN_ATTEMPTS_KEPT_MS)]);
  return rowCount;
}
