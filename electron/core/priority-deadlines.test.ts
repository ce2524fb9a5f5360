// Priority and the pending deadline through the core: registration takes the priority (or the
// category's default) into the rules, the stored pending deadline follows the workflow and agrees
// with the card, «Сроки» and the alerts go by it, a rule change leaves registered appeals alone, and
// migration 008 brings a version-7 database along.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Appeal } from '../../shared/contract/schemas.js';
import { nextDeadline } from '../../shared/domain/deadline-progress.js';
import { DEFAULT_DEADLINE_RULES, ruleKey } from '../../shared/domain/deadline-rules.js';
import { DATABASE_FILE } from './core.js';
import { migrate } from './db/migrate.js';
import { MIGRATIONS } from './db/migrations/index.js';
import { CALL, openTestCore, REGISTER, tempDir, type TestCore } from './test/temp-core.js';

const MIN = 60_000;
const H = 60 * MIN;
const ADMIN = { name: 'Администратор', role: 'admin', district: null } as const;
const CONTROLLER = { name: 'Петрова', role: 'district_controller', district: 'Октябрьский' } as const;

let open: TestCore[] = [];
async function start(): Promise<TestCore> {
  const t = await openTestCore();
  await t.core.db.call('seed', REGISTER);
  await t.core.handlers.setWorkstationUser(CONTROLLER);
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open) await t.core.close();
  open = [];
});

