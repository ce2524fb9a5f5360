// The `lifecycle` benchmark: a season of appeals (500,000 by default) over a 10,000-building
// register, plus a few thousand appeals registered through the core in the last days and still
// open (the season generator leaves only a few hundred open) — then the two lists a controller
// keeps open all day, first page through the core (zod validation, the DB worker, the reply):
// «Сроки» (listDue: overdue, within the hour, today; the city and each district) and «Адреса на
// контроле» (listControlAddresses: the city, each district, a management organisation) — and, for
// information, the appeal card opened from those lists (getAppealCard).
import type { Core } from '../electron/core/core.js';
import { Random } from '../electron/core/demo/random.js';
import { DEFAULT_SEASON, registerInputs } from '../electron/core/demo/season.js';
import { DUE_BUCKETS, type ListDueInput } from '../shared/contract/alerts-schemas.js';
import type { ListControlAddressesInput } from '../shared/contract/register-schemas.js';
import { DISTRICTS } from '../shared/domain/districts.js';
import { inTempDataDir, loadSeason, measureAppealCard, seasonSizeOptions, withCore } from './lib/bench-core.js';
import { intOption, type Benchmark } from './lib/benchmark.js';
import { latencyMetrics, round, timeSequential } from './lib/stats.js';

const PAGE = 50;
const HOUR = 60 * 60 * 1000;
const DEFAULTS = { appeals: 500_000, buildings: 10_000, open: 3_000 } as const;

const benchmark: Benchmark = {
  description: '«Сроки» (listDue) and «Адреса на контроле» (listControlAddresses), first page through the core on a season of appeals',
  async run({ options, progress }) {
    const params = {
      ...seasonSizeOptions(options, DEFAULTS),
      recentOpen: intOption(options, 'recent-open', DEFAULTS.open),
      warmup: intOption(options, 'warmup', 100),
      calls: intOption(options, 'calls', 1_000),
      loadBatch: intOption(options, 'load-batch', 10_000),
    };
    const metrics: Record<string, number> = {};
    // A fixed moment: the season's "as of", 11:00 in Samara; the clock stands still while measuring.
    const clock = { now: DEFAULT_SEASON.asOf };
    await inTempDataDir('lifecycle', (dataDir) =>
      withCore(dataDir, () => clock.now, async (core) => {
        progress(`generating and loading ${params.buildings} buildings, ${params.appeals} appeals`);
        const { register, load, ms } = await loadSeason(core, params);
        metrics['load_ms'] = Math.round(ms);
        metrics['appeals'] = load.appeals;

        // The last days' calls, still open: received up to two days ago, so that some are
        // overdue, some due within the hour and some later today.
        progress(`registering ${params.recentOpen} recent open appeals through the core`);
        const random = new Random(params.seed).fork('lifecycle-recent');
        for (const input of registerInputs(register, params.recentOpen, params.seed + 7)) {
          const receivedAt = clock.now - Math.floor(random.next() * 48 * HOUR);
          const envelope = await core.call('registerAppeal', { ...input, receivedAt });
          if (!envelope.ok) throw new Error(`registerAppeal failed: ${envelope.error.message}`);
        }
        const counts = await core.handlers.dueCounts({});
        const control = await core.handlers.listControlAddresses({ offset: 0, limit: 1 });
        const openTotal = await core.handlers.listAppeals({ statuses: ['registered', 'transferred', 'in_progress', 'done_by_executor', 'verified', 'returned'], sort: { field: 'deadlineAt', direction: 'asc' }, offset: 0, limit: 1 });
        Object.assign(metrics, {
          open_appeals: openTotal.total,
          due_overdue: counts.overdue,
          due_within_hour: counts.withinHour,
          due_today: counts.today,
          control_addresses: control.total,
        });

        // «Сроки»: each bucket for the city and for each district.
        const dueQueries: ListDueInput[] = DUE_BUCKETS.flatMap((bucket) => [
          { bucket, offset: 0, limit: PAGE },
          ...DISTRICTS.map((district) => ({ bucket, district, offset: 0, limit: PAGE })),
        ]);
        const dueOne = (q: ListDueInput) => callOk(core, 'listDue', q);
        progress(`listDue: ${params.warmup} warm-up + ${params.calls} measured calls over ${dueQueries.length} queries`);
        await timeSequential(cycle(dueQueries, params.warmup), dueOne);
        Object.assign(metrics, latencyMetrics('due_list', await timeSequential(cycle(dueQueries, params.calls), dueOne)));
        const countQueries = [{}, ...DISTRICTS.map((district) => ({ district }))];
        Object.assign(
          metrics,
          latencyMetrics('due_counts', await timeSequential(cycle(countQueries, params.calls), (q) => callOk(core, 'dueCounts', q))),
        );

        // «Адреса на контроле»: the city, each district, and the organisations with most addresses on control.
        const onControl = await core.handlers.listControlAddresses({ offset: 0, limit: 500 });
        const orgs = [...new Set(onControl.rows.map((r) => r.managementOrgId).filter((id): id is string => id !== null))].slice(0, 10);
        const controlQueries: ListControlAddressesInput[] = [
          { offset: 0, limit: PAGE },
          ...DISTRICTS.map((district) => ({ district, offset: 0, limit: PAGE })),
          ...orgs.map((managementOrgId) => ({ managementOrgId, offset: 0, limit: PAGE })),
        ];
        const controlOne = (q: ListControlAddressesInput) => callOk(core, 'listControlAddresses', q);
        progress(`listControlAddresses: ${params.warmup} warm-up + ${params.calls} measured calls over ${controlQueries.length} queries`);
        await timeSequential(cycle(controlQueries, params.warmup), controlOne);
        Object.assign(metrics, latencyMetrics('control_list', await timeSequential(cycle(controlQueries, params.calls), controlOne)));

        // The appeal card opened from those lists.
        progress(`getAppealCard: ${params.warmup} warm-up + ${params.calls} measured calls`);
        Object.assign(metrics, await measureAppealCard(core, params.warmup, params.calls));

        // For information: the first alert check on this data raises every overdue and due-soon appeal at once.
        const started = performance.now();
        metrics['first_alert_check_alerts'] = (await core.handlers.checkAlerts({})).length;
        metrics['first_alert_check_ms'] = round(performance.now() - started);
      }),
    );
    return {
      metrics,
      params,
      targets: { due_list_p95_ms: { below: 10 }, control_list_p95_ms: { below: 10 } },
      notes: [
        'core.call() from the main thread: zod validation, postMessage to the DB worker, the SQLite query, the reply',
        `due_list: listDue first page (${PAGE} rows + total), buckets overdue / within_hour / today, for the city and each of the nine districts, in turn`,
        'control_list: listControlAddresses first page, for the city, each district and the ten first management organisations on control',
        'appeal_card: getAppealCard of the 50 newest duplicates, open appeals and closed ones, in turn (the card the operator opens from a list)',
        'open appeals: the season generator\'s own plus recent-open registered through the core, received up to 48 h before the clock',
      ],
    };
  },
};

export default benchmark;

async function callOk(core: Core, method: 'listDue' | 'dueCounts' | 'listControlAddresses', input: unknown): Promise<void> {
  const envelope = await core.call(method, input);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
}

function cycle<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[i % items.length] as T);
}
