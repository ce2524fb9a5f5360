// The `import` benchmark: a register of 100,000 buildings (ГИС ЖКХ-style addresses, management
// companies with INN, heat suppliers and heat sources, ФИАС GUIDs) imported through the core the way
// the screen «Импорт реестра» does it — base64 through core.call('importRegister'), progress polled —
// as CSV (Windows-1251, `;`) and as XLSX, each into an empty database; then the CSV again over the
// imported register (every row matched, nothing changed). Meanwhile it watches the core's thread
// (the one that would serve windows) for stalls and times a DB request made during the import.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { createCore } from '../electron/core/core.js';
import { Random } from '../electron/core/demo/random.js';
import { SAMARA_STREETS } from '../electron/core/demo/samara-streets.js';
import { HEAT_SUPPLIER_NAMES, UK_ADJECTIVES, UK_NOUNS } from '../electron/core/demo/vocabulary.js';
import { silentLogger } from '../electron/core/log.js';
import { encodeCp1251 } from '../electron/core/test/register-files.js';
import type { ImportProgress, ImportResult } from '../shared/contract/register-schemas.js';
import { formatCsvRecord } from '../shared/domain/csv.js';
import { formatRowError, REGISTER_COLUMNS } from '../shared/domain/register-import.js';
import { intOption, type Benchmark } from './lib/benchmark.js';
import { round, summarise } from './lib/stats.js';

const HEADER = Object.values(REGISTER_COLUMNS);

/**
 * A deterministic register of `count` distinct buildings as rows of text cells, on the demo's real
 * street names (several times the city's ~10,500 houses, so house numbers and корпуса run high).
 */
