import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testClock } from './test-clock.js';

describe('testClock', () => {
  it('is off without the variable', () => {
    expect(testClock(undefined)).toBeUndefined();
    expect(testClock('')).toBeUndefined();
  });

  it('adds the offset in the file, re-read when it changes; a missing or bad file is no offset', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'appeals-clock-')), 'clock');
    const clock = testClock(file);
    if (!clock) throw new Error('expected a clock');
    expect(Math.abs(clock() - Date.now())).toBeLessThan(1_000);
    writeFileSync(file, String(3_600_000));
    expect(clock() - Date.now()).toBeGreaterThan(3_599_000);
    writeFileSync(file, 'not a number, longer');
    expect(Math.abs(clock() - Date.now())).toBeLessThan(1_000);
  });
});
