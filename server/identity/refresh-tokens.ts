// Refresh tokens: each use rotates the token within its family; presenting a token that was already
// rotated means it was copied, so the whole family (that login's session) is revoked.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { hashRefreshToken, newRefreshToken, REFRESH_TOKEN_TTL_MS } from './tokens.js';

export interface IssuedRefreshToken {
  readonly token: string;
  readonly expiresAt: number;
  readonly familyId: string;
}

export async function issueRefreshToken(
  db: Queryable,
  session: { userId: string; deviceId: string; familyId?: string },
  now: number,
): Promise<IssuedRefreshToken> {
  const { token, hash } = newRefreshToken();
  const familyId = session.familyId ?? randomUUID();
  const expiresAt = now + REFRESH_TOKEN_TTL_MS;
  await db.query(
    `INSERT INTO refresh_tokens (id, family_id, token_hash, user_id, device_id, issued_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [randomUUID(), familyId, hash, session.userId, session.deviceId, new Date(now), new Date(expiresAt)],
  );
  return { token, expiresAt, familyId };
}

export type RefreshUse =
  | { readonly kind: 'ok'; readonly userId: string; readonly deviceId: string; readonly familyId: string }
  | { readonly kind: 'unknown' | 'expired' | 'revoked' | 'device_revoked' | 'reused' };

/**
 * Marks the token used, atomically: of two requests racing with one token only one gets 'ok'. A
 * token already used is reuse: its family is revoked.
 */
export async function useRefreshToken(db: Queryable, token: string, now: number): Promise<RefreshUse> {
  const hash = hashRefreshToken(token);
  const { rows } = await db.query<{ user_id: string; device_id: string; family_id: string }>(
    `UPDATE refresh_tokens SET used_at = $2
     WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
     RETURNING user_id, device_id, family_id`,
    [hash, new Date(now)],
  );
  const used = rows[0];
  if (used) return { kind: 'ok', userId: used.user_id, deviceId: used.device_id, familyId: used.family_id };

  const found = await db.query<{ family_id: string; used_at: Date | null; revoked_at: Date | null; revoked_reason: string | null }>(
    'SELECT family_id, used_at, revoked_at, revoked_reason FROM refresh_tokens WHERE token_hash = $1',
    [hash],
  );
  const row = found.rows[0];
  if (!row) return { kind: 'unknown' };
  if (row.used_at) {
    await revokeFamily(db, row.family_id, now, 'reuse_detected');
    return { kind: 'reused' };
  }
  if (row.revoked_at) return { kind: row.revoked_reason === 'device_revoked' ? 'device_revoked' : 'revoked' };
  return { kind: 'expired' };
}

export async function revokeFamily(db: Queryable, familyId: string, now: number, reason: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = $3 WHERE family_id = $1 AND revoked_at IS NULL', [
    familyId,
    new Date(now),
    reason,
  ]);
}

export async function findFamily(db: Queryable, token: string): Promise<string | null> {
  const { rows } = await db.query<{ family_id: string }>('SELECT family_id FROM refresh_tokens WHERE token_hash = $1', [
    hashRefreshToken(token),
  ]);
  return rows[0]?.family_id ?? null;
}
