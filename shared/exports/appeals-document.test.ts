import { describe, expect, it } from 'vitest';
import { isOnControl, STATUSES } from '../domain/appeal-vocabulary.js';
import { appealColumns, appealsFileName, describeAppealFilters } from './appeals-document.js';
import { excelDateOfInstant, instantOfExcelDate, safeFileName } from './excel-values.js';

const NOW = Date.UTC(2026, 10, 29, 19, 59); // 23:59 in Samara

describe('appeals document', () => {
  it('tells the filters in words: the open statuses as «на контроле», others by name, search and sort', () => {
    expect(describeAppealFilters({ statuses: STATUSES.filter(isOnControl), sort: { field: 'deadlineAt', direction: 'asc' } })).toBe(
      'Район: все; Статус: на контроле (все открытые); Категория: все; Приоритет: любой; Сортировка: по сроку, по возрастанию',
    );
    expect(
      describeAppealFilters({
        district: 'Советский',
        statuses: ['returned', 'closed'],
        category: 'air_lock',
        priority: 'emergency',
        search: 'Мичурина',
        sort: { field: 'address', direction: 'desc' },
      }),
    ).toBe('Район: Советский; Статус: Закрыто, Возвращено на доработку; Категория: Завоздушивание; Приоритет: Аварийное; Поиск: «Мичурина»; Сортировка: по адресу, по убыванию');
  });

  it('names the file by Samara time without characters Windows refuses', () => {
    expect(appealsFileName('Кировский', NOW)).toBe('Обращения — Кировский — 29.11.2026 23-59.xlsx');
    expect(safeFileName('a:b/c\\d*e?"f<g>h|i\u0001')).toBe('a-b-c-d-e-f-g-h-i-');
  });

  it('puts names and phones in columns only when they are included', () => {
    expect(appealColumns(false).map((c) => c.header)).not.toContain('Заявитель');
    expect(appealColumns(true).map((c) => c.header).slice(5, 7)).toEqual(['Заявитель', 'Телефон']);
  });

  it('an Excel date shows Samara wall-clock time and reads back to the same instant', () => {
    const date = excelDateOfInstant(NOW);
    expect(date.toISOString()).toBe('2026-11-29T23:59:00.000Z');
    expect(instantOfExcelDate(date)).toBe(NOW);
  });
});
