// Users of the central endpoint: created and reset by the admin CLI, read at login and on every
// authenticated request.
import { randomUUID } from 'node:crypto';
import type { District } from '../../shared/domain/districts.js';
import { isCityWide, type Role } from '../../shared/domain/roles.js';
import type { Queryable } from '../db/database.js';
import { hashPassword, type ScryptCost } from './passwords.js';

export interface UserRecord {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly role: Role;
  readonly district: District | null;
  readonly passwordHash: string;
  readonly passwordChangedAt: number;
  readonly disabledAt: number | null;
  readonly createdAt: number;
}

interface UserRow {
  id: string;
  login: string;
  display_name: string;
  role: Role;
  district: District | null;
  password_hash: string;
  password_changed_at: Date;
  disabled_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, login, display_name, role, district, password_hash, password_changed_at, disabled_at, created_at';

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    district: row.district,
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at.getTime(),
    disabledAt: row.disabled_at?.getTime() ?? null,
    createdAt: row.created_at.getTime(),
  };
}

/** Logins are compared without case: «Ivanova» and «ivanova» are one user. */
export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

export async function findUserByLogin(db: Queryable, login: string): Promise<UserRecord | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE login = $1`, [normaliseLogin(login)]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRecord | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Queryable): Promise<UserRecord[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY (SELECT position FROM districts WHERE name = users.district) NULLS FIRST, login`);
  return rows.map(toUser);
}

export interface NewUser {
  readonly login: string;
  readonly displayName: string;
  readonly role: Role;
  readonly district: District | null;
  readonly password: string;
}

export class UserRuleError extends Error {
  override readonly name = 'UserRuleError';
}

export async function createUser(db: Queryable, input: NewUser, now: number, cost?: ScryptCost): Promise<UserRecord> {
  const login = normaliseLogin(input.login);
  if (!/^[a-z0-9._-]{1,64}$/.test(login)) throw new UserRuleError('A login is 1–64 Latin letters, digits, ".", "_" or "-"');
  if (isCityWide(input.role) !== (input.district === null)) {
    throw new UserRuleError(isCityWide(input.role) ? `The role ${input.role} has no district` : `The role ${input.role} needs a district`);
  }
  if (await findUserByLogin(db, login)) throw new UserRuleError(`The login ${login} is taken`);
  checkPasswordStrength(input.password);
  const hash = await hashPassword(input.password, cost);
  const at = new Date(now);
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (id, login, display_name, role, district, password_hash, password_changed_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${COLUMNS}`,
    [randomUUID(), login, input.displayName.trim() || login, input.role, input.district, hash, at],
  );
  return toUser(rows[0]!);
}

/** Sets a new password and ends every session of the user (refresh tokens revoked, access tokens refused). */
export async function setPassword(db: Queryable, login: string, password: string, now: number, cost?: ScryptCost): Promise<UserRecord> {
  checkPasswordStrength(password);
  const hash = await hashPassword(password, cost);
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE login = $1 RETURNING ${COLUMNS}`,
    [normaliseLogin(login), hash, new Date(now)],
  );
  if (!rows[0]) throw new UserRuleError(`No user ${login}`);
  await revokeUserRefreshTokens(db, rows[0].id, now, 'password_reset');
  return toUser(rows[0]);
}

export async function setUserDisabled(db: Queryable, login: string, disabled: boolean, now: number): Promise<UserRecord> {
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, $3) ELSE NULL END WHERE login = $1 RETURNING ${COLUMNS}`,
    [normaliseLogin(login), disabled, new Date(now)],
  );
  if (!rows[0]) throw new UserRuleError(`No user ${login}`);
  if (disabled) await revokeUserRefreshTokens(db, rows[0].id, now, 'user_disabled');
  return toUser(rows[0]);
}

async function revokeUserRefreshTokens(db: Queryable, userId: string, now: number, reason: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL', [
    userId,
    new Date(now),
    reason,
  ]);
}

function checkPasswordStrength(password: string): void {
  if (password.length < 10) throw new UserRuleError('A password has at least 10 characters');
}
