// The day of «Итоги дня»: a Samara calendar day [00:00, 24:00) whatever the PC's time zone, the
// instant its figures stand as of, and the days of its trend. Pure: no clock of its own.
import { samaraDate, SAMARA_OFFSET_MS, startOfSamaraDay } from '../domain/samara-time.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The trend covers the chosen day and the 13 before it. */
export const TREND_DAYS = 14;

export interface SummaryDay {
  /** YYYY-MM-DD, the Samara date. */
  readonly date: string;
  /** First instant of the day (Samara midnight), epoch ms. */
  readonly from: number;
  /** First instant of the next day: the day is [from, to). */
  readonly to: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Samara day of a YYYY-MM-DD date, or null when the text is not a real calendar date. */
export function summaryDay(date: string): SummaryDay | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utcMidnight = Date.UTC(year, month - 1, day);
  const back = new Date(utcMidnight);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  const from = utcMidnight - SAMARA_OFFSET_MS;
  return { date, from, to: from + DAY_MS };
}

/** The Samara day that contains an instant. */
export function summaryDayOf(instantMs: number): SummaryDay {
  const from = startOfSamaraDay(instantMs);
  return { date: samaraDate(instantMs), from, to: from + DAY_MS };
}

/** The day `n` days before (negative: after) the given one. */
export function shiftDay(day: SummaryDay, n: number): SummaryDay {
  return summaryDayOf(day.from - n * DAY_MS);
}

/**
 * The instant the day's figures stand as of (moves strictly before it count): its end (24:00) once
 * the day is over, otherwise just after now — «still open» and «overdue» for today are as of the
 * moment the summary is asked for, counting what happened in that very millisecond (a status the
 * database already holds must not be missing from the figures).
 */
export function asOfInstant(day: SummaryDay, nowMs: number): number {
  return Math.min(day.to, nowMs + 1);
}

/** The trend's days, oldest first, ending with the chosen day. */
export function trendDays(day: SummaryDay, count: number = TREND_DAYS): SummaryDay[] {
  return Array.from({ length: count }, (_, i) => shiftDay(day, count - 1 - i));
}

/** Why a day cannot be summarised, in Russian, or null when it can. */
export function refuseDay(date: string, nowMs: number): string | null {
  const day = summaryDay(date);
  if (!day) return `Неверная дата «${date}»: нужна дата вида ГГГГ-ММ-ДД`;
  if (day.from > nowMs) return `Итоги за ${formatRuDate(day)} ещё не подведены: этот день не наступил`;
  return null;
}

/** 29.11.2026 */
export function formatRuDate(day: SummaryDay): string {
  const [y, m, d] = day.date.split('-');
  return `${d}.${m}.${y}`;
}
