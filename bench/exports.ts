// The `exports` benchmark: «Экспорт в Excel» of 100,000 appeals (xlsx_export_100k_s) through the
// real job — startExport through the core, keyset pages from the DB worker, exceljs's streaming
// WorkbookWriter, the rename into place — on a season seeded like bench/core.ts. Also the peak RSS
// of the process (core + DB worker thread) while the export runs, and the longest stall of the
// core's event loop (in Electron that thread also answers the window's IPC).
import { statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Core } from '../electron/core/core.js';
import { DEFAULT_SEASON } from '../electron/core/demo/season.js';
import type { ExportStatus } from '../shared/contract/export-schemas.js';
import type { ListAppealsInput } from '../shared/contract/schemas.js';
import { inTempDataDir, loadSeason, seasonSizeOptions, withCore } from './lib/bench-core.js';
import { intOption, type Benchmark } from './lib/benchmark.js';
import { round } from './lib/stats.js';

const DEFAULTS = { appeals: 100_000, buildings: 10_000, organisations: 150, runs: 3 } as const;

/**
 * One export of the list (the whole list unless `filters` narrow it) with names and phones, from startExport to the file in place, on a
 * core whose data is already loaded (bench/reports.ts can call it on its own data folder).
 */
export async function measureAppealsExport(core: Core, filters: Omit<ListAppealsInput, 'offset' | 'limit'> = {}): Promise<{ seconds: number; peakRssMb: number; stallMs: number; status: ExportStatus; bytes: number }> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 25);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  try {
    const answer = await core.call('startExport', { document: 'appeals', filters, includePersonalData: true });
    if (!answer.ok) throw new Error(`startExport: ${answer.error.message}`);
    const { jobId } = answer.value as { jobId: string };
    const status = await new Promise<ExportStatus>((resolve, reject) => {
      const check = () =>
        core.handlers.exportStatus({ jobId }).then((s) => {
          if (s.state === 'running') return;
          off();
          if (s.state === 'done') resolve(s);
          else reject(new Error(`export ${s.state}: ${s.error ?? ''}`));
        }, reject);
      const off = core.onChange((event) => {
        if (event.entity === 'export' && event.ids.includes(jobId)) void check();
      });
      void check();
    });
    const seconds = (performance.now() - started) / 1000;
    const file = core.exports.finishedFile(jobId);
    return { seconds, peakRssMb: peakRss / 2 ** 20, stallMs: loop.max / 1e6, status, bytes: file ? statSync(file.path).size : 0 };
  } finally {
    clearInterval(sampler);
    loop.disable();
  }
}

const benchmark: Benchmark = {
  description: '«Экспорт в Excel»: 100,000 appeals to XLSX through the real export job (core → DB worker pages → exceljs stream)',
  async run({ options, progress }) {
    const params = {
      ...seasonSizeOptions(options, DEFAULTS),
      runs: Math.max(1, intOption(options, 'runs', DEFAULTS.runs)),
    };
    const metrics: Record<string, number> = {};
    await inTempDataDir('exports', (dataDir) =>
      withCore(dataDir, () => DEFAULT_SEASON.asOf, async (core) => {
        progress(`loading ${params.buildings} buildings and ${params.appeals} appeals`);
        const { load } = await loadSeason(core, params);
        metrics['appeals'] = load.appeals;
        metrics['rss_before_export_mb'] = round(process.memoryUsage().rss / 2 ** 20, 0);
        const runs: Awaited<ReturnType<typeof measureAppealsExport>>[] = [];
        for (let i = 0; i < params.runs; i++) {
          const run = await measureAppealsExport(core);
          progress(`export ${i + 1}/${params.runs}: ${run.status.written} rows in ${run.seconds.toFixed(2)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB`);
          runs.push(run);
        }
        const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b);
        const median = seconds[Math.floor(seconds.length / 2)] ?? 0;
        const rows = runs[0]?.status.written ?? 0;
        Object.assign(metrics, {
          xlsx_export_100k_s: round(median * (100_000 / Math.max(1, rows)), 2),
          xlsx_export_s_median: round(median, 2),
          xlsx_export_s_max: round(seconds.at(-1) ?? 0, 2),
          xlsx_rows: rows,
          xlsx_rows_per_s: Math.round(rows / median),
          xlsx_file_mb: round((runs[0]?.bytes ?? 0) / 2 ** 20, 1),
          export_peak_rss_mb: round(Math.max(...runs.map((r) => r.peakRssMb)), 0),
          export_rss_growth_mb: round(Math.max(...runs.map((r) => r.peakRssMb)) - (metrics['rss_before_export_mb'] ?? 0), 0),
          event_loop_max_stall_ms: round(Math.max(...runs.map((r) => r.stallMs)), 0),
        });
      }),
    );
    return {
      metrics,
      params,
      targets: { xlsx_export_100k_s: { below: 10 } },
      notes: [
        'xlsx_export_100k_s: the median run, scaled to 100,000 rows when --appeals differs; the whole city list with names and phones (16 columns).',
        'export_peak_rss_mb: the process (core and DB worker thread) sampled every 25 ms during the exports; rss_before_export_mb is after seeding, export_rss_growth_mb the difference.',
        'event_loop_max_stall_ms: the longest the core thread was busy at once (the job yields every 100 rows; a loaded machine adds the wait for a CPU).',
      ],
    };
  },
};

export default benchmark;
