// The `reports` benchmark: «Итоги дня» on a season of 500,000 appeals across the nine districts,
// each with the history its commands would have written (the demo's generator), through the core
// (zod validation, the DB worker, the reply).
//
// `seedReportsData` builds the data folder and is exported for the other measurements of the
// documents (an XLSX export of 100,000 appeals opens a core on the same folder): call it, then
// open a core on the folder (`withCore(dataDir, () => asOf, …)`, lib/bench-core.ts), measure, and remove the folder.
import type { Core } from '../electron/core/core.js';
import { demoRegister, DEMO_SIZE, demoStories } from '../electron/core/demo/demo-data.js';
import { loadRegisterAndStories } from '../electron/core/demo/load.js';
import { samaraMidnight, SeasonExtras } from '../electron/core/demo/season.js';
import type { DaySummaryInput } from '../shared/contract/report-schemas.js';
import { DISTRICTS } from '../shared/domain/districts.js';
import { shiftDay, summaryDayOf } from '../shared/reports/summary-day.js';
import { CATEGORIES } from '../shared/domain/appeal-vocabulary.js';
import { measureAppealsExport } from './exports.js';
import { inTempDataDir, measureAppealCard, withCore } from './lib/bench-core.js';
import { intOption, type Benchmark } from './lib/benchmark.js';
import { latencyMetrics, round, timeSequential } from './lib/stats.js';

const HOUR = 60 * 60 * 1000;

export interface ReportsDataOptions {
  readonly seed: number;
  readonly appeals: number;
  /** Days of the season; it ends at `asOf`, in the thick of the winter like the demo's. */
  readonly seasonDays: number;
  readonly asOf: number;
  readonly progress?: (message: string) => void;
}

/** The moment the benchmark's data stands as of: 27 February 2026, 19:00 in Samara (the deputy head's evening). */
export const REPORTS_AS_OF = samaraMidnight(2026, 2, 27) + 19 * HOUR;

export const REPORTS_DATA_DEFAULTS: ReportsDataOptions = { seed: 20251001, appeals: 500_000, seasonDays: 150, asOf: REPORTS_AS_OF };

/**
 * A data folder holding the demo city's register and a season of `appeals` appeals with their whole
 * histories up to `asOf`. The caller removes the folder.
 */
export async function seedReportsData(dataDir: string, options: ReportsDataOptions = REPORTS_DATA_DEFAULTS): Promise<{ appeals: number; events: number; ms: number }> {
  return withCore(dataDir, () => options.asOf, async (core) => {
    const size = { ...DEMO_SIZE, appeals: options.appeals, seasonDays: options.seasonDays };
    const register = demoRegister(options.seed, size);
    const extras = new SeasonExtras();
    const { workstationCode } = await core.handlers.appInfo({});
    options.progress?.(`generating and loading ${register.buildings.length} buildings and ${options.appeals} appeals with their histories`);
    const stories = demoStories(register, options.seed, options.asOf, extras, { size, avoidWorkstationCodes: [workstationCode] });
    const report = await loadRegisterAndStories((data) => core.db.call('seed', data), register, stories, extras, options.asOf);
    return { appeals: report.appeals, events: report.events, ms: report.ms };
  });
}

