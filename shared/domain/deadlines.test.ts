import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from './appeal-vocabulary.js';
import { resolutionDeadline } from './deadlines.js';
import { samaraDate } from './samara-time.js';

describe('resolution deadline', () => {
  it('an emergency is localised within 30 minutes of receipt', () => {
    const received = Date.UTC(2026, 10, 29, 6, 15);
    expect(resolutionDeadline(received, 'no_heating')).toBe(received + 30 * 60_000);
    expect(resolutionDeadline(received, 'heating_leak')).toBe(received + 30 * 60_000);
  });

  it('other appeals are due by the end of their Samara day, even when received at 23:59', () => {
    const at2359 = Date.UTC(2026, 10, 29, 19, 59); // 23:59 in Samara
    expect(resolutionDeadline(at2359, 'low_temperature')).toBe(Date.UTC(2026, 10, 29, 19, 59, 59, 999));
    const atMidnight = Date.UTC(2026, 10, 29, 20, 0); // 00:00 next Samara day
    expect(samaraDate(resolutionDeadline(atMidnight, 'air_lock'))).toBe('2026-11-30');
  });

  it('is never before the moment of receipt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom(...CATEGORIES), (t, category) => {
        expect(resolutionDeadline(t, category)).toBeGreaterThanOrEqual(t);
      }),
    );
  });
});
