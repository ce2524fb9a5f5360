// The workstation's HTTP client for the central endpoint's identity routes. Answers are checked
// against the same zod schemas the server validates with; a refusal comes back as a ServerLinkError
// with the server's Russian message, an unreachable server as kind 'offline'.
import type { z } from 'zod';
import {
  deviceSchema,
  healthOutput,
  loginOutput,
  meOutput,
  serverErrorSchema,
  type Device,
  type LoginInput,
  type LoginOutput,
  type MeOutput,
  type RegisterDeviceInput,
  type ServerErrorCode,
} from '../../../shared/server-api/identity.js';

export class ServerLinkError extends Error {
  override readonly name = 'ServerLinkError';
  constructor(
    /** offline: no answer (network, DNS, timeout, 5xx); refused: the server said no. */
    readonly kind: 'offline' | 'refused',
    /** Russian, for the user. */
    message: string,
    readonly code: ServerErrorCode | null = null,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

const OFFLINE_MESSAGE = 'Сервер недоступен. Проверьте адрес сервера и сеть.';
const TIMEOUT_MS = 15_000;

export class ServerClient {
  readonly baseUrl: string;

  constructor(
    serverUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.baseUrl = normaliseServerUrl(serverUrl);
  }

  health() {
    return this.request('GET', '/healthz', healthOutput);
  }

  login(input: LoginInput): Promise<LoginOutput> {
    return this.request('POST', '/auth/login', loginOutput, input);
  }

  refresh(refreshToken: string): Promise<LoginOutput> {
    return this.request('POST', '/auth/refresh', loginOutput, { refreshToken });
  }

  async logout(refreshToken: string): Promise<void> {
    await this.request('POST', '/auth/logout', null, { refreshToken });
  }

  me(accessToken: string): Promise<MeOutput> {
    return this.request('GET', '/me', meOutput, undefined, accessToken);
  }

  registerDevice(accessToken: string, input: RegisterDeviceInput): Promise<Device> {
    return this.request('POST', '/devices/register', deviceSchema, input, accessToken);
  }

  private async request<S extends z.ZodType | null>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    accessToken?: string,
  ): Promise<S extends z.ZodType ? z.infer<S> : undefined> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ServerLinkError('offline', OFFLINE_MESSAGE);
    }
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (!response.ok) {
      const error = serverErrorSchema.safeParse(json);
      if (response.status >= 500 || !error.success) {
        throw new ServerLinkError(response.status >= 500 ? 'offline' : 'refused', error.success ? error.data.message : OFFLINE_MESSAGE);
      }
      throw new ServerLinkError('refused', error.data.message, error.data.code, error.data.issues ?? []);
    }
    if (schema === null) return undefined as never;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ServerLinkError('refused', 'Сервер ответил не так, как ожидалось: это сервер «Контроля обращений»?');
    return parsed.data as never;
  }
}

/** «10.0.0.5:8787» → «http://10.0.0.5:8787»; no trailing slash; only http(s). */
export function normaliseServerUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ServerLinkError('refused', 'Адрес сервера не разобран: пример — http://10.0.0.5:8787');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ServerLinkError('refused', 'Адрес сервера начинается с http:// или https://');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
