// Readers of the production calendars published in Russia, for the calendar import: the open-data
// CSV of data.gov.ru (dataset 7708660670-proizvcalendar, also exported by xmlcalendar.ru) and
// xmlcalendar.ru's JSON, which list each month's days off, and xmlcalendar.ru's XML, which lists
// the exceptional days. All turn into our exceptions (calendar-day.ts). Pure: regular expressions,
// no DOM.
import type { CalendarDay, CalendarDayType, CalendarParseResult } from './calendar-day.js';

type LineError = { line: number; message: string };

const MONTH_NAMES = [
  'Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь',
  'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь',
] as const;

const MIN_YEAR = 1990;
const MAX_YEAR = 2199;

const HEADER = /^[\\"]*Год\s*\/\s*Месяц/i;
const YEAR_FIRST = /^\\?"?\d{4}\\?"?[,;]/;

/**
 * A month's days off as the month-list formats write them: «1,2,3*,4+» — a plain day is off
 * (a weekend, a holiday or a moved day off), «N+» is a day off moved there (still off), «N*» is a
 * shortened pre-holiday working day. Our exceptions follow from the week: a listed Monday–Friday is
 * a holiday, an unlisted Saturday or Sunday a worked day off (workday), «N*» a short day.
 */
function monthExceptions(year: number, month: number, cell: string): { days: CalendarDay[] } | { error: string } {
  const name = MONTH_NAMES[month - 1];
  const length = daysInMonth(year, month);
  const listed = new Map<number, 'off' | 'short'>();
  for (const raw of cell.split(',')) {
    const token = raw.trim();
    if (token === '') continue;
    const m = /^(\d{1,2})([*+]?)$/.exec(token);
    const day = m ? Number(m[1]) : 0;
    if (!m || day < 1 || day > length) return { error: `месяц «${name}» — неверный день «${token}»` };
    if (listed.has(day)) return { error: `месяц «${name}» — день «${day}» указан дважды` };
    listed.set(day, m[2] === '*' ? 'short' : 'off');
  }
  const days: CalendarDay[] = [];
  for (let day = 1; day <= length; day++) {
    const weekend = isWeekend(year, month, day);
    const mark = listed.get(day);
    const type: CalendarDayType | null =
      mark === 'short' ? 'short' : mark === 'off' ? (weekend ? null : 'holiday') : weekend ? 'workday' : null;
    if (type) days.push({ date: isoDate(year, month, day), type });
  }
  return { days };
}

/**
 * The text of a calendar file: UTF-8, or Windows-1251 when the bytes are not valid UTF-8 (Russian
 * government sites serve CSV in either).
 */
export function decodeCalendarFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** The first line with content: a data.gov.ru CSV starts with its header «Год/Месяц,…» or a year line. */
export function isMonthListCsv(text: string): boolean {
  const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#')) ?? '';
  return HEADER.test(first) || YEAR_FIRST.test(first);
}

/**
 * The data.gov.ru CSV: a header «Год/Месяц,Январь,…,Декабрь,Всего рабочих дней,…», then one line
 * per year: the year, 12 month cells of days off, the year's totals (not used). Fields are
 * separated by «,» (the cells quoted) or «;»; a line may be wrapped in quotes with its inner quotes
 * doubled or escaped as \". Every year of the file is read.
 */
export function parseMonthListCsv(text: string): CalendarParseResult {
  const days: CalendarDay[] = [];
  const errors: LineError[] = [];
  const yearLines = new Map<number, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || HEADER.test(line)) return;
    const fields = splitYearLine(line);
    if (!fields) {
      errors.push({ line: lineNo, message: 'кавычки не сходятся — строка оборвана или испорчена' });
      return;
    }
    if (fields.length < 13) {
      errors.push({ line: lineNo, message: `полей ${fields.length}, а нужны год и 12 месяцев — строка оборвана?` });
      return;
    }
    const year = readYear(fields[0] ?? '');
    if (typeof year === 'string') {
      errors.push({ line: lineNo, message: year });
      return;
    }
    const earlier = yearLines.get(year);
    if (earlier !== undefined) {
      errors.push({ line: lineNo, message: `год ${year} уже есть в строке ${earlier}` });
      return;
    }
    yearLines.set(year, lineNo);
    for (let month = 1; month <= 12; month++) {
      const r = monthExceptions(year, month, fields[month] ?? '');
      if ('error' in r) errors.push({ line: lineNo, message: r.error });
      else days.push(...r.days);
    }
  });
  return errors.length > 0 ? { days: [], errors } : { days: sortByDate(days), errors };
}

