import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey, formatAddress, parseAddress, STREET_TYPES, streetKey, type ParsedAddress, type StreetType } from './address.js';

function parsed(text: string): ParsedAddress {
  const result = parseAddress(text);
  if (!result.ok) throw new Error(`«${text}» did not parse: ${result.error}`);
  return result.address;
}

function keyOf(text: string): string {
  return addressKey(parsed(text));
}

const NOVO_SADOVAYA_106A: ParsedAddress = {
  streetType: 'ул.',
  streetName: 'Ново-Садовая',
  house: '106А',
  korpus: '',
  stroenie: '',
  flat: '',
};

describe('parseAddress: examples', () => {
  it('reads the register form', () => {
    expect(parsed('ул. Ново-Садовая, д. 106А')).toEqual(NOVO_SADOVAYA_106A);
    expect(parsed('ул. Ново-Садовая, д. 106, корп. 2, стр. 1')).toEqual({
      ...NOVO_SADOVAYA_106A,
      house: '106',
      korpus: '2',
      stroenie: '1',
    });
  });

  it('reads what operators type', () => {
    expect(parsed('ул Ново-Садовая д.106а')).toEqual(NOVO_SADOVAYA_106A);
    expect(parsed('ул.Ново-Садовая,д.106а')).toEqual(NOVO_SADOVAYA_106A);
    expect(parsed('Ново-Садовая, 106 А')).toEqual({ ...NOVO_SADOVAYA_106A, streetType: null });
    expect(parsed('Ново-Садовая 106а кв 12')).toEqual({ ...NOVO_SADOVAYA_106A, streetType: null, flat: '12' });
    expect(parsed('106а Ново-Садовая')).toEqual({ ...NOVO_SADOVAYA_106A, streetType: null });
    expect(parsed('ново-садовая 106-а, 15')).toEqual({ ...NOVO_SADOVAYA_106A, streetType: null, flat: '15' });
    expect(parsed('Ново-Садовая ул., 106а')).toEqual(NOVO_SADOVAYA_106A);
    expect(parsed('Ново-Садовая 106а-12').flat).toBe('12');
  });

  it('strips the postcode, country, region, city and district', () => {
    const full = parsed('443099, Самарская обл., г. Самара, ул. Ново-Садовая, д. 106А, кв. 15');
    expect(full).toEqual({ ...NOVO_SADOVAYA_106A, flat: '15' });
    expect(parsed('Россия, г.о. Самара, Октябрьский р-н, ул. Ново-Садовая, 106а')).toEqual(NOVO_SADOVAYA_106A);
    expect(parsed('Самарская область, городской округ Самара, внутригородской район Октябрьский, Ново-Садовая ул, 106А')).toEqual(
      NOVO_SADOVAYA_106A,
    );
    expect(parsed('г Самара ул Ново-Садовая 106А')).toEqual(NOVO_SADOVAYA_106A);
  });

  it('reads house letters written in every way', () => {
    for (const house of ['106А', '106а', '106 а', '106 А', '106"А"', '106 «А»', '106-а', 'д. 106 а', 'д.106, лит. А', '106 литера А', '106a', '106 A']) {
      expect(parsed(`Ново-Садовая ${house}`).house).toBe('106А');
    }
  });

  it('reads a street typed with Latin look-alike letters inside Russian words', () => {
    expect(parsed('Hoвo-Cадoвая 106А')).toEqual(parsed('Ново-Садовая 106А'));
    expect(parsed('OCИПEHKO 5')).toMatchObject({ streetName: 'Осипенко', house: '5' });
    // A word with no Cyrillic letter is left as typed: it is not a Russian word with a slip.
    expect(parsed('ул. Moscow 5').streetName).not.toMatch(/[а-я]/i);
  });

  it('reads fractions, корпус and строение', () => {
    expect(parsed('ул Стара-Загора 12/1').house).toBe('12/1');
    expect(parsed('Стара Загора 12 / 1 кв15')).toMatchObject({ house: '12/1', flat: '15', streetName: 'Стара Загора' });
    expect(parsed('пр-т Кирова, д. 322, к. 1')).toMatchObject({ streetType: 'пр-кт', house: '322', korpus: '1' });
    expect(parsed('Кирова пр., 322к1')).toMatchObject({ streetType: 'пр-кт', house: '322', korpus: '1' });
    expect(parsed('проспект Кирова 322 корпус 1 кв. 7')).toMatchObject({ streetType: 'пр-кт', korpus: '1', flat: '7' });
    expect(parsed('Московское шоссе 18 стр 2')).toMatchObject({ streetType: 'ш.', streetName: 'Московское', stroenie: '2' });
    expect(parsed('Московское ш., д. 18, строение 2').stroenie).toBe('2');
  });

  it('does not take a street type for a корпус letter', () => {
    expect(parsed('77 корп 1 ш Заводское кв 121')).toMatchObject({ streetType: 'ш.', streetName: 'Заводское', house: '77', korpus: '1', flat: '121' });
    expect(parsed('Заводское ш., 77 корп 1 б')).toMatchObject({ korpus: '1Б' });
  });

  it('reads flats in every usual form and ignores entrances and floors', () => {
    for (const text of ['Гагарина 12 кв. 45', 'Гагарина 12 кв45', 'Гагарина, 12, 45', 'Гагарина д 12 квартира 45', 'Гагарина 12 подъезд 3 кв 45']) {
      expect(parsed(text)).toMatchObject({ streetName: 'Гагарина', house: '12', flat: '45' });
    }
  });

  it('knows every street type, written in full or abbreviated, before or after the name', () => {
    const cases: [string, StreetType][] = [
      ['улица Садовая 5', 'ул.'],
      ['ул Садовая 5', 'ул.'],
      ['проспект Кирова 5', 'пр-кт'],
      ['просп. Кирова 5', 'пр-кт'],
      ['пр. Кирова 5', 'пр-кт'],
      ['Кирова пр-кт 5', 'пр-кт'],
      ['шоссе Московское 5', 'ш.'],
      ['Московское ш. 5', 'ш.'],
      ['переулок Ново-Молодёжный 5', 'пер.'],
      ['пер. Ново-Молодёжный 5', 'пер.'],
      ['бульвар Ивана Финютина 5', 'б-р'],
      ['б-р Ивана Финютина 5', 'б-р'],
      ['площадь Кирова 5', 'пл.'],
      ['пл. Кирова 5', 'пл.'],
      ['проезд Мальцева 5', 'пр-д'],
      ['пр-д Мальцева 5', 'пр-д'],
      ['Пугачёвский тракт 5', 'тракт'],
      ['ул. Пугачёвский тракт, д. 5', 'тракт'],
      ['квартал 2, д. 5', 'кв-л'],
      ['кв-л 2, д. 5', 'кв-л'],
      ['посёлок Управленческий, д. 5', 'пос.'],
      ['пос. Управленческий, д. 5', 'пос.'],
      ['п. Управленческий, д. 5', 'пос.'],
      ['набережная Волжская 5', 'наб.'],
      ['тупик Речной 5', 'туп.'],
      ['аллея Славы 5', 'аллея'],
      ['микрорайон Крутые Ключи 5', 'мкр.'],
      ['мкр. Крутые Ключи, 5', 'мкр.'],
    ];
    for (const [text, type] of cases) expect(parsed(text).streetType, text).toBe(type);
  });

  it('reads numbered streets', () => {
    expect(parsed('ул. XXII Партсъезда, д. 5')).toMatchObject({ streetName: 'XXII Партсъезда', house: '5' });
    expect(parsed('22 Партсъезда 5')).toMatchObject({ streetName: '22 Партсъезда', house: '5' });
    expect(parsed('22-го Партсъезда, д. 5')).toMatchObject({ streetName: '22-го Партсъезда', house: '5' });
    expect(parsed('ул. 40 лет Пионерии, д. 3')).toMatchObject({ streetName: '40 лет Пионерии', house: '3' });
    expect(parsed('ул. 5-я просека, д. 110')).toMatchObject({ streetName: '5-я просека', house: '110' });
    const key = keyOf('ул. XXII Партсъезда, д. 5');
    for (const text of ['22 Партсъезда 5', '22-го Партсъезда, д. 5', 'Партсъезда XXII, 5', 'ул. 22 партсъезда д5', 'ХХII Партсъезда 5']) {
      expect(keyOf(text), text).toBe(key);
    }
  });

  it('keeps the settlement of a street in Красноглинский', () => {
    expect(parsed('пос. Управленческий, ул. Сергея Лазо, д. 19')).toMatchObject({
      settlement: 'пос. Управленческий',
      streetType: 'ул.',
      streetName: 'Сергея Лазо',
      house: '19',
    });
    expect(keyOf('пос Управленческий ул Сергея Лазо 19')).toBe(keyOf('пос. Управленческий, ул. Сергея Лазо, д. 19'));
    expect(keyOf('пос. Управленческий, ул. Сергея Лазо, д. 19')).not.toBe(keyOf('ул. Сергея Лазо, д. 19'));
    expect(keyOf('кв-л пос. Мехзавод 1-й, д. 5')).toBe(keyOf('пос. Мехзавод, кв-л 1, д. 5'));
  });

  it('prefers a typed street name to stray words, and keeps kilometres in the name', () => {
    expect(parsed('ул. Ново-Садовая, Октябрьский, 106')).toMatchObject({ streetName: 'Ново-Садовая', house: '106' });
    expect(parsed('ул. Ново-Садовая, уч. 5')).toMatchObject({ streetName: 'Ново-Садовая', house: '5' });
    expect(parsed('пос. Управленческий, Сергея Лазо 19')).toMatchObject({ settlement: 'пос. Управленческий', streetName: 'Сергея Лазо' });
    expect(parsed('Московское шоссе 18 км, 5')).toMatchObject({ streetType: 'ш.', streetName: 'Московское 18 км', house: '5' });
    expect(keyOf('ш. Московское, 18 км, д. 5')).toBe(keyOf('Московское шоссе 18 км, 5'));
  });

  it('title-cases a name typed in one case, keeps deliberate case', () => {
    expect(parsed('ново-садовая 106').streetName).toBe('Ново-Садовая');
    expect(parsed('БРАТЬЕВ КОРОСТЕЛЁВЫХ 3').streetName).toBe('Братьев Коростелёвых');
    expect(parsed('xxii партсъезда 3').streetName).toBe('XXII Партсъезда');
    expect(parsed('40 лет пионерии 3').streetName).toBe('40 лет Пионерии');
  });

  it('says in Russian what is missing', () => {
    expect(parseAddress('')).toEqual({ ok: false, error: expect.stringMatching(/пуст/) });
    expect(parseAddress('443099')).toEqual({ ok: false, error: expect.stringMatching(/индекс.*улица и номер дома/) });
    expect(parseAddress('Самарская обл., г. Самара')).toEqual({ ok: false, error: expect.stringMatching(/улица и номер дома/) });
    expect(parseAddress('ул. Ново-Садовая')).toEqual({ ok: false, error: 'Не указан номер дома' });
    expect(parseAddress('д. 106')).toEqual({ ok: false, error: 'Не указана улица' });
    expect(parseAddress(',,, ;')).toEqual({ ok: false, error: expect.stringMatching(/пуст/) });
  });
});

