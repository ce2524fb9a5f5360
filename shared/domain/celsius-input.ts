// A temperature as people type it into a form: «18», «+18,5», «18.5», «18,5 °C», «18°», «18 С»
// (a Cyrillic С as often as a Latin C), «−3» with a typographic minus. One reader for every field
// that takes degrees — the check's measured rooms and an incident's room temperature.

/** The typed degrees as a number; empty: null; anything that is not one temperature: NaN. */
export function parseCelsius(text: string): number | null {
  const s = text
    .trim()
    .replace(/\s*(?:°\s*[CСcс]?|[CСcс])$/u, '')
    .replace(/^[−–]/u, '-')
    .replace(/\s+/gu, '')
    .replace(',', '.');
  if (s === '') return text.trim() === '' ? null : Number.NaN;
  return /^[+-]?\d{1,3}(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}
