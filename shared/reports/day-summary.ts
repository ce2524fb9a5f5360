// «Итоги дня»: what the figures of a day mean, computed from the appeals' histories (docs/reports.md).
// Pure: the core gathers the appeals that can count (electron/core/repositories/day-summary.ts) and
// these functions decide which figure each belongs to, so the screen, the drill-down lists and the
// documents all count the same way.
import { isOnControl, type AppealStatus, type Category, type Channel } from '../domain/appeal-vocabulary.js';
import { nextDeadline, type DeadlinesOfAppeal } from '../domain/deadline-progress.js';
import type { District } from '../domain/districts.js';
import { RESTORE_MOVES_TO } from '../domain/incidents.js';
import { ACTIONS, TRANSITIONS, type WorkflowAction } from '../domain/workflow.js';
import { asOfInstant, trendDays, type SummaryDay } from './summary-day.js';

/** A change of status as the audit trail records it: the event, when, and the status it led to (statusAfter). */
export interface StatusMove {
  readonly at: number;
  readonly to: AppealStatus;
  /** The event's type: `close` marks the figure «закрыто». */
  readonly type: string;
}

/**
 * An appeal as the summary sees it. `moves` are its status changes in time order (ties in the order
 * written). For openness only the moves into and out of a final status matter (close, reject,
 * mark_duplicate, return_for_rework); for overdue the full list up to the instant is needed.
 */
export interface SummaryAppeal {
  readonly id: string;
  readonly district: District;
  readonly buildingId: string;
  readonly category: Category;
  readonly channel: Channel;
  /** The organisation the appeal was passed to (its current executor); null: not passed yet. */
  readonly executorId: string | null;
  readonly receivedAt: number;
  readonly moves: readonly StatusMove[];
  /** Needed for overdue: the deadlines it was registered with, and when its quality was first checked. */
  readonly deadlines?: DeadlinesOfAppeal;
  readonly firstCheckAt?: number | null;
  /**
   * Instead, only when the instant is now (today's summary): the pending deadline as the database
   * keeps it (appeals.next_deadline_at, kept by triggers by the same rule as nextDeadline — a core
   * test checks that both agree); null: none pending.
   */
  readonly pendingDeadlineNow?: number | null;
}

/**
 * The status an audit event leaves the appeal in, by its type (the workflow's transitions; a failed
 * check sends it back to work; a restored outage moves it to «Выполнено»), or null for events that
 * do not change the status (calls, links). The same as the `to` the event records.
 */
export function statusAfter(type: string): AppealStatus | null {
  if (type === 'verify_failed') return 'in_progress';
  if (type === 'incident_restored') return RESTORE_MOVES_TO;
  return (ACTIONS as readonly string[]).includes(type) ? TRANSITIONS[type as WorkflowAction].to : null;
}

/** The event types that move an appeal into or out of a final status. */
export const FINAL_MOVE_TYPES = ['close', 'reject', 'mark_duplicate', 'return_for_rework'] as const;
/** The event that counts an appeal as closed in a day. */
export const CLOSE_EVENT = 'close';

/** The status at an instant: after the last move strictly before it; «Зарегистрировано» before any. */
export function statusAt(appeal: Pick<SummaryAppeal, 'moves'>, instant: number): AppealStatus {
  let status: AppealStatus = 'registered';
  for (const move of appeal.moves) {
    if (move.at >= instant) break;
    status = move.to;
  }
  return status;
}

/** Received before the instant and not closed, rejected or a duplicate at it: on control. */
export function isOpenAt(appeal: Pick<SummaryAppeal, 'moves' | 'receivedAt'>, instant: number): boolean {
  return appeal.receivedAt < instant && isOnControl(statusAt(appeal, instant));
}

/**
 * Open at the instant with its pending deadline (the «Сроки» rule, shared/domain/deadline-progress.ts)
 * already passed. Needs the appeal's deadlines, its full moves up to the instant and its first check.
 */
