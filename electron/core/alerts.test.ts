// «Сроки» and deadline alerts through the core, with a moved clock: the buckets, the default
// district, and alerts raised exactly once per appeal and kind — also after a restart.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../shared/contract/schemas.js';
import { endOfSamaraDay } from '../../shared/domain/samara-time.js';
import type { NewAppeal } from './repositories/appeals.js';
import { createCore, type Core } from './core.js';
import { silentLogger } from './log.js';
import { openTestCore, REGISTER, tempDir, type TestCore } from './test/temp-core.js';

const MIN = 60_000;
// 10:00 in Samara (UTC+4).
const START = Date.UTC(2026, 10, 29, 6, 0);

function appeal(id: string, deadlineAt: number, over: Partial<NewAppeal> = {}): NewAppeal {
  return {
    id,
    number: `T-${id}`,
    buildingId: 'b-1',
    district: 'Октябрьский',
    flat: '',
    applicantName: 'Заявитель',
    applicantPhone: '',
    channel: 'district_hotline',
    category: 'low_temperature',
    priority: 'normal',
    description: 'Холодно',
    status: 'registered',
    executorOrgId: null,
    receivedAt: START - 60 * MIN,
    registeredAt: START - 60 * MIN,
    registeredBy: 'Тест',
    deadlineAt,
    // Only the resolution deadline: the buckets below go by it.
    reactionDeadlineAt: null,
    checkDeadlineAt: null,
    feedbackDeadlineAt: null,
    answerDeadlineAt: null,
    ...over,
  };
}

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

async function open(dataDir?: string): Promise<TestCore> {
  const t = await openTestCore(dataDir, START);
  cores.push(t.core);
  return t;
}

async function seeded(): Promise<TestCore> {
  const t = await open();
  await t.core.db.call('seed', {
    ...REGISTER,
    appeals: [
      appeal('late', START - 5 * MIN),
      appeal('soon', START + 30 * MIN),
      appeal('today', START + 3 * 60 * MIN),
      appeal('tomorrow', endOfSamaraDay(START) + 60 * MIN),
      appeal('closed-late', START - 10 * MIN, { status: 'closed' }),
      appeal('rejected-soon', START + 10 * MIN, { status: 'rejected' }),
      appeal('other-district', START + 20 * MIN, { buildingId: 'b-2', district: 'Ленинский' }),
    ],
  });
  return t;
}

describe('«Сроки»', () => {
  it('puts open appeals in the bucket of their deadline at the core clock', async () => {
    const { core } = await seeded();
    const ids = async (bucket: 'overdue' | 'within_hour' | 'today', district?: 'Октябрьский') =>
      (await core.handlers.listDue({ bucket, offset: 0, limit: 50, district })).rows.map((r) => r.id);
    expect(await ids('overdue')).toEqual(['late']);
    expect(await ids('within_hour')).toEqual(['other-district', 'soon']);
    expect(await ids('today')).toEqual(['today']);
    expect(await ids('within_hour', 'Октябрьский')).toEqual(['soon']);
    expect(await core.handlers.dueCounts({})).toEqual({ overdue: 1, withinHour: 2, today: 1, now: START });
    expect(await core.handlers.dueCounts({ district: 'Ленинский' })).toEqual({ overdue: 0, withinHour: 1, today: 0, now: START });
  });

  it('moves appeals between buckets as the clock moves; total counts beyond the page', async () => {
    const t = await seeded();
    t.clock.now = START + 45 * MIN;
    const overdue = await t.core.handlers.listDue({ bucket: 'overdue', offset: 0, limit: 2 });
    // The most recently overdue first.
    expect(overdue.rows.map((r) => r.id)).toEqual(['soon', 'other-district']);
    expect(overdue.total).toBe(3);
    expect(overdue.now).toBe(START + 45 * MIN);
    expect(await t.core.handlers.dueCounts({})).toMatchObject({ overdue: 3, withinHour: 0, today: 1 });
  });

  it('defaults to the workstation user’s district; the Department sees all', async () => {
    const t = await seeded();
    await t.core.handlers.setWorkstationUser({ name: 'Контролёр', role: 'district_controller', district: 'Ленинский' });
    expect(await t.core.handlers.dueCounts({})).toMatchObject({ overdue: 0, withinHour: 1, today: 0 });
    await t.core.handlers.setWorkstationUser({ name: 'Департамент', role: 'department', district: null });
    expect(await t.core.handlers.dueCounts({})).toMatchObject({ overdue: 1, withinHour: 2, today: 1 });
  });
});

describe('deadline alerts', () => {
  it('raises «due within the hour» and «overdue» once each, announced as alert events', async () => {
    const t = await seeded();
    const events: ChangeEvent[] = [];
    t.core.onChange((e) => events.push(e));
    const first = await t.core.handlers.checkAlerts({});
    expect(first.map((a) => `${a.appealId}:${a.kind}`)).toEqual(['late:overdue', 'other-district:due_within_hour', 'soon:due_within_hour']);
    expect(await t.core.handlers.checkAlerts({})).toEqual([]);
    t.clock.now = START + 35 * MIN;
    expect((await t.core.handlers.checkAlerts({})).map((a) => `${a.appealId}:${a.kind}`)).toEqual([
      'other-district:overdue',
      'soon:overdue',
    ]);
    expect(await t.core.handlers.checkAlerts({})).toEqual([]);
    const alertEvents = events.filter((e) => e.entity === 'alert');
    expect(alertEvents).toHaveLength(2);
    expect(alertEvents[1]?.alerts?.[0]).toMatchObject({ appealId: 'other-district', kind: 'overdue', notifiedAt: START + 35 * MIN });
  });

  it('does not raise them again after a restart', async () => {
    const dataDir = tempDir('alerts');
    const t = await open(dataDir);
    await t.core.db.call('seed', { ...REGISTER, appeals: [appeal('late', START - 5 * MIN)] });
    expect(await t.core.handlers.checkAlerts({})).toHaveLength(1);
    await t.core.close();
    cores.splice(cores.indexOf(t.core), 1);
    // A shell core ticks by itself at start; it must find nothing new.
    const again = await createCore({ dataDir, shell: 'browser', clock: () => START + MIN, log: silentLogger() });
    cores.push(again);
    const events: ChangeEvent[] = [];
    // Only alert events count here: the sync status may announce itself at start, timing-dependent.
    again.onChange((e) => {
      if (e.entity === 'alert') events.push(e);
    });
    expect(await again.handlers.checkAlerts({})).toEqual([]);
    expect(events).toEqual([]);
  });

  it('raises nothing for appeals already closed', async () => {
    const t = await open();
    await t.core.db.call('seed', { ...REGISTER, appeals: [appeal('closed-late', START - 5 * MIN, { status: 'closed' })] });
    expect(await t.core.handlers.checkAlerts({})).toEqual([]);
  });
});
