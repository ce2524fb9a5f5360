import { afterEach, describe, expect, it } from 'vitest';
import type { BuildingHit } from '../../shared/contract/schemas.js';
import type { District } from '../../shared/domain/districts.js';
import { openTestCore, type TestCore } from './test/temp-core.js';

const ADDRESSES: [string, string, District][] = [
  ['nsad-106a', 'ул. Ново-Садовая, д. 106А', 'Октябрьский'],
  ['nsad-106', 'ул. Ново-Садовая, д. 106', 'Октябрьский'],
  ['nsad-106b', 'ул. Ново-Садовая, д. 106Б', 'Октябрьский'],
  ['nsad-10', 'ул. Ново-Садовая, д. 10', 'Октябрьский'],
  ['nsad-160', 'ул. Ново-Садовая, д. 160', 'Октябрьский'],
  ['nsad-1061', 'ул. Ново-Садовая, д. 106, корп. 1', 'Октябрьский'],
  ['sad-106', 'ул. Садовая, д. 106', 'Ленинский'],
  ['sad-12', 'ул. Садовая, д. 12', 'Ленинский'],
  ['ssad-106', 'ул. Средне-Садовая, д. 106', 'Железнодорожный'],
  ['ps-5', 'ул. XXII Партсъезда, д. 5', 'Промышленный'],
  ['ps-22', 'ул. XXII Партсъезда, д. 22', 'Промышленный'],
  ['part-5', 'ул. Партизанская, д. 5', 'Железнодорожный'],
  ['kir-322', 'пр-кт Кирова, д. 322', 'Кировский'],
  ['kir-322-1', 'пр-кт Кирова, д. 322, корп. 1', 'Кировский'],
  ['luk-14', 'ул. Лукачёва, д. 14', 'Октябрьский'],
  ['laz-19', 'пос. Управленческий, ул. Сергея Лазо, д. 19', 'Красноглинский'],
  ['mosk-18', 'Московское ш., д. 18', 'Кировский'],
];

let open: TestCore[] = [];
afterEach(async () => {
  for (const t of open) await t.core.close();
  open = [];
});

async function start(): Promise<TestCore> {
  const t = await openTestCore();
  open.push(t);
  await t.core.db.call('seed', {
    organisations: [{ id: 'uk-1', kind: 'uk', name: 'ООО «УК Тест»' }],
    buildings: ADDRESSES.map(([id, address, district]) => ({ id, address, district, managementOrgId: id.startsWith('nsad') ? 'uk-1' : null })),
  });
  return t;
}

async function search(t: TestCore, query: string, limit = 10): Promise<BuildingHit[]> {
  const result = await t.core.call('searchBuildings', { query, limit });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as BuildingHit[];
}

async function ids(t: TestCore, query: string, limit = 10): Promise<string[]> {
  return (await search(t, query, limit)).map((h) => h.id);
}

