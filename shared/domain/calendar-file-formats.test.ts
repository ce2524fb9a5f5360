// The published calendars through parseCalendarFile: the data.gov.ru CSV, xmlcalendar.ru's JSON
// and XML. The key check: our built-in 2025, written out in each format as the publishers write
// it, reads back as exactly our 2025; and so does any year's set of exceptions (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCalendarFile } from './calendar-file-formats.js';
import { BUILT_IN_CALENDAR, type CalendarDay, parseCalendarFile, ProductionCalendar } from './production-calendar.js';

const HEADER =
  'Год/Месяц,Январь,Февраль,Март,Апрель,Май,Июнь,Июль,Август,Сентябрь,Октябрь,Ноябрь,Декабрь,Всего рабочих дней,Всего праздничных и выходных дней,Количество рабочих часов при 40-часовой рабочей неделе,Количество рабочих часов при 36-часовой рабочей неделе,Количество рабочих часов при 24-часовой рабочей неделе';

// The 2018 line as data.gov.ru publishes it (ПП РФ от 14.10.2017 № 1250).
const LINE_2018 =
  '2018,"1,2,3,4,5,6,7,8,13,14,20,21,27,28","3,4,10,11,17,18,22*,23,24,25","3,4,7*,8,9,10,11,17,18,24,25,31","1,7,8,14,15,21,22,28*,29,30","1,2,5,6,8*,9,12,13,19,20,26,27","2,3,9*,10,11,12,16,17,23,24,30","1,7,8,14,15,21,22,28,29","4,5,11,12,18,19,25,26","1,2,8,9,15,16,22,23,29,30","6,7,13,14,20,21,27,28","3,4,5,10,11,17,18,24,25","1,2,8,9,15,16,22,23,29*,30,31",247,118,1970,1772.4,1179.6';

const EXPECTED_2018: CalendarDay[] = sorted([
  ...['01-01', '01-02', '01-03', '01-04', '01-05', '01-08', '02-23', '03-08', '03-09', '04-30', '05-01', '05-02', '05-09', '06-11', '06-12', '11-05', '12-31'].map(
    (d) => ({ date: `2018-${d}`, type: 'holiday' as const }),
  ),
  ...['02-22', '03-07', '04-28', '05-08', '06-09', '12-29'].map((d) => ({ date: `2018-${d}`, type: 'short' as const })),
]);

const Y2025 = BUILT_IN_CALENDAR.find((y) => y.year === 2025);
if (!Y2025) throw new Error('the built-in calendar has no 2025');
const BUILT_IN_2025 = sorted([...Y2025.days]);

function sorted(days: CalendarDay[]): CalendarDay[] {
  return [...days].sort((a, b) => a.date.localeCompare(b.date));
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const weekend = (year: number, month: number, day: number) => [0, 6].includes(new Date(Date.UTC(year, month - 1, day)).getUTCDay());

/** A month's days off as the publishers write them, from our exceptions: «N» off, «N*» short. */
function monthCells(year: number, days: readonly CalendarDay[]): string[] {
  const byDate = new Map(days.map((d) => [d.date, d.type]));
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const listed: string[] = [];
    for (let day = 1; day <= daysIn(year, month); day++) {
      const type = byDate.get(`${year}-${pad(month)}-${pad(day)}`);
      if (type === 'short') listed.push(`${day}*`);
      else if (type === 'holiday' || (type === undefined && weekend(year, month, day))) listed.push(String(day));
    }
    return listed.join(',');
  });
}

function dataGovLine(year: number, days: readonly CalendarDay[]): string {
  return `${year},${monthCells(year, days).map((c) => `"${c}"`).join(',')},247,118,1970,1772.4,1179.6`;
}

function xmlcalendarJson(year: number, days: readonly CalendarDay[]): string {
  const months = monthCells(year, days).map((c, i) => ({ month: i + 1, days: c }));
  return JSON.stringify({ year, months, transitions: [{ from: '01.04', to: '05.02' }], statistic: { workdays: 247 } }, null, 2);
}