describe('formatAddress and addressKey', () => {
  it('formats the display address without the flat', () => {
    expect(formatAddress({ ...NOVO_SADOVAYA_106A, korpus: '2', stroenie: '1', flat: '15' })).toBe(
      'ул. Ново-Садовая, д. 106А, корп. 2, стр. 1',
    );
    expect(formatAddress({ ...NOVO_SADOVAYA_106A, streetType: null })).toBe('ул. Ново-Садовая, д. 106А');
    expect(formatAddress(parsed('пос Управленческий ул Сергея Лазо 19'))).toBe('пос. Управленческий, ул. Сергея Лазо, д. 19');
  });

  it('makes the same key for the spellings of one building', () => {
    const key = keyOf('ул. Ново-Садовая, д. 106А');
    for (const text of [
      'ул Ново-Садовая д.106а',
      'Ново-Садовая, 106 А',
      'Ново Садовая 106"А" кв 12',
      'НОВО-САДОВАЯ 106-А',
      'улица ново садовая, дом 106, литера а',
      '443099, Самарская обл., г. Самара, ул. Ново-Садовая, д. 106А, кв. 15',
    ]) {
      expect(keyOf(text), text).toBe(key);
    }
    expect(keyOf('ул. Лукачёва, 5')).toBe(keyOf('Лукачева 5'));
  });

  it('keeps different buildings apart', () => {
    const key = keyOf('ул. Ново-Садовая, д. 106А');
    for (const text of ['ул. Ново-Садовая, д. 106', 'ул. Ново-Садовая, д. 106Б', 'ул. Садовая, д. 106А', 'пр-кт Ново-Садовая, д. 106А', 'ул. Ново-Садовая, д. 106А, корп. 1']) {
      expect(keyOf(text), text).not.toBe(key);
    }
  });

  it('folds street names for matching', () => {
    expect(streetKey('Ново-Садовая')).toBe('ново садовая');
    expect(streetKey('XXII Партсъезда')).toBe('22 партсъезда');
    expect(streetKey('Партсъезда 22-го')).toBe('22 партсъезда');
    expect(streetKey('Братьев Коростелёвых')).toBe('братьев коростелевых');
    expect(streetKey('Пугачёвский тракт')).toBe('пугачевский');
    expect(streetKey('им. Карла Маркса')).toBe('карла маркса');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const SYLLABLES = ['ка', 'ро', 'ва', 'ли', 'ну', 'ше', 'дё', 'ме', 'за', 'то', 'си', 'бо', 'гу', 'ля', 'ми', 'ре', 'тё', 'со', 'вы', 'жи'];
const KNOWN_NAMES = [
  'Ново-Садовая',
  'Садовая',
  'XXII Партсъезда',
  '22 Партсъезда',
  'Братьев Коростелёвых',
  'Стара-Загора',
  'Мориса Тореза',
  '40 лет Пионерии',
  'Лукачёва',
  'Антонова-Овсеенко',
  'Карла Маркса',
  'Кирова',
  'Московское',
  'Жигулёвские Ворота',
  'Зелёная',
  'Сергея Лазо',
  '5-я просека',
];
const NOT_A_NAME = /^(самара|россия|город|дом|корпус|литера|квартира|строение|район|область|поселок|улица|проспект|шоссе|переулок|бульвар|площадь|проезд|тракт|квартал|набережная|тупик|аллея|микрорайон|спуск|подъезд|этаж|офис)$/;

const word = fc
  .array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 5 })
  .map((parts) => parts.join(''))
  .filter((w) => !NOT_A_NAME.test(w.replace(/ё/g, 'е')))
  .map((w) => w[0]?.toUpperCase() + w.slice(1));
const streetName = fc.oneof(
  fc.constantFrom(...KNOWN_NAMES),
  word,
  fc.tuple(word, word).map(([a, b]) => `${a}-${b}`),
  fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
);
const house = fc
  .tuple(fc.integer({ min: 1, max: 420 }), fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }), fc.constantFrom('', '', '', 'А', 'Б', 'В', 'Г', 'Д'))
  .map(([n, fraction, letter]) => `${n}${fraction === undefined ? '' : `/${fraction}`}${letter}`);
