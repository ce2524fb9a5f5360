// The central endpoint's identity routes as zod schemas: what the server validates and what the
// app's sync client will send and get back. Messages are Russian; the server answers errors as
// ServerError with the same per-field issues as the local contract.
import { z } from 'zod';
import { DISTRICTS } from '../domain/districts.js';
import { ROLES } from '../domain/roles.js';

z.config(z.locales.ru());

const districtSchema = z.enum(DISTRICTS, { error: 'Неизвестный район' });
const roleSchema = z.enum(ROLES, { error: 'Неизвестная роль' });
const deviceIdSchema = z.uuid({ error: 'Идентификатор рабочего места — UUID' });

export const SERVER_ERROR_CODES = [
  'validation',
  'unauthorized',
  'forbidden',
  'device_revoked',
  'not_found',
  'conflict',
  'rate_limited',
  'internal',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

export const serverErrorSchema = z.object({
  code: z.enum(SERVER_ERROR_CODES),
  /** For the user, in Russian. */
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ServerError = z.infer<typeof serverErrorSchema>;

export const loginInput = z.strictObject({
  login: z.string({ error: 'Укажите логин' }).trim().min(1, 'Укажите логин').max(64, 'Логин не длиннее 64 символов'),
  password: z.string({ error: 'Укажите пароль' }).min(1, 'Укажите пароль').max(256, 'Пароль не длиннее 256 символов'),
  deviceId: deviceIdSchema,
});
export type LoginInput = z.infer<typeof loginInput>;

export const userProfileSchema = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: roleSchema,
  /** null for the Department and the admin. */
  district: districtSchema.nullable(),
});
export type UserProfile = z.infer<typeof userProfileSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  /** Epoch milliseconds. */
  accessTokenExpiresAt: z.number(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.number(),
});

export const loginOutput = tokenPairSchema.extend({ user: userProfileSchema });
export type LoginOutput = z.infer<typeof loginOutput>;

export const refreshInput = z.strictObject({
  refreshToken: z.string({ error: 'Нет токена обновления' }).min(20, 'Неверный токен обновления').max(200, 'Неверный токен обновления'),
});
export const refreshOutput = loginOutput;

export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  district: districtSchema.nullable(),
  registeredBy: z.string(),
  registeredAt: z.number(),
  revokedAt: z.number().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const registerDeviceInput = z.strictObject({
  id: deviceIdSchema,
  name: z.string({ error: 'Укажите название рабочего места' }).trim().min(1, 'Укажите название рабочего места').max(120, 'Название не длиннее 120 символов'),
  /** The workstation's district; null only for a workstation of the Department or an admin. */
  district: districtSchema.nullable(),
});
export type RegisterDeviceInput = z.infer<typeof registerDeviceInput>;

export const deviceIdParams = z.strictObject({ id: deviceIdSchema });

export const meOutput = z.object({
  user: userProfileSchema,
  /** The workstation of this session; null until it registers. */
  device: deviceSchema.nullable(),
});
export type MeOutput = z.infer<typeof meOutput>;

export const healthOutput = z.object({
  status: z.literal('ok'),
  database: z.enum(['postgres', 'pglite']),
  schemaVersion: z.number(),
});