function xmlcalendarXml(year: number, days: readonly CalendarDay[]): string {
  const t = { holiday: 1, short: 2, workday: 3 } as const;
  const lines = days.map((d) => `    <day d="${d.date.slice(5, 7)}.${d.date.slice(8, 10)}" t="${t[d.type]}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<calendar year="${year}" lang="ru" country="ru">\n  <holidays>\n    <holiday id="1" title="Новогодние каникулы"/>\n  </holidays>\n  <days>\n${lines.join('\n')}\n  </days>\n</calendar>\n`;
}

describe('the data.gov.ru CSV', () => {
  it('reads the official 2018 line into our exceptions', () => {
    expect(parseCalendarFile(`${HEADER}\n${LINE_2018}\n`)).toEqual({ days: EXPECTED_2018, errors: [] });
  });

  it('our built-in 2025 written as a data.gov.ru line reads back as exactly our 2025', () => {
    const line = dataGovLine(2025, BUILT_IN_2025);
    expect(line).toContain('"1,2,3,4,5,6,7,8,11,12,18,19,25,26"'); // January 2025 as published
    expect(parseCalendarFile(`${HEADER}\r\n${line}\r\n`)).toEqual({ days: BUILT_IN_2025, errors: [] });
  });

  it('reads every year of a file, with the header quoted, a BOM and a line wrapped in quotes', () => {
    const quotedHeader = HEADER.split(',').map((h) => `"${h}"`).join(',');
    const wrapped2025 = `"${dataGovLine(2025, BUILT_IN_2025).replace(/"/g, '\\"')}"`;
    const r = parseCalendarFile(`\uFEFF${quotedHeader}\n${LINE_2018}\n${wrapped2025}\n`);
    expect(r).toEqual({ days: [...EXPECTED_2018, ...BUILT_IN_2025], errors: [] });
  });

  it('accepts «;» between fields and doubled quotes inside a wrapped line', () => {
    const semicolons = `${HEADER.replace(/,/g, ';')}\n2025;${monthCells(2025, BUILT_IN_2025).join(';')};247;118`;
    expect(parseCalendarFile(semicolons)).toEqual({ days: BUILT_IN_2025, errors: [] });
    const doubled = `"${LINE_2018.replace(/"/g, '""')}"`;
    expect(parseCalendarFile(`${HEADER}\n${doubled}`)).toEqual({ days: EXPECTED_2018, errors: [] });
  });

  it('a file saved in Windows-1251 is read as such; UTF-8 stays UTF-8', () => {
    const cp1251 = (text: string) =>
      Uint8Array.from([...text].map((ch) => {
        const code = ch.codePointAt(0) ?? 0;
        if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
        if (code === 0x401 || code === 0x451) return code === 0x401 ? 0xa8 : 0xb8;
        if (code > 0x7f) throw new Error(`no Windows-1251 byte for ${ch}`);
        return code;
      }));
    const file = `${HEADER}\r\n${LINE_2018}\r\n`;
    expect(parseCalendarFile(decodeCalendarFile(cp1251(file)))).toEqual({ days: EXPECTED_2018, errors: [] });
    expect(decodeCalendarFile(new TextEncoder().encode(file))).toBe(file);
  });

  it('«N+» is a day off moved there: a Monday so marked is a holiday', () => {
    const cells = monthCells(2025, BUILT_IN_2025);
    cells[1] = `${cells[1]},24+`; // Monday 24 February 2025
    const r = parseCalendarFile(`${HEADER}\n2025,${cells.map((c) => `"${c}"`).join(',')}`);
    expect(r.errors).toEqual([]);
    expect(r.days).toContainEqual({ date: '2025-02-24', type: 'holiday' });
  });

  it('any year of exceptions, written as month cells, reads back the same (and so through the JSON and the XML)', () => {
    const year = fc.integer({ min: 2000, max: 2099 });
    fc.assert(
      fc.property(
        year.chain((y) =>
          fc.tuple(
            fc.constant(y),
            fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 40 }).chain((offsets) =>
              fc.tuple(fc.constant(offsets), fc.array(fc.boolean(), { minLength: offsets.length, maxLength: offsets.length })),
            ),
          ),
        ),
        ([y, [offsets, shorts]]) => {
          // Canonical exceptions: a holiday on a weekday, a worked day off on a weekend, a short day on either.
          const days = sorted(
            offsets.map((o, i) => {
              const date = new Date(Date.UTC(y, 0, 1 + o)).toISOString().slice(0, 10);
              const isWeekend = weekend(y, Number(date.slice(5, 7)), Number(date.slice(8, 10)));
              return { date, type: shorts[i] ? 'short' : isWeekend ? 'workday' : 'holiday' } as CalendarDay;
            }),
          );
          expect(parseCalendarFile(`${HEADER}\n${dataGovLine(y, days)}`)).toEqual({ days, errors: [] });
          expect(parseCalendarFile(xmlcalendarJson(y, days))).toEqual({ days, errors: [] });
          expect(parseCalendarFile(xmlcalendarXml(y, days))).toEqual({ days, errors: [] });
        },
      ),
    );
  });

  it('a bad line is named with its number and nothing is read', () => {
    const cells = monthCells(2025, BUILT_IN_2025).map((c) => `"${c}"`);
    const withDay32 = [...cells];
    withDay32[2] = '"1,2,8,9,15,16,22,23,29,30,32"';
    const file = `${HEADER}\n${LINE_2018}\n2025,${withDay32.join(',')}\n`;
    expect(parseCalendarFile(file)).toEqual({ days: [], errors: [{ line: 3, message: 'месяц «Март» — неверный день «32»' }] });

    expect(parseCalendarFile(`${HEADER}\n${LINE_2018.replace('2018', '20x8')}`)).toEqual({ days: [], errors: [{ line: 2, message: 'неверный год «20x8»' }] });

    const cutInACell = LINE_2018.slice(0, LINE_2018.indexOf('"3,4,7*') + 10);
    const cutAtAField = `2025,${cells.slice(0, 5).join(',')}`;
    const r = parseCalendarFile(`${HEADER}\n${cutInACell}\n${cutAtAField}\n${LINE_2018}\n${LINE_2018}`);
    expect(r.days).toEqual([]);
    expect(r.errors).toEqual([
      { line: 2, message: 'кавычки не сходятся — строка оборвана или испорчена' },
      { line: 3, message: 'полей 6, а нужны год и 12 месяцев — строка оборвана?' },
      { line: 5, message: 'год 2018 уже есть в строке 4' },
    ]);

    expect(parseCalendarFile(`${HEADER}\n${LINE_2018.replace('"1,7,8,14,15,21,22,28,29"', '"1,7,7,14"')}`).errors).toEqual([
      { line: 2, message: 'месяц «Июль» — день «7» указан дважды' },
    ]);
    expect(parseCalendarFile(`${HEADER}\n${LINE_2018.replace('"4,5,11,12,18,19,25,26"', '"4,5,11 ,12;x"')}`).errors).toHaveLength(1);
  });
});

