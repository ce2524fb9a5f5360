// The date of a heating status («Дата»): a Samara calendar date, as a supplier writes it —
// 25.11.2026, 25.11.26, 2026-11-25, an Excel date cell, or an Excel date serial number — never later
// than today in Samara. Stored as YYYY-MM-DD: a status holds from a day, not from an instant.
import { samaraDate } from '../domain/samara-time.js';
import { shorten, type Read } from './heating-status.js';

/** The earliest date accepted: an older one is a typo (1925 for 2025), not a heating season. */
export const HEATING_DATE_MIN = '2000-01-01';

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included); serials for 2000–2099. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_SERIAL_MIN = 36_526;
const EXCEL_SERIAL_MAX = 73_050;
const DAY_MS = 24 * 60 * 60 * 1000;

function isoOf(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

function calendarDate(text: string): string | null {
  // A time after the date (Excel's «25.11.2026 0:00», ISO's «T00:00:00») is ignored: the day counts.
  const t = text.trim().replace(/[T\s].*$/, '');
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})$/.exec(t);
  if (m) {
    const year = (m[3] as string).length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return isoOf(year, Number(m[2]), Number(m[1]));
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{5})(?:[.,]0+)?$/.exec(t);
  if (m) {
    const serial = Number(m[1]);
    if (serial < EXCEL_SERIAL_MIN || serial > EXCEL_SERIAL_MAX) return null;
    return new Date(EXCEL_EPOCH_MS + serial * DAY_MS).toISOString().slice(0, 10);
  }
  return null;
}

/** «25.11.2026» → '2026-11-25', refusing a date after today in Samara (at nowMs) or before 2000. */
export function readHeatingDate(text: string, nowMs: number): Read<string> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'не указана дата' };
  const date = calendarDate(trimmed);
  if (!date) return { ok: false, error: `дата «${shorten(trimmed)}» не распознана: укажите её как 25.11.2026` };
  const today = samaraDate(nowMs);
  if (date > today) return { ok: false, error: `дата ${formatHeatingDate(date)} ещё не наступила (сегодня ${formatHeatingDate(today)})` };
  if (date < HEATING_DATE_MIN) return { ok: false, error: `дата ${formatHeatingDate(date)} слишком давняя` };
  return { ok: true, value: date };
}

/** '2026-11-25' → «25.11.2026». */
export function formatHeatingDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