export function generateRegisterRows(seed: number, count: number): string[][] {
  const random = new Random(seed);
  const companies = Array.from({ length: 1500 }, (_, i) => ({
    name: `ООО «УК «${random.pick(UK_ADJECTIVES)} ${random.pick(UK_NOUNS)}-${i + 1}»`,
    inn: `63${String(10_000_000 + i * 37)}`,
  }));
  const seen = new Set<string>();
  const rows: string[][] = [];
  while (rows.length < count) {
    const street = random.pick(SAMARA_STREETS);
    const house = random.int(1, 400);
    const korpus = random.chance(0.6) ? random.int(1, 30) : 0;
    const letter = random.chance(0.1) ? random.pick(['А', 'Б', 'В']) : '';
    const id = `${street.district}|${street.type}|${street.name}|${house}${letter}|${korpus}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const org = random.pick(companies);
    const floors = random.pick([2, 3, 4, 5, 5, 5, 9, 9, 10, 12, 14, 16, 17, 19, 25]);
    rows.push([
      random.chance(0.5) ? street.district : `${street.district} район`,
      `443${String(random.int(0, 999)).padStart(3, '0')}, Самарская обл., г. Самара, ${street.type} ${street.name}, д. ${house}${letter}${korpus ? `, корп. ${korpus}` : ''}`,
      org.name,
      org.inn,
      random.pick(HEAT_SUPPLIER_NAMES),
      random.chance(0.7) ? `Котельная № ${random.int(1, 2000)}` : `ЦТП-${random.int(1, 1000)}`,
      String(random.int(1900, 2025)),
      String(floors),
      String(floors * random.int(1, 8) * random.pick([2, 3, 4])),
      random.uuidV4(),
    ]);
  }
  return rows;
}

interface Run {
  readonly ms: number;
  readonly result: ImportResult;
  readonly stagesMs: Record<string, number>;
  readonly mainThreadMaxStallMs: number;
  readonly dbRequestMs: number[];
  readonly peakRssMb: number;
}

const benchmark: Benchmark = {
  description: 'register import of 100,000 buildings through the core: CSV (Windows-1251, «;») and XLSX',
  async run({ options, progress }) {
    const params = { seed: intOption(options, 'seed', 20251101), rows: intOption(options, 'rows', 100_000) };
    const dir = mkdtempSync(join(tmpdir(), 'appeals-bench-import-'));
    const metrics: Record<string, number> = {};
    try {
      progress(`generating ${params.rows} rows`);
      const rows = generateRegisterRows(params.seed, params.rows);
      const csv = encodeCp1251([HEADER, ...rows].map((r) => formatCsvRecord(r, ';')).join('\r\n') + '\r\n');
      const xlsxPath = join(dir, 'register.xlsx');
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: true, useStyles: false });
      const sheet = writer.addWorksheet('Реестр');
      sheet.addRow(HEADER).commit();
      for (const r of rows) sheet.addRow(r.map((c, i) => (i >= 6 && i <= 8 ? Number(c) : c))).commit();
      sheet.commit();
      await writer.commit();
      const xlsx = readFileSync(xlsxPath);
      writeFileSync(join(dir, 'register.csv'), csv);
      metrics['csv_mb'] = round(csv.length / 2 ** 20, 1);
      metrics['xlsx_mb'] = round(xlsx.length / 2 ** 20, 1);

      progress('CSV into an empty database');
      const csvDir = join(dir, 'csv');
      const csvRun = await importOnce(csvDir, csv, 'register.csv');
      record(metrics, 'csv', csvRun, params.rows);
      progress(`CSV: ${(csvRun.ms / 1000).toFixed(1)} s`);

      progress('the same CSV again over the imported register');
      const again = await importOnce(csvDir, csv, 'register.csv');
      record(metrics, 'csv_again', again, params.rows);
      if (!again.result.ok || again.result.unchanged !== params.rows) throw new Error(`re-import changed something: ${JSON.stringify(again.result)}`);

      progress('XLSX into an empty database');
      const xlsxRun = await importOnce(join(dir, 'xlsx'), xlsx, 'register.xlsx');
      record(metrics, 'xlsx', xlsxRun, params.rows);
      progress(`XLSX: ${(xlsxRun.ms / 1000).toFixed(1)} s`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return {
      metrics,
      params,
      targets: { csv_import_ms: { below: 60_000 }, xlsx_import_ms: { below: 60_000 }, csv_main_thread_max_stall_ms: { below: 100 } },
      notes: [
        'import_ms is the whole core.call(importRegister) with the file as base64, as the screen sends it; stages are timed by polling importProgress every 10 ms',
        'main_thread_max_stall_ms: the longest the core\'s own thread (the one that serves windows) was blocked during the import, by monitorEventLoopDelay',
        'db_request_*: a listAppeals call every 50 ms during the import; it waits while the saving transaction holds the DB worker',
        'peak_rss_mb: the whole process (the benchmark\'s own copies of the files and rows, the core and the DB worker) during that import',
        'saving_ms includes rebuilding the address search index after the import (LocalStore.refreshAddressIndex, ~1.5 s at 100,000 buildings)',
      ],
    };
  },
};

function record(metrics: Record<string, number>, prefix: string, run: Run, rows: number): void {
  if (!run.result.ok) {
    const sample = run.result.fileError ?? run.result.errors.slice(0, 5).map(formatRowError).join('\n');
    throw new Error(`${prefix}: the import was refused (${run.result.errors.length} bad rows)\n${sample}`);
  }
  metrics[`${prefix}_import_ms`] = Math.round(run.ms);
  metrics[`${prefix}_rows_per_s`] = Math.round(rows / (run.ms / 1000));
  for (const [stage, ms] of Object.entries(run.stagesMs)) metrics[`${prefix}_${stage}_ms`] = Math.round(ms);
  metrics[`${prefix}_main_thread_max_stall_ms`] = round(run.mainThreadMaxStallMs, 1);
  if (run.dbRequestMs.length > 0) {
    const s = summarise(run.dbRequestMs);
    metrics[`${prefix}_db_request_p50_ms`] = round(s.p50);
    metrics[`${prefix}_db_request_max_ms`] = Math.round(s.max);
  }
  metrics[`${prefix}_peak_rss_mb`] = run.peakRssMb;
  metrics[`${prefix}_added`] = run.result.added;
  metrics[`${prefix}_unchanged`] = run.result.unchanged;
}

async function importOnce(dataDir: string, bytes: Buffer, fileName: string): Promise<Run> {
  const core = await createCore({ dataDir, shell: 'cli', log: silentLogger() });
  try {
    const stall = monitorEventLoopDelay({ resolution: 5 });
    const stagesMs: Record<string, number> = {};
    const dbRequestMs: number[] = [];
    let peakRss = 0;
    let finished = false;

    // The screen reads the file as base64 in the renderer; the core's part starts with the call.
    const contentBase64 = bytes.toString('base64');
    const started = performance.now();
    stall.enable();
    const call = core.call('importRegister', { fileName, contentBase64 });
    const watch = (async () => {
      let stage = 'reading';
      let stageStart = started;
      while (!finished) {
        const p = (await core.handlers.importProgress({})) as ImportProgress;
        if (p.running && p.stage !== stage) {
          stagesMs[stage] = performance.now() - stageStart;
          stage = p.stage;
          stageStart = performance.now();
        }
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        await sleep(10);
      }
      stagesMs[stage] = performance.now() - stageStart;
    })();
    const requests = (async () => {
      while (!finished) {
        const t = performance.now();
        await core.handlers.listAppeals({ sort: { field: 'receivedAt', direction: 'desc' }, offset: 0, limit: 50 });
        dbRequestMs.push(performance.now() - t);
        await sleep(50);
      }
    })();
    const envelope = await call;
    const ms = performance.now() - started;
    finished = true;
    stall.disable();
    await Promise.all([watch, requests]);
    if (!envelope.ok) throw new Error(`importRegister failed: ${envelope.error.message}`);
    return {
      ms,
      result: envelope.value as ImportResult,
      stagesMs,
      mainThreadMaxStallMs: stall.max / 1e6,
      dbRequestMs,
      peakRssMb: Math.round(peakRss / 2 ** 20),
    };
  } finally {
    await core.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export default benchmark;
