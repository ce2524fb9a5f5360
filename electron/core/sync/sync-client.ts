// The sync routes of the central endpoint over HTTP (docs/sync-protocol.md): push, pull, snapshot,
// and the poke stream. Answers are checked against the same zod schemas the server uses; a refused
// request comes back as a SyncRequestError with the server's Russian message and advice, an
// unreachable server as kind 'offline'.
import type { z } from 'zod';
import {
  pokeSchema,
  pullResponseSchema,
  pushResponseSchema,
  reviewConflictsResponseSchema,
  snapshotPageSchema,
  syncErrorSchema,
  type PullResponse,
  type PushResponse,
  type ReviewConflictsResponse,
  type SnapshotPage,
} from '../../../shared/sync/protocol.js';
import type { PushOp } from '../repositories/sync.js';

export interface PushBody {
  readonly deviceId: string;
  readonly clientNow: number;
  readonly schemaVersion: number;
  readonly ops: readonly PushOp[];
}

/** What the engine needs of the server: tests may give a fake. */
export interface SyncTransport {
  push(body: PushBody): Promise<PushResponse>;
  pull(body: { cursor: string; limit: number }): Promise<PullResponse>;
  snapshot(body: { pageToken: string | null; limit: number }): Promise<SnapshotPage>;
  /** «Просмотрено» on conflicts, for every workstation of their district (optional: test transports may lack it). */
  reviewConflicts?(body: { ids: string[] }): Promise<ReviewConflictsResponse>;
  /** Opens the poke stream; calls onPoke per poke; resolves when the stream ends. */
  listen?(onPoke: (serverSeq: number) => void, signal: AbortSignal): Promise<void>;
}

export class SyncRequestError extends Error {
  override readonly name = 'SyncRequestError';
  constructor(
    /** offline: no answer (network, timeout, 5xx); refused: the server said no. */
    readonly kind: 'offline' | 'refused',
    message: string,
    readonly userAction: string,
    /** The server's code (protocol.ts SYNC_ERROR_CODES), null when there was no answer. */
    readonly code: string | null = null,
    /**
     * Nothing answered at all (connection refused, no network): trying again costs the server
     * nothing, so the engine retries every few seconds and notices the server's return at once.
     * A timeout or a 5xx is a server that is there but struggling: it gets the full backoff.
     */
    readonly unreachable = false,
  ) {
    super(message);
  }
}

export const OFFLINE_MESSAGE = 'Сервер недоступен';
export const OFFLINE_ACTION = 'Изменения сохранены на этом компьютере и уйдут на сервер, когда связь вернётся. Проверьте сеть, если связи нет долго.';
const TIMEOUT_MS = 30_000;

export class HttpSyncTransport implements SyncTransport {
  constructor(
    private readonly baseUrl: string,
    private readonly accessToken: () => Promise<string>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  push(body: PushBody): Promise<PushResponse> {
    return this.post('/sync/push', body, pushResponseSchema);
  }

  pull(body: { cursor: string; limit: number }): Promise<PullResponse> {
    return this.post('/sync/pull', body, pullResponseSchema);
  }

  snapshot(body: { pageToken: string | null; limit: number }): Promise<SnapshotPage> {
    return this.post('/sync/snapshot', body, snapshotPageSchema);
  }

  reviewConflicts(body: { ids: string[] }): Promise<ReviewConflictsResponse> {
    return this.post('/sync/conflicts/review', body, reviewConflictsResponseSchema);
  }

  /** Server-sent events: `event: poke` / `data: {"type":"poke","serverSeq":…}`. */
  async listen(onPoke: (serverSeq: number) => void, signal: AbortSignal): Promise<void> {
    const token = await this.accessToken();
    const response = await this.fetchImpl(`${this.baseUrl}/sync/events`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
      signal,
    });
    if (!response.ok || !response.body) throw new SyncRequestError('offline', OFFLINE_MESSAGE, OFFLINE_ACTION);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (!data) continue;
        const poke = pokeSchema.safeParse(parseJson(data));
        if (poke.success) onPoke(poke.data.serverSeq);
      }
    }
  }

  private async post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    const token = await this.accessToken();
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new SyncRequestError('offline', OFFLINE_MESSAGE, OFFLINE_ACTION, null, !isTimeout(error));
    }
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (!response.ok) {
      const error = syncErrorSchema.safeParse(json);
      if (error.success && response.status < 500) throw new SyncRequestError('refused', error.data.message, error.data.userAction, error.data.code);
      if (response.status === 404) {
        throw new SyncRequestError('refused', 'Сервер не поддерживает синхронизацию', 'Сообщите администратору: сервер нужно обновить. Изменения сохранены на этом компьютере.', 'not_supported');
      }
      if (response.status === 401) {
        throw new SyncRequestError('refused', 'Сеанс на сервере закончился', 'Войдите в программу заново: изменения сохранены и уйдут после входа.', 'unauthorized');
      }
      throw new SyncRequestError('offline', error.success ? error.data.message : OFFLINE_MESSAGE, error.success ? error.data.userAction : OFFLINE_ACTION);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncRequestError('refused', 'Сервер ответил не так, как ожидалось', 'Сообщите администратору: версии программы и сервера не совпадают. Изменения сохранены на этом компьютере.', 'bad_answer');
    }
    return parsed.data as z.infer<S>;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** fetch's error when AbortSignal.timeout fired: the server took the request but did not answer in time. */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}
