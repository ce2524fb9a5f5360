import { describe, expect, it } from 'vitest';
import {
  type AddressRules,
  columnLetter,
  findHeader,
  heatSourceKind,
  managementOrgKind,
  matchDistrict,
  matchHeader,
  organisationKey,
  parseFiasGuid,
  parseInteger,
  RegisterChecker,
  registerDataRows,
} from './register-import.js';

/** A stand-in for shared/domain/address.ts: «<street>, д. <house>[, кв. <flat>]». */
const ADDRESS: AddressRules = {
  parse(text) {
    const m = /^(.+?), д\. (\S+?)(?:, кв\. (\d+))?$/.exec(text);
    if (!m) return { ok: false, error: 'Не указан номер дома' };
    return { ok: true, address: { streetType: 'ул.', streetName: m[1] as string, house: m[2] as string, korpus: '', stroenie: '', flat: m[3] ?? '' } };
  },
  format: (a) => `${a.streetType} ${a.streetName}, д. ${a.house}`,
  key: (a) => `${a.streetName.toLowerCase()}|${a.house.toLowerCase()}`,
};

describe('the header', () => {
  it('finds the columns in any order, tolerant of case, ё, spaces, quotes and a BOM, ignoring unknown ones', () => {
    expect(matchHeader(['\uFEFF"Адрес"', 'Примечание', '  РАЙОН ', 'Теплоснабжающая  организация', 'ФИАС', 'Год постройки:'])).toEqual({
      ok: true,
      columns: { address: 0, district: 2, heatSupplier: 3, fias: 4, yearBuilt: 5 },
    });
    expect(matchHeader(['Район', 'Адрес', 'Код ФИАС', 'Количество этажей'])).toMatchObject({ ok: true, columns: { fias: 2, floors: 3 } });
  });

  it('names the missing required columns and a column named twice', () => {
    expect(matchHeader(['Район', 'ФИАС'])).toMatchObject({ ok: false, message: expect.stringMatching(/^В заголовке нет обязательного столбца «Адрес»\./) });
    expect(matchHeader(['Дом'])).toMatchObject({ ok: false, message: expect.stringMatching(/^В заголовке нет обязательных столбцов «Район» и «Адрес»/) });
    expect(matchHeader(['Район', 'Адрес', 'ФИАС', 'фиас'])).toEqual({ ok: false, message: 'Столбец «ФИАС» встречается в заголовке дважды: C и D' });
  });

  it('may stand under a title and blank rows', () => {
    const rows = [{ row: 1, cells: ['Реестр домов'] }, { row: 2, cells: ['', ''] }, { row: 3, cells: ['Адрес', 'Район'] }];
    expect(findHeader(rows)).toEqual({ ok: true, index: 2, columns: { address: 0, district: 1 } });
    expect(findHeader([{ row: 1, cells: ['Реестр домов'] }])).toMatchObject({ ok: false, message: expect.stringMatching(/обязательных столбцов/) });
    expect(findHeader([])).toMatchObject({ ok: false });
  });

  it('letters columns as spreadsheets do', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('cells', () => {
  it('knows districts however they are written', () => {
    for (const text of ['Октябрьский', 'Октябрьский район', 'р-н Октябрьский', 'ОКТЯБРЬСКИЙ Р-Н', 'Октябрьский р-н.', 'Октябрьский внутригородской район', 'г.о. Самара, Октябрьский район', 'Октябрьского']) {
      expect(matchDistrict(text), text).toBe('Октябрьский');
    }
    expect(matchDistrict('Железнодорожный')).toBe('Железнодорожный');
    expect(matchDistrict('Кировский район')).toBe('Кировский');
    for (const text of ['Заречный', 'Самара', 'Октябрьский Ленинский', '', 'Октябрьскийабвгд']) expect(matchDistrict(text), text).toBeNull();
  });

  it('reads integers with spaces and a zero fraction, and nothing else', () => {
    expect(parseInteger('')).toBeNull();
    expect(parseInteger(' 1 975 ')).toBe(1975);
    expect(parseInteger('9.0')).toBe(9);
    expect(parseInteger('9,00')).toBe(9);
    for (const bad of ['5,5', '-3', 'девять', '1e3', '9 эт.']) expect(parseInteger(bad), bad).toBeNaN();
  });

  it('reads ФИАС GUIDs in any case, with or without braces', () => {
    expect(parseFiasGuid('{0C5B2444-70A0-4932-980C-B4DC0D3F02B5}')).toBe('0c5b2444-70a0-4932-980c-b4dc0d3f02b5');
    expect(parseFiasGuid('  ')).toBeNull();
    expect(parseFiasGuid('0c5b244470a04932980cb4dc0d3f02b5')).toBeUndefined();
    expect(parseFiasGuid('0c5b2444-70a0-4932-980c-b4dc0d3f02bz')).toBeUndefined();
  });

  it('tells organisation and heat source kinds from their names', () => {
    expect(managementOrgKind('ТСЖ «Волна»')).toBe('tszh');
    expect(managementOrgKind('Товарищество собственников жилья "Дом"')).toBe('tszh');
    expect(managementOrgKind('ЖСК-45')).toBe('zhsk');
    expect(managementOrgKind('ТСН «Солнечный»')).toBe('tsn');
    expect(managementOrgKind('ООО «УК «ТСЖ-Сервис»')).toBe('uk');
    expect(managementOrgKind('ТСЖевский двор')).toBe('uk');
    expect(heatSourceKind('Котельная № 5')).toBe('boiler_house');
    expect(heatSourceKind('ЦТП-12')).toBe('substation');
    expect(heatSourceKind('Самарская ТЭЦ')).toBe('chp');
    expect(heatSourceKind('ИТП дома')).toBe('other');
    expect(organisationKey(' ООО  «УК «Вёсна»» ')).toBe(organisationKey('ооо "ук "весна""'));
    expect(organisationKey('Общество с ограниченной ответственностью «Дом»')).toBe(organisationKey('ООО «Дом»'));
  });
});

describe('rows', () => {
  const columns = { district: 0, address: 1, managementOrg: 2, managementInn: 3, yearBuilt: 4, floors: 5, flats: 6, fias: 7 };
  const checker = () => new RegisterChecker(columns, { address: ADDRESS, year: 2026 });

  it('turns a good row into a register row, empty cells into nulls', () => {
    expect(checker().check(2, ['р-н Советский', ' Гагарина,  д. 1 ', 'ООО «УК»', '6316000001', '1960', '', '', ''])).toEqual({
      ok: true,
      value: {
        row: 2,
        district: 'Советский',
        address: 'ул. Гагарина, д. 1',
        streetType: 'ул.',
        streetName: 'Гагарина',
        house: '1',
        korpus: '',
        stroenie: '',
        addressKey: 'гагарина|1',
        fiasGuid: null,
        managementOrg: { name: 'ООО «УК»', inn: '6316000001' },
        heatSupplier: null,
        heatSource: null,
        yearBuilt: 1960,
        floors: null,
        flats: null,
      },
    });
  });

  it('allows the year after this one and not the one after that', () => {
    const c = checker();
    expect(c.check(2, ['Советский', 'А, д. 1', '', '', '2027']).ok).toBe(true);
    expect(c.check(3, ['Советский', 'А, д. 2', '', '', '2028'])).toEqual({
      ok: false,
      error: { row: 3, message: 'Год постройки должен быть целым числом от 1700 до 2027, указано «2028»' },
    });
  });

  it('gathers every reason of a row in one sentence', () => {
    expect(checker().check(5, ['Заречный', 'нет дома', '', '63', 'давно', '0', '6000', 'x'])).toEqual({
      ok: false,
      error: {
        row: 5,
        message:
          'Район «Заречный» не найден: в Самаре районы Железнодорожный, Кировский, Красноглинский, Куйбышевский, Ленинский, Октябрьский, Промышленный, Самарский, Советский; ' +
          'адрес «нет дома» не разобран: не указан номер дома; ' +
          'ФИАС «x» — не GUID (нужно 32 шестнадцатеричные цифры вида 0c5b2444-70a0-4932-980c-b4dc0d3f02b5); ' +
          'год постройки должен быть целым числом от 1700 до 2027, указано «давно»; ' +
          'этажность должна быть целым числом от 1 до 100, указано «0»; ' +
          'количество квартир должно быть целым числом от 1 до 5000, указано «6000»; ' +
          'ИНН управляющей организации «63» — нужно 10 или 12 цифр',
      },
    });
  });

  it('finds a building repeated within the file by ФИАС or by address', () => {
    const c = checker();
    const guid = '0c5b2444-70a0-4932-980c-b4dc0d3f02b5';
    expect(c.check(2, ['Советский', 'Гагарина, д. 1', '', '', '', '', '', guid]).ok).toBe(true);
    expect(c.check(3, ['Советский', 'ГАГАРИНА, д. 1']))
      .toEqual({ ok: false, error: { row: 3, message: 'Адрес «ул. ГАГАРИНА, д. 1» уже встречается в строке 2: дом повторяется' } });
    expect(c.check(4, ['Советский', 'Гагарина, д. 2', '', '', '', '', '', guid.toUpperCase()]))
      .toEqual({ ok: false, error: { row: 4, message: `ФИАС ${guid} уже встречается в строке 2: дом повторяется` } });
  });

  it('refuses a flat where a building is expected', () => {
    expect(checker().check(2, ['Советский', 'Гагарина, д. 1, кв. 5'])).toMatchObject({
      ok: false,
      error: { message: 'Адрес «Гагарина, д. 1, кв. 5» указывает квартиру (5): в реестр вносятся дома' },
    });
  });

  it('collects the good rows and the reasons of the bad ones, in file order', () => {
    const c = checker();
    c.collect(2, ['Советский', 'Гагарина, д. 1']);
    c.collect(3, ['Заречный', 'Гагарина, д. 2']);
    c.collect(4, ['Ленинский', 'Садовая, д. 5']);
    expect(c.good.map((r) => [r.row, r.address])).toEqual([
      [2, 'ул. Гагарина, д. 1'],
      [4, 'ул. Садовая, д. 5'],
    ]);
    expect(c.errors).toEqual([{ row: 3, message: expect.stringMatching(/^Район «Заречный» не найден/) }]);
  });
});

describe('the rows of a file', () => {
  it('are those under the header that are not blank, with the header’s columns', () => {
    const rows = [
      { row: 1, cells: ['Реестр на 01.10.2026'] },
      { row: 2, cells: ['Адрес', 'Район'] },
      { row: 3, cells: ['Гагарина, д. 1', 'Советский'] },
      { row: 4, cells: [' ', ''] },
      { row: 5, cells: ['Садовая, д. 5', 'Ленинский'] },
    ];
    expect(registerDataRows(rows)).toEqual({ ok: true, columns: { address: 0, district: 1 }, rows: [rows[2], rows[4]] });
  });

  it('are none in a file with only a header, or with no header: the file is refused with the reason', () => {
    expect(registerDataRows([{ row: 1, cells: ['Район', 'Адрес'] }, { row: 2, cells: ['', ''] }])).toEqual({
      ok: false,
      fileError: 'В файле нет ни одной строки с домом: только заголовок',
    });
    expect(registerDataRows([])).toEqual({ ok: false, fileError: 'Файл пуст: в нём нет ни заголовка, ни строк' });
  });
});