describe('address search as you type', () => {
  it('finds by a prefix of the street, the right house first, and shows district and management organisation', async () => {
    const t = await start();
    const hits = await search(t, 'ново-сад 106');
    expect(hits[0]).toEqual({
      id: 'nsad-106',
      address: 'ул. Ново-Садовая, д. 106',
      district: 'Октябрьский',
      managementOrg: 'ООО «УК Тест»',
      score: expect.any(Number),
    });
    // The same number with a letter or a корпус next, then the street's other houses.
    expect(hits.slice(1, 4).map((h) => h.id).sort()).toEqual(['nsad-106a', 'nsad-106b', 'nsad-1061'].sort());
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score as number);
    expect(hits.map((h) => h.id)).not.toContain('sad-106');
  });

  it('forgives one typo in the street name, the name run together, a missing type, case and ё', async () => {
    const t = await start();
    for (const query of ['ново-садовя 106а', 'ново-садоввая 106а', 'новосадовая 106а', 'Ново Садавая 106 а', 'НОВО-САДОВАЯ 106А', 'нова-садовая 106а']) {
      expect((await ids(t, query))[0], query).toBe('nsad-106a');
    }
    for (const query of ['лукачева 14', 'ЛУКАЧЁВА 14', 'ул лукачева д 14', 'Лукачёва, 14', 'лукочева 14']) {
      expect((await ids(t, query))[0], query).toBe('luk-14');
    }
  });

  it('reads house letters with or without a space or quotes, and ignores a flat', async () => {
    const t = await start();
    for (const query of ['ново-садовая 106 а', 'ново-садовая 106"А"', 'ново-садовая 106-а', 'ново-садовая 106а кв 15', 'ново-садовая 106а, 15', 'ново-садовая д. 106а кв.15', '106а ново-садовая']) {
      expect((await ids(t, query))[0], query).toBe('nsad-106a');
    }
  });

  it('finds a street typed with Latin look-alike letters inside the Russian words', async () => {
    const t = await start();
    for (const query of ['Hoвo-Cадoвая 106а', 'HOBO-CAДOBAЯ 106 A', 'нoвo-caдoвая д. 106a']) {
      expect((await ids(t, query))[0], query).toBe('nsad-106a');
    }
  });

  it('weighs the house number heavily: the right house on a near street beats a wrong house on the exact street', async () => {
    const t = await start();
    const found = await ids(t, 'садовая 106');
    expect(found[0]).toBe('sad-106');
    expect(found.indexOf('nsad-106')).toBeLessThan(found.indexOf('sad-12'));
    expect(found.indexOf('ssad-106')).toBeLessThan(found.indexOf('sad-12'));
  });

  it('reads numbered streets, корпус and settlements', async () => {
    const t = await start();
    expect((await ids(t, '22 партсъезда 5'))[0]).toBe('ps-5');
    expect((await ids(t, 'XXII Партсъезда, д. 5'))[0]).toBe('ps-5');
    expect((await ids(t, 'партсъезда 22'))[0]).toBe('ps-22');
    expect((await ids(t, 'кирова 322 к1'))[0]).toBe('kir-322-1');
    expect((await ids(t, 'пр-т кирова 322 корп. 1'))[0]).toBe('kir-322-1');
    expect((await ids(t, 'кирова 322'))[0]).toBe('kir-322');
    expect((await ids(t, 'управленческий лазо 19'))[0]).toBe('laz-19');
    expect((await ids(t, 'сергея лазо 19'))[0]).toBe('laz-19');
    expect((await ids(t, 'московское шоссе 18'))[0]).toBe('mosk-18');
    expect((await ids(t, '443099, г. Самара, Московское ш., д. 18'))[0]).toBe('mosk-18');
  });

  it('offers houses while the number is still being typed', async () => {
    const t = await start();
    const found = await ids(t, 'ново-садовая 1');
    expect(found.slice(0, 6).sort()).toEqual(['nsad-10', 'nsad-106', 'nsad-1061', 'nsad-106a', 'nsad-106b', 'nsad-160'].sort());
    expect((await ids(t, 'ново-садовая'))[0]).toBe('nsad-10');
    expect(await ids(t, 'ново-садовая', 2)).toHaveLength(2);
  });

  it('reads a query typed with the English layout still on', async () => {
    const t = await start();
    expect((await ids(t, 'yjdj-cfljdfz 106f'))[0]).toBe('nsad-106a');
    expect((await ids(t, 'ek/ Kerfx`df? l/ 14'))[0]).toBe('luk-14');
  });

  it('answers nothing for nothing', async () => {
    const t = await start();
    expect(await ids(t, '')).toEqual([]);
    expect(await ids(t, '   ')).toEqual([]);
    expect(await ids(t, '100%_')).toEqual([]);
    expect(await ids(t, 'zzzzzz')).toEqual([]);
    expect(await ids(t, 'ленина 5')).toEqual([]);
  });

  it('follows changes to the register, made here or by another process', async () => {
    const t = await start();
    expect(await ids(t, 'гагарина 1')).toEqual([]);
    await t.core.db.call('seed', { buildings: [{ id: 'gag-1', address: 'ул. Гагарина, д. 1', district: 'Советский' }] });
    expect((await ids(t, 'гагарина 1'))[0]).toBe('gag-1');

    const other = await openTestCore(t.dataDir);
    open.push(other);
    await other.core.db.call('seed', { buildings: [{ id: 'gag-2', address: 'ул. Гагарина, д. 2', district: 'Советский' }] });
    expect((await ids(t, 'гагарина 2'))[0]).toBe('gag-2');

    expect(await t.core.db.call('refreshAddressIndex')).toEqual({ buildings: ADDRESSES.length + 2, ms: expect.any(Number) });
  });

  it('uses the parts columns when the import filled them, and still finds an address it cannot read', async () => {
    const t = await start();
    await t.core.db.call('seed', {
      buildings: [
        { id: 'col-1', address: 'Самара, Волжский проспект 10', district: 'Ленинский', streetType: 'пр-кт', streetName: 'Волжский', house: '10', korpus: '', stroenie: '' },
        { id: 'odd-1', address: 'Промзона Кряж, без номера', district: 'Куйбышевский' },
      ],
    });
    expect((await ids(t, 'волжский пр 10'))[0]).toBe('col-1');
    expect((await ids(t, 'промзона кряж'))[0]).toBe('odd-1');
  });
});
