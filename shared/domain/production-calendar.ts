// The Russian production calendar («производственный календарь») and working-day arithmetic in
// Samara time. A calendar lists only the exceptions to the week: a weekday that is a holiday or a
// moved day off («holiday»), a Saturday or Sunday that is worked («workday»), a shortened working day
// before a holiday («short», still a working day). Every other Monday–Friday is a working day and
// every Saturday and Sunday a day off. Dates are Samara calendar dates (YYYY-MM-DD); no code here
// reads the PC's time zone: days are counted on UTC dates shifted by Samara's fixed +4 h.
import type { CalendarDay, CalendarDayType, CalendarParseResult } from './calendar-day.js';
import { isMonthListCsv, isMonthListJson, parseMonthListCsv, parseMonthListJson, parseXmlCalendar } from './calendar-file-formats.js';
import { SAMARA_OFFSET_MS } from './samara-time.js';

export { CALENDAR_DAY_TYPES, type CalendarDay, type CalendarDayType, type CalendarParseResult } from './calendar-day.js';

export interface CalendarYear {
  readonly year: number;
  /** The decree that sets the year's moved days off, as cited. */
  readonly source: string;
  readonly days: readonly CalendarDay[];
}

const DAY_MS = 86_400_000;

function days(type: CalendarDayType, dates: readonly string[]): CalendarDay[] {
  return dates.map((date) => ({ date, type }));
}

/**
 * Built-in years. Holidays are those of Labour Code art. 112; moved days off are set by the yearly
 * government decree. 2025 and 2026 are as published (2026 checked against press reports of decree
 * № 1466 of 24.09.2025: 3 and 4 January moved to 9 January and 31 December). 2027: the decree was
 * not known when this was written (press reported only a draft: 4–7 November off, Saturday
 * 13 November worked): the
 * holidays and the moves that art. 112 makes by itself (a holiday on a Saturday or Sunday moves the
 * day off to the next working day) are in, the moves of 2 and 3 January are not — import the
 * official calendar for 2027 as soon as it is published.
 */
