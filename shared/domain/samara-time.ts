// Samara keeps UTC+4 all year (no daylight saving since 2011), so local dates are computed
// from a fixed offset, whatever the time zone of the PC the app runs on.
export const SAMARA_OFFSET_MS = 4 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Start of the Samara calendar day that contains the instant, as epoch milliseconds. */
export function startOfSamaraDay(instantMs: number): number {
  const local = instantMs + SAMARA_OFFSET_MS;
  return local - mod(local, DAY_MS) - SAMARA_OFFSET_MS;
}

/** Last millisecond of the Samara calendar day that contains the instant. */
export function endOfSamaraDay(instantMs: number): number {
  return startOfSamaraDay(instantMs) + DAY_MS - 1;
}

/** The Samara calendar date of an instant as YYYY-MM-DD. */
export function samaraDate(instantMs: number): string {
  return new Date(instantMs + SAMARA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Year of the Samara calendar date of an instant. */
export function samaraYear(instantMs: number): number {
  return new Date(instantMs + SAMARA_OFFSET_MS).getUTCFullYear();
}

/** «29.11.2026 11:05» in Samara time: what the user compares with the clock on the wall. */
export function formatSamaraDateTime(ms: number): string {
  const iso = new Date(ms + SAMARA_OFFSET_MS).toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}
