// Access tokens are short-lived JWTs (HS256, jose) naming the user, the workstation and the password
// generation; refresh tokens are random strings the database keeps only as SHA-256 hashes.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_MS = 15 * 60_000;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60_000;

const ISSUER = 'appeals-control-desk';
const AUDIENCE = 'appeals-server';

export interface AccessClaims {
  readonly userId: string;
  readonly deviceId: string;
  /** users.password_changed_at (ms) when the token was issued: a password reset ends older sessions. */
  readonly passwordChangedAt: number;
}

export type AccessCheck = { readonly ok: true; readonly claims: AccessClaims } | { readonly ok: false; readonly reason: 'expired' | 'invalid' };

export class AccessTokens {
  constructor(
    private readonly secret: Uint8Array,
    private readonly now: () => number,
    private readonly ttlMs = ACCESS_TOKEN_TTL_MS,
  ) {}

  async issue(claims: AccessClaims): Promise<{ token: string; expiresAt: number }> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = (issuedAt * 1000) + this.ttlMs;
    const token = await new SignJWT({ did: claims.deviceId, pwd: claims.passwordChangedAt })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      // Unique per token, so two issued in one second still differ (and can be told apart in logs).
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.secret);
    return { token, expiresAt };
  }

  async verify(token: string): Promise<AccessCheck> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(this.now()),
        clockTolerance: 0,
      });
      const { sub, did, pwd } = payload;
      if (typeof sub !== 'string' || typeof did !== 'string' || typeof pwd !== 'number') return { ok: false, reason: 'invalid' };
      return { ok: true, claims: { userId: sub, deviceId: did, passwordChangedAt: pwd } };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