export const BUILT_IN_CALENDAR: readonly CalendarYear[] = [
  {
    year: 2025,
    source: 'Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»',
    days: [
      ...days('holiday', [
        '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-06', '2025-01-07', '2025-01-08',
        '2025-05-01', '2025-05-02', '2025-05-08', '2025-05-09', '2025-06-12', '2025-06-13',
        '2025-11-03', '2025-11-04', '2025-12-31',
      ]),
      ...days('workday', ['2025-11-01']),
      ...days('short', ['2025-03-07', '2025-04-30', '2025-06-11']),
    ],
  },
  {
    year: 2026,
    source: 'Постановление Правительства РФ о переносе выходных дней в 2026 году от 24.09.2025 № 1466',
    days: [
      ...days('holiday', [
        '2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09',
        '2026-02-23', '2026-03-09', '2026-05-01', '2026-05-11', '2026-06-12', '2026-11-04', '2026-12-31',
      ]),
      ...days('short', ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03']),
    ],
  },
  {
    year: 2027,
    source: 'ТК РФ ст. 112 (праздники и переносы с выходных); постановление о переносах на 2027 год не внесено — импортируйте официальный календарь',
    days: [
      ...days('holiday', [
        '2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08',
        '2027-02-23', '2027-03-08', '2027-05-03', '2027-05-10', '2027-06-14', '2027-11-04',
      ]),
      ...days('short', ['2027-02-22', '2027-04-30', '2027-06-11', '2027-11-03', '2027-12-31']),
    ],
  },
];

/** A calendar ready for lookups: the exceptions by date. */
export class ProductionCalendar {
  private readonly byDate: ReadonlyMap<string, CalendarDayType>;

  constructor(days: Iterable<CalendarDay>) {
    const map = new Map<string, CalendarDayType>();
    for (const d of days) map.set(d.date, d.type);
    this.byDate = map;
  }

  static builtIn(): ProductionCalendar {
    return new ProductionCalendar(BUILT_IN_CALENDAR.flatMap((y) => y.days));
  }

  typeOf(date: string): CalendarDayType | undefined {
    return this.byDate.get(date);
  }

  /** Whether a Samara date (YYYY-MM-DD) is a working day. */
  isWorkingDate(date: string): boolean {
    const type = this.byDate.get(date);
    if (type === 'holiday') return false;
    if (type === 'workday' || type === 'short') return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** Whether the Samara day containing the instant is a working day. */
  isWorkingDay(instantMs: number): boolean {
    return this.isWorkingDate(samaraDateOf(instantMs));
  }

  /**
   * The end (last millisecond) of the n-th working day after the Samara day of the instant; the day
   * of receipt itself is not counted (ГК РФ ст. 191). n = 0 gives the end of the first working day
   * from the instant's day on (the day itself when it is a working day).
   */
  endOfWorkingDayAfter(instantMs: number, n: number): number {
    let day = samaraDayIndex(instantMs);
    if (n === 0) {
      while (!this.isWorkingDate(dateOfDayIndex(day))) day++;
      return endOfDayIndex(day);
    }
    let left = n;
    while (left > 0) {
      day++;
      if (this.isWorkingDate(dateOfDayIndex(day))) left--;
    }
    return endOfDayIndex(day);
  }

  /**
   * The end of the Samara day n calendar days after the instant's day; when that day is not a
   * working day, the end of the next working day (ГК РФ ст. 193).
   */
  endOfCalendarDaysAfter(instantMs: number, n: number): number {
    let day = samaraDayIndex(instantMs) + n;
    while (!this.isWorkingDate(dateOfDayIndex(day))) day++;
    return endOfDayIndex(day);
  }
}

/** Days since 1970-01-01 of the Samara calendar day that contains the instant. */
function samaraDayIndex(instantMs: number): number {
  return Math.floor((instantMs + SAMARA_OFFSET_MS) / DAY_MS);
}

function dateOfDayIndex(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function endOfDayIndex(day: number): number {
  return (day + 1) * DAY_MS - SAMARA_OFFSET_MS - 1;
}

function samaraDateOf(instantMs: number): string {
  return dateOfDayIndex(samaraDayIndex(instantMs));
}

/**
 * Reads a calendar file, its format told by its content: CSV lines «дата;тип» (YYYY-MM-DD or
 * DD.MM.YYYY; holiday|workday|short, or the Russian «выходной|рабочий|сокращённый»), an optional
 * header line, or JSON: an array of {date, type}; or a published calendar (calendar-file-formats.ts):
 * the data.gov.ru CSV «Год/Месяц,Январь,…», xmlcalendar.ru's XML or its JSON {year, months}. Lines
 * with errors are reported with their numbers; nothing is guessed.
 */
export function parseCalendarFile(text: string): CalendarParseResult {
  const untrimmed = text.replace(/^\uFEFF/, ''); // errors in the published formats name the file's own lines
  const trimmed = untrimmed.trim();
  if (trimmed.startsWith('<')) return parseXmlCalendar(untrimmed);
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseCalendarJson(trimmed);
  if (isMonthListCsv(trimmed)) return parseMonthListCsv(untrimmed);
  const out: CalendarDay[] = [];
  const errors: { line: number; message: string }[] = [];
  trimmed.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [dateRaw = '', typeRaw = ''] = line.split(/[;,\t]/).map((s) => s.trim());
    if (i === 0 && !/\d/.test(dateRaw)) return; // a header
    const date = normaliseDate(dateRaw);
    const type = normaliseType(typeRaw);
    if (!date) errors.push({ line: i + 1, message: `Неверная дата «${dateRaw}»: нужна ГГГГ-ММ-ДД или ДД.ММ.ГГГГ` });
    else if (!type) errors.push({ line: i + 1, message: `Неверный тип дня «${typeRaw}»: holiday, workday или short` });
    else out.push({ date, type });
  });
  return { days: out, errors };
}

function parseCalendarJson(text: string): CalendarParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { days: [], errors: [{ line: 1, message: 'Файл не является JSON' }] };
  }
  if (isMonthListJson(data)) return parseMonthListJson(data, text);
  const list: unknown = Array.isArray(data) ? data : (data as { days?: unknown }).days;
  if (!Array.isArray(list)) return { days: [], errors: [{ line: 1, message: 'Ожидается массив дней {date, type}' }] };
  const out: CalendarDay[] = [];
  const errors: { line: number; message: string }[] = [];
  list.forEach((item: unknown, i) => {
    const rec = (item ?? {}) as { date?: unknown; type?: unknown };
    const date = typeof rec.date === 'string' ? normaliseDate(rec.date) : null;
    const type = typeof rec.type === 'string' ? normaliseType(rec.type) : null;
    if (!date) errors.push({ line: i + 1, message: `Элемент ${i + 1}: неверная дата` });
    else if (!type) errors.push({ line: i + 1, message: `Элемент ${i + 1}: неверный тип дня` });
    else out.push({ date, type });
  });
  return { days: out, errors };
}

function normaliseDate(s: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  let iso: string | null = null;
  if (m) iso = `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s);
  if (m) iso = `${m[3]}-${m[2]}-${m[1]}`;
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

function normaliseType(s: string): CalendarDayType | null {
  const v = s.toLowerCase().replace('ё', 'е');
  if (v === 'holiday' || v === 'выходной' || v === 'праздничный' || v === 'нерабочий') return 'holiday';
  if (v === 'workday' || v === 'рабочий') return 'workday';
  if (v === 'short' || v === 'сокращенный' || v === 'предпраздничный') return 'short';
  return null;
}
