import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, CHANNELS, defaultPriority, PRIORITIES } from './appeal-vocabulary.js';
import {
  ANY,
  computeDeadlines,
  DEADLINE_KINDS,
  DEFAULT_DEADLINE_RULES,
  deadlinesByKind,
  findRule,
  ruleKey,
  ruleMatches,
  ruleProblem,
  specificity,
  type DeadlineRule,
} from './deadline-rules.js';
import { resolutionDeadline } from './deadlines.js';
import { parseCalendarFile, ProductionCalendar } from './production-calendar.js';
import { samaraDate } from './samara-time.js';

const cal = ProductionCalendar.builtIn();
/** An instant at hh:mm Samara time on a Samara date. */
const samara = (date: string, hh = 10, mm = 0) => Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+04:00`);
const SPAN = { min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 1) };

describe('production calendar', () => {
  it('the 2026 New Year holidays run to 11 January: one working day after 31 December is 12 January', () => {
    expect(samaraDate(cal.endOfWorkingDayAfter(samara('2025-12-30', 23, 59), 1))).toBe('2026-01-12');
    expect(samaraDate(cal.endOfWorkingDayAfter(samara('2026-01-01'), 1))).toBe('2026-01-12');
    for (let d = 1; d <= 11; d++) expect(cal.isWorkingDate(`2026-01-${String(d).padStart(2, '0')}`)).toBe(false);
    expect(cal.isWorkingDate('2026-01-12')).toBe(true);
  });

  it('a moved working Saturday counts (1 November 2025) and the moved day off does not (3 November 2025)', () => {
    expect(cal.isWorkingDate('2025-11-01')).toBe(true);
    expect(cal.isWorkingDate('2025-11-03')).toBe(false);
    // Friday 31 October → the next working day is Saturday 1 November, then Wednesday 5 November.
    expect(samaraDate(cal.endOfWorkingDayAfter(samara('2025-10-31'), 1))).toBe('2025-11-01');
    expect(samaraDate(cal.endOfWorkingDayAfter(samara('2025-10-31'), 2))).toBe('2025-11-05');
  });

  it('a holiday on a Sunday moves the day off to Monday (8 March 2026 → 9 March)', () => {
    expect(cal.isWorkingDate('2026-03-09')).toBe(false);
    expect(cal.isWorkingDate('2026-03-06')).toBe(true);
  });

  it('a calendar-day deadline that ends on a day off moves to the next working day', () => {
    // 2 December 2025 + 30 days = 1 January 2026 → 12 January 2026.
    expect(samaraDate(cal.endOfCalendarDaysAfter(samara('2025-12-02'), 30))).toBe('2026-01-12');
  });

  it('n working days land on a working day, skip weekends and holidays, and count exactly n working days', () => {
    fc.assert(
      fc.property(fc.integer(SPAN), fc.integer({ min: 1, max: 40 }), (t, n) => {
        const end = cal.endOfWorkingDayAfter(t, n);
        expect(cal.isWorkingDay(end)).toBe(true);
        let count = 0;
        for (let day = Date.parse(`${samaraDate(t)}T12:00:00+04:00`) + 86_400_000; day <= end; day += 86_400_000) {
          if (cal.isWorkingDay(day)) count++;
        }
        expect(count).toBe(n);
        expect(samaraDate(end + 1)).not.toBe(samaraDate(end)); // the end of a Samara day
      }),
    );
  });

  it('adding working days is monotonic in the start and in n', () => {
    fc.assert(
      fc.property(fc.integer(SPAN), fc.integer({ min: 0, max: 5 * 86_400_000 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10 }), (t, dt, n, dn) => {
        expect(cal.endOfWorkingDayAfter(t + dt, n)).toBeGreaterThanOrEqual(cal.endOfWorkingDayAfter(t, n));
        expect(cal.endOfWorkingDayAfter(t, n + dn)).toBeGreaterThanOrEqual(cal.endOfWorkingDayAfter(t, n));
      }),
    );
  });

  it('reads CSV and JSON files and reports bad lines by number', () => {
    const csv = parseCalendarFile('date;type\n2028-01-03;holiday\n10.01.2028;workday\n2028-02-30;holiday\n2028-03-07;lunch\n');
    expect(csv.days).toEqual([
      { date: '2028-01-03', type: 'holiday' },
      { date: '2028-01-10', type: 'workday' },
    ]);
    expect(csv.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(parseCalendarFile('[{"date":"2028-01-03","type":"short"}]').days).toEqual([{ date: '2028-01-03', type: 'short' }]);
  });
});

describe('deadline rules', () => {
  it('the defaults agree with the resolution deadline the list has always used', () => {
    fc.assert(
      fc.property(fc.integer(SPAN), fc.constantFrom(...CATEGORIES), fc.constantFrom(...CHANNELS), (t, category, channel) => {
        const d = deadlinesByKind(computeDeadlines({ receivedAt: t, category, priority: defaultPriority(category), channel }, DEFAULT_DEADLINE_RULES, cal));
        expect(d.resolution).toBe(resolutionDeadline(t, category));
      }),
    );
  });

  it('every default rule is valid and every kind has a rule for every category, priority and channel', () => {
    for (const r of DEFAULT_DEADLINE_RULES) expect(ruleProblem(r)).toBeNull();
    expect(new Set(DEFAULT_DEADLINE_RULES.map(ruleKey)).size).toBe(DEFAULT_DEADLINE_RULES.length);
    for (const category of CATEGORIES)
      for (const priority of PRIORITIES)
        for (const channel of CHANNELS)
          for (const kind of DEADLINE_KINDS) expect(findRule(DEFAULT_DEADLINE_RULES, kind, { category, priority, channel })).toBeDefined();
  });

  it('a quality complaint gets a 2-hour check; an emergency 30 minutes; an e-mail a 30-day written answer', () => {
    const at = samara('2026-11-27', 23, 59); // Friday 23:59 in Samara
    const d = deadlinesByKind(computeDeadlines({ receivedAt: at, category: 'low_temperature', priority: 'normal', channel: 'email' }, DEFAULT_DEADLINE_RULES, cal));
    expect(d.check).toBe(at + 2 * 3_600_000);
    expect(samaraDate(d.resolution ?? 0)).toBe('2026-11-27');
    expect(samaraDate(d.feedback ?? 0)).toBe('2026-11-30'); // the next working day is Monday
    expect(samaraDate(d.answer ?? 0)).toBe('2026-12-28'); // 27 December is a Sunday
    const e = deadlinesByKind(computeDeadlines({ receivedAt: at, category: 'heating_leak', priority: 'emergency', channel: 'district_hotline' }, DEFAULT_DEADLINE_RULES, cal));
    expect(e.resolution).toBe(at + 30 * 60_000);
    expect(e.check).toBeNull();
    expect(e.answer).toBeNull();
  });

  it('an appeal received at 23:59 Samara time is due on its own day, not on the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.constantFrom('low_temperature', 'air_lock', 'noise', 'other' as const), (dayOffset, category) => {
        const at = Date.UTC(2025, 0, 1, 19, 59) + dayOffset * 86_400_000; // 23:59 Samara
        const d = deadlinesByKind(computeDeadlines({ receivedAt: at, category, priority: 'normal', channel: 'district_hotline' }, DEFAULT_DEADLINE_RULES, cal));
        expect(samaraDate(d.resolution ?? 0)).toBe(samaraDate(at));
        expect(d.resolution).toBe(at + 59_999);
        expect(d.feedback).toBeGreaterThan(at);
      }),
    );
  });
});

describe('deadline rules with a priority', () => {
  const rule = (over: Partial<DeadlineRule>): DeadlineRule => ({
    kind: 'resolution',
    category: ANY,
    priority: ANY,
    channel: ANY,
    amount: 1,
    unit: 'hours',
    source: 'Тест',
    ...over,
  });
  const target = fc.record({
    category: fc.constantFrom(...CATEGORIES),
    priority: fc.constantFrom(...PRIORITIES),
    channel: fc.constantFrom(...CHANNELS),
  });
  /** A table of distinct keys for one kind, always with the '*' rule. */
  const table = fc
    .uniqueArray(
      fc.record({
        category: fc.constantFrom(ANY, ...CATEGORIES),
        priority: fc.constantFrom(ANY, ...PRIORITIES),
        channel: fc.constantFrom(ANY, ...CHANNELS),
        amount: fc.integer({ min: 1, max: 100 }),
      }),
      { selector: (r) => `${r.category}:${r.priority}:${r.channel}`, maxLength: 40 },
    )
    .map((rows) => {
      const rules = rows.map((r) => rule(r));
      return rules.some((r) => specificity(r) === 0) ? rules : [...rules, rule({})];
    });

  it('the rule found matches the appeal and no other matching rule is as specific', () => {
    fc.assert(
      fc.property(table, target, (rules, t) => {
        const found = findRule(rules, 'resolution', t);
        expect(found).toBeDefined();
        if (!found) return;
        expect(ruleMatches(found, t)).toBe(true);
        for (const r of rules) if (r !== found && ruleMatches(r, t)) expect(specificity(r)).toBeLessThan(specificity(found));
      }),
    );
  });

  it('the order is category, then priority, then channel: a named category beats priority and channel together', () => {
    fc.assert(
      fc.property(target, (t) => {
        const byCategory = rule({ category: t.category, amount: 4 });
        const byPriorityAndChannel = rule({ priority: t.priority, channel: t.channel, amount: 3 });
        const byPriority = rule({ priority: t.priority, amount: 2 });
        const byChannel = rule({ channel: t.channel, amount: 1 });
        const any = rule({ amount: 99 });
        expect(findRule([any, byChannel, byPriority, byPriorityAndChannel, byCategory], 'resolution', t)).toBe(byCategory);
        expect(findRule([any, byChannel, byPriority, byPriorityAndChannel], 'resolution', t)).toBe(byPriorityAndChannel);
        expect(findRule([byChannel, any, byPriority], 'resolution', t)).toBe(byPriority);
        expect(findRule([any, byChannel], 'resolution', t)).toBe(byChannel);
      }),
    );
  });

  it('the order of the table does not matter, and a rule for the other priority never applies', () => {
    fc.assert(
      fc.property(table, target, fc.nat(), (rules, t, shift) => {
        const k = shift % rules.length;
        const rotated = [...rules.slice(k), ...rules.slice(0, k)];
        expect(findRule(rotated, 'resolution', t)).toBe(findRule(rules, 'resolution', t));
        const other = t.priority === 'emergency' ? 'normal' : 'emergency';
        const withoutOther = rules.filter((r) => r.priority !== other);
        expect(findRule(withoutOther, 'resolution', t)).toBe(findRule(rules, 'resolution', t));
      }),
    );
  });

  it('an emergency is passed on in 10 minutes and localised in 30, whatever its category; a normal appeal has the day', () => {
    fc.assert(
      fc.property(fc.integer(SPAN), fc.constantFrom(...CATEGORIES), fc.constantFrom(...CHANNELS), (at, category, channel) => {
        const emergency = deadlinesByKind(computeDeadlines({ receivedAt: at, category, priority: 'emergency', channel }, DEFAULT_DEADLINE_RULES, cal));
        expect(emergency.reaction).toBe(at + 10 * 60_000);
        expect(emergency.resolution).toBe(at + 30 * 60_000);
        const normal = deadlinesByKind(computeDeadlines({ receivedAt: at, category, priority: 'normal', channel }, DEFAULT_DEADLINE_RULES, cal));
        expect(normal.reaction).toBe(at + 60 * 60_000);
        expect(samaraDate(normal.resolution ?? 0)).toBe(samaraDate(at));
        // The priority changes neither the check nor the written answer.
        expect(normal.check).toBe(emergency.check);
        expect(normal.answer).toBe(emergency.answer);
      }),
    );
  });

  it('a rule with an unknown priority is refused in Russian', () => {
    expect(ruleProblem(rule({ priority: 'urgent' as never }))).toBe('Неизвестный приоритет');
  });
});
