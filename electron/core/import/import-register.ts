// The register import as the DB worker runs it: read the file, check every row, and apply them all
// in one transaction — or nothing, with every bad row's number and reason. Reading and checking
// pause between batches, so other requests to the worker (an operator registering an appeal) are
// served meanwhile; only the final transaction holds the database.
import type { ImportResult } from '../../../shared/contract/register-schemas.js';
import { type AddressRules, RegisterChecker, registerDataRows } from '../../../shared/domain/register-import.js';
import { samaraYear } from '../../../shared/domain/samara-time.js';
import type { RegisterImportRepository } from '../repositories/register-import.js';
import { readRegisterFile } from './read-register-file.js';

export interface RegisterFileRequest {
  readonly fileName: string;
  readonly contentBase64: string;
}

/** Where an import is: in «reading» done and total are bytes of the file, later they are rows. */
export interface ImportStageProgress {
  readonly stage: 'reading' | 'checking' | 'saving';
  readonly done: number;
  readonly total: number;
}

export interface ImportDeps {
  readonly repository: RegisterImportRepository;
  readonly address: AddressRules;
  /** Runs after an import that changed something (refreshing the search index), inside the worker. */
  readonly afterImport?: () => void;
}

/** Checking gives the worker back to other requests after this much work (ms)… */
const SLICE_MS = 10;
/** …looking at the clock every this many rows. */
const SLICE_ROWS = 64;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Visits every row, reporting «checking» progress and pausing between slices so the worker serves
 * other requests meanwhile (the register and the heating-status imports alike).
 */
export async function checkInSlices<R>(rows: readonly R[], report: (progress: ImportStageProgress) => void, visit: (row: R) => void): Promise<void> {
  report({ stage: 'checking', done: 0, total: rows.length });
  let sliceStart = performance.now();
  for (let i = 0; i < rows.length; i++) {
    if (i % SLICE_ROWS === 0 && performance.now() - sliceStart > SLICE_MS) {
      report({ stage: 'checking', done: i, total: rows.length });
      await pause();
      sliceStart = performance.now();
    }
    visit(rows[i] as R);
  }
  report({ stage: 'checking', done: rows.length, total: rows.length });
}

export async function importRegister(
  deps: ImportDeps,
  file: RegisterFileRequest,
  nowMs: number,
  report: (progress: ImportStageProgress) => void,
): Promise<ImportResult> {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  const read = await readRegisterFile(bytes, (done, total) => report({ stage: 'reading', done, total }));
  if (!read.ok) return { ok: false, rows: 0, fileError: read.fileError, errors: [] };

  const table = registerDataRows(read.rows);
  if (!table.ok) return { ok: false, rows: 0, fileError: table.fileError, errors: [] };
  const data = table.rows;

  const checker = new RegisterChecker(table.columns, { address: deps.address, year: samaraYear(nowMs) });
  await checkInSlices(data, report, ({ row, cells }) => checker.collect(row, cells));
  if (checker.errors.length > 0) return { ok: false, rows: data.length, fileError: null, errors: checker.errors };

  const good = checker.good;
  report({ stage: 'saving', done: 0, total: good.length });
  const applied = deps.repository.apply(good, nowMs, (done) => report({ stage: 'saving', done, total: good.length }));
  if (!applied.ok) return { ok: false, rows: data.length, fileError: null, errors: applied.errors };
  if (applied.added + applied.updated > 0) deps.afterImport?.();
  return { ok: true, rows: data.length, added: applied.added, updated: applied.updated, unchanged: applied.unchanged };
}