/** The fields of a year line, or null when its quotes do not pair up. */
function splitYearLine(line: string): string[] | null {
  let s = line.replace(/\\"/g, '"');
  const separator = /[,;]/.exec(s)?.[0] ?? ',';
  if (/^"[^"]*[,;]"/.test(s) && s.endsWith('"') && s.length > 1) s = s.slice(1, -1).replace(/""/g, '"');
  const fields = splitFields(s, separator);
  if (fields && fields.length === 1 && (fields[0] ?? '').includes(separator)) return splitFields(fields[0] ?? '', separator);
  return fields;
}

/** Splits a CSV line on the separator; quoted fields may hold it; "" inside quotes is a quote. */
function splitFields(s: string, separator: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (s[i] === ' ') i++;
    let field = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) return null;
        if (s[i] === '"' && s[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (s[i] === '"') {
          i++;
          break;
        } else field += s[i++];
      }
      while (s[i] === ' ') i++;
      if (i < s.length && s[i] !== separator) return null;
    } else {
      const end = s.indexOf(separator, i);
      field = end < 0 ? s.slice(i) : s.slice(i, end);
      if (field.includes('"')) return null;
      i = end < 0 ? s.length : end;
    }
    fields.push(field.trim());
    if (i >= s.length) return fields;
    i++; // the separator
  }
}

function readYear(raw: string | number): number | string {
  const s = String(raw).trim();
  const year = /^\d{4}$/.test(s) ? Number(s) : NaN;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) return `неверный год «${s}»`;
  return year;
}

/** Whether parsed JSON is xmlcalendar.ru's (an object, or an array of objects, with "months"). */
export function isMonthListJson(data: unknown): boolean {
  const first: unknown = Array.isArray(data) ? data[0] : data;
  return typeof first === 'object' && first !== null && 'months' in first;
}

/**
 * xmlcalendar.ru's JSON: {"year":2027,"months":[{"month":1,"days":"1,2,3,…"},…],"transitions":[…]}
 * (or an array of such years); the month lists as in the CSV. "transitions" (the moves of days off)
 * follow from the lists and are not read. Errors name the line of the month's "month" key.
 */
export function parseMonthListJson(data: unknown, text: string): CalendarParseResult {
  const days: CalendarDay[] = [];
  const errors: LineError[] = [];
  const monthLines = keyLines(text, 'month');
  const yearLines = keyLines(text, 'year');
  const seenYears = new Set<number>();
  let monthIndex = 0;
  (Array.isArray(data) ? data : [data]).forEach((item: unknown, k) => {
    const rec = (item ?? {}) as { year?: unknown; months?: unknown };
    const yearLine = yearLines[k] ?? 1;
    const year = typeof rec.year === 'number' || typeof rec.year === 'string' ? readYear(rec.year) : 'нет года («year»)';
    if (typeof year === 'string') {
      errors.push({ line: yearLine, message: year });
      return;
    }
    if (seenYears.has(year)) {
      errors.push({ line: yearLine, message: `год ${year} указан дважды` });
      return;
    }
    seenYears.add(year);
    if (!Array.isArray(rec.months)) {
      errors.push({ line: yearLine, message: `${year}: нет списка месяцев («months»)` });
      return;
    }
    const seenMonths = new Set<number>();
    const errorsBefore = errors.length;
    for (const entry of rec.months as unknown[]) {
      const line = monthLines[monthIndex++] ?? yearLine;
      const m = (entry ?? {}) as { month?: unknown; days?: unknown };
      const month = typeof m.month === 'number' && Number.isInteger(m.month) && m.month >= 1 && m.month <= 12 ? m.month : null;
      if (month === null) errors.push({ line, message: `${year}: неверный месяц «${String(m.month)}»` });
      else if (seenMonths.has(month)) errors.push({ line, message: `${year}: месяц «${MONTH_NAMES[month - 1]}» указан дважды` });
      else if (typeof m.days !== 'string') errors.push({ line, message: `${year}: месяц «${MONTH_NAMES[month - 1]}» — нет списка дней («days»)` });
      else {
        seenMonths.add(month);
        const r = monthExceptions(year, month, m.days);
        if ('error' in r) errors.push({ line, message: `${year}: ${r.error}` });
        else days.push(...r.days);
      }
    }
    const missing = MONTH_NAMES.filter((_, i) => !seenMonths.has(i + 1));
    if (missing.length > 0 && errors.length === errorsBefore) errors.push({ line: yearLine, message: `${year}: нет месяцев ${missing.join(', ')}` });
  });
  return errors.length > 0 ? { days: [], errors } : { days: sortByDate(days), errors };
}

/** The line numbers of each "key": in the text, in order. */
function keyLines(text: string, key: string): number[] {
  const lines: number[] = [];
  for (const m of text.matchAll(new RegExp(`"${key}"\\s*:`, 'g'))) lines.push(lineAt(text, m.index));
  return lines;
}

const XML_DAY_TYPES: Readonly<Record<string, CalendarDayType>> = { '1': 'holiday', '2': 'short', '3': 'workday' };

/**
 * xmlcalendar.ru's XML: <calendar year="2027"><holidays>…</holidays><days><day d="01.01" t="1" h="1"/>
 * …</days></calendar>; d is MM.DD, t=1 a day off (a holiday, kept whatever its weekday), t=2 a short
 * day, t=3 a worked day off (f names the day off it was moved to). A file that is not well-formed
 * XML gets one error and nothing is read.
 */
