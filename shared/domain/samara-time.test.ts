import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfSamaraDay, samaraDate, startOfSamaraDay } from './samara-time.js';

const DAY = 86_400_000;
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });

describe('Samara calendar days (UTC+4 all year)', () => {
  it('a day starts at 20:00 UTC of the previous UTC date', () => {
    expect(startOfSamaraDay(Date.UTC(2026, 10, 29, 12, 0))).toBe(Date.UTC(2026, 10, 28, 20, 0));
    expect(samaraDate(Date.UTC(2026, 10, 28, 19, 59))).toBe('2026-11-28');
    expect(samaraDate(Date.UTC(2026, 10, 28, 20, 0))).toBe('2026-11-29');
  });

  it('every instant lies inside its own Samara day', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const start = startOfSamaraDay(t);
        expect(start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThanOrEqual(endOfSamaraDay(t));
        expect(endOfSamaraDay(t) - start).toBe(DAY - 1);
        expect((start + 4 * 3_600_000) % DAY).toBe(0);
        expect(samaraDate(start)).toBe(samaraDate(endOfSamaraDay(t)));
      }),
    );
  });
});
