// The `core` benchmark: a heating season of appeals (500,000 by default) over a 10,000-building
// register, loaded through the core; then the two operations an operator feels most —
// registering an appeal and opening the first page of a district's list — through the whole
// service layer (zod validation, the hop to the DB worker, the transaction with its outbox op),
// and for comparison the same SQL work on a bare better-sqlite3 connection to the same file.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { DATABASE_FILE, type Core } from '../electron/core/core.js';
import type { ListAppealsInput, RegisterAppealInput } from '../shared/contract/schemas.js';
import type { AppealStatus } from '../shared/domain/appeal-vocabulary.js';
import { resolutionDeadline } from '../shared/domain/deadlines.js';
import { DISTRICTS, type District } from '../shared/domain/districts.js';
import { formatHlc, hlcTick, parseHlc } from '../shared/domain/hlc.js';
import { provisionalNumber, workstationCode } from '../shared/domain/registration-number.js';
import { samaraYear } from '../shared/domain/samara-time.js';
import { SCHEMA_VERSION } from '../shared/sync/op.js';
import { Random } from '../electron/core/demo/random.js';
import { DEFAULT_SEASON, OPEN_STATUSES, registerInputs } from '../electron/core/demo/season.js';
import { inTempDataDir, loadSeason, seasonSizeOptions, withCore } from './lib/bench-core.js';
import { intOption, type Benchmark } from './lib/benchmark.js';
import { latencyMetrics, round, timeSequential } from './lib/stats.js';

/** One list request: a district (or the whole city) and the statuses shown. */
interface ListQuery {
  readonly district?: District;
  readonly statuses: readonly AppealStatus[];
}

const PAGE = 50;
/** The benchmark's city: a season of half a million appeals over 10,000 buildings, in the fixed 2025/26 season. */
const DEFAULTS = { appeals: 500_000, buildings: 10_000 } as const;

