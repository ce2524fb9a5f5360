// Date-and-time fields of the incident forms read and write Samara time, whatever the PC's zone.
import { SAMARA_OFFSET_MS } from '../../../shared/domain/samara-time.js';

/** Epoch ms → the value of an <input type="datetime-local"> in Samara time. */
export function toSamaraInput(ms: number): string {
  return new Date(ms + SAMARA_OFFSET_MS).toISOString().slice(0, 16);
}

/** The value of an <input type="datetime-local"> read as Samara time → epoch ms; null when empty or invalid. */
export function fromSamaraInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi) - SAMARA_OFFSET_MS;
}