describe("xmlcalendar.ru's JSON", () => {
  it('our built-in 2025 written as its month lists reads back as exactly our 2025; "transitions" are not read', () => {
    expect(parseCalendarFile(xmlcalendarJson(2025, BUILT_IN_2025))).toEqual({ days: BUILT_IN_2025, errors: [] });
    const two = `[${xmlcalendarJson(2018, EXPECTED_2018)},${xmlcalendarJson(2025, BUILT_IN_2025)}]`;
    expect(parseCalendarFile(two)).toEqual({ days: [...EXPECTED_2018, ...BUILT_IN_2025], errors: [] });
  });

  it('a bad month is named by its line and year, and nothing is read', () => {
    const text = xmlcalendarJson(2025, BUILT_IN_2025).replace('"days": "1,2,8', '"days": "1,2,32,8');
    const r = parseCalendarFile(text);
    expect(r.days).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(/^2025: месяц «\S+» — неверный день «32»$/);
    expect(text.split('\n')[(r.errors[0]?.line ?? 0) - 1]).toMatch(/"month": \d+/);

    const noMay = JSON.stringify({ year: 2025, months: JSON.parse(xmlcalendarJson(2025, BUILT_IN_2025)).months.filter((m: { month: number }) => m.month !== 5) });
    expect(parseCalendarFile(noMay)).toEqual({ days: [], errors: [{ line: 1, message: '2025: нет месяцев Май' }] });
    expect(parseCalendarFile('{"year":"20x8","months":[]}')).toEqual({ days: [], errors: [{ line: 1, message: 'неверный год «20x8»' }] });
  });
});

