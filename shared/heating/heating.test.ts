import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey, formatAddress, parseAddress } from '../domain/address.js';
import type { Actor } from '../domain/roles.js';
import { formatHeatingDate, readHeatingDate } from './heating-date.js';
import { findHeatingHeader, HeatingChecker } from './heating-import.js';
import { effectiveStatus, heatingProgress, isWithoutHeat, providedText } from './heating-progress.js';
import { heatingRefusal, heatingScope } from './heating-rights.js';
import { readHeatingReason, readHeatingStatus, STATUS_WORDS, type HeatingStatus } from './heating-status.js';

// 29.11.2026 10:00 in Samara (06:00 UTC).
const NOW = Date.UTC(2026, 10, 29, 6, 0);

describe('reading a status as suppliers type it', () => {
  it.each<[string, HeatingStatus]>([
    ['подключён', 'connected'],
    ['Подключен', 'connected'],
    ['ПОДКЛЮЧЕНО', 'connected'],
    ['подключена.', 'connected'],
    ['  да ', 'connected'],
    ['«Подключён»', 'connected'],
    ['не подключён', 'not_connected'],
    ['Не подключено', 'not_connected'],
    ['нет', 'not_connected'],
    ['отключен', 'not_connected'],
    ['частично', 'partial'],
    ['Частично подключён', 'partial'],
    ['подключено частично', 'partial'],
    ['авария', 'problem'],
    ['Проблема', 'problem'],
  ])('«%s» is %s', (text, status) => {
    expect(readHeatingStatus(text)).toEqual({ ok: true, value: status });
  });

  it('reads every listed word whatever its case, ё, quotes and spacing', () => {
    const words = [...STATUS_WORDS];
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.constantFrom('', ' ', '  ', '\u00a0'),
        fc.constantFrom('', '.', '«»', '"'),
        ([word, status], upper, pad, wrap) => {
          const cased = [...word.replace(/е/g, (e, i: number) => (upper[i % 40] ? 'ё' : e))]
            .map((c, i) => (upper[(i + 7) % 40] ? c.toUpperCase() : c))
            .join('');
          const text = wrap === '«»' ? `«${cased}»` : wrap === '"' ? `"${cased}"` : `${cased}${wrap}`;
          expect(readHeatingStatus(`${pad}${text}${pad}`)).toEqual({ ok: true, value: status });
        },
      ),
    );
  });

  it('refuses an unknown word and an empty cell, naming the value', () => {
    const unknown = readHeatingStatus('подключим завтра');
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.error).toMatch(/статус «подключим завтра» не распознан/);
    expect(readHeatingStatus('  ')).toEqual({ ok: false, error: 'не указан статус' });
  });
});

describe('reading the date in Samara', () => {
  it.each([
    ['25.11.2026', '2026-11-25'],
    ['5.1.2026', '2026-01-05'],
    ['25.11.26', '2026-11-25'],
    ['2026-11-25', '2026-11-25'],
    ['2026-11-25T00:00:00', '2026-11-25'],
    ['25.11.2026 0:00', '2026-11-25'],
    ['46351', '2026-11-25'],
  ])('«%s» is %s', (text, iso) => {
    expect(readHeatingDate(text, NOW)).toEqual({ ok: true, value: iso });
  });

  it('takes today in Samara even when it is still yesterday in UTC', () => {
    // 29.11.2026 02:00 Samara is 28.11 22:00 UTC: the 29th has come in Samara.
    expect(readHeatingDate('29.11.2026', Date.UTC(2026, 10, 28, 22, 0))).toEqual({ ok: true, value: '2026-11-29' });
    expect(readHeatingDate('30.11.2026', Date.UTC(2026, 10, 28, 22, 0)).ok).toBe(false);
  });

  it('refuses a future date, a date that does not exist and gibberish', () => {
    expect(readHeatingDate('30.11.2026', NOW)).toEqual({ ok: false, error: 'дата 30.11.2026 ещё не наступила (сегодня 29.11.2026)' });
    expect(readHeatingDate('31.11.2026', NOW).ok).toBe(false);
    expect(readHeatingDate('вчера', NOW)).toEqual({ ok: false, error: 'дата «вчера» не распознана: укажите её как 25.11.2026' });
    expect(readHeatingDate('', NOW)).toEqual({ ok: false, error: 'не указана дата' });
    expect(readHeatingDate('01.01.1925', NOW).ok).toBe(false);
  });

  it('formats a stored date the Russian way', () => {
    expect(formatHeatingDate('2026-11-05')).toBe('05.11.2026');
  });
});