const benchmark: Benchmark = {
  description: 'register and first-page list through the core on a season of appeals, and on bare better-sqlite3',
  async run({ options, progress }) {
    const params = {
      ...seasonSizeOptions(options, DEFAULTS),
      registerWarmup: intOption(options, 'register-warmup', 200),
      registerCalls: intOption(options, 'register-calls', 2_000),
      listWarmup: intOption(options, 'list-warmup', 100),
      listCalls: intOption(options, 'list-calls', 1_000),
      onControlCalls: intOption(options, 'on-control-calls', 300),
      loadBatch: intOption(options, 'load-batch', 10_000),
      season: { from: new Date(DEFAULT_SEASON.from).toISOString(), asOf: new Date(DEFAULT_SEASON.asOf).toISOString() },
    };
    const metrics: Record<string, number> = {};
    // The clock runs on from the season's "as of" moment, so new appeals come after the generated ones.
    const wallStart = Date.now();
    const clock = () => DEFAULT_SEASON.asOf + (Date.now() - wallStart);
    const singleStatus = singleStatusQueries(params.seed);
    const onControlByDistrict: ListQuery[] = DISTRICTS.map((district) => ({ district, statuses: OPEN_STATUSES }));
    const onControlCity: ListQuery[] = [{ statuses: OPEN_STATUSES }];

    await inTempDataDir('core', async (dataDir) => {
      const file = join(dataDir, DATABASE_FILE);
      const register = await withCore(dataDir, clock, async (core) => {
        progress(`generating and loading ${params.buildings} buildings, ${params.organisations} organisations, ${params.appeals} appeals`);
        const { register, load, ms: loadMs } = await loadSeason(core, params);
        Object.assign(metrics, {
          load_ms: Math.round(loadMs),
          load_appeals_per_s: Math.round(load.appeals / (loadMs / 1000)),
          organisations: load.organisations,
          buildings: load.buildings,
          appeals: load.appeals,
        });
        progress(`loaded in ${(loadMs / 1000).toFixed(1)} s`);
        metrics['open_appeals'] = (await coreList(core, onControlCity[0] as ListQuery)).total;

        // Registration: the operator saves the intake form.
        const inputs = registerInputs(register, params.registerWarmup + params.registerCalls, params.seed);
        const registerOne = async (input: RegisterAppealInput) => {
          const envelope = await core.call('registerAppeal', input);
          if (!envelope.ok) throw new Error(`registerAppeal failed: ${envelope.error.message}`);
        };
        progress(`registerAppeal: ${params.registerWarmup} warm-up + ${params.registerCalls} measured calls`);
        await timeSequential(inputs.slice(0, params.registerWarmup), registerOne);
        Object.assign(metrics, latencyMetrics('register', await timeSequential(inputs.slice(params.registerWarmup), registerOne)));

        // The list: a district's appeals in one open status, nearest deadline first, first page.
        progress(`listAppeals: ${params.listWarmup} warm-up + ${params.listCalls} measured calls`);
        let totals = 0;
        const listOne = async (q: ListQuery) => {
          totals += (await coreList(core, q)).total;
        };
        await timeSequential(cycle(singleStatus, params.listWarmup), listOne);
        totals = 0;
        Object.assign(metrics, latencyMetrics('list_first_page', await timeSequential(cycle(singleStatus, params.listCalls), listOne)));
        metrics['list_first_page_mean_total'] = Math.round(totals / Math.max(1, params.listCalls));

        // For information: the lists people open most — everything on control in a district, and
        // in the whole city for the Department.
        progress(`listAppeals on control: ${params.onControlCalls} calls by district, ${params.onControlCalls} for the city`);
        const listAny = (q: ListQuery) => coreList(core, q);
        await timeSequential(cycle(onControlByDistrict, 20), listAny);
        Object.assign(
          metrics,
          latencyMetrics('list_on_control_district', await timeSequential(cycle(onControlByDistrict, params.onControlCalls), listAny)),
        );
        Object.assign(
          metrics,
          latencyMetrics('list_on_control_city', await timeSequential(cycle(onControlCity, params.onControlCalls), listAny)),
        );
        return register;
      });
      metrics['db_size_mb'] = round(statSync(file).size / 2 ** 20, 1);

      // The same work on a bare connection: no validation, no worker, no repositories.
      progress('bare better-sqlite3: the same register and list work on the same file');
      const bare = bareConnection(file, clock);
      try {
        const started = performance.now();
        bare.quickCheck();
        metrics['bare_quick_check_ms'] = Math.round(performance.now() - started);
        const inputs = registerInputs(register, params.registerWarmup + params.registerCalls, params.seed + 1);
        const registerOne = (input: RegisterAppealInput) => bare.register(input);
        await timeSequential(inputs.slice(0, params.registerWarmup), registerOne);
        Object.assign(metrics, latencyMetrics('bare_register', await timeSequential(inputs.slice(params.registerWarmup), registerOne)));
        const listOne = (q: ListQuery) => bare.list(q);
        await timeSequential(cycle(singleStatus, params.listWarmup), listOne);
        Object.assign(metrics, latencyMetrics('bare_list', await timeSequential(cycle(singleStatus, params.listCalls), listOne)));
      } finally {
        bare.close();
      }
    });

    return {
      metrics,
      params,
      targets: { register_p95_ms: { below: 1 }, list_first_page_p95_ms: { below: 5 } },
      notes: [
        'register/list_*: core.call() from the main thread: zod validation, postMessage to the DB worker, the SQLite work (WAL, synchronous=FULL), the reply',
        'bare_*: one better-sqlite3 connection on the main thread with the same pragmas, writing the same rows (appeal, event, outbox op, counters) and running the same list SQL',
        'list_first_page: one district, one open status, nearest deadline first, 50 rows plus the total; list_on_control_*: all open statuses, by district and for the whole city',
        'load_ms: generating the register and the season and loading them through the core\'s seed request',
        'bare_quick_check_ms: PRAGMA quick_check on the loaded file, which the core runs at every start',
      ],
    };
  },
};

export default benchmark;

/** District × open status pairs, shuffled the same way every run. */
function singleStatusQueries(seed: number): ListQuery[] {
  const random = new Random(seed).fork('list-queries');
  return random.shuffle(DISTRICTS.flatMap((district) => OPEN_STATUSES.map((status) => ({ district, statuses: [status] }))));
}

function cycle<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[i % items.length] as T);
}

async function coreList(core: Core, q: ListQuery): Promise<{ total: number }> {
  const input: ListAppealsInput = {
    ...(q.district ? { district: q.district } : {}),
    statuses: [...q.statuses],
    sort: { field: 'deadlineAt', direction: 'asc' },
    offset: 0,
    limit: PAGE,
  };
  const envelope = await core.call('listAppeals', input);
  if (!envelope.ok) throw new Error(`listAppeals failed: ${envelope.error.message}`);
  return envelope.value as { total: number };
}

/**
 * Registration and the list as plain prepared statements on their own connection, doing the same
 * database work as LocalStore.registerAppeal and AppealsRepository.list.
 */
