// A small fixed week of appeals for the «Итоги дня» tests (domain and core), with the figures
// computed by hand in day-summary.test.ts. Around Friday 20 February 2026: Monday 23 February is
// a holiday (Defender of the Fatherland Day), so the next working day after Friday is Tuesday 24.
import type { Category, Channel, Priority } from '../domain/appeal-vocabulary.js';
import { DEFAULT_DEADLINE_RULES, computeDeadlines, deadlinesByKind } from '../domain/deadline-rules.js';
import type { District } from '../domain/districts.js';
import { ProductionCalendar } from '../domain/production-calendar.js';
import type { SummaryAppeal, StatusMove } from './day-summary.js';

/** An instant given on Samara's wall clock (UTC+4). */
export function samara(month: number, day: number, hour: number, minute = 0): number {
  return Date.UTC(2026, month - 1, day, hour - 4, minute);
}

export const UK1 = 'org-uk-1';
export const UK2 = 'org-uk-2';

export interface FixtureAppeal {
  readonly id: string;
  readonly district: District;
  readonly buildingId: string;
  readonly category: Category;
  readonly priority: Priority;
  readonly channel: Channel;
  readonly receivedAt: number;
  /** Workflow steps in order: the event type, when, the status it leads to, the executor of a transfer. */
  readonly steps: readonly { type: string; at: number; to: SummaryAppeal['moves'][number]['to']; executorId?: string }[];
}

const L: District = 'Ленинский';

export const FIXTURE: readonly FixtureAppeal[] = [
  // A1: received and closed on Friday.
  {
    id: 'A1', district: L, buildingId: 'b1', category: 'low_temperature', priority: 'normal', channel: 'district_hotline', receivedAt: samara(2, 20, 10),
    steps: [
      { type: 'transfer', at: samara(2, 20, 10, 30), to: 'transferred', executorId: UK1 },
      { type: 'take_in_work', at: samara(2, 20, 11), to: 'in_progress' },
      { type: 'mark_done', at: samara(2, 20, 12), to: 'done_by_executor' },
      { type: 'verify', at: samara(2, 20, 13), to: 'verified' },
      { type: 'close', at: samara(2, 20, 14), to: 'closed' },
    ],
  },
  // A2: received on Friday at 23:59, passed on and closed after midnight (Saturday).
  {
    id: 'A2', district: L, buildingId: 'b2', category: 'low_temperature', priority: 'normal', channel: 'department_hotline', receivedAt: samara(2, 20, 23, 59),
    steps: [
      { type: 'transfer', at: samara(2, 21, 0, 20), to: 'transferred', executorId: UK2 },
      { type: 'take_in_work', at: samara(2, 21, 1), to: 'in_progress' },
      { type: 'mark_done', at: samara(2, 21, 6), to: 'done_by_executor' },
      { type: 'verify', at: samara(2, 21, 8), to: 'verified' },
      { type: 'close', at: samara(2, 21, 9), to: 'closed' },
    ],
  },
  // A3: an emergency from Thursday, still in work.
  {
    id: 'A3', district: L, buildingId: 'b2', category: 'no_heating', priority: 'emergency', channel: 'district_hotline', receivedAt: samara(2, 19, 15),
    steps: [
      { type: 'transfer', at: samara(2, 19, 15, 5), to: 'transferred', executorId: UK2 },
      { type: 'take_in_work', at: samara(2, 19, 15, 20), to: 'in_progress' },
    ],
  },
  // A4: received on Friday and rejected the same morning, never passed on.
  {
    id: 'A4', district: L, buildingId: 'b3', category: 'other', priority: 'normal', channel: 'social_media', receivedAt: samara(2, 20, 9),
    steps: [{ type: 'reject', at: samara(2, 20, 11), to: 'rejected' }],
  },
  // A5: Wednesday's; closed on Thursday, returned for rework on Friday, closed again on Monday (a holiday).
  {
    id: 'A5', district: L, buildingId: 'b4', category: 'air_lock', priority: 'normal', channel: 'district_hotline', receivedAt: samara(2, 18, 9),
    steps: [
      { type: 'transfer', at: samara(2, 18, 9, 30), to: 'transferred', executorId: UK1 },
      { type: 'take_in_work', at: samara(2, 18, 10), to: 'in_progress' },
      { type: 'mark_done', at: samara(2, 18, 12), to: 'done_by_executor' },
      { type: 'verify', at: samara(2, 19, 10), to: 'verified' },
      { type: 'close', at: samara(2, 19, 16), to: 'closed' },
      { type: 'return_for_rework', at: samara(2, 20, 10), to: 'returned' },
      { type: 'take_in_work', at: samara(2, 23, 9), to: 'in_progress' },
      { type: 'mark_done', at: samara(2, 23, 10), to: 'done_by_executor' },
      { type: 'verify', at: samara(2, 23, 10, 30), to: 'verified' },
      { type: 'close', at: samara(2, 23, 11), to: 'closed' },
    ],
  },
  // A6: another district's, received on Friday, never touched.
  {
    id: 'A6', district: 'Кировский', buildingId: 'b6', category: 'other', priority: 'normal', channel: 'social_media', receivedAt: samara(2, 20, 11),
    steps: [],
  },
  // A7: done by the executor on Friday; the call back is due by the next working day: Tuesday 24.
  {
    id: 'A7', district: L, buildingId: 'b7', category: 'noise', priority: 'normal', channel: 'email', receivedAt: samara(2, 20, 16),
    steps: [
      { type: 'transfer', at: samara(2, 20, 16, 10), to: 'transferred', executorId: UK1 },
      { type: 'take_in_work', at: samara(2, 20, 16, 30), to: 'in_progress' },
      { type: 'mark_done', at: samara(2, 20, 17), to: 'done_by_executor' },
    ],
  },
];

/** «Now» of the tests: Wednesday 25 February, 12:00. */
export const FIXTURE_NOW = samara(2, 25, 12);

/** The deadlines each appeal gets from the default rules and the built-in calendar. */
export function fixtureDeadlines(a: FixtureAppeal) {
  return deadlinesByKind(
    computeDeadlines({ receivedAt: a.receivedAt, category: a.category, priority: a.priority, channel: a.channel }, DEFAULT_DEADLINE_RULES, ProductionCalendar.builtIn()),
  );
}

/** The fixture as the summary takes it: full histories, as of `now`. */
export function fixtureSummaryAppeals(now: number = FIXTURE_NOW, district?: District): SummaryAppeal[] {
  return FIXTURE.filter((a) => !district || a.district === district).map((a) => {
    const steps = a.steps.filter((s) => s.at <= now);
    const moves: StatusMove[] = steps.map((s) => ({ at: s.at, to: s.to, type: s.type }));
    const executorId = [...steps].reverse().find((s) => s.executorId)?.executorId ?? null;
    const firstCheck = steps.find((s) => s.type === 'verify' || s.type === 'verify_failed');
    return {
      id: a.id,
      district: a.district,
      buildingId: a.buildingId,
      category: a.category,
      channel: a.channel,
      executorId,
      receivedAt: a.receivedAt,
      moves,
      deadlines: fixtureDeadlines(a),
      firstCheckAt: firstCheck?.at ?? null,
    };
  });
}