describe('the reason', () => {
  it('is required for «проблема» set by hand, optional from a file', () => {
    expect(readHeatingReason(' ', 'problem', true)).toEqual({ ok: false, error: 'для статуса «проблема» укажите причину' });
    expect(readHeatingReason('', 'problem', false)).toEqual({ ok: true, value: '' });
    expect(readHeatingReason('  течь   в подвале ', 'partial', true)).toEqual({ ok: true, value: 'течь в подвале' });
    expect(readHeatingReason('x'.repeat(501), 'partial', true).ok).toBe(false);
  });
});

describe('progress figures', () => {
  // A fixed set, counted by hand:
  // Октябрьский: 3 connected, 1 partial, 1 with no status → provided 3 of 5, without heat 2.
  // Ленинский: 1 connected, 1 problem, 1 not connected → provided 1 of 3, without heat 2.
  const set: { key: string; label: string; status: HeatingStatus | null }[] = [
    { key: 'Октябрьский', label: 'Октябрьский', status: 'connected' },
    { key: 'Октябрьский', label: 'Октябрьский', status: 'connected' },
    { key: 'Октябрьский', label: 'Октябрьский', status: 'connected' },
    { key: 'Октябрьский', label: 'Октябрьский', status: 'partial' },
    { key: 'Октябрьский', label: 'Октябрьский', status: null },
    { key: 'Ленинский', label: 'Ленинский', status: 'connected' },
    { key: 'Ленинский', label: 'Ленинский', status: 'problem' },
    { key: 'Ленинский', label: 'Ленинский', status: 'not_connected' },
  ];

  it('counts connected as provided, partial apart, no status as not connected; weakest group first', () => {
    const { groups, all } = heatingProgress(set);
    expect(groups).toEqual([
      { key: 'Ленинский', label: 'Ленинский', total: 3, connected: 1, partial: 0, problem: 1, notConnected: 1, noStatus: 0 },
      { key: 'Октябрьский', label: 'Октябрьский', total: 5, connected: 3, partial: 1, problem: 0, notConnected: 1, noStatus: 1 },
    ]);
    expect(all).toEqual({ total: 8, connected: 4, partial: 1, problem: 1, notConnected: 2, noStatus: 1 });
    expect(set.filter((b) => isWithoutHeat(b.status))).toHaveLength(4);
    expect(effectiveStatus(null)).toBe('not_connected');
  });

  it('ranks organisations by the most buildings without heat', () => {
    const orgs = [
      { key: 'uk-small', label: 'ЖСК-1', status: 'not_connected' as const },
      ...Array.from({ length: 10 }, (_, i) => ({ key: 'uk-big', label: 'УК Большая', status: i < 7 ? ('connected' as const) : null })),
    ];
    expect(heatingProgress(orgs, 'share').groups.map((g) => g.key)).toEqual(['uk-small', 'uk-big']);
    expect(heatingProgress(orgs, 'withoutHeat').groups.map((g) => g.key)).toEqual(['uk-big', 'uk-small']);
  });

  it('says it in words', () => {
    expect(providedText({ connected: 3, total: 5 })).toBe('теплом обеспечено 3 из 5 домов');
    expect(providedText({ connected: 0, total: 21 })).toBe('теплом обеспечено 0 из 21 дома');
    expect(providedText({ connected: 1000, total: 1160 })).toBe(`теплом обеспечено ${(1000).toLocaleString('ru-RU')} из ${(1160).toLocaleString('ru-RU')} домов`);
  });
});

describe('who may set statuses', () => {
  const actor = (role: Actor['role'], district: Actor['district']): Actor => ({ userId: 'u', role, district });

  it('lets the district staff set their district, the Department everywhere, and refuses operators', () => {
    expect(heatingRefusal(actor('district_controller', 'Ленинский'), 'Ленинский')).toBeNull();
    expect(heatingRefusal(actor('deputy_head', 'Ленинский'), 'Ленинский')).toBeNull();
    expect(heatingRefusal(actor('department', null), 'Ленинский')).toBeNull();
    expect(heatingRefusal(actor('admin', null), 'Советский')).toBeNull();
    expect(heatingRefusal(actor('operator', 'Ленинский'), 'Ленинский')).toMatchObject({ rule: 'role', message: expect.stringMatching(/роли «оператор»/) });
    expect(heatingRefusal(actor('deputy_head', 'Ленинский'), 'Советский')).toMatchObject({ rule: 'district' });
  });

  it('scopes the figures to the district, the city for the Department', () => {
    expect(heatingScope(actor('operator', 'Кировский'))).toBe('Кировский');
    expect(heatingScope(actor('department', null))).toBeUndefined();
  });
});