describe("xmlcalendar.ru's XML", () => {
  it('our built-in 2025 written as its XML reads back as exactly our 2025', () => {
    expect(parseCalendarFile(xmlcalendarXml(2025, BUILT_IN_2025))).toEqual({ days: BUILT_IN_2025, errors: [] });
  });

  it("a file as xmlcalendar writes it keeps holidays on weekends; working days are the same as our 2025's", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2025" lang="ru" date="2024.10.04" country="ru">
	<holidays>
		<holiday id="1" title="Новогодние каникулы (в ред. Федерального закона от 23.04.2012 № 35-ФЗ)"/>
		<holiday id="2" title="Рождество Христово"/>
		<holiday id="3" title="День защитника Отечества"/>
		<holiday id="4" title="Международный женский день"/>
		<holiday id="5" title="Праздник Весны и Труда"/>
		<holiday id="6" title="День Победы"/>
		<holiday id="7" title="День России"/>
		<holiday id="8" title="День народного единства"/>
	</holidays>
	<days>
		${['01.01', '01.02', '01.03', '01.04', '01.05', '01.06', '01.08'].map((d) => `<day d="${d}" t="1" h="1"/>`).join('\n\t\t')}
		<day d="01.07" t="1" h="2"/>
		<day d="02.23" t="1" h="3"/>
		<day d="03.07" t="2"/>
		<day d="03.08" t="1" h="4"/>
		<day d="04.30" t="2"/>
		<day d="05.01" t="1" h="5"/>
		<day d="05.02" t="1" f="01.04"/>
		<day d="05.08" t="1" f="01.05"/>
		<day d="05.09" t="1" h="6"/>
		<day d="06.11" t="2"/>
		<day d="06.12" t="1" h="7"/>
		<day d="06.13" t="1" f="11.01"/>
		<day d="11.01" t="3" f="11.03"/>
		<day d="11.03" t="1" f="11.01"/>
		<day d="11.04" t="1" h="8"/>
		<day d="12.31" t="1"/>
	</days>
</calendar>
`;
    const r = parseCalendarFile(xml);
    expect(r.errors).toEqual([]);
    expect(r.days).toContainEqual({ date: '2025-01-04', type: 'holiday' }); // a Saturday
    const imported = new ProductionCalendar(r.days);
    const builtIn = ProductionCalendar.builtIn();
    for (let day = 0; day < 365; day++) {
      const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
      expect(imported.isWorkingDate(date), date).toBe(builtIn.isWorkingDate(date));
    }
  });

  it('broken XML gets one clear error and nothing is read', () => {
    const xml = xmlcalendarXml(2025, BUILT_IN_2025);
    const truncated = xml.slice(0, xml.indexOf('</days>'));
    expect(parseCalendarFile(truncated)).toEqual({ days: [], errors: [{ line: 26, message: 'файл XML испорчен: файл оборван: не закрыт <days> из строки 6' }] });
    const badTag = xml.replace('<day d="01.02" t="1"/>', '<day d="01.02 t="1"/>');
    expect(parseCalendarFile(badTag)).toEqual({ days: [], errors: [{ line: 8, message: 'файл XML испорчен: тег не закрыт или кавычки в нём не сходятся: «<day d="01.02 t="1"/>»' }] });
    expect(parseCalendarFile(xml.replace('</holidays>', '</holiday>')).errors).toEqual([{ line: 5, message: 'файл XML испорчен: </holiday> вместо </holidays> (тег <holidays> открыт в строке 3)' }]);
    expect(parseCalendarFile(`${xml}</calendar>`).errors).toEqual([{ line: 28, message: 'файл XML испорчен: </calendar> без открывающего тега' }]);
    expect(parseCalendarFile('<html><body>Not found</body></html>').errors).toEqual([{ line: 1, message: 'это не календарь xmlcalendar.ru: нет элемента <calendar>' }]);
  });

  it('a bad day is named by its line and nothing is read', () => {
    const xml = xmlcalendarXml(2025, BUILT_IN_2025).replace('<day d="01.02" t="1"/>', '<day d="02.30" t="1"/>').replace('<day d="03.07" t="2"/>', '<day d="03.07" t="5"/>');
    expect(parseCalendarFile(xml)).toEqual({
      days: [],
      errors: [
        { line: 8, message: 'неверный день d="02.30": нужен ММ.ДД' },
        { line: 13, message: 'день 03.07: неверный тип t="5" (1, 2 или 3)' },
      ],
    });
    expect(parseCalendarFile(xmlcalendarXml(2025, BUILT_IN_2025).replace('year="2025"', 'year="20x8"')).errors).toEqual([
      { line: 2, message: '<calendar>: неверный год «20x8»' },
    ]);
  });
});