export function parseXmlCalendar(text: string): CalendarParseResult {
  const scanned = scanXml(text);
  if ('error' in scanned) return { days: [], errors: [scanned.error] };
  const root = scanned.elements.find((e) => e.depth === 0);
  if (root?.name !== 'calendar') return { days: [], errors: [{ line: root?.line ?? 1, message: 'это не календарь xmlcalendar.ru: нет элемента <calendar>' }] };
  const year = readYear(root.attrs.get('year') ?? '');
  if (typeof year === 'string') return { days: [], errors: [{ line: root.line, message: `<calendar>: ${year}` }] };
  const days: CalendarDay[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  for (const e of scanned.elements) {
    if (e.name !== 'day' || e.parent !== 'days') continue;
    const d = e.attrs.get('d') ?? '';
    const m = /^(\d{2})\.(\d{2})$/.exec(d);
    const month = m ? Number(m[1]) : 0;
    const day = m ? Number(m[2]) : 0;
    const type = XML_DAY_TYPES[e.attrs.get('t') ?? ''];
    if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) errors.push({ line: e.line, message: `неверный день d="${d}": нужен ММ.ДД` });
    else if (!type) errors.push({ line: e.line, message: `день ${d}: неверный тип t="${e.attrs.get('t') ?? ''}" (1, 2 или 3)` });
    else if (seen.has(d)) errors.push({ line: e.line, message: `день ${d} уже указан в строке ${seen.get(d)}` });
    else {
      seen.set(d, e.line);
      days.push({ date: isoDate(year, month, day), type });
    }
  }
  return errors.length > 0 ? { days: [], errors } : { days: sortByDate(days), errors };
}

interface XmlElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly line: number;
  readonly depth: number;
  readonly parent: string | null;
}

const TAG = /<((?:[^<>"']|"[^"]*"|'[^']*')*)>/y;

/** A small well-formedness check: tags pair up, attributes are quoted, one root, nothing after it. */
function scanXml(text: string): { elements: XmlElement[] } | { error: LineError } {
  const broken = (index: number, what: string) => ({ error: { line: lineAt(text, index), message: `файл XML испорчен: ${what}` } });
  const elements: XmlElement[] = [];
  const open: { name: string; index: number }[] = [];
  let rootClosed = false;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const between = text.slice(i, lt < 0 ? text.length : lt);
    if (between.trim() !== '' && (open.length === 0 || rootClosed)) return broken(i + between.search(/\S/), 'текст вне элементов');
    if (lt < 0) break;
    if (text.startsWith('<!--', lt) || text.startsWith('<?', lt) || text.startsWith('<!', lt)) {
      const close = text.startsWith('<!--', lt) ? '-->' : text.startsWith('<?', lt) ? '?>' : '>';
      const end = text.indexOf(close, lt);
      if (end < 0) return broken(lt, 'не закрыт комментарий или объявление');
      i = end + close.length;
      continue;
    }
    TAG.lastIndex = lt;
    const whole = TAG.exec(text);
    if (!whole) return broken(lt, `тег не закрыт или кавычки в нём не сходятся: «${text.slice(lt, lt + 40).split(/\r?\n/)[0] ?? ''}»`);
    const tag = whole[1] ?? '';
    const gt = lt + whole[0].length - 1;
    const closing = /^\/([\w:.-]+)\s*$/.exec(tag);
    if (closing) {
      const top = open.pop();
      if (!top) return broken(lt, `</${closing[1]}> без открывающего тега`);
      if (top.name !== closing[1]) return broken(lt, `</${closing[1]}> вместо </${top.name}> (тег <${top.name}> открыт в строке ${lineAt(text, top.index)})`);
      if (open.length === 0) rootClosed = true;
    } else {
      const m = /^([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)$/.exec(tag);
      if (!m) return broken(lt, `неверный тег «<${tag.slice(0, 40)}>»`);
      if (rootClosed || (open.length === 0 && elements.length > 0)) return broken(lt, 'второй корневой элемент');
      const attrs = new Map<string, string>();
      for (const a of (m[2] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs.set(a[1] ?? '', a[2] ?? a[3] ?? '');
      const name = m[1] ?? '';
      elements.push({ name, attrs, line: lineAt(text, lt), depth: open.length, parent: open.at(-1)?.name ?? null });
      if (m[3] !== '/') open.push({ name, index: lt });
    }
    i = gt + 1;
  }
  const unclosed = open.at(-1);
  if (unclosed) return broken(text.length, `файл оборван: не закрыт <${unclosed.name}> из строки ${lineAt(text, unclosed.index)}`);
  if (elements.length === 0) return broken(0, 'нет ни одного элемента');
  return { elements };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function sortByDate(days: CalendarDay[]): CalendarDay[] {
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isWeekend(year: number, month: number, day: number): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