function stored(dataDir: string, id: string) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT status, priority, reaction_deadline_at AS reaction, check_deadline_at AS "check", deadline_at AS resolution,
           feedback_deadline_at AS feedback, answer_deadline_at AS answer, next_deadline_at AS nextAt, next_deadline_kind AS nextKind,
           EXISTS (SELECT 1 FROM appeal_events e WHERE e.appeal_id = appeals.id AND e.type IN ('verify', 'verify_failed')) AS checked
         FROM appeals WHERE id = ?`,
      )
      .get(id) as {
      status: Appeal['status'];
      priority: string;
      reaction: number | null;
      check: number | null;
      resolution: number;
      feedback: number | null;
      answer: number | null;
      nextAt: number | null;
      nextKind: string | null;
      checked: number;
    };
  } finally {
    db.close();
  }
}

async function listed(t: TestCore, input: Record<string, unknown>): Promise<Appeal[]> {
  const r = await t.core.call('listAppeals', input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.value as { rows: Appeal[] }).rows;
}

async function act(t: TestCore, id: string, data: Record<string, unknown>): Promise<Appeal> {
  const card = await t.core.handlers.getAppealCard({ id });
  const r = await t.core.call('appealAction', { appealId: id, expectedVersion: card.appeal.version, data });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as Appeal;
}

describe('priority at registration', () => {
  it('defaults to the category: no heating and a leak are emergencies, the rest normal', async () => {
    const t = await start();
    const leak = await t.core.handlers.registerAppeal({ ...CALL, category: 'heating_leak' });
    const cold = await t.core.handlers.registerAppeal({ ...CALL, category: 'low_temperature' });
    expect(leak).toMatchObject({ priority: 'emergency', deadlineAt: t.clock.now + 30 * MIN });
    expect(cold.priority).toBe('normal');
    expect(stored(t.dataDir, leak.id).reaction).toBe(t.clock.now + 10 * MIN);
    expect(stored(t.dataDir, cold.id).reaction).toBe(t.clock.now + H);
  });

  it('the operator’s priority wins over the category’s and sets the deadlines', async () => {
    const t = await start();
    const urgent = await t.core.handlers.registerAppeal({ ...CALL, category: 'air_lock', priority: 'emergency' });
    expect(urgent).toMatchObject({ priority: 'emergency', deadlineAt: t.clock.now + 30 * MIN });
    const calm = await t.core.handlers.registerAppeal({ ...CALL, category: 'no_heating', priority: 'normal' });
    expect(calm.priority).toBe('normal');
    expect(stored(t.dataDir, calm.id).reaction).toBe(t.clock.now + H);
    // No heating is still a quality complaint: its 2-hour check is the category's, not the priority's.
    expect(stored(t.dataDir, calm.id).check).toBe(t.clock.now + 2 * H);
    const preview = await t.core.handlers.previewDeadlines({ category: 'no_heating', priority: 'normal', channel: 'district_hotline' });
    expect(preview.deadlines.find((d) => d.kind === 'resolution')?.at).toBe(calm.deadlineAt);
  });

  it('an unknown priority is refused in Russian and nothing is registered', async () => {
    const t = await start();
    const r = await t.core.call('registerAppeal', { ...CALL, priority: 'urgent' });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'priority', message: expect.stringMatching(/приоритет/) }] } });
    expect(await listed(t, {})).toEqual([]);
  });

  it('the list shows the priority and filters by it', async () => {
    const t = await start();
    await t.core.handlers.registerAppeal({ ...CALL, category: 'no_heating' });
    await t.core.handlers.registerAppeal({ ...CALL, category: 'noise' });
    const emergencies = await listed(t, { priority: 'emergency' });
    expect(emergencies.map((a) => [a.category, a.priority])).toEqual([['no_heating', 'emergency']]);
    expect((await listed(t, { priority: 'normal' })).map((a) => a.category)).toEqual(['noise']);
  });
});

describe('the pending deadline', () => {
  it('moves with the workflow and always agrees with the rules of deadline-progress.ts and the card', async () => {
    const t = await start();
    const a = await t.core.handlers.registerAppeal({ ...CALL, channel: 'email' });
    const agree = async (kind: string) => {
      const s = stored(t.dataDir, a.id);
      expect(s.nextKind).toBe(kind);
      const pure = nextDeadline(s.status, s, s.checked === 1);
      expect(pure).toEqual({ kind: s.nextKind, at: s.nextAt });
      const card = await t.core.handlers.getAppealCard({ id: a.id });
      const pending = card.deadlines.filter((d) => d.state === 'pending' || d.state === 'overdue').sort((x, y) => x.at - y.at)[0];
      expect(pending?.kind).toBe(kind);
    };
    await agree('reaction');
    t.clock.now += 5 * MIN;
    await act(t, a.id, { action: 'transfer', executorOrgId: 'uk-1', method: 'system', contactPerson: '' });
    await agree('check');
    await act(t, a.id, { action: 'take_in_work' });
    t.clock.now += 30 * MIN;
    await act(t, a.id, { action: 'mark_done', whatWasDone: 'Стояк прогрет', doneAt: t.clock.now });
    await agree('check');
    await act(t, a.id, { action: 'verify', method: 'measurement', temperatures: [{ room: 'Комната', corner: false, celsius: 16 }], note: '' });
    // A failed check is a check: the work is due again, by the resolution deadline.
    await agree('resolution');
    await act(t, a.id, { action: 'mark_done', whatWasDone: 'Заменён кран', doneAt: t.clock.now });
    await agree('feedback');
    await act(t, a.id, { action: 'verify', method: 'call', temperatures: [], note: '' });
    await agree('feedback');
    t.clock.now += H;
    await act(t, a.id, { action: 'close', feedback: 'satisfied', attempts: 1, note: '' });
    expect(stored(t.dataDir, a.id)).toMatchObject({ nextAt: null, nextKind: null });
    const card = await t.core.handlers.getAppealCard({ id: a.id });
    expect(card.deadlines.map((d) => [d.kind, d.state])).toEqual([
      ['reaction', 'met'],
      ['check', 'met'],
      ['resolution', 'met'],
      ['feedback', 'met'],
      ['answer', 'met'],
    ]);
    expect(card.deadlines.every((d) => d.source !== '' && !d.sourceIsCurrent)).toBe(true);
  });

  it('«Сроки» lists each open appeal by its pending deadline and names the kind', async () => {
    const t = await start();
    const registered = await t.core.handlers.registerAppeal({ ...CALL, category: 'noise' });
    const transferred = await t.core.handlers.registerAppeal({ ...CALL, category: 'low_temperature' });
    await act(t, transferred.id, { action: 'transfer', executorOrgId: 'uk-1', method: 'system', contactPerson: '' });
    t.clock.now += 61 * MIN;
    const overdue = await t.core.handlers.listDue({ bucket: 'overdue', offset: 0, limit: 50 });
    expect(overdue.rows.map((r) => [r.id, r.deadlineKind, r.priority])).toEqual([[registered.id, 'reaction', 'normal']]);
    const soon = await t.core.handlers.listDue({ bucket: 'within_hour', offset: 0, limit: 50 });
    expect(soon.rows.map((r) => [r.id, r.deadlineKind])).toEqual([[transferred.id, 'check']]);
    expect(await t.core.handlers.dueCounts({})).toMatchObject({ overdue: 1, withinHour: 1 });
  });

  it('alerts come once per appeal, deadline kind and alert kind — and not again after a restart', async () => {
    const t = await start();
    const a = await t.core.handlers.registerAppeal({ ...CALL, category: 'noise' });
    t.clock.now += 61 * MIN;
    expect((await t.core.handlers.checkAlerts({})).map((x) => [x.deadlineKind, x.kind])).toEqual([['reaction', 'overdue']]);
    expect(await t.core.handlers.checkAlerts({})).toEqual([]);
    await act(t, a.id, { action: 'transfer', executorOrgId: 'uk-1', method: 'system', contactPerson: '' });
    // Noise has no check: the resolution (end of the day) is pending now, and later it comes due.
    expect(await t.core.handlers.checkAlerts({})).toEqual([]);
    const dataDir = t.dataDir;
    await t.core.close();
    open = [];
    const again = await openTestCore(dataDir, stored(dataDir, a.id).resolution - 30 * MIN);
    open.push(again);
    await again.core.handlers.setWorkstationUser(CONTROLLER);
    expect((await again.core.handlers.checkAlerts({})).map((x) => [x.deadlineKind, x.kind])).toEqual([['resolution', 'due_within_hour']]);
    again.clock.now += H;
    expect((await again.core.handlers.checkAlerts({})).map((x) => [x.deadlineKind, x.kind])).toEqual([['resolution', 'overdue']]);
    await again.core.close();
    open = [];
    const third = await openTestCore(dataDir, again.clock.now + H);
    open.push(third);
    await third.core.handlers.setWorkstationUser(CONTROLLER);
    expect(await third.core.handlers.checkAlerts({})).toEqual([]);
  });
});

describe('a change of the rules', () => {
  it('applies to the next registration and leaves an appeal registered before as it was', async () => {
    const t = await start();
    const before = await t.core.handlers.registerAppeal({ ...CALL, category: 'no_heating' });
    const cardBefore = await t.core.handlers.getAppealCard({ id: before.id });
    await t.core.handlers.setWorkstationUser(ADMIN);
    await t.core.handlers.updateDeadlineRule({
      kind: 'resolution',
      category: '*',
      priority: 'emergency',
      channel: '*',
      amount: 45,
      unit: 'minutes',
      source: 'Приказ по району № 7',
    });
    await t.core.handlers.setWorkstationUser(CONTROLLER);
    const after = await t.core.handlers.registerAppeal({ ...CALL, category: 'no_heating' });
    expect(after.deadlineAt).toBe(t.clock.now + 45 * MIN);
    expect((await t.core.handlers.getAppeal({ id: before.id })).appeal.deadlineAt).toBe(before.deadlineAt);
    expect(before.deadlineAt).toBe(before.receivedAt + 30 * MIN);
    const cardAfter = await t.core.handlers.getAppealCard({ id: before.id });
    expect(cardAfter.deadlines).toEqual(cardBefore.deadlines);
    expect(cardAfter.deadlines.find((d) => d.kind === 'resolution')?.source).toMatch(/ПП РФ от 15\.05\.2013 № 416/);
    expect((await t.core.handlers.getAppealCard({ id: after.id })).deadlines.find((d) => d.kind === 'resolution')?.source).toBe('Приказ по району № 7');
  });
});

describe('migration 008', () => {
  it('a new database holds exactly the default rules', async () => {
    const t = await start();
    const rules = (await t.core.handlers.listDeadlineRules({})).rules;
    expect(rules.map(({ updatedAt: _u, updatedBy: _b, ...r }) => r).sort((x, y) => ruleKey(x).localeCompare(ruleKey(y)))).toEqual(
      [...DEFAULT_DEADLINE_RULES].sort((x, y) => ruleKey(x).localeCompare(ruleKey(y))),
    );
  });

  it('brings a version-7 database along: priorities from the category, edited rules kept, pending deadlines and old alerts', () => {
    const db = new Database(join(tempDir('mig8'), 'a.sqlite'));
    db.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : ''));
    migrate(db, MIGRATIONS.filter((m) => m.version <= 7));
    const t0 = Date.UTC(2026, 10, 29, 6, 0);
    db.exec(`INSERT INTO buildings (id, district, address, search_key) VALUES ('b-1', 'Октябрьский', 'ул. Тестовая, 1', 'тестовая 1')`);
    const insert = db.prepare(`INSERT INTO appeals (id, number, building_id, district, applicant_name, channel, category, description, status,
      received_at, registered_at, registered_by, deadline_at, reaction_deadline_at, check_deadline_at, feedback_deadline_at, updated_at)
      VALUES (?, ?, 'b-1', 'Октябрьский', 'А', 'district_hotline', ?, 'x', ?, ?, ?, 'op', ?, ?, ?, ?, ?)`);
    insert.run('a-1', 'N-1', 'no_heating', 'registered', t0, t0, t0 + 30 * MIN, t0 + 10 * MIN, t0 + 2 * H, t0 + 30 * H, t0);
    insert.run('a-2', 'N-2', 'noise', 'done_by_executor', t0, t0, t0 + 10 * H, t0 + H, null, t0 + 30 * H, t0);
    insert.run('a-3', 'N-3', 'low_temperature', 'closed', t0, t0, t0 + 10 * H, t0 + H, t0 + 2 * H, t0 + 30 * H, t0);
    db.exec(`INSERT INTO deadline_alerts (appeal_id, kind, deadline_at, notified_at) VALUES ('a-1', 'overdue', ${t0 + 30 * MIN}, ${t0 + H})`);
    db.exec(`UPDATE deadline_rules SET amount = 20, updated_at = ${t0}, updated_by = 'Админ' WHERE kind = 'resolution' AND category = 'heating_leak'`);
    migrate(db);
    const appeals = db.prepare('SELECT id, priority, next_deadline_at AS nextAt, next_deadline_kind AS nextKind FROM appeals ORDER BY id').all();
    expect(appeals).toEqual([
      { id: 'a-1', priority: 'emergency', nextAt: t0 + 10 * MIN, nextKind: 'reaction' },
      { id: 'a-2', priority: 'normal', nextAt: t0 + 30 * H, nextKind: 'feedback' },
      { id: 'a-3', priority: 'normal', nextAt: null, nextKind: null },
    ]);
    const rules = db.prepare("SELECT category, priority, amount FROM deadline_rules WHERE kind = 'resolution' ORDER BY category, priority").all();
    expect(rules).toEqual([
      { category: '*', priority: '*', amount: 0 },
      { category: '*', priority: 'emergency', amount: 30 },
      { category: 'heating_leak', priority: '*', amount: 20 },
    ]);
    expect(db.prepare('SELECT appeal_id, deadline_kind, kind FROM deadline_alerts').all()).toEqual([
      { appeal_id: 'a-1', deadline_kind: 'resolution', kind: 'overdue' },
    ]);
    db.close();
  });
});
