// The typed request/response channel between the core and the DB worker: requests name a method of
// LocalStore (plus the worker's own: backup, importRegister, importHeating), responses carry its result or an error
// as data. A long request may send progress messages before its response.
import type { ApiErrorData } from '../../../shared/contract/errors.js';
import type { ImportResult } from '../../../shared/contract/register-schemas.js';
import type { ImportStageProgress, RegisterFileRequest } from '../import/import-register.js';
import type { HeatingImporter } from '../import/import-heating.js';
import type { ImportHeatingResult } from '../../../shared/contract/heating-schemas.js';
import type { LocalStore } from './store.js';

export interface WorkerOnlyRequests {
  backup(nowMs: number): string | null;
  /** Reads, checks and applies a register file; reports progress while it runs. */
  importRegister(file: RegisterFileRequest, nowMs: number): Promise<ImportResult>;
  /** Reads, checks and applies a supplier's heating-status file; reports progress while it runs. */
  importHeating(file: RegisterFileRequest, importer: HeatingImporter, nowMs: number): Promise<ImportHeatingResult>;
}

/** What a request reports while it runs (the file imports: importRegister, importHeating). */
export type DbProgress = ImportStageProgress;

type StoreRequests = {
  [K in keyof LocalStore as LocalStore[K] extends (...args: never[]) => unknown ? K : never]: LocalStore[K];
};

export type DbRequests = StoreRequests & WorkerOnlyRequests;
export type DbMethod = keyof DbRequests;
export type DbArgs<M extends DbMethod> = Parameters<DbRequests[M]>;
export type DbResult<M extends DbMethod> = Awaited<ReturnType<DbRequests[M]>>;

export interface DbWorkerData {
  readonly file: string;
  readonly backupDir: string;
  readonly nativeBinding?: string | undefined;
}

export interface DbRequestMessage {
  readonly id: number;
  readonly method: DbMethod;
  readonly args: readonly unknown[];
}

export type DbWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly name: string; readonly message: string }
  | { readonly type: 'external-change' }
  | { readonly type: 'progress'; readonly id: number; readonly progress: DbProgress }
  | { readonly type: 'response'; readonly id: number; readonly ms: number; readonly ok: true; readonly value: unknown }
  | {
      readonly type: 'response';
      readonly id: number;
      readonly ms: number;
      readonly ok: false;
      readonly error: ApiErrorData | { readonly code: 'internal'; readonly message: string; readonly stack?: string };
    };