const benchmark: Benchmark = {
  description: '«Итоги дня» (daySummary) for the city and for each district on a season of appeals with their histories, through the core',
  async run({ options, progress }) {
    const data: ReportsDataOptions = {
      seed: intOption(options, 'seed', REPORTS_DATA_DEFAULTS.seed),
      appeals: intOption(options, 'appeals', REPORTS_DATA_DEFAULTS.appeals),
      seasonDays: intOption(options, 'season-days', REPORTS_DATA_DEFAULTS.seasonDays),
      asOf: REPORTS_AS_OF,
      progress,
    };
    const params = { ...data, progress: undefined, warmup: intOption(options, 'warmup', 10), calls: intOption(options, 'calls', 100) };
    const metrics: Record<string, number> = {};
    await inTempDataDir('reports', async (dataDir) => {
      const loaded = await seedReportsData(dataDir, data);
      Object.assign(metrics, { load_ms: Math.round(loaded.ms), appeals: loaded.appeals, events: loaded.events });
      await withCore(dataDir, () => data.asOf, async (core) => {
        const today = summaryDayOf(data.asOf);
        const yesterday = shiftDay(today, 1);
        const figures = await summary(core, { day: yesterday.date });
        Object.assign(metrics, {
          yesterday_received: figures.figures.received,
          yesterday_closed: figures.figures.closed,
          yesterday_open_at_end: figures.figures.open,
          yesterday_overdue_at_end: figures.figures.overdue,
          trend_received_14_days: figures.trend.reduce((sum, p) => sum + p.received, 0),
        });

        // The evening's question: today's «Итоги дня» of the city (the Department), at 19:00.
        progress(`city: ${params.warmup} warm-up + ${params.calls} measured daySummary calls for today, then for yesterday`);
        await timeSequential(cycle([{}], params.warmup), (q) => summary(core, q));
        const city = latencyMetrics('city_summary', await timeSequential(cycle([{}], params.calls), (q) => summary(core, q)));
        Object.assign(metrics, { city_summary_ms: city['city_summary_p95_ms'] }, city);
        // Yesterday, a finished day: the status of its open appeals at its end is read from their histories.
        await timeSequential(cycle([{ day: yesterday.date }], params.warmup), (q) => summary(core, q));
        Object.assign(metrics, latencyMetrics('city_summary_yesterday', await timeSequential(cycle([{ day: yesterday.date }], params.calls), (q) => summary(core, q))));

        const districtDays: DaySummaryInput[] = DISTRICTS.flatMap((district) => [{ district, day: yesterday.date }, { district }]);
        progress(`districts: ${params.calls} measured daySummary calls over the nine districts`);
        await timeSequential(cycle(districtDays, params.warmup), (q) => summary(core, q));
        Object.assign(metrics, latencyMetrics('district_summary', await timeSequential(cycle(districtDays, params.calls), (q) => summary(core, q))));

        // For information: a day two months back reads the moves since then (docs/reports.md).
        const old = shiftDay(today, 60);
        const oldSamples = await timeSequential(cycle([{ day: old.date }], Math.max(5, Math.floor(params.calls / 10))), (q) => summary(core, q));
        Object.assign(metrics, latencyMetrics('city_summary_60_days_back', oldSamples));

        // A drill-down: the city's open appeals at yesterday's end, first page.
        const drill = await timeSequential(cycle([{ day: yesterday.date, figure: 'open' as const }], Math.max(5, Math.floor(params.calls / 10))), async (q) => {
          const envelope = await core.call('daySummaryAppeals', q);
          if (!envelope.ok) throw new Error(envelope.error.message);
        });
        Object.assign(metrics, latencyMetrics('city_drill_down', drill));

        // For information: the appeal card on appeals with their histories (calls, repeated calls at
        // the building, duplicates and their originals).
        progress(`getAppealCard: ${params.warmup} warm-up + ${params.calls * 5} measured calls`);
        Object.assign(metrics, await measureAppealCard(core, params.warmup, params.calls * 5));

        // «Экспорт в Excel» through the real job on this season: the category whose list is nearest
        // 100,000 appeals, scaled to 100,000 rows as bench/exports.ts reports it.
        const counts = await Promise.all(CATEGORIES.map(async (category) => ({ category, total: (await core.handlers.listAppeals({ category, offset: 0, limit: 1, sort: { field: 'deadlineAt', direction: 'asc' } })).total })));
        const nearest = counts.reduce((a, b) => (Math.abs(b.total - 100_000) < Math.abs(a.total - 100_000) ? b : a));
        progress(`export: the ${nearest.total} appeals of category ${nearest.category} to XLSX`);
        const run = await measureAppealsExport(core, { category: nearest.category });
        Object.assign(metrics, {
          xlsx_export_100k_s: round(run.seconds * (100_000 / Math.max(1, run.status.written)), 2),
          xlsx_export_rows: run.status.written,
          xlsx_export_s: round(run.seconds, 2),
        });
      });
    });
    return {
      metrics,
      params,
      targets: { city_summary_ms: { below: 200 }, xlsx_export_100k_s: { below: 10 } },
      notes: [
        'core.call() from the main thread: zod validation, postMessage to the DB worker, the queries and the figures, the reply',
        'city_summary_ms: p95 of the city\'s (nine districts) «Итоги дня» for today at 19:00, the deputy head\'s evening; city_summary_yesterday: the finished day before; district_summary: each district, today and yesterday in turn',
        'xlsx_export_100k_s: one export of one category\'s appeals (the one nearest 100,000) with names and phones through startExport, scaled to 100,000 rows',
        `the season: ${data.seasonDays} days ending ${new Date(data.asOf).toISOString()} (19:00 Samara), the demo generator with every appeal's history`,
      ],
    };
  },
};

export default benchmark;

async function summary(core: Core, input: DaySummaryInput) {
  const envelope = await core.call('daySummary', input);
  if (!envelope.ok) throw new Error(`daySummary failed: ${envelope.error.message}`);
  return envelope.value as Awaited<ReturnType<Core['handlers']['daySummary']>>;
}

function cycle<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[i % items.length] as T);
}
