import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE, FIXTURE_NOW, fixtureSummaryAppeals, samara, UK1, UK2 } from './day-summary-fixture.js';
import { dayMembers, isOpenAt, NO_EXECUTOR, summarizeDay, statusAfter, statusAt, trend, trendFromCounts, type SummaryAppeal, type TrendCounts } from './day-summary.js';
import { asOfInstant, refuseDay, summaryDay, summaryDayOf, trendDays } from './summary-day.js';

const HOUR = 3_600_000;
const friday = summaryDay('2026-02-20')!;

function sorted(ids: readonly string[]): string[] {
  return [...ids].sort();
}

/** The counts the core reads from its indexes, here from the fixture's histories. */
function fixtureCounts(appeals: readonly SummaryAppeal[]): TrendCounts {
  const add = (m: Map<string, number>, at: number, n = 1) => {
    const d = summaryDayOf(at).date;
    m.set(d, (m.get(d) ?? 0) + n);
  };
  const received = new Map<string, number>();
  const closed = new Map<string, number>();
  const entries = new Map<string, number>();
  const exits = new Map<string, number>();
  let openNow = 0;
  for (const a of appeals) {
    add(received, a.receivedAt);
    if (isOpenAt(a, FIXTURE_NOW)) openNow++;
    let previous: string | null = null;
    for (const m of a.moves) {
      if (m.type === 'close') add(closed, m.at);
      if (['close', 'reject', 'mark_duplicate'].includes(m.type)) add(entries, m.at);
      if (m.type === 'return_for_rework' && previous === 'close') add(exits, m.at);
      if (['close', 'reject', 'mark_duplicate', 'return_for_rework'].includes(m.type)) previous = m.type;
    }
  }
  return { openNow, received, closed, entries, exits };
}

describe('the Samara day of «Итоги дня»', () => {
  it('is [00:00, 24:00) on Samara clocks', () => {
    expect(friday.from).toBe(Date.UTC(2026, 1, 19, 20));
    expect(friday.to - friday.from).toBe(24 * HOUR);
    expect(summaryDayOf(samara(2, 20, 23, 59)).date).toBe('2026-02-20');
    expect(summaryDayOf(samara(2, 21, 0, 0)).date).toBe('2026-02-21');
  });

  it('the trend is the chosen day and the 13 before it', () => {
    const days = trendDays(friday);
    expect(days).toHaveLength(14);
    expect(days[0]?.date).toBe('2026-02-07');
    expect(days[13]?.date).toBe('2026-02-20');
  });

  it('refuses a malformed date and a day to come, in Russian', () => {
    expect(refuseDay('2026-02-30', FIXTURE_NOW)).toMatch(/Неверная дата «2026-02-30»/);
    expect(refuseDay('20.02.2026', FIXTURE_NOW)).toMatch(/ГГГГ-ММ-ДД/);
    expect(refuseDay('2026-02-26', FIXTURE_NOW)).toBe('Итоги за 26.02.2026 ещё не подведены: этот день не наступил');
    expect(refuseDay('2026-02-25', FIXTURE_NOW)).toBeNull();
  });

  it('today stands as of now (what happened in this very millisecond counts), a past day as of its end', () => {
    expect(asOfInstant(summaryDay('2026-02-25')!, FIXTURE_NOW)).toBe(FIXTURE_NOW + 1);
    expect(asOfInstant(friday, FIXTURE_NOW)).toBe(friday.to);
  });

  it('an appeal closed in the very millisecond the summary is asked for is closed, not open', () => {
    // As the core gives it: no longer open in the database, so without its deadlines.
    const closedNow: SummaryAppeal = {
      id: 'now',
      district: 'Ленинский',
      buildingId: 'b',
      category: 'low_temperature',
      channel: 'district_hotline',
      executorId: null,
      receivedAt: FIXTURE_NOW - HOUR,
      moves: [{ at: FIXTURE_NOW, to: 'closed', type: 'close' }],
    };
    const members = dayMembers([closedNow], summaryDay('2026-02-25')!, FIXTURE_NOW);
    expect(members.closed).toEqual(['now']);
    expect(members.open).toEqual([]);
  });
});

