import { describe, expect, it } from 'vitest';
import { generateRegister } from '../../electron/core/demo/register.js';
import { makeQueries, type QueryKind } from './address-queries.js';

const register = generateRegister({ buildings: 2_000 });

describe('operator-typed address queries', () => {
  it('are the same for the same seed, and name distinct buildings of the register', () => {
    const a = makeQueries(register.buildings, 300, 7);
    expect(a).toEqual(makeQueries(register.buildings, 300, 7));
    expect(a).not.toEqual(makeQueries(register.buildings, 300, 8));
    expect(a).toHaveLength(300);
    const ids = new Set(register.buildings.map((b) => b.id));
    expect(a.every((q) => ids.has(q.expectedId))).toBe(true);
    expect(new Set(a.map((q) => q.expectedId)).size).toBe(300);
  });

  it('cover every way of typing in fair shares', () => {
    const queries = makeQueries(register.buildings, 600, 11);
    const share = (kind: QueryKind) => queries.filter((q) => q.kinds.includes(kind)).length / queries.length;
    expect(share('typo')).toBeGreaterThan(0.2);
    expect(share('prefix')).toBeGreaterThan(0.1);
    expect(share('no_type')).toBeGreaterThan(0.35);
    expect(share('flat')).toBeGreaterThan(0.25);
    expect(share('case')).toBeGreaterThan(0.6);
    expect(share('letter_space')).toBeGreaterThan(0);
    expect(share('house_first')).toBeGreaterThan(0);
    expect(share('yo')).toBeGreaterThan(0);
  });

  it('look like what operators type', () => {
    const byId = new Map(register.buildings.map((b) => [b.id, b.address]));
    for (const q of makeQueries(register.buildings, 300, 3)) {
      expect(q.text).not.toMatch(/\s{2}|^\s|\s$/);
      const address = byId.get(q.expectedId) as string;
      // The house number is always there.
      const number = /д\. (\d+)/.exec(address)?.[1] as string;
      expect(q.text).toContain(number);
      if (!q.kinds.includes('typo') && !q.kinds.includes('prefix') && !q.kinds.includes('yo')) {
        const street = address.replace(/^пос\. [^,]+, /, '').replace(/, д\..*$/, '').replace(/^\S+ /, '').toLowerCase();
        expect(q.text.toLowerCase().replace(/ё/g, 'е'), q.text).toContain(street.replace(/ё/g, 'е').split(/[\s-]/)[0]);
      }
    }
  });
});
