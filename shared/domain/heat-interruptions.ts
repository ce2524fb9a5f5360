// Heat-interruption hours of one building, per calendar month in Samara time, against the limits of
// ПП РФ № 354 (прил. 1, п. 15): heating may be interrupted at most 24 hours in total per month and at
// most 16 hours at once, less when the rooms are colder (8 h at +10…+12 °C, 4 h at +8…+10 °C, none
// below +8 °C). Intervals come from the building's incidents (start → restore; an incident
// still open counts until now). Overlapping incidents are merged first, so an hour counts once.
import { SAMARA_OFFSET_MS } from './samara-time.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * A lower single-interruption limit while the rooms are colder: from `fromCelsius` to `toCelsius`,
 * both included («от +8 до +10 °C»); where two bands meet (+10 °C) the stricter one applies.
 */
export interface ColdRoomBand {
  readonly fromCelsius: number;
  readonly toCelsius: number;
  readonly hours: number;
}

/** Configurable limits; the defaults are ПП РФ № 354, приложение 1, п. 15. */
export interface HeatInterruptionLimits {
  /** Total interruption allowed in one calendar month, hours. */
  readonly monthlyHours: number;
  /** Longest single interruption allowed, hours, with the rooms above the cold bands (from +12 °C to the norm). */
  readonly singleHours: number;
  /** Lower single limits at colder rooms: 8 h at +10…+12 °C, 4 h at +8…+10 °C. */
  readonly coldRooms: readonly ColdRoomBand[];
  /**
   * Below the coldest band (+8 °C) п. 15 permits no interruption at all: its durations are given only
   * for rooms at +8 °C and warmer. So any interruption with colder rooms is over the limit (0 h).
   */
  readonly belowColdRoomsHours: number;
}

export const HEAT_INTERRUPTION_LIMITS: HeatInterruptionLimits = {
  monthlyHours: 24,
  singleHours: 16,
  coldRooms: [
    { fromCelsius: 10, toCelsius: 12, hours: 8 },
    { fromCelsius: 8, toCelsius: 10, hours: 4 },
  ],
  belowColdRoomsHours: 0,
};

/** Which limit applies: no measurement or warm enough, a cold band, or below every band. */
export type SingleLimitBand = 'normal' | 'cold' | 'below_cold';

/** The single-interruption limit at a measured room temperature (null: not measured, the general 16 h). */
export function singleInterruptionLimit(
  roomCelsius: number | null,
  limits: HeatInterruptionLimits = HEAT_INTERRUPTION_LIMITS,
): { readonly hours: number; readonly band: SingleLimitBand; readonly fromCelsius: number | null; readonly toCelsius: number | null } {
  if (roomCelsius === null || !Number.isFinite(roomCelsius)) return { hours: limits.singleHours, band: 'normal', fromCelsius: null, toCelsius: null };
  const matching = limits.coldRooms.filter((b) => roomCelsius >= b.fromCelsius && roomCelsius <= b.toCelsius);
  if (matching.length > 0) {
    const strictest = matching.reduce((a, b) => (b.hours < a.hours ? b : a));
    return { hours: strictest.hours, band: 'cold', fromCelsius: strictest.fromCelsius, toCelsius: strictest.toCelsius };
  }
  const coldest = Math.min(...limits.coldRooms.map((b) => b.fromCelsius));
  if (roomCelsius < coldest) return { hours: limits.belowColdRoomsHours, band: 'below_cold', fromCelsius: null, toCelsius: coldest };
  return { hours: limits.singleHours, band: 'normal', fromCelsius: null, toCelsius: null };
}

export interface InterruptionInterval {
  readonly start: number;
  /** Restore time; null while heat is still off (counts until now). */
  readonly end: number | null;
  /** Room temperature measured in the building during this outage, °C; null or absent: not measured. */
  readonly roomCelsius?: number | null;
}

export interface MonthInterruption {
  /** Samara calendar month, YYYY-MM. */
  readonly month: string;
  readonly hours: number;
  readonly exceedsMonthly: boolean;
}

export type HeatInterruptionWarning =
  | { readonly kind: 'monthly'; readonly month: string; readonly hours: number; readonly limitHours: number }
  | {
      readonly kind: 'single';
      readonly start: number;
      readonly end: number;
      readonly ongoing: boolean;
      readonly hours: number;
      readonly limitHours: number;
      /** The coldest room temperature measured during it (null: none), which set the limit. */
      readonly roomCelsius: number | null;
      readonly band: SingleLimitBand;
    };

export interface HeatInterruptionReport {
  /** Months with any interruption, oldest first. */
  readonly months: readonly MonthInterruption[];
  readonly warnings: readonly HeatInterruptionWarning[];
}

/**
 * Intervals ended at now at the latest, empty ones dropped, overlapping or touching ones merged
 * (keeping the coldest room temperature measured in any of them); sorted.
 */
export function mergeIntervals(intervals: readonly InterruptionInterval[], nowMs: number): { start: number; end: number; roomCelsius: number | null }[] {
  const closed = intervals
    .map((i) => ({ start: i.start, end: Math.min(i.end ?? nowMs, nowMs), roomCelsius: i.roomCelsius ?? null }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number; roomCelsius: number | null }[] = [];
  for (const i of closed) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) {
      last.end = Math.max(last.end, i.end);
      if (i.roomCelsius !== null) last.roomCelsius = last.roomCelsius === null ? i.roomCelsius : Math.min(last.roomCelsius, i.roomCelsius);
    } else merged.push({ ...i });
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
  for (const { start, end, roomCelsius } of merged) {
    let from = start;
    while (from < end) {
      const to = Math.min(end, nextSamaraMonthStart(from));
      const month = samaraMonth(from);
      byMonth.set(month, (byMonth.get(month) ?? 0) + (to - from));
      from = to;
    }
    const hours = (end - start) / HOUR_MS;
    const limit = singleInterruptionLimit(roomCelsius, limits);
    if (hours > limit.hours) {
      const ongoing = open && end === nowMs && intervals.some((i) => i.end === null && i.start <= nowMs && i.start >= start);
      warnings.push({ kind: 'single', start, end, ongoing, hours, limitHours: limit.hours, roomCelsius, band: limit.band });
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