export function isOverdueAt(appeal: SummaryAppeal, instant: number): boolean {
  if (!isOpenAt(appeal, instant)) return false;
  if (appeal.pendingDeadlineNow !== undefined) return appeal.pendingDeadlineNow !== null && appeal.pendingDeadlineNow < instant;
  if (!appeal.deadlines) throw new Error(`appeal ${appeal.id}: deadlines are needed to tell overdue`);
  const checked = appeal.firstCheckAt !== null && appeal.firstCheckAt !== undefined && appeal.firstCheckAt < instant;
  const pending = nextDeadline(statusAt(appeal, instant), appeal.deadlines, checked);
  return pending !== null && pending.at < instant;
}

/** Closed in [from, to): a close event in the range (an appeal closed twice counts once). */
export function closedIn(appeal: Pick<SummaryAppeal, 'moves'>, from: number, to: number): boolean {
  return appeal.moves.some((m) => m.type === CLOSE_EVENT && m.at >= from && m.at < to);
}

export function receivedIn(appeal: Pick<SummaryAppeal, 'receivedAt'>, from: number, to: number): boolean {
  return appeal.receivedAt >= from && appeal.receivedAt < to;
}

/**
 * Time to resolve an appeal closed in [from, to): from its receipt (deadlines run from it) to its
 * last close in the range; null when it was not closed there.
 */
export function resolveTimeIn(appeal: Pick<SummaryAppeal, 'moves' | 'receivedAt'>, from: number, to: number): number | null {
  let last: number | null = null;
  for (const m of appeal.moves) if (m.type === CLOSE_EVENT && m.at >= from && m.at < to) last = m.at;
  return last === null ? null : last - appeal.receivedAt;
}

export const SUMMARY_FIGURES = ['received', 'closed', 'open', 'overdue'] as const;
export type SummaryFigure = (typeof SUMMARY_FIGURES)[number];

/** The headline figures: the ids behind each. */
export type DayMembers = Readonly<Record<SummaryFigure, readonly string[]>>;

/**
 * Which appeals make each figure of the day. `open` and `overdue` are as of the day's end, or now
 * for today. Appeals given without deadlines must not be open at that instant (the core gives
 * deadlines and full moves to every appeal open then).
 */
export function dayMembers(appeals: readonly SummaryAppeal[], day: SummaryDay, nowMs: number): DayMembers {
  const asOf = asOfInstant(day, nowMs);
  const received: string[] = [];
  const closed: string[] = [];
  const open: string[] = [];
  const overdue: string[] = [];
  for (const a of appeals) {
    if (receivedIn(a, day.from, day.to)) received.push(a.id);
    if (closedIn(a, day.from, day.to)) closed.push(a.id);
    if (isOpenAt(a, asOf)) {
      open.push(a.id);
      if (isOverdueAt(a, asOf)) overdue.push(a.id);
    }
  }
  return { received, closed, open, overdue };
}

export type DayFigures = Readonly<Record<SummaryFigure, number>>;

export interface BreakdownRow extends DayFigures {
  /** A category or channel code, an executor's id, or NO_EXECUTOR. */
  readonly key: string;
}

