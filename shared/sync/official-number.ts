// Official city-wide registration numbers, given by the central endpoint when an appeal's
// registration first reaches it: «2026-ОКТ-000123» — the year the appeal was received (Samara time,
// as in the provisional number), the district's three letters, and the city's own counter for that
// year. The counter is city-wide, so the number alone is unique; the letters tell a reader where the
// appeal is at a glance. The provisional number («26-7KQ2-00042», registration-number.ts) stays on
// the appeal and stays searchable: a resident may have been told either.
import type { District } from '../domain/districts.js';

export const DISTRICT_CODES: Readonly<Record<District, string>> = {
  Железнодорожный: 'ЖЕЛ',
  Кировский: 'КИР',
  Красноглинский: 'КРГ',
  Куйбышевский: 'КУЙ',
  Ленинский: 'ЛЕН',
  Октябрьский: 'ОКТ',
  Промышленный: 'ПРМ',
  Самарский: 'САМ',
  Советский: 'СОВ',
};

export function officialNumber(year: number, district: District, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `${year}-${DISTRICT_CODES[district]}-${String(sequence).padStart(6, '0')}`;
}

const OFFICIAL = /^(\d{4})-([А-ЯЁ]{3})-(\d{6,})$/;

export function parseOfficialNumber(value: string): { year: number; district: District; sequence: number } | null {
  const m = OFFICIAL.exec(value.trim().toUpperCase());
  if (!m) return null;
  const district = (Object.keys(DISTRICT_CODES) as District[]).find((d) => DISTRICT_CODES[d] === m[2]);
  if (!district) return null;
  return { year: Number(m[1]), district, sequence: Number(m[3]) };
}
