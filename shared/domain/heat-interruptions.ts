// Heat-interruption hours of one building, per calendar month in Samara time, against the limits of
// ПП РФ № 354 (прил. 1, п. 15): heating may be interrupted at most 24 hours in total per month and at
// most 16 hours at once. Intervals come from the building's incidents (start → restore; an incident
// still open counts until now). Overlapping incidents are merged first, so an hour counts once.
import { SAMARA_OFFSET_MS } from './samara-time.js';

const HOUR_MS = 60 * 60 * 1000;

/** Configurable limits; the defaults are ПП РФ № 354, приложение 1, п. 15. */
export interface HeatInterruptionLimits {
  /** Total interruption allowed in one calendar month, hours. */
  readonly monthlyHours: number;
  /** Longest single interruption allowed, hours (at room temperature ≥ +12 °C). */
  readonly singleHours: number;
}

export const HEAT_INTERRUPTION_LIMITS: HeatInterruptionLimits = { monthlyHours: 24, singleHours: 16 };

export interface InterruptionInterval {
  readonly start: number;
  /** Restore time; null while heat is still off (counts until now). */
  readonly end: number | null;
}

export interface MonthInterruption {
  /** Samara calendar month, YYYY-MM. */
  readonly month: string;
  readonly hours: number;
  readonly exceedsMonthly: boolean;
}

export type HeatInterruptionWarning =
  | { readonly kind: 'monthly'; readonly month: string; readonly hours: number; readonly limitHours: number }
  | { readonly kind: 'single'; readonly start: number; readonly end: number; readonly ongoing: boolean; readonly hours: number; readonly limitHours: number };

export interface HeatInterruptionReport {
  /** Months with any interruption, oldest first. */
  readonly months: readonly MonthInterruption[];
  readonly warnings: readonly HeatInterruptionWarning[];
}

/** Intervals ended at now at the latest, empty ones dropped, overlapping or touching ones merged; sorted. */
export function mergeIntervals(intervals: readonly InterruptionInterval[], nowMs: number): { start: number; end: number }[] {
  const closed = intervals
    .map((i) => ({ start: i.start, end: Math.min(i.end ?? nowMs, nowMs) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const i of closed) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** First instant of the Samara calendar month after the one containing the instant. */
export function nextSamaraMonthStart(instantMs: number): number {
  const local = new Date(instantMs + SAMARA_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - SAMARA_OFFSET_MS;
}

/** The Samara calendar month of an instant, YYYY-MM. */
export function samaraMonth(instantMs: number): string {
  return new Date(instantMs + SAMARA_OFFSET_MS).toISOString().slice(0, 7);
}

/**
 * Hours per month and warnings. An open interval ends now; an interval that crosses a month
 * boundary is split at Samara midnight of the 1st. The single-interruption limit applies to each
 * merged interval as a whole, even across a month boundary.
 */
export function heatInterruptionReport(
  intervals: readonly InterruptionInterval[],
  nowMs: number,
  limits: HeatInterruptionLimits = HEAT_INTERRUPTION_LIMITS,
): HeatInterruptionReport {
  const open = intervals.some((i) => i.end === null);
  const merged = mergeIntervals(intervals, nowMs);
  const byMonth = new Map<string, number>();
  const warnings: HeatInterruptionWarning[] = [];
  for (const { start, end } of merged) {
    let from = start;
    while (from < end) {
      const to = Math.min(end, nextSamaraMonthStart(from));
      const month = samaraMonth(from);
      byMonth.set(month, (byMonth.get(month) ?? 0) + (to - from));
      from = to;
    }
    const hours = (end - start) / HOUR_MS;
    if (hours > limits.singleHours) {
      const ongoing = open && end === nowMs && intervals.some((i) => i.end === null && i.start <= nowMs && i.start >= start);
      warnings.push({ kind: 'single', start, end, ongoing, hours, limitHours: limits.singleHours });
    }
  }
  const months = [...byMonth.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([month, ms]) => ({ month, hours: ms / HOUR_MS, exceedsMonthly: ms / HOUR_MS > limits.monthlyHours }));
  for (const m of months) {
    if (m.exceedsMonthly) warnings.push({ kind: 'monthly', month: m.month, hours: m.hours, limitHours: limits.monthlyHours });
  }
  return { months, warnings };
}
