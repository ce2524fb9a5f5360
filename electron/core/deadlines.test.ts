// The deadline rules table in the core: registration uses the stored rules, only the admin changes
// them, bad input is refused and changes nothing, and calendar years can be imported.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samaraDate } from '../../shared/domain/samara-time.js';
import { CALL, openTestCore, REGISTER, type TestCore } from './test/temp-core.js';

let t: TestCore;

beforeEach(async () => {
  t = await openTestCore();
  await t.core.db.call('seed', REGISTER);
});
afterEach(async () => {
  await t.core.close();
});

const ADMIN = { name: 'Администратор', role: 'admin', district: null } as const;

describe('deadline rules in the core', () => {
  it('are seeded with the defaults and the calendar years 2025–2027', async () => {
    const list = await t.core.handlers.listDeadlineRules({});
    expect(list.rules.find((r) => r.kind === 'check' && r.category === 'low_temperature')).toMatchObject({ amount: 2, unit: 'hours' });
    expect(list.calendarYears.map((y) => y.year)).toEqual([2025, 2026, 2027]);
  });

  it('registration stores every deadline computed from the stored rules', async () => {
    const receivedAt = Date.UTC(2026, 10, 27, 19, 59); // Friday 23:59 in Samara
    t.clock.now = receivedAt + 60_000;
    const appeal = await t.core.handlers.registerAppeal({ ...CALL, channel: 'email', receivedAt });
    expect(samaraDate(appeal.deadlineAt)).toBe('2026-11-27');
    const row = await t.core.db.call('previewDeadlines', { category: 'low_temperature', priority: 'normal', channel: 'email', receivedAt });
    expect(row.find((d) => d.kind === 'check')?.at).toBe(receivedAt + 2 * 3_600_000);
    expect(samaraDate(row.find((d) => d.kind === 'feedback')?.at ?? 0)).toBe('2026-11-30');
  });

  it('only the admin may change a rule; the operator is refused in Russian and nothing changes', async () => {
    const before = await t.core.handlers.listDeadlineRules({});
    const change = { kind: 'resolution', category: 'low_temperature', priority: '*', channel: '*', amount: 4, unit: 'hours', source: 'Приказ по району' } as const;
    const refused = await t.core.call('updateDeadlineRule', change);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/администратор/) } });
    expect(await t.core.handlers.listDeadlineRules({})).toEqual(before);
    const calendar = await t.core.call('importCalendar', { text: '2028-01-03;holiday' });
    expect(calendar).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('bad input is refused and changes nothing', async () => {
    await t.core.handlers.setWorkstationUser(ADMIN);
    const before = await t.core.handlers.listDeadlineRules({});
    const base = { kind: 'resolution', category: 'low_temperature', priority: '*', channel: '*', amount: 4, unit: 'hours', source: 'Приказ' };
    for (const bad of [
      { ...base, amount: -1 },
      { ...base, amount: 1.5 },
      { ...base, unit: 'weeks' },
      { ...base, kind: 'lunch' },
      { ...base, category: 'fire' },
      { ...base, priority: 'urgent' },
      { kind: 'resolution', category: 'low_temperature', channel: '*', amount: 4, unit: 'hours', source: 'Приказ' },
      { ...base, source: '  ' },
      { ...base, amount: 0, unit: 'minutes' },
      { ...base, amount: 100_000, unit: 'calendar_days' },
    ]) {
      const r = await t.core.call('updateDeadlineRule', bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
    }
    expect(await t.core.handlers.listDeadlineRules({})).toEqual(before);
    const badFile = await t.core.handlers.importCalendar({ text: '2028-01-03;holiday\n2028-13-01;holiday' });
    expect(badFile).toMatchObject({ imported: 0, errors: [{ line: 2 }] });
    expect((await t.core.handlers.listDeadlineRules({})).calendarYears).toEqual(before.calendarYears);
  });

  it('the admin changes a rule and the next registration uses it', async () => {
    await t.core.handlers.setWorkstationUser(ADMIN);
    await t.core.handlers.updateDeadlineRule({ kind: 'resolution', category: 'low_temperature', priority: '*', channel: '*', amount: 4, unit: 'hours', source: 'Приказ по району' });
    const appeal = await t.core.handlers.registerAppeal({ ...CALL, receivedAt: t.clock.now });
    expect(appeal.deadlineAt).toBe(t.clock.now + 4 * 3_600_000);
    const rule = (await t.core.handlers.listDeadlineRules({})).rules.find((r) => r.kind === 'resolution' && r.category === 'low_temperature');
    expect(rule).toMatchObject({ amount: 4, unit: 'hours', updatedBy: 'Администратор' });
  });

  it('the admin imports a calendar year and working days follow it', async () => {
    await t.core.handlers.setWorkstationUser(ADMIN);
    const result = await t.core.handlers.importCalendar({ text: 'date;type\n2028-01-03;holiday\n2028-01-04;holiday\n2028-01-08;workday\n' });
    expect(result).toEqual({ imported: 3, years: [2028], errors: [] });
    const at = Date.UTC(2027, 11, 31, 8); // Friday 31 December 2027
    const p = await t.core.handlers.previewDeadlines({ category: 'other', channel: 'district_hotline', receivedAt: at });
    expect(samaraDate(p.deadlines.find((d) => d.kind === 'feedback')?.at ?? 0)).toBe('2028-01-05');
  });
});
