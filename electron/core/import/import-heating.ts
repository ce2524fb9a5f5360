// A supplier's heating-status file as the DB worker imports it: read exactly as the register is read
// (read-register-file.ts: CSV in any of its encodings and delimiters, or XLSX), every row checked
// (shared/heating/heating-import.ts), then all applied in one transaction — or nothing, with every
// bad row's number and reason.
import type Database from 'better-sqlite3';
import type { ImportHeatingResult } from '../../../shared/contract/heating-schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import { isBlankRow, type AddressRules } from '../../../shared/domain/register-import.js';
import { findHeatingHeader, HeatingChecker, type HeatingRowError } from '../../../shared/heating/heating-import.js';
import type { HeatingRepository } from '../repositories/heating.js';
import { checkInSlices, type ImportStageProgress, type RegisterFileRequest } from './import-register.js';
import { readRegisterFile } from './read-register-file.js';

export interface HeatingImportDeps {
  readonly db: Database.Database;
  readonly repository: HeatingRepository;
  readonly address: Pick<AddressRules, 'parse' | 'key' | 'format'>;
}

/** Who imports: their name goes into the history, their district (if any) bounds the file. */
export interface HeatingImporter {
  readonly userId: string;
  readonly district: District | undefined;
}

const SAVING_REPORT_EVERY = 500;

export async function importHeating(
  deps: HeatingImportDeps,
  file: RegisterFileRequest,
  importer: HeatingImporter,
  nowMs: number,
  report: (progress: ImportStageProgress) => void,
): Promise<ImportHeatingResult> {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  const read = await readRegisterFile(bytes, (done, total) => report({ stage: 'reading', done, total }), (rows) => findHeatingHeader(rows).ok);
  if (!read.ok) return { ok: false, rows: 0, fileError: read.fileError, errors: [] };

  const header = findHeatingHeader(read.rows);
  if (!header.ok) return { ok: false, rows: 0, fileError: header.message, errors: [] };
  const data = read.rows.slice(header.index + 1).filter((r) => !isBlankRow(r.cells));
  if (data.length === 0) return { ok: false, rows: 0, fileError: 'В файле нет ни одной строки с домом: только заголовок', errors: [] };

  const register = deps.repository.addressIndex();
  const checker = new HeatingChecker(header.columns, {
    address: deps.address,
    findBuilding: (key) => register.get(key) ?? null,
    district: importer.district,
    nowMs,
  });
  const errors: HeatingRowError[] = [];
  await checkInSlices(data, report, ({ row, cells }) => {
    const error = checker.check(row, cells);
    if (error) errors.push(error);
  });
  if (errors.length > 0) return { ok: false, rows: data.length, fileError: null, errors };

  const rows = checker.rows();
  report({ stage: 'saving', done: 0, total: rows.length });
  let changed = 0;
  deps.db.transaction(() => {
    rows.forEach((r, i) => {
      const outcome = deps.repository.applyLocalChange({
        buildingId: r.buildingId,
        status: r.status,
        statusDate: r.date,
        reason: r.reason,
        by: importer.userId,
        at: nowMs,
        source: 'import',
      });
      if (outcome === 'changed') changed++;
      if ((i + 1) % SAVING_REPORT_EVERY === 0) report({ stage: 'saving', done: i + 1, total: rows.length });
    });
  }).immediate();
  report({ stage: 'saving', done: rows.length, total: rows.length });
  return { ok: true, rows: data.length, changed, unchanged: rows.length - changed };
}
