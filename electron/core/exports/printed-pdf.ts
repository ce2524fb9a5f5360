// «Сохранить PDF» in the Electron shell: the shell prints the window's print view to an A4 PDF
// (webContents.printToPDF) and the core writes it into Downloads under its Russian name, never over
// another file. The browser shell has no such printer: its page opens the browser's print dialog.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ApiParsedInput } from '../../../shared/contract/api.js';
import { ApiError } from '../../../shared/contract/errors.js';
import type { SavedExport } from '../../../shared/contract/export-schemas.js';
import { safeFileName } from '../../../shared/exports/excel-values.js';
import type { Logger } from '../log.js';
import { freeName } from './export-jobs.js';

export interface PrintedPdfOptions {
  readonly downloadsDir?: string | undefined;
  /** Electron shell: the main window's current page as an A4 PDF. */
  readonly printToPdf?: (() => Promise<Uint8Array>) | undefined;
  readonly log: Logger;
}

export async function savePrintedPdf(options: PrintedPdfOptions, input: ApiParsedInput<'savePrintedPdf'>): Promise<SavedExport> {
  const { downloadsDir, printToPdf } = options;
  if (!downloadsDir || !printToPdf) {
    throw new ApiError({ code: 'conflict', message: 'Здесь PDF сохраняется из окна печати браузера: выберите «Сохранить как PDF»' });
  }
  const pdf = await printToPdf();
  mkdirSync(downloadsDir, { recursive: true });
  const target = freeName(downloadsDir, safeFileName(input.fileName));
  writeFileSync(target, pdf);
  options.log.info({ path: target, bytes: pdf.byteLength }, 'printed PDF saved');
  return { path: target, fileName: basename(target) };
}
