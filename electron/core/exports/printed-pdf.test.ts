// «Сохранить PDF»: the Electron shell's printed page lands in Downloads under its own name, never
// over another file; without the shell's printer (the browser shell) it is refused in Russian.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/contract/errors.js';
import { silentLogger } from '../log.js';
import { tempDir } from '../test/temp-core.js';
import { savePrintedPdf } from './printed-pdf.js';

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

describe('savePrintedPdf', () => {
  it('writes the printed page into Downloads, «(2)» beside an earlier one', async () => {
    const downloadsDir = tempDir('pdf');
    const options = { downloadsDir, printToPdf: () => Promise.resolve(PDF), log: silentLogger() };
    const first = await savePrintedPdf(options, { fileName: 'Сводка за день — Кировский — 28.11.2026.pdf' });
    const second = await savePrintedPdf(options, { fileName: 'Сводка за день — Кировский — 28.11.2026.pdf' });
    expect(first.fileName).toBe('Сводка за день — Кировский — 28.11.2026.pdf');
    expect(second.fileName).toBe('Сводка за день — Кировский — 28.11.2026 (2).pdf');
    expect(readdirSync(downloadsDir).sort()).toEqual([first.fileName, second.fileName].sort());
    expect(readFileSync(join(downloadsDir, first.fileName))).toEqual(Buffer.from(PDF));
  });

  it('is refused without the Electron shell\'s printer, writing nothing', async () => {
    const downloadsDir = tempDir('pdf');
    await expect(savePrintedPdf({ downloadsDir, log: silentLogger() }, { fileName: 'Сводка.pdf' })).rejects.toThrow(
      new ApiError({ code: 'conflict', message: 'Здесь PDF сохраняется из окна печати браузера: выберите «Сохранить как PDF»' }),
    );
    expect(readdirSync(downloadsDir)).toEqual([]);
  });
});