function bareConnection(file: string, clock: () => number) {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');

  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const deviceId = getMeta.get('device_id')?.value ?? 'bench-device';
  const code = workstationCode(deviceId);
  const nextCounter = (name: string) => {
    const next = Number(getMeta.get(name)?.value ?? '0') + 1;
    setMeta.run(name, String(next));
    return next;
  };
  const building = db.prepare<[string], { id: string; district: string }>(
    `SELECT b.id, b.district, o.name AS managementOrg FROM buildings b LEFT JOIN organisations o ON o.id = b.management_org_id WHERE b.id = ?`,
  );
  const insertAppeal = db.prepare(`INSERT INTO appeals
    (id, number, building_id, district, flat, applicant_name, applicant_phone, channel, category, description,
     status, executor_org_id, received_at, registered_at, registered_by, deadline_at, version, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', NULL, ?, ?, ?, ?, 1, ?)`);
  const insertEvent = db.prepare('INSERT INTO appeal_events (id, appeal_id, type, at, by, data) VALUES (?, ?, ?, ?, ?, ?)');
  const insertOp = db.prepare(`INSERT INTO outbox
    (device_seq, op_id, device_id, hlc, user_id, entity_type, entity_id, base_version, schema_version, command, payload, created_at)
    VALUES (?, ?, ?, ?, ?, 'appeal', ?, 0, ?, 'register_appeal', ?, ?)`);
  const columns = `a.id, a.number, a.official_number, a.building_id, b.address, a.district, a.flat,
    a.applicant_name, a.applicant_phone, a.channel, a.category, a.description, a.status, o.name AS executor_name,
    a.received_at, a.registered_at, a.registered_by, a.deadline_at, a.version`;
  const joins = 'JOIN buildings b ON b.id = a.building_id LEFT JOIN organisations o ON o.id = a.executor_org_id';
  const byId = db.prepare(`SELECT ${columns} FROM appeals a ${joins} WHERE a.id = ?`);
  const order = 'ORDER BY a.deadline_at ASC, a.rowid ASC';
  const listRows = db.prepare(`SELECT ${columns}
    FROM (SELECT a.rowid AS rid FROM appeals a WHERE a.district = ? AND a.status IN (?) ${order} LIMIT ? OFFSET ?) p
    CROSS JOIN appeals a ON a.rowid = p.rid ${joins} ${order}`);
  const listCount = db.prepare('SELECT count(*) AS n FROM appeals a WHERE a.district = ? AND a.status IN (?)');

  const registerTx = db.transaction((input: RegisterAppealInput, district: string, nowMs: number) => {
    const id = uuidv7({ msecs: nowMs });
    const receivedAt = input.receivedAt ?? nowMs;
    const number = provisionalNumber(samaraYear(receivedAt), code, nextCounter('appeal_number'));
    const deadlineAt = resolutionDeadline(receivedAt, input.category);
    const by = 'Оператор';
    insertAppeal.run(
      id, number, input.buildingId, district, input.flat ?? '', input.applicantName, input.applicantPhone ?? '',
      input.channel, input.category, input.description, receivedAt, nowMs, by, deadlineAt, nowMs,
    );
    insertEvent.run(uuidv7({ msecs: nowMs }), id, 'registered', nowMs, by, JSON.stringify({ number, channel: input.channel }));
    const stored = getMeta.get('hlc')?.value;
    const hlc = formatHlc(hlcTick(stored ? parseHlc(stored) : { wallMs: 0, counter: 0, node: code }, nowMs));
    setMeta.run('hlc', hlc);
    const payload = {
      id, number, buildingId: input.buildingId, district, flat: input.flat ?? '', applicantName: input.applicantName,
      applicantPhone: input.applicantPhone ?? '', channel: input.channel, category: input.category, description: input.description,
      status: 'registered', executorOrgId: null, receivedAt, registeredAt: nowMs, registeredBy: by, deadlineAt,
    };
    insertOp.run(nextCounter('device_seq'), uuidv7({ msecs: nowMs }), deviceId, hlc, by, id, SCHEMA_VERSION, JSON.stringify(payload), nowMs);
    return byId.get(id);
  });

  return {
    quickCheck(): void {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new Error(`quick_check: ${String(result)}`);
    },
    register(input: RegisterAppealInput): unknown {
      const b = building.get(input.buildingId);
      if (!b) throw new Error(`no building ${input.buildingId}`);
      return registerTx.immediate(input, b.district, clock());
    },
    /** The benchmark's list shape only: one district, one status. */
    list(q: ListQuery): { rows: unknown[]; total: number } {
      const [status] = q.statuses;
      if (!q.district || q.statuses.length !== 1) throw new Error('the bare list takes one district and one status');
      const rows = listRows.all(q.district, status, PAGE, 0);
      const total = (listCount.get(q.district, status) as { n: number }).n;
      return { rows, total };
    },
    close(): void {
      db.close();
    },
  };
}
