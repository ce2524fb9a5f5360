import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProvisionalNumber, provisionalNumber, workstationCode } from './registration-number.js';

describe('provisional registration numbers', () => {
  it('reads back what it writes', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 9_999_999 }), (id, year, n) => {
        const code = workstationCode(id);
        expect(parseProvisionalNumber(provisionalNumber(year, code, n))).toEqual({ year2: year % 100, code, counter: n });
      }),
    );
  });

  it('workstation codes avoid letters that sound like digits', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(workstationCode(id)).toMatch(/^[2-9A-HJ-NP-Z]{4}$/);
      }),
    );
  });

  it('formats as year, workstation, counter', () => {
    expect(provisionalNumber(2026, 'K7Q2', 42)).toBe('26-K7Q2-00042');
  });

  it('refuses a counter that is not a positive integer', () => {
    expect(() => provisionalNumber(2026, 'K7Q2', 0)).toThrow(RangeError);
    expect(() => provisionalNumber(2026, 'K7Q2', 1.5)).toThrow(RangeError);
  });

  it('does not mistake other text for a number', () => {
    expect(parseProvisionalNumber('Ново-Садовая 106')).toBeNull();
    expect(parseProvisionalNumber('26-K7O2-00042')).toBeNull();
  });
});