const smallNumber = fc.constantFrom('', '', '', '1', '2', '3', '12');
const address: fc.Arbitrary<ParsedAddress> = fc.record({
  streetType: fc.option(fc.constantFrom(...STREET_TYPES.filter((t) => t !== 'пос.')), { nil: null }),
  streetName,
  house,
  korpus: smallNumber,
  stroenie: smallNumber,
  flat: fc.constant(''),
});

const FULL_TYPE: Record<StreetType, string> = {
  'ул.': 'улица',
  'пр-кт': 'проспект',
  'ш.': 'шоссе',
  'пер.': 'переулок',
  'б-р': 'бульвар',
  'пл.': 'площадь',
  'пр-д': 'проезд',
  тракт: 'тракт',
  'кв-л': 'квартал',
  'пос.': 'посёлок',
  'наб.': 'набережная',
  'туп.': 'тупик',
  аллея: 'аллея',
  'мкр.': 'микрорайон',
  спуск: 'спуск',
};

/** One way an operator might type the address: random case, ё, spacing, abbreviations, letters, flats. */
const spelling = (a: ParsedAddress) =>
  fc
    .record({
      prefix: fc.constantFrom('', '443099, ', 'Самарская обл., г. Самара, ', 'г.о. Самара, ', 'Россия, Самара, '),
      fullType: fc.boolean(),
      typeAfter: fc.boolean(),
      nameCase: fc.constantFrom('as-is', 'lower', 'upper'),
      yo: fc.boolean(),
      houseMarker: fc.constantFrom('д. ', 'дом ', '', 'д.'),
      letter: fc.constantFrom('', ' ', '"', '-', ' «'),
      korpus: fc.constantFrom(', корп. ', ' к. ', ' корпус ', ' к'),
      stroenie: fc.constantFrom(', стр. ', ' строение ', ' стр'),
      sep: fc.constantFrom(', ', ' ', ' ,  ', ',', '  '),
    })
    .map((s) => {
      const type = a.streetType ?? 'ул.';
      const typeText = s.fullType ? FULL_TYPE[type] : type;
      let name = s.nameCase === 'lower' ? a.streetName.toLowerCase() : s.nameCase === 'upper' ? a.streetName.toUpperCase() : a.streetName;
      if (s.yo) name = name.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
      const after = s.typeAfter && !/\d/.test(a.streetName);
      const street = after ? `${name} ${typeText}` : `${typeText} ${name}`;
      const m = /^(\d+(?:\/\d+)?)(\p{L})?$/u.exec(a.house);
      const letter = m?.[2] ? `${s.letter}${s.nameCase === 'lower' ? m[2].toLowerCase() : m[2]}${s.letter === '"' ? '"' : s.letter === ' «' ? '»' : ''}` : '';
      const houseText = `${s.houseMarker}${m?.[1] ?? a.house}${letter}`;
      return `${s.prefix}${street}${s.sep}${houseText}${a.korpus ? `${s.korpus}${a.korpus}` : ''}${a.stroenie ? `${s.stroenie}${a.stroenie}` : ''}`;
    });

