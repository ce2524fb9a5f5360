// The lower single-interruption limits at colder rooms (ПП РФ № 354, прил. 1, п. 15): 16 h from +12 °C
// up, 8 h at +10…+12 °C, 4 h at +8…+10 °C, none below +8 °C; at a shared boundary the stricter one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heatInterruptionReport, singleInterruptionLimit } from './heat-interruptions.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 10, 6, 0);

/** The bands as the norm words them, written out independently of the implementation. */
function expectedHours(celsius: number): number {
  if (celsius > 12) return 16;
  if (celsius > 10) return 8;
  if (celsius >= 8) return 4;
  return 0;
}

const celsius = fc.double({ min: -30, max: 35, noNaN: true });

describe('the single-interruption limit by room temperature', () => {
  it('follows the bands for any temperature', () => {
    fc.assert(
      fc.property(celsius, (c) => {
        expect(singleInterruptionLimit(c).hours).toBe(expectedHours(c));
      }),
    );
  });

  it('is exact at the boundaries: +12 and +10 take the stricter band, +8 is still 4 h, just below +8 none', () => {
    const cases: [number, number][] = [
      [12.000001, 16],
      [12, 8],
      [10.000001, 8],
      [10, 4],
      [8, 4],
      [7.999999, 0],
      [18, 16],
    ];
    for (const [c, hours] of cases) expect(singleInterruptionLimit(c).hours, `${c} °C`).toBe(hours);
    expect(singleInterruptionLimit(null)).toMatchObject({ hours: 16, band: 'normal' });
    expect(singleInterruptionLimit(9)).toMatchObject({ band: 'cold', fromCelsius: 8, toCelsius: 10 });
    expect(singleInterruptionLimit(5)).toMatchObject({ band: 'below_cold', hours: 0 });
  });

  it('never allows longer in colder rooms', () => {
    fc.assert(fc.property(celsius, celsius, (a, b) => {
      const [cold, warm] = a <= b ? [a, b] : [b, a];
      expect(singleInterruptionLimit(cold).hours).toBeLessThanOrEqual(singleInterruptionLimit(warm).hours);
    }));
  });

  it('warns about one interruption exactly when it is longer than the limit at its temperature', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 * 60 }), fc.option(celsius, { nil: null }), (minutes, c) => {
        const end = T0 + minutes * 60_000;
        const report = heatInterruptionReport([{ start: T0, end, roomCelsius: c }], end + H);
        const single = report.warnings.filter((w) => w.kind === 'single');
        const limit = c === null ? 16 : expectedHours(c);
        expect(single.length).toBe(minutes / 60 > limit ? 1 : 0);
        if (single[0]?.kind === 'single') expect(single[0]).toMatchObject({ limitHours: limit, roomCelsius: c });
      }),
    );
  });

  it('takes the coldest measurement among overlapping outages of one building', () => {
    const report = heatInterruptionReport(
      [
        { start: T0, end: T0 + 6 * H, roomCelsius: 13 },
        { start: T0 + 2 * H, end: T0 + 5 * H, roomCelsius: 9 },
        { start: T0 + 30 * H, end: T0 + 36 * H },
      ],
      T0 + 40 * H,
    );
    expect(report.warnings).toEqual([{ kind: 'single', start: T0, end: T0 + 6 * H, ongoing: false, hours: 6, limitHours: 4, roomCelsius: 9, band: 'cold' }]);
  });
});