describe('«Итоги дня» on the fixed week (figures computed by hand)', () => {
  const district = fixtureSummaryAppeals(FIXTURE_NOW, 'Ленинский');
  const city = fixtureSummaryAppeals(FIXTURE_NOW);

  it('Friday in Ленинский: received 4, closed 1, open 4, overdue 3', () => {
    const m = dayMembers(district, friday, FIXTURE_NOW);
    // A2 received at 23:59 counts on Friday; A5 received on Wednesday does not.
    expect(sorted(m.received)).toEqual(['A1', 'A2', 'A4', 'A7']);
    // A5's closing on Thursday and again on Monday are not Friday's; A2 closed after midnight is Saturday's.
    expect(m.closed).toEqual(['A1']);
    // A4 was rejected: not on control. A5 came back for rework on Friday.
    expect(sorted(m.open)).toEqual(['A2', 'A3', 'A5', 'A7']);
    // A2: its end-of-day resolution deadline (23:59:59.999) passed at 24:00; A3: the 30-minute emergency
    // term on Thursday; A5: Wednesday's resolution. A7 is done and its call back is due on Tuesday.
    expect(sorted(m.overdue)).toEqual(['A2', 'A3', 'A5']);
  });

  it('the appeal received at 23:59 and closed after midnight: open at Friday\'s end, closed on Saturday', () => {
    const a2 = district.find((a) => a.id === 'A2')!;
    expect(isOpenAt(a2, friday.to)).toBe(true);
    const saturday = summaryDay('2026-02-21')!;
    const m = dayMembers(district, saturday, FIXTURE_NOW);
    expect(m.received).toEqual([]);
    expect(m.closed).toEqual(['A2']);
    expect(sorted(m.open)).toEqual(['A3', 'A5', 'A7']);
  });

  it('across the holiday: the call back due on the next working day is not overdue on Monday 23 (a holiday), it is at Tuesday\'s end', () => {
    const monday = dayMembers(district, summaryDay('2026-02-23')!, FIXTURE_NOW);
    expect(sorted(monday.open)).toEqual(['A3', 'A7']);
    expect(monday.overdue).toEqual(['A3']);
    expect(monday.closed).toEqual(['A5']);
    const tuesday = dayMembers(district, summaryDay('2026-02-24')!, FIXTURE_NOW);
    expect(sorted(tuesday.overdue)).toEqual(['A3', 'A7']);
  });

  it('the whole summary of Friday in Ленинский', () => {
    const s = summarizeDay(district, friday, FIXTURE_NOW);
    expect(s.figures).toEqual({ received: 4, closed: 1, open: 4, overdue: 3 });
    expect(s.addressesOnControl).toBe(3); // A2 and A3 are at the same building
    // Each building once, with its open and overdue appeals; together they are the figures.
    expect(s.controlBuildings).toHaveLength(3);
    expect(s.controlBuildings.reduce((n, b) => n + b.open, 0)).toBe(4);
    expect(s.controlBuildings.reduce((n, b) => n + b.overdue, 0)).toBe(3);
    expect(s.controlBuildings[0]?.open).toBe(2);
    expect(s.asOf).toBe(friday.to);
    expect(s.byCategory).toEqual([
      { key: 'low_temperature', received: 2, closed: 1, open: 1, overdue: 1 },
      { key: 'noise', received: 1, closed: 0, open: 1, overdue: 0 },
      { key: 'other', received: 1, closed: 0, open: 0, overdue: 0 },
      { key: 'air_lock', received: 0, closed: 0, open: 1, overdue: 1 },
      { key: 'no_heating', received: 0, closed: 0, open: 1, overdue: 1 },
    ]);
    expect(s.byChannel.find((r) => r.key === 'district_hotline')).toEqual({ key: 'district_hotline', received: 1, closed: 1, open: 2, overdue: 2 });
    // The executor is the one the appeal is passed to now: A2 went to UK2 on Saturday.
    expect(s.byExecutor).toEqual([
      { key: UK1, received: 2, closed: 1, open: 2, overdue: 1 },
      { key: UK2, received: 1, closed: 0, open: 2, overdue: 2 },
      { key: NO_EXECUTOR, received: 1, closed: 0, open: 0, overdue: 0 },
    ]);
    expect(s.ranking.byOverdue.map((r) => [r.executorId, r.overdue, r.open])).toEqual([
      [UK2, 2, 2],
      [UK1, 1, 2],
    ]);
    // Closed on Friday: A1, 4 h after its receipt. UK2 closed nothing that day (A2 closed on Saturday).
    expect(s.ranking.byMedianResolve).toEqual([{ executorId: UK1, overdue: 1, open: 2, closedInWindow: 1, medianResolveMs: 4 * HOUR }]);
    const tail = s.trend.slice(-3);
    expect(tail).toEqual([
      { date: '2026-02-18', received: 1, closed: 0, open: 1 },
      { date: '2026-02-19', received: 1, closed: 1, open: 1 },
      { date: '2026-02-20', received: 4, closed: 1, open: 4 },
    ]);
    expect(s.trend.slice(0, 11).every((p) => p.received === 0 && p.closed === 0 && p.open === 0)).toBe(true);
  });

  it('the city adds the other district\'s appeal', () => {
    const s = summarizeDay(city, friday, FIXTURE_NOW);
    expect(s.figures).toEqual({ received: 5, closed: 1, open: 5, overdue: 4 });
    expect(s.addressesOnControl).toBe(4);
  });

  it('today stands as of now: the trend ending today', () => {
    const today = summarizeDay(district, summaryDay('2026-02-25')!, FIXTURE_NOW);
    expect(today.figures).toEqual({ received: 0, closed: 0, open: 2, overdue: 2 });
    expect(today.trend.slice(-5)).toEqual([
      { date: '2026-02-21', received: 0, closed: 1, open: 3 },
      { date: '2026-02-22', received: 0, closed: 0, open: 3 },
      { date: '2026-02-23', received: 0, closed: 1, open: 2 },
      { date: '2026-02-24', received: 0, closed: 0, open: 2 },
      { date: '2026-02-25', received: 0, closed: 0, open: 2 },
    ]);
  });

  it('Thursday\'s median: A5 closed 31 h after its receipt; Saturday\'s: A2 closed 9 h 1 min after 23:59', () => {
    const thursday = summarizeDay(district, summaryDay('2026-02-19')!, FIXTURE_NOW);
    expect(thursday.ranking.byMedianResolve.map((r) => [r.executorId, r.medianResolveMs])).toEqual([[UK1, 31 * HOUR]]);
    const saturday = summarizeDay(district, summaryDay('2026-02-21')!, FIXTURE_NOW);
    expect(saturday.ranking.byMedianResolve.map((r) => [r.executorId, r.medianResolveMs])).toEqual([[UK2, 9 * HOUR + 60_000]]);
  });

  it('the trend counted from daily counts equals the trend by definition, for every day of the week', () => {
    const counts = fixtureCounts(district);
    for (const date of ['2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-23', '2026-02-25']) {
      const day = summaryDay(date)!;
      expect(trendFromCounts(counts, day, FIXTURE_NOW)).toEqual(trend(district, day, FIXTURE_NOW));
    }
  });

  it('the status after an event is the one its type leads to, as the event records it', () => {
    for (const a of FIXTURE) for (const step of a.steps) expect(statusAfter(step.type)).toBe(step.to);
    expect(statusAfter('verify_failed')).toBe('in_progress');
    expect(statusAfter('incident_restored')).toBe('done_by_executor');
    expect(statusAfter('call')).toBeNull();
  });

  it('openness needs only the moves into and out of a final status', () => {
    const a5 = district.find((a) => a.id === 'A5')!;
    const finalOnly = { ...a5, moves: a5.moves.filter((m) => ['close', 'reject', 'mark_duplicate', 'return_for_rework'].includes(m.type)) };
    for (const t of [samara(2, 18, 23), samara(2, 19, 17), samara(2, 20, 12), samara(2, 23, 12)]) {
      expect(isOpenAt(finalOnly, t)).toBe(isOpenAt(a5, t));
    }
    expect(statusAt(a5, samara(2, 20, 12))).toBe('returned');
  });
});

describe('«Итоги дня» whatever the PC\'s time zone', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('gives the same day and figures on a PC in Los Angeles, Samara and Vladivostok', () => {
    const results = ['America/Los_Angeles', 'Europe/Samara', 'Asia/Vladivostok', 'UTC'].map((tz) => {
      vi.stubEnv('TZ', tz);
      // A PC's local midnight would differ by hours; the Samara day must not.
      const day = summaryDayOf(samara(2, 20, 23, 59));
      return { tz, local: new Date(day.from).getHours(), summary: summarizeDay(fixtureSummaryAppeals(), day, FIXTURE_NOW) };
    });
    expect(new Set(results.map((r) => r.local)).size).toBeGreaterThan(1);
    for (const r of results) {
      expect(r.summary.date).toBe('2026-02-20');
      expect(r.summary).toEqual(results[0]?.summary);
    }
  });
});
