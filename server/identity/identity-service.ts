// Who may call the central endpoint: login, token refresh and logout, the session behind a bearer
// token, and workstation registration and revocation. Every refusal is a ServerFailure with a
// Russian message the app can show as is.
import type { District } from '../../shared/domain/districts.js';
import { isCityWide } from '../../shared/domain/roles.js';
import type { Device, LoginInput, LoginOutput, MeOutput, RegisterDeviceInput, UserProfile } from '../../shared/server-api/identity.js';
import type { Database, Queryable } from '../db/database.js';
import { ServerFailure } from '../errors.js';
import { findDevice, revokeDevice, upsertDevice } from './devices.js';
import { hashPassword, verifyPassword, type ScryptCost } from './passwords.js';
import { DEFAULT_LOGIN_LIMITS, loginRetryAfter, recordLoginAttempt, type LoginLimits } from './rate-limit.js';
import { findFamily, issueRefreshToken, revokeFamily, useRefreshToken } from './refresh-tokens.js';
import type { AccessTokens } from './tokens.js';
import { findUserById, findUserByLogin, normaliseLogin, type UserRecord } from './users.js';

export interface Session {
  readonly user: UserRecord;
  /** The workstation named in the token; it may not have registered yet. */
  readonly deviceId: string;
  readonly device: Device | null;
}

export interface IdentityOptions {
  readonly now: () => number;
  readonly loginLimits?: LoginLimits;
  /** Cost of the hash checked for an unknown login, so that it takes as long as a real one. */
  readonly scryptCost?: ScryptCost;
}

const WRONG_CREDENTIALS = 'Неверный логин или пароль';
const SESSION_ENDED = 'Сеанс завершён. Войдите снова.';
const ACCOUNT_DISABLED = 'Учётная запись отключена. Обратитесь к администратору.';
export const DEVICE_REVOKED_MESSAGE = 'Это рабочее место отключено администратором. Обратитесь к администратору района.';