export const BREAKDOWNS = ['category', 'channel', 'executor'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** The executor key of appeals not passed to anybody yet. */
export const NO_EXECUTOR = 'none';

export function breakdownKey(appeal: SummaryAppeal, by: Breakdown): string {
  switch (by) {
    case 'category':
      return appeal.category;
    case 'channel':
      return appeal.channel;
    case 'executor':
      return appeal.executorId ?? NO_EXECUTOR;
  }
}

/** The figures by a breakdown, the rows with the most received first (then open, then the key). */
export function breakdown(byId: ReadonlyMap<string, SummaryAppeal>, members: DayMembers, by: Breakdown): BreakdownRow[] {
  const rows = new Map<string, Record<SummaryFigure, number>>();
  for (const figure of Object.keys(members) as SummaryFigure[]) {
    for (const id of members[figure]) {
      const appeal = byId.get(id);
      if (!appeal) continue;
      const key = breakdownKey(appeal, by);
      const row = rows.get(key) ?? { received: 0, closed: 0, open: 0, overdue: 0 };
      row[figure]++;
      rows.set(key, row);
    }
  }
  return [...rows.entries()]
    .map(([key, f]) => ({ key, ...f }))
    .sort((a, b) => b.received - a.received || b.open - a.open || a.key.localeCompare(b.key));
}

/**
 * The resolve-time window: the day itself. Appeals are worked off on the day they arrive, so the
 * day's closings are what the deputy head answers for; a city day closes ~20 appeals per organisation.
 */
export function resolveWindow(day: SummaryDay): { from: number; to: number } {
  return { from: day.from, to: day.to };
}

export interface ExecutorRank {
  readonly executorId: string;
  /** Overdue and open as of the day's end (now for today). */
  readonly overdue: number;
  readonly open: number;
  /** Closed in the day, and the median time from receipt to closing, in ms. */
  readonly closedInWindow: number;
  readonly medianResolveMs: number | null;
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The management organisations (executors) ranked two ways: by overdue appeals (most first; ties:
 * more open, then the id) and by median time to resolve (slowest first; ties: more closed).
 * Appeals not passed to anybody are not an organisation's and stay out.
 */
export function executorRanking(
  appeals: readonly SummaryAppeal[],
  members: DayMembers,
  day: SummaryDay,
  limit = 10,
): { byOverdue: ExecutorRank[]; byMedianResolve: ExecutorRank[] } {
  const open = new Set(members.open);
  const overdue = new Set(members.overdue);
  const window = resolveWindow(day);
  const acc = new Map<string, { overdue: number; open: number; times: number[] }>();
  for (const a of appeals) {
    if (a.executorId === null) continue;
    const time = resolveTimeIn(a, window.from, window.to);
    if (!open.has(a.id) && time === null) continue;
    const row = acc.get(a.executorId) ?? { overdue: 0, open: 0, times: [] };
    if (open.has(a.id)) row.open++;
    if (overdue.has(a.id)) row.overdue++;
    if (time !== null) row.times.push(time);
    acc.set(a.executorId, row);
  }
  const ranks: ExecutorRank[] = [...acc.entries()].map(([executorId, r]) => ({
    executorId,
    overdue: r.overdue,
    open: r.open,
    closedInWindow: r.times.length,
    medianResolveMs: median(r.times),
  }));
  const byOverdue = ranks
    .filter((r) => r.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.executorId.localeCompare(b.executorId))
    .slice(0, limit);
  const byMedianResolve = ranks
    .filter((r) => r.medianResolveMs !== null)
    .sort((a, b) => (b.medianResolveMs as number) - (a.medianResolveMs as number) || b.closedInWindow - a.closedInWindow || a.executorId.localeCompare(b.executorId))
    .slice(0, limit);
  return { byOverdue, byMedianResolve };
}

export interface TrendPoint {
  readonly date: string;
  readonly received: number;
  readonly closed: number;
  /** Open at the day's end (now for today). */
  readonly open: number;
}

/** Received, closed and still open for each of the 14 days ending with the chosen one. */
export function trend(appeals: readonly SummaryAppeal[], day: SummaryDay, nowMs: number): TrendPoint[] {
  return trendDays(day).map((d) => {
    const asOf = asOfInstant(d, nowMs);
    let received = 0;
    let closed = 0;
    let open = 0;
    for (const a of appeals) {
      if (receivedIn(a, d.from, d.to)) received++;
      if (closedIn(a, d.from, d.to)) closed++;
      if (isOpenAt(a, asOf)) open++;
    }
    return { date: d.date, received, closed, open };
  });
}

/** Counts by Samara date (YYYY-MM-DD) from the trend's first day on, as the core reads them from its indexes. */
export interface TrendCounts {
  /** Appeals open now (not closed, rejected or a duplicate). */
  readonly openNow: number;
  readonly received: ReadonlyMap<string, number>;
  /** Appeals closed (distinct) per day. */
  readonly closed: ReadonlyMap<string, number>;
  /** Moves into a final status (close, reject, mark_duplicate) per day. */
  readonly entries: ReadonlyMap<string, number>;
  /** Moves out of «Закрыто» (a return for rework of a closed appeal) per day. */
  readonly exits: ReadonlyMap<string, number>;
}

/**
 * The trend from counts: open at a past instant T is open now, less what was received since T,
 * plus what moved into a final status since T, less what moved out of one — the same appeals
 * `isOpenAt` counts (a final status is entered and left in turn). Counts must cover every date
 * from the trend's first day to now.
 */
export function trendFromCounts(counts: TrendCounts, day: SummaryDay, nowMs: number): TrendPoint[] {
  const days = trendDays(day);
  const since = (date: string): number => {
    let delta = 0;
    for (const [d, n] of counts.received) if (d > date) delta -= n;
    for (const [d, n] of counts.entries) if (d > date) delta += n;
    for (const [d, n] of counts.exits) if (d > date) delta -= n;
    return delta;
  };
  return days.map((d) => ({
    date: d.date,
    received: counts.received.get(d.date) ?? 0,
    closed: counts.closed.get(d.date) ?? 0,
    open: d.to >= nowMs ? counts.openNow : counts.openNow + since(d.date),
  }));
}

export interface DaySummaryFigures {
  readonly date: string;
  readonly from: number;
  readonly to: number;
  /** The instant open and overdue stand as of: the day's end, or now for today. */
  readonly asOf: number;
  readonly figures: DayFigures;
  readonly byCategory: BreakdownRow[];
  readonly byChannel: BreakdownRow[];
  readonly byExecutor: BreakdownRow[];
  readonly ranking: { readonly byOverdue: ExecutorRank[]; readonly byMedianResolve: ExecutorRank[]; readonly windowFrom: number; readonly windowTo: number };
  /** Buildings with an appeal open as of asOf. */
  readonly addressesOnControl: number;
  /** Those buildings with their open and overdue appeals as of asOf: most overdue first, then most open. */
  readonly controlBuildings: readonly ControlBuilding[];
  readonly trend: TrendPoint[];
}

export interface ControlBuilding {
  readonly buildingId: string;
  readonly open: number;
  readonly overdue: number;
}

/** The buildings on control as of the day's instant, from the day's open and overdue appeals. */
export function controlBuildings(members: DayMembers, byId: ReadonlyMap<string, SummaryAppeal>): ControlBuilding[] {
  const counts = new Map<string, { open: number; overdue: number }>();
  for (const id of members.open) {
    const building = byId.get(id)?.buildingId;
    if (building === undefined) continue;
    const c = counts.get(building) ?? { open: 0, overdue: 0 };
    c.open++;
    counts.set(building, c);
  }
  for (const id of members.overdue) {
    const c = counts.get(byId.get(id)?.buildingId ?? '');
    if (c) c.overdue++;
  }
  return [...counts.entries()]
    .map(([buildingId, c]) => ({ buildingId, ...c }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.buildingId.localeCompare(b.buildingId));
}

/**
 * The whole summary. `appeals` must hold every appeal that can count in the day: received or closed
 * in it, or open at its end — and, unless the trend is given (the core counts it: trendFromCounts),
 * every one received, closed or open in the trend's 14 days.
 */
export function summarizeDay(appeals: readonly SummaryAppeal[], day: SummaryDay, nowMs: number, trendPoints?: TrendPoint[]): DaySummaryFigures {
  const members = dayMembers(appeals, day, nowMs);
  const byId = new Map(appeals.map((a) => [a.id, a]));
  const window = resolveWindow(day);
  return {
    date: day.date,
    from: day.from,
    to: day.to,
    // As shown: now, or the day's end (the figures include the current millisecond: asOfInstant).
    asOf: Math.min(day.to, nowMs),
    figures: {
      received: members.received.length,
      closed: members.closed.length,
      open: members.open.length,
      overdue: members.overdue.length,
    },
    byCategory: breakdown(byId, members, 'category'),
    byChannel: breakdown(byId, members, 'channel'),
    byExecutor: breakdown(byId, members, 'executor'),
    ranking: { ...executorRanking(appeals, members, day), windowFrom: window.from, windowTo: window.to },
    addressesOnControl: new Set(members.open.map((id) => byId.get(id)?.buildingId)).size,
    controlBuildings: controlBuildings(members, byId),
    trend: trendPoints ?? trend(appeals, day, nowMs),
  };
}
