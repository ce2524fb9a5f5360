// «Сводка за день» as a document: the sign-off row says what is known of the day's sign-off, and the
// sections follow the screen, with the districts compared only for the city.
import { describe, expect, it } from 'vitest';
import type { DaySummary } from '../contract/report-schemas.js';
import { daySummaryDocument, signOffWords } from './day-summary-document.js';
import { printedCell } from './document-sections.js';

const SAMARA_NOON = Date.UTC(2026, 10, 28, 8, 0);
const SUMMARY: DaySummary = {
  date: '2026-11-28',
  district: 'Кировский',
  from: Date.UTC(2026, 10, 27, 20, 0),
  to: Date.UTC(2026, 10, 28, 20, 0),
  asOf: Date.UTC(2026, 10, 28, 20, 0),
  figures: { received: 3, closed: 2, open: 5, overdue: 1 },
  byCategory: [],
  byChannel: [],
  byExecutor: [],
  ranking: { byOverdue: [], byMedianResolve: [], windowFrom: 0, windowTo: 0 },
  addressesOnControl: 4,
  controlAddresses: [],
  trend: [],
};

describe('the sign-off of the day', () => {
  it('is «нет сведений» when not known, «день не подписан» when known unsigned, and who, when and why otherwise', () => {
    expect(signOffWords(undefined)).toBe('нет сведений');
    expect(signOffWords(null)).toBe('день не подписан');
    expect(signOffWords({ signedBy: 'Соколова', signedAt: SAMARA_NOON, comment: 'Два перенесены' })).toBe(
      'подписан: Соколова, 28.11.2026 12:00; комментарий: Два перенесены',
    );
    expect(signOffWords({ signedBy: 'Соколова', signedAt: SAMARA_NOON, comment: null, returnedReason: 'Не закрыт ул. Мичурина, 80' })).toBe(
      'подписан: Соколова, 28.11.2026 12:00; возвращён Департаментом: Не закрыт ул. Мичурина, 80',
    );
    const document = daySummaryDocument({ summary: SUMMARY, nowMs: SAMARA_NOON, signOff: null });
    expect(document.sections[0]?.blocks[0]?.rows).toContainEqual(['Подписание дня', 'день не подписан']);
  });

  it('has the screen\'s sections, the districts compared only for the city', () => {
    const district = daySummaryDocument({ summary: SUMMARY, nowMs: SAMARA_NOON });
    expect(district.sections.map((s) => s.sheet)).toEqual(['Итоги', 'По категориям', 'По каналам', 'По исполнителям', 'Рейтинг УК', 'Адреса на контроле', 'Динамика 14 дней']);
    expect(district.fileName).toBe('Сводка за день — Кировский — 28.11.2026.xlsx');
    const city = daySummaryDocument({ summary: { ...SUMMARY, district: null }, districts: [SUMMARY], nowMs: SAMARA_NOON });
    expect(city.sections[1]?.sheet).toBe('Сравнение районов');
    expect(city.title).toBe('Сводка за день 28.11.2026 — город Самара, все районы');
    // Every sheet name is one Excel accepts.
    for (const s of city.sections) expect(s.sheet).toMatch(/^[^[\]:*?/\\]{1,31}$/);
  });
});

describe('a printed cell', () => {
  it('reads a day in Russian, and leaves a totals label in a day column as it is', () => {
    expect(printedCell('day', '2026-11-29')).toBe('29.11.2026');
    expect(printedCell('day', 'Итого за 14 дней')).toBe('Итого за 14 дней');
    expect(printedCell('duration', 125 * 60_000)).toBe('2 ч 05 мин');
    expect(printedCell('count', null)).toBe('');
  });
});