export class IdentityService {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Database,
    private readonly accessTokens: AccessTokens,
    private readonly options: IdentityOptions,
  ) {}

  async login(input: LoginInput, ip: string): Promise<LoginOutput> {
    const now = this.options.now();
    const login = normaliseLogin(input.login);
    const retryAfter = await loginRetryAfter(this.db, login, ip, now, this.options.loginLimits ?? DEFAULT_LOGIN_LIMITS);
    if (retryAfter > 0) {
      throw new ServerFailure('rate_limited', `Слишком много попыток входа. Повторите через ${formatWait(retryAfter)}.`, {
        reason: `login rate limit for ${login} from ${ip}`,
        retryAfterSeconds: retryAfter,
      });
    }
    const user = await findUserByLogin(this.db, login);
    // An unknown login costs one hash too, so timing does not tell which logins exist.
    const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await this.unknownUserHash()));
    const accepted = user !== null && passwordOk && user.disabledAt === null;
    await recordLoginAttempt(this.db, { login, ip, succeeded: accepted }, now);
    if (!user || !passwordOk) throw new ServerFailure('unauthorized', WRONG_CREDENTIALS, { reason: `wrong credentials for ${login}` });
    if (user.disabledAt !== null) {
      throw new ServerFailure('forbidden', ACCOUNT_DISABLED, { reason: `user ${login} is disabled` });
    }
    const device = await findDevice(this.db, input.deviceId);
    checkDevice(device, user);
    return this.db.transaction((tx) => this.issueTokens(tx, user, input.deviceId, undefined, now));
  }

  async refresh(refreshToken: string): Promise<LoginOutput> {
    const now = this.options.now();
    // A refusal is returned, not thrown, from the transaction: revoking a reused token's family must commit.
    const result = await this.db.transaction(async (tx): Promise<LoginOutput | ServerFailure> => {
      const use = await useRefreshToken(tx, refreshToken, now);
      if (use.kind === 'device_revoked') return new ServerFailure('device_revoked', DEVICE_REVOKED_MESSAGE);
      if (use.kind !== 'ok') return new ServerFailure('unauthorized', SESSION_ENDED, { reason: `refresh token ${use.kind}` });
      const user = await findUserById(tx, use.userId);
      if (!user || user.disabledAt !== null) return new ServerFailure('forbidden', ACCOUNT_DISABLED, { reason: 'user disabled' });
      const refusal = deviceRefusal(await findDevice(tx, use.deviceId), user);
      if (refusal) return refusal;
      return this.issueTokens(tx, user, use.deviceId, use.familyId, now);
    });
    if (result instanceof ServerFailure) throw result;
    return result;
  }

  /** Ends the session of this refresh token (its whole family). Unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    const familyId = await findFamily(this.db, refreshToken);
    if (familyId) await revokeFamily(this.db, familyId, this.options.now(), 'logout');
  }

  /** The session behind an `Authorization: Bearer …` header, checked against the database. */
  async authenticate(authorization: string | undefined): Promise<Session> {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new ServerFailure('unauthorized', 'Войдите в систему', { reason: 'no bearer token' });
    const check = await this.accessTokens.verify(token);
    if (!check.ok) {
      throw new ServerFailure('unauthorized', check.reason === 'expired' ? 'Срок действия входа истёк. Войдите снова.' : SESSION_ENDED, {
        reason: `access token ${check.reason}`,
      });
    }
    const { userId, deviceId, passwordChangedAt } = check.claims;
    const [user, device] = await Promise.all([findUserById(this.db, userId), findDevice(this.db, deviceId)]);
    if (!user || user.passwordChangedAt !== passwordChangedAt) {
      throw new ServerFailure('unauthorized', SESSION_ENDED, { reason: 'user gone or password changed' });
    }
    if (user.disabledAt !== null) throw new ServerFailure('forbidden', ACCOUNT_DISABLED);
    checkDevice(device, user);
    return { user, deviceId, device };
  }

  me(session: Session): MeOutput {
    return { user: profile(session.user), device: session.device };
  }

  /** A workstation registers once, in its user's district (any district, or none, for the Department and the admin). */
  async registerDevice(session: Session, input: RegisterDeviceInput): Promise<{ device: Device; created: boolean }> {
    const { user } = session;
    if (input.id !== session.deviceId) {
      throw new ServerFailure('forbidden', 'Зарегистрировать можно только рабочее место, с которого выполнен вход.', {
        reason: `device ${session.deviceId} tried to register ${input.id}`,
      });
    }
    if (!isCityWide(user.role) && input.district !== user.district) {
      throw new ServerFailure('forbidden', `Рабочее место можно зарегистрировать только в своём районе: ${user.district ?? '—'}.`, {
        issues: [{ path: 'district', message: `Ваш район — ${user.district ?? '—'}` }],
      });
    }
    const existing = session.device;
    if (existing && existing.district !== input.district) {
      throw new ServerFailure('conflict', `Рабочее место уже зарегистрировано: ${districtLabel(existing.district)}.`);
    }
    const device = await upsertDevice(this.db, { id: input.id, name: input.name, district: input.district, registeredBy: user.id }, this.options.now());
    return { device, created: existing === null };
  }

  async revokeDevice(session: Session, deviceId: string): Promise<Device> {
    if (!isCityWide(session.user.role)) {
      throw new ServerFailure('forbidden', 'Отключать рабочие места могут только администратор и Департамент.');
    }
    const device = await revokeDevice(this.db, deviceId, session.user.id, this.options.now());
    if (!device) throw new ServerFailure('not_found', 'Рабочее место не найдено.');
    return device;
  }

  private async issueTokens(tx: Queryable, user: UserRecord, deviceId: string, familyId: string | undefined, now: number): Promise<LoginOutput> {
    const refresh = await issueRefreshToken(tx, { userId: user.id, deviceId, ...(familyId ? { familyId } : {}) }, now);
    const access = await this.accessTokens.issue({ userId: user.id, deviceId, passwordChangedAt: user.passwordChangedAt });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      user: profile(user),
    };
  }

  private unknownUserHash(): Promise<string> {
    this.dummyHash ??= hashPassword('not a password of anyone', this.options.scryptCost);
    return this.dummyHash;
  }
}

function checkDevice(device: Device | null, user: UserRecord): void {
  const refusal = deviceRefusal(device, user);
  if (refusal) throw refusal;
}

function deviceRefusal(device: Device | null, user: UserRecord): ServerFailure | null {
  if (device?.revokedAt != null) return new ServerFailure('device_revoked', DEVICE_REVOKED_MESSAGE, { reason: `device ${device.id} is revoked` });
  if (device && !isCityWide(user.role) && device.district !== user.district) {
    return new ServerFailure('forbidden', `Это рабочее место зарегистрировано в другом районе: ${districtLabel(device.district)}.`);
  }
  return null;
}

function profile(user: UserRecord): UserProfile {
  return { id: user.id, login: user.login, displayName: user.displayName, role: user.role, district: user.district };
}

function districtLabel(district: District | null): string {
  return district ? `${district} район` : 'без района (Департамент)';
}

function formatWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? '1 минуту' : `${minutes} ${plural(minutes, 'минуту', 'минуты', 'минут')}`;
}

function plural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}
