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

  describe('imports the calendars published in Russia, told by their content', () => {
    // 2018's days off by month as data.gov.ru and xmlcalendar.ru publish them: «N*» a short working day.
    const MONTHS_2018 = [
      '1,2,3,4,5,6,7,8,13,14,20,21,27,28', '3,4,10,11,17,18,22*,23,24,25', '3,4,7*,8,9,10,11,17,18,24,25,31',
      '1,7,8,14,15,21,22,28*,29,30', '1,2,5,6,8*,9,12,13,19,20,26,27', '2,3,9*,10,11,12,16,17,23,24,30',
      '1,7,8,14,15,21,22,28,29', '4,5,11,12,18,19,25,26', '1,2,8,9,15,16,22,23,29,30',
      '6,7,13,14,20,21,27,28', '3,4,5,10,11,17,18,24,25', '1,2,8,9,15,16,22,23,29*,30,31',
    ];
    const feedbackDate = async (receivedAt: number) => {
      const p = await t.core.handlers.previewDeadlines({ category: 'other', channel: 'district_hotline', receivedAt });
      return samaraDate(p.deadlines.find((d) => d.kind === 'feedback')?.at ?? 0);
    };

    it('the data.gov.ru CSV: the worked Saturday 28 April 2018 is the next working day after Friday 27', async () => {
      await t.core.handlers.setWorkstationUser(ADMIN);
      const friday = Date.UTC(2018, 3, 27, 8);
      expect(await feedbackDate(friday)).toBe('2018-04-30');
      const text = `Год/Месяц,Январь,Февраль,Март,Апрель,Май,Июнь,Июль,Август,Сентябрь,Октябрь,Ноябрь,Декабрь,Всего рабочих дней\n2018,${MONTHS_2018.map((c) => `"${c}"`).join(',')},247\n`;
      expect(await t.core.handlers.importCalendar({ text })).toEqual({ imported: 23, years: [2018], errors: [] });
      expect(await feedbackDate(friday)).toBe('2018-04-28');
    });

    it("xmlcalendar.ru's JSON: after the short Wednesday 7 March 2018 the next working day is Monday 12", async () => {
      await t.core.handlers.setWorkstationUser(ADMIN);
      const text = JSON.stringify({ year: 2018, months: MONTHS_2018.map((days, i) => ({ month: i + 1, days })), transitions: [] });
      expect(await t.core.handlers.importCalendar({ text })).toEqual({ imported: 23, years: [2018], errors: [] });
      expect(await feedbackDate(Date.UTC(2018, 2, 7, 8))).toBe('2018-03-12');
    });

    it("xmlcalendar.ru's XML, and a broken one changes nothing", async () => {
      await t.core.handlers.setWorkstationUser(ADMIN);
      const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<calendar year="2028" lang="ru">\n<days>\n<day d="01.03" t="1" h="1"/>\n<day d="01.04" t="1" h="1"/>\n<day d="01.08" t="3" f="01.10"/>\n</days>\n</calendar>\n';
      const before = (await t.core.handlers.listDeadlineRules({})).calendarYears;
      expect(await t.core.handlers.importCalendar({ text: xml.replace('</days>', '') })).toMatchObject({ imported: 0, errors: [{ line: 8, message: expect.stringMatching(/^файл XML испорчен: <\/calendar> вместо <\/days>/) }] });
      expect((await t.core.handlers.listDeadlineRules({})).calendarYears).toEqual(before);
      expect(await t.core.handlers.importCalendar({ text: xml })).toEqual({ imported: 3, years: [2028], errors: [] });
      expect(await feedbackDate(Date.UTC(2027, 11, 31, 8))).toBe('2028-01-05');
    });
  });
});
