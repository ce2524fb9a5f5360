// The core's side of the DB worker: starts it, sends typed requests, matches responses, logs slow
// ones, and turns worker errors back into ApiError or Error.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/contract/errors.js';
import type { Logger } from '../log.js';
import type { DbArgs, DbMethod, DbProgress, DbResult, DbWorkerData, DbWorkerMessage } from './worker-protocol.js';

/** Requests slower than this are logged, as Signal Desktop does. */
const SLOW_REQUEST_MS = 40;

export interface DbClientOptions extends DbWorkerData {
  /** The worker's script; by default the one beside this module (source under tsx, or the bundle). */
  readonly workerScript?: string | undefined;
  readonly log: Logger;
  readonly onExternalChange: () => void;
}

interface Pending {
  readonly method: DbMethod;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: ((progress: DbProgress) => void) | undefined;
}

export class DbClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(private readonly worker: Worker, private readonly log: Logger) {}

  static open(options: DbClientOptions): Promise<DbClient> {
    const script = options.workerScript ?? defaultWorkerScript();
    const workerData: DbWorkerData = { file: options.file, backupDir: options.backupDir, nativeBinding: options.nativeBinding };
    const fromSource = script.endsWith('.ts');
    const worker = fromSource
      ? new Worker(new URL('./ts-worker-bootstrap.mjs', import.meta.url), {
          workerData: { ...workerData, __tsEntry: pathToFileURL(script).href },
        })
      : new Worker(script, { workerData });
    const client = new DbClient(worker, options.log);
    return new Promise((resolve, reject) => {
      worker.on('message', (message: DbWorkerMessage) => {
        switch (message.type) {
          case 'ready':
            resolve(client);
            break;
          case 'fatal':
            reject(reviveFatal(message.name, message.message));
            void worker.terminate();
            break;
          case 'external-change':
            options.onExternalChange();
            break;
          case 'progress':
            client.pending.get(message.id)?.onProgress?.(message.progress);
            break;
          case 'response':
            client.settle(message);
            break;
        }
      });
      worker.on('error', (error) => {
        options.log.error({ err: error }, 'DB worker failed');
        reject(error);
        client.failAll(error);
      });
      worker.on('exit', (code) => {
        if (!client.closed) {
          const error = new Error(`DB worker exited with code ${code}`);
          reject(error);
          client.failAll(error);
        }
      });
    });
  }

  call<M extends DbMethod>(method: M, ...args: DbArgs<M>): Promise<DbResult<M>> {
    return this.callWithProgress(method, undefined, ...args);
  }

  /** A request whose progress messages (if it sends any) go to onProgress until it answers. */
  callWithProgress<M extends DbMethod>(
    method: M,
    onProgress: ((progress: DbProgress) => void) | undefined,
    ...args: DbArgs<M>
  ): Promise<DbResult<M>> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    const id = this.nextId++;
    return new Promise<DbResult<M>>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.worker.postMessage({ id, method, args });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'close' });
    await exited;
  }

  private settle(message: Extract<DbWorkerMessage, { type: 'response' }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ms > SLOW_REQUEST_MS) this.log.warn({ method: pending.method, ms: Math.round(message.ms) }, 'slow DB request');
    if (message.ok) {
      pending.resolve(message.value);
      return;
    }
    const { error } = message;
    if (error.code === 'internal') {
      this.log.error({ method: pending.method, error }, 'DB request failed');
      pending.reject(new Error(error.message));
    } else pending.reject(new ApiError(error));
  }

  private failAll(error: Error): void {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

function defaultWorkerScript(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? join(dirname(here), 'worker.ts') : join(dirname(here), 'db-worker.js');
}

/** Errors cross the thread as name and message; the name tells DatabaseTooNewError and DatabaseCorruptError apart. */
function reviveFatal(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}
