import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, hlcReceive, hlcTick, parseHlc, type HlcState } from './hlc.js';

const wall = fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 });

describe('hybrid logical clock', () => {
  it('local ticks always move forward in string order, even when the wall clock goes back', () => {
    fc.assert(
      fc.property(fc.array(wall, { minLength: 2, maxLength: 50 }), (clocks) => {
        let state: HlcState = { wallMs: 0, counter: 0, node: 'AAAA' };
        let previous = formatHlc(state);
        for (const now of clocks) {
          state = hlcTick(state, now);
          const next = formatHlc(state);
          expect(next > previous).toBe(true);
          previous = next;
        }
      }),
    );
  });

  it('a received timestamp is followed, never preceded', () => {
    fc.assert(
      fc.property(wall, wall, wall, fc.nat(1000), fc.nat(1000), (a, b, now, ca, cb) => {
        const local: HlcState = { wallMs: a, counter: ca, node: 'AAAA' };
        const remote: HlcState = { wallMs: b, counter: cb, node: 'BBBB' };
        const merged = hlcReceive(local, remote, now);
        expect(formatHlc(merged) > formatHlc(local)).toBe(true);
        expect(merged.wallMs > remote.wallMs || (merged.wallMs === remote.wallMs && merged.counter > remote.counter)).toBe(true);
      }),
    );
  });

  it('round-trips through its string form and refuses garbage', () => {
    const s: HlcState = { wallMs: 1_795_000_000_000, counter: 7, node: 'K7Q2' };
    expect(parseHlc(formatHlc(s))).toEqual(s);
    expect(() => parseHlc('yesterday')).toThrow(/hybrid logical clock/);
  });
});