describe('a supplier file’s rows', () => {
  const register = new Map<string, { id: string; district: 'Октябрьский' | 'Ленинский' }>();
  for (const [id, text, district] of [
    ['b-1', 'ул. Ново-Садовая, д. 106А', 'Октябрьский'],
    ['b-2', 'ул. Садовая, д. 12', 'Ленинский'],
  ] as const) {
    const parsed = parseAddress(text);
    if (!parsed.ok) throw new Error(text);
    register.set(addressKey(parsed.address), { id, district });
  }
  const checker = (district?: 'Октябрьский') => {
    const header = findHeatingHeader([{ cells: ['Адрес', 'статус', 'Дата:', 'Причина'] }]);
    if (!header.ok) throw new Error(header.message);
    return new HeatingChecker(header.columns, {
      address: { parse: parseAddress, format: formatAddress, key: addressKey },
      findBuilding: (key) => register.get(key) ?? null,
      district,
      nowMs: NOW,
    });
  };

  it('matches addresses however they are written and reads each cell', () => {
    const c = checker();
    expect(c.check(2, ['Ново-Садовая 106 а', 'Подключен', '25.11.2026', ''])).toBeNull();
    expect(c.check(3, ['садовая ул, дом 12', 'частично', '26.11.26', 'нет циркуляции'])).toBeNull();
    expect(c.rows()).toEqual([
      { row: 2, buildingId: 'b-1', status: 'connected', date: '2026-11-25', reason: '' },
      { row: 3, buildingId: 'b-2', status: 'partial', date: '2026-11-26', reason: 'нет циркуляции' },
    ]);
  });

  it('names every reason a row is bad', () => {
    const c = checker();
    expect(c.check(2, ['ул. Ленина, д. 1', 'тепло будет', '32.11.2026', ''])?.message).toBe(
      'Дома «ул. Ленина, д. 1» нет в реестре адресов; статус «тепло будет» не распознан: укажите «подключён», «не подключён», «частично» или «проблема»; дата «32.11.2026» не распознана: укажите её как 25.11.2026',
    );
  });

  it('refuses the same building twice with different statuses; the same status twice takes the later row', () => {
    const c = checker();
    expect(c.check(2, ['Ново-Садовая 106А', 'подключен', '20.11.2026'])).toBeNull();
    expect(c.check(3, ['ул. Ново-Садовая, д. 106А', 'подключено', '21.11.2026'])).toBeNull();
    expect(c.check(4, ['Ново-Садовая, 106А', 'нет', '22.11.2026'])?.message).toBe(
      'Дом «ул. Ново-Садовая, д. 106А» уже встречается в строке 2 со статусом «подключён», здесь — «не подключён»',
    );
    expect(c.rows()).toEqual([{ row: 3, buildingId: 'b-1', status: 'connected', date: '2026-11-21', reason: '' }]);
  });

  it('keeps a district user to their district', () => {
    expect(checker('Октябрьский').check(2, ['Садовая 12', 'да', '25.11.2026'])?.message).toMatch(
      /относится к району «Ленинский», а вы работаете в районе «Октябрьский»/,
    );
  });

  it('finds the header below a title and explains a missing one', () => {
    const found = findHeatingHeader([{ cells: ['Статусы на 25.11'] }, { cells: ['Адрес дома', 'Состояние', 'Дата подключения'] }]);
    expect(found).toEqual({ ok: true, index: 1, columns: { address: 0, status: 1, date: 2 } });
    const missing = findHeatingHeader([{ cells: ['Адрес', 'Статус'] }]);
    expect(missing.ok).toBe(false);
    expect(findHeatingHeader([{ cells: ['Адрес', 'Статус', 'Дата', 'Статус'] }])).toEqual({
      ok: false,
      message: 'Столбец «Статус» встречается в заголовке дважды: B и D',
    });
  });
});
