import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress } from '../../../shared/domain/address.js';
import { DISTRICTS } from '../../../shared/domain/districts.js';
import { AddressIndex, boundedDamerau, fromEnglishLayout, type AddressIndexEntry } from './address-index.js';

const STREETS = [
  'ул. Ново-Садовая',
  'ул. Садовая',
  'ул. Средне-Садовая',
  'ул. XXII Партсъезда',
  'ул. Партизанская',
  'пр-кт Кирова',
  'ул. Кирова',
  'ул. Лукачёва',
  'Московское ш.',
  'ул. 40 лет Пионерии',
  'ул. 5-я просека',
  'ул. 3-я просека',
  'ул. Братьев Коростелёвых',
  'пос. Управленческий, ул. Сергея Лазо',
  'пос. Мехзавод, кв-л 1',
  'пос. Мехзавод, кв-л 11',
  'ул. Крайняя',
];

function register(): AddressIndexEntry[] {
  const entries: AddressIndexEntry[] = [];
  STREETS.forEach((street, s) => {
    for (const house of ['1', '2', '5', '5А', '12', '12/1', '22', '106', '106А', '106Б', '150']) {
      for (const korpus of house === '12' ? ['', '1', '2'] : ['']) {
        const text = `${street}, д. ${house}${korpus ? `, корп. ${korpus}` : ''}`;
        const parsed = parseAddress(text);
        if (!parsed.ok) throw new Error(parsed.error);
        entries.push({ id: `${s}-${house}-${korpus}`, address: text, district: DISTRICTS[s % 9] ?? 'Ленинский', managementOrg: null, ...parsed.address });
      }
    }
  });
  return entries;
}

const entries = register();
const index = new AddressIndex(entries);

describe('AddressIndex', () => {
  it('puts every building first for its own address, typed in any case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...entries), fc.constantFrom('as-is', 'lower', 'upper'), (entry, casing) => {
        const text = casing === 'lower' ? entry.address.toLowerCase() : casing === 'upper' ? entry.address.toUpperCase() : entry.address;
        expect(index.search(text, 3)[0]?.id).toBe(entry.id);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the street and the house apart from numbers in street names', () => {
    expect(index.search('5 просека 12', 3)[0]?.address).toBe('ул. 5-я просека, д. 12');
    expect(index.search('3-я просека 5', 3)[0]?.address).toBe('ул. 3-я просека, д. 5');
    expect(index.search('40 лет пионерии 22', 3)[0]?.address).toBe('ул. 40 лет Пионерии, д. 22');
    expect(index.search('мехзавод кв-л 11 дом 2', 3)[0]?.address).toBe('пос. Мехзавод, кв-л 11, д. 2');
    expect(index.search('мехзавод 1 квартал 2', 3)[0]?.address).toBe('пос. Мехзавод, кв-л 1, д. 2');
  });

  it('reads words that look like region or district words as street words when they stand alone', () => {
    expect(index.search('край 5', 1)[0]?.address).toBe('ул. Крайняя, д. 5');
    expect(index.search('улица край 12, 119', 1)[0]?.address).toBe('ул. Крайняя, д. 12');
  });

  it('prefers the street type written in the query', () => {
    expect(index.search('кирова 106', 2).map((h) => h.address)).toEqual(['ул. Кирова, д. 106', 'пр-кт Кирова, д. 106']);
    expect(index.search('пр кирова 106', 1)[0]?.address).toBe('пр-кт Кирова, д. 106');
  });

  it('orders a street by house number when no house is typed yet', () => {
    expect(index.search('лукачева', 4).map((h) => h.address)).toEqual([
      'ул. Лукачёва, д. 1',
      'ул. Лукачёва, д. 2',
      'ул. Лукачёва, д. 5',
      'ул. Лукачёва, д. 5А',
    ]);
  });

  it('returns scores best first and at most the limit', () => {
    const hits = index.search('садовая 12', 7);
    expect(hits).toHaveLength(7);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score as number);
    expect(index.search('садовая', 1)).toHaveLength(1);
  });
});

describe('the helpers', () => {
  it('counts one edit or one swap of neighbours as one', () => {
    expect(boundedDamerau('садовая', 'садовая', 1)).toBe(0);
    expect(boundedDamerau('садовя', 'садовая', 1)).toBe(1);
    expect(boundedDamerau('сдаовая', 'садовая', 1)).toBe(1);
    expect(boundedDamerau('садаввя', 'садовая', 1)).toBe(2);
    expect(boundedDamerau('кирова', 'садовая', 2)).toBe(3);
  });

  it('turns English-layout typing into Russian', () => {
    expect(fromEnglishLayout('yjdj-cfljdfz 106f')).toBe('ново-садовая 106а');
    expect(fromEnglishLayout('ek/ Kerfx`df? l/ 14')).toBe('ул. Лукачёва, д. 14');
  });

  it('formats what it parses (the entries round-trip)', () => {
    for (const entry of entries.slice(0, 20)) {
      const parsed = parseAddress(entry.address);
      expect(parsed.ok && formatAddress(parsed.address)).toBe(entry.address.replace(/^(пос\. [^,]+, )?/, '$1'));
    }
  });
});
