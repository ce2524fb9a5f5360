import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heatInterruptionReport, HEAT_INTERRUPTION_LIMITS, mergeIntervals, samaraMonth } from './heat-interruptions.js';

const H = 60 * 60 * 1000;
// 2026-11-30 20:00 UTC = 2026-12-01 00:00 Samara.
const DEC_1_SAMARA = Date.UTC(2026, 10, 30, 20, 0);
const NOW = Date.UTC(2027, 1, 1);

const interval = fc
  .record({ start: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }), length: fc.integer({ min: 0, max: 90 * 24 * H }), open: fc.boolean() })
  .map(({ start, length, open }) => ({ start, end: open ? null : start + length }));

describe('heat interruption hours', () => {
  it('splits an interval at Samara midnight of the 1st, not UTC midnight', () => {
    const r = heatInterruptionReport([{ start: DEC_1_SAMARA - 5 * H, end: DEC_1_SAMARA + 3 * H }], NOW);
    expect(r.months).toEqual([
      { month: '2026-11', hours: 5, exceedsMonthly: false },
      { month: '2026-12', hours: 3, exceedsMonthly: false },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('warns when one interruption is longer than 16 h, even across a month boundary', () => {
    const r = heatInterruptionReport([{ start: DEC_1_SAMARA - 10 * H, end: DEC_1_SAMARA + 7 * H }], NOW);
    expect(r.warnings).toEqual([{ kind: 'single', start: DEC_1_SAMARA - 10 * H, end: DEC_1_SAMARA + 7 * H, ongoing: false, hours: 17, limitHours: 16, roomCelsius: null, band: 'normal' }]);
  });

  it('warns when a month sums to more than 24 h; exactly 24 h is within the limit', () => {
    const day = Date.UTC(2026, 11, 5, 6);
    const within = heatInterruptionReport([{ start: day, end: day + 12 * H }, { start: day + 48 * H, end: day + 60 * H }], NOW);
    expect(within.warnings).toEqual([]);
    const over = heatInterruptionReport([{ start: day, end: day + 12 * H }, { start: day + 48 * H, end: day + 61 * H }], NOW);
    expect(over.warnings).toEqual([{ kind: 'monthly', month: '2026-12', hours: 25, limitHours: 24 }]);
  });

  it('counts an open incident until now and marks it ongoing', () => {
    const now = Date.UTC(2026, 11, 10, 12);
    const r = heatInterruptionReport([{ start: now - 20 * H, end: null }], now);
    expect(r.months).toEqual([{ month: '2026-12', hours: 20, exceedsMonthly: false }]);
    expect(r.warnings).toEqual([{ kind: 'single', start: now - 20 * H, end: now, ongoing: true, hours: 20, limitHours: 16, roomCelsius: null, band: 'normal' }]);
  });

  it('counts overlapping incidents once', () => {
    const t = Date.UTC(2026, 11, 10, 6);
    const r = heatInterruptionReport([{ start: t, end: t + 6 * H }, { start: t + 4 * H, end: t + 8 * H }], NOW);
    expect(r.months).toEqual([{ month: '2026-12', hours: 8, exceedsMonthly: false }]);
  });

  it('property: the months add up to the merged duration, each within its month, in order', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), (intervals) => {
        const r = heatInterruptionReport(intervals, NOW);
        const total = mergeIntervals(intervals, NOW).reduce((s, i) => s + (i.end - i.start), 0);
        const summed = r.months.reduce((s, m) => s + m.hours, 0);
        expect(Math.abs(summed * H - total)).toBeLessThan(1);
        for (const m of r.months) {
          expect(m.hours).toBeGreaterThan(0);
          expect(m.hours).toBeLessThanOrEqual(31 * 24);
          expect(m.exceedsMonthly).toBe(m.hours > HEAT_INTERRUPTION_LIMITS.monthlyHours);
        }
        const names = r.months.map((m) => m.month);
        expect([...names].sort()).toEqual(names);
        expect(new Set(names).size).toBe(names.length);
      }),
    );
  });

  it('property: the order of the incidents does not matter, and no hour is counted twice', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), (intervals) => {
        const a = heatInterruptionReport(intervals, NOW);
        const b = heatInterruptionReport([...intervals].reverse(), NOW);
        expect(b).toEqual(a);
        const doubled = heatInterruptionReport([...intervals, ...intervals], NOW);
        expect(doubled.months).toEqual(a.months);
      }),
    );
  });

  it('property: a single-interruption warning exactly for merged intervals over 16 h; months over 24 h warned once', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 6 }), (intervals) => {
        const r = heatInterruptionReport(intervals, NOW);
        const long = mergeIntervals(intervals, NOW).filter((i) => i.end - i.start > 16 * H);
        expect(r.warnings.filter((w) => w.kind === 'single').length).toBe(long.length);
        expect(r.warnings.filter((w) => w.kind === 'monthly').map((w) => w.month)).toEqual(r.months.filter((m) => m.hours > 24).map((m) => m.month));
      }),
    );
  });

  it('property: month boundaries follow Samara time whatever the instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 1) }), (t) => {
        const r = heatInterruptionReport([{ start: t, end: t + 1000 }], NOW + 365 * 24 * H);
        expect(r.months[0]?.month).toBe(samaraMonth(t));
        expect(samaraMonth(t)).toBe(new Date(t + 4 * H).toISOString().slice(0, 7));
      }),
    );
  });
});
