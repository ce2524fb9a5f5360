// The workstation's link to the central endpoint as the renderer sees it: the first-run choice
// (a server or none), who is logged in, and whether that login was made without the server.
import { z } from 'zod';
import { userProfileSchema } from '../server-api/identity.js';

export const serverLinkStateSchema = z.discriminatedUnion('mode', [
  /** First run: neither a server nor standalone chosen yet. */
  z.object({ mode: z.literal('unset') }),
  /** No server: nothing syncs; the acting user is the one stated in «Рабочее место». */
  z.object({ mode: z.literal('standalone') }),
  z.object({
    mode: z.literal('server'),
    serverUrl: z.string(),
    /** The logged-in server user, the actor of every local command; null until someone logs in. */
    user: userProfileSchema.nullable(),
    /** Logged in with the password of an earlier online login: nothing syncs until an online one. */
    offline: z.boolean(),
    /** The server said this workstation is revoked. */
    deviceRevoked: z.boolean(),
  }),
]);
export type ServerLinkState = z.infer<typeof serverLinkStateSchema>;

const loginField = z.string({ error: 'Укажите логин' }).trim().min(1, 'Укажите логин').max(64, 'Логин не длиннее 64 символов');
const passwordField = z.string({ error: 'Укажите пароль' }).min(1, 'Укажите пароль').max(256, 'Пароль не длиннее 256 символов');

export const connectToServerInput = z.strictObject({
  /** «10.0.0.5:8787» is read as http://10.0.0.5:8787. */
  serverUrl: z.string({ error: 'Укажите адрес сервера' }).trim().min(1, 'Укажите адрес сервера').max(300, 'Адрес не длиннее 300 символов'),
  login: loginField,
  password: passwordField,
  /** How the server's admin will see this computer, e.g. «Кировский, каб. 12». */
  workstationName: z
    .string({ error: 'Укажите название рабочего места' })
    .trim()
    .min(1, 'Укажите название рабочего места')
    .max(120, 'Название не длиннее 120 символов'),
});

export const logInInput = z.strictObject({ login: loginField, password: passwordField });

export const logInOutput = z.object({
  state: serverLinkStateSchema,
  /** Russian, for the user: set when the login was made without the server. */
  notice: z.string().nullable(),
});

export const checkServerOutput = z.object({
  /** The server answered its health check just now. */
  reachable: z.boolean(),
});
