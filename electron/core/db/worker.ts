// The DB worker thread: the single owner of the better-sqlite3 connection. Everything that touches
// the database runs here, so the thread that serves windows never waits on a query.
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../../../shared/contract/errors.js';
import { addressKey, formatAddress, parseAddress } from '../../../shared/domain/address.js';
import { importRegister } from '../import/import-register.js';
import { importHeating } from '../import/import-heating.js';
import { BuildingsRepository } from '../repositories/buildings.js';
import { RegisterImportRepository } from '../repositories/register-import.js';
import { backupIfDue, latestBackup } from './backup.js';
import { openDatabase } from './connection.js';
import { LocalStore } from './store.js';
import type { DbProgress, DbRequestMessage, DbWorkerData, DbWorkerMessage, WorkerOnlyRequests } from './worker-protocol.js';

/** The worker's own requests get a way to report progress before their arguments. */
type WorkerHandlers = {
  [K in keyof WorkerOnlyRequests]: (report: (progress: DbProgress) => void, ...args: Parameters<WorkerOnlyRequests[K]>) =>
    | Awaited<ReturnType<WorkerOnlyRequests[K]>>
    | Promise<Awaited<ReturnType<WorkerOnlyRequests[K]>>>;
};

const EXTERNAL_CHANGE_POLL_MS = 1000;

function start(port: NonNullable<typeof parentPort>, data: DbWorkerData): void {
  const post = (message: DbWorkerMessage) => port.postMessage(message);
  let store: LocalStore;
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase({ file: data.file, nativeBinding: data.nativeBinding, latestBackup: () => latestBackup(data.backupDir) });
    store = new LocalStore(db);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'fatal', name: e.name, message: e.message });
    return;
  }

  // Commits by other processes (a CLI import, another shell) bump data_version: tell the core.
  let seenVersion = store.dataVersion();
  const poll = setInterval(() => {
    const v = store.dataVersion();
    if (v !== seenVersion) {
      seenVersion = v;
      post({ type: 'external-change' });
    }
  }, EXTERNAL_CHANGE_POLL_MS);
  poll.unref();

  const registerImport = new RegisterImportRepository(db, new BuildingsRepository(db));
  const heating = store.heating;
  const handlers: WorkerHandlers = {
    backup: (_report, nowMs) => backupIfDue(db, data.backupDir, nowMs),
    importRegister: (report, file, nowMs) =>
      importRegister(
        {
          repository: registerImport,
          address: { parse: parseAddress, format: formatAddress, key: addressKey },
          // Search would notice the new buildings by itself; rebuilding now spares the next keystroke.
          afterImport: () => store.refreshAddressIndex(),
        },
        file,
        nowMs,
        report,
      ),
    importHeating: (report, file, importer, nowMs) =>
      importHeating(
        { db, repository: heating, address: { parse: parseAddress, format: formatAddress, key: addressKey } },
        file,
        importer,
        nowMs,
        report,
      ),
  };
  port.on('message', (message: DbRequestMessage | { type: 'close' }) => {
    if ('type' in message) {
      clearInterval(poll);
      store.checkpointAndClose();
      port.close();
      return;
    }
    void respond(message);
  });

  async function respond(message: DbRequestMessage): Promise<void> {
    const started = performance.now();
    try {
      let raw: unknown;
      if (Object.hasOwn(handlers, message.method)) {
        const own = handlers[message.method as keyof WorkerHandlers] as (report: (p: DbProgress) => void, ...args: unknown[]) => unknown;
        raw = own((progress) => post({ type: 'progress', id: message.id, progress }), ...message.args);
      } else {
        const fn = store[message.method as keyof LocalStore] as (...args: never[]) => unknown;
        if (typeof fn !== 'function') throw new Error(`unknown DB request ${message.method}`);
        raw = fn.apply(store, message.args as never[]);
      }
      const value = raw instanceof Promise ? await raw : raw;
      post({ type: 'response', id: message.id, ms: performance.now() - started, ok: true, value });
    } catch (error) {
      const ms = performance.now() - started;
      if (error instanceof ApiError) post({ type: 'response', id: message.id, ms, ok: false, error: error.toData() });
      else {
        const e = error instanceof Error ? error : new Error(String(error));
        post({
          type: 'response',
          id: message.id,
          ms,
          ok: false,
          error: { code: 'internal', message: e.message, ...(e.stack ? { stack: e.stack } : {}) },
        });
      }
    }
  }

  seenVersion = store.dataVersion();
  post({ type: 'ready' });
}

if (parentPort) start(parentPort, workerData as DbWorkerData);