const flatSuffix = fc.tuple(fc.constantFrom(', кв. ', ' кв', ' кв ', ', квартира ', ' кв.'), fc.integer({ min: 1, max: 300 })).map(([m, n]) => `${m}${n}`);

describe('parseAddress: properties', () => {
  it('parse(format(a)) gives a back (a missing type comes back as «ул.»)', () => {
    fc.assert(
      fc.property(address, (a) => {
        expect(parsed(formatAddress(a))).toEqual({ ...a, streetType: a.streetType ?? 'ул.' });
      }),
      { numRuns: 500 },
    );
  });

  it('addressKey does not change with case, ё, spacing, abbreviations, letter spelling or noise', () => {
    fc.assert(
      fc.property(
        address.chain((a) => fc.tuple(fc.constant(a), spelling(a))),
        ([a, text]) => {
          expect(keyOf(text)).toBe(addressKey(a));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a missing «ул.» does not change the key', () => {
    const plain = address.filter((a) => (a.streetType === 'ул.' || a.streetType === null) && /^\p{L}/u.test(a.streetName));
    fc.assert(
      fc.property(plain, (a) => {
        const text = formatAddress(a).replace(/^ул\. /, '');
        expect(keyOf(text)).toBe(addressKey(a));
      }),
      { numRuns: 300 },
    );
  });

  it('a flat never changes the key, and is read back', () => {
    fc.assert(
      fc.property(
        address.chain((a) => fc.tuple(fc.constant(a), spelling(a), flatSuffix)),
        ([a, text, flat]) => {
          const withFlat = parsed(`${text}${flat}`);
          expect(addressKey(withFlat)).toBe(addressKey(a));
          expect(withFlat.flat).toBe(flat.replace(/\D/g, ''));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const result = parseAddress(text);
        if (result.ok) expect(result.address.house).not.toBe('');
        else expect(result.error).toMatch(/[а-я]/);
      }),
      { numRuns: 2000 },
    );
  });
});
