// Samara street addresses as operators, residents and registers write them: parsing free text into
// parts, the display form, and the normalised identity of a building (addressKey) that makes
// «ул Ново-Садовая д.106а» and «Ново Садовая, 106 "А"» the same house.

/** Canonical short forms of street types (as ФИАС/ГАР abbreviates them), in display order. */
export const STREET_TYPES = [
  'ул.',
  'пр-кт',
  'ш.',
  'пер.',
  'б-р',
  'пл.',
  'пр-д',
  'тракт',
  'кв-л',
  'пос.',
  'наб.',
  'туп.',
  'аллея',
  'мкр.',
  'спуск',
] as const;
export type StreetType = (typeof STREET_TYPES)[number];

export interface ParsedAddress {
  /** null when the text named no type; formatAddress and addressKey treat it as «ул.». */
  streetType: StreetType | null;
  /** The display form, e.g. «Ново-Садовая», «XXII Партсъезда». */
  streetName: string;
  /** «106А», «12/1»: the letter upper-case, no space; a литера is merged into it. */
  house: string;
  korpus: string;
  stroenie: string;
  flat: string;
  /**
   * The settlement inside the city when the street belongs to one, e.g. «пос. Управленческий»
   * for «пос. Управленческий, ул. Сергея Лазо». Absent for ordinary city streets.
   */
  settlement?: string;
}

export type ParseResult = { ok: true; address: ParsedAddress } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------
// Vocabulary. Keys are folded: lower case, ё as е, without the trailing dot.

const STREET_TYPE_ALIASES: Readonly<Record<StreetType, readonly string[]>> = {
  'ул.': ['ул', 'улица', 'ул-ца'],
  'пр-кт': ['пр-кт', 'проспект', 'просп', 'пр', 'пр-т', 'пркт', 'прт', 'пр-кт'],
  'ш.': ['ш', 'шоссе', 'шос'],
  'пер.': ['пер', 'переулок', 'пер-к'],
  'б-р': ['б-р', 'бульвар', 'бул', 'бульв'],
  'пл.': ['пл', 'площадь', 'пл-дь'],
  'пр-д': ['пр-д', 'проезд', 'пр-зд'],
  тракт: ['тракт'],
  'кв-л': ['кв-л', 'квартал', 'кв-тал'],
  'пос.': ['пос', 'п', 'поселок', 'пгт', 'посел'],
  'наб.': ['наб', 'набережная'],
  'туп.': ['туп', 'тупик'],
  аллея: ['аллея', 'ал', 'алл'],
  'мкр.': ['мкр', 'микрорайон', 'мкрн', 'мкр-н', 'м-н'],
  спуск: ['спуск'],
};

const STREET_TYPE_BY_ALIAS: ReadonlyMap<string, StreetType> = new Map(
  (Object.entries(STREET_TYPE_ALIASES) as [StreetType, readonly string[]][]).flatMap(([type, aliases]) =>
    aliases.map((alias) => [alias, type] as const),
  ),
);

/** Words that stand before a part of the house: дом, корпус, строение, литера, квартира. */
type Marker = 'house' | 'korpus' | 'stroenie' | 'litera' | 'flat' | 'ignored';
const MARKERS: ReadonlyMap<string, Marker> = new Map<string, Marker>([
  ['д', 'house'],
  ['дом', 'house'],
  ['к', 'korpus'],
  ['корп', 'korpus'],
  ['корпус', 'korpus'],
  ['кор', 'korpus'],
  ['стр', 'stroenie'],
  ['строение', 'stroenie'],
  ['строен', 'stroenie'],
  ['с', 'stroenie'],
  ['лит', 'litera'],
  ['литера', 'litera'],
  ['литер', 'litera'],
  ['кв', 'flat'],
  ['квартира', 'flat'],
  ['кв-ра', 'flat'],
  ['пом', 'flat'],
  ['помещение', 'flat'],
  ['оф', 'flat'],
  ['офис', 'flat'],
  ['уч', 'house'],
  ['участок', 'house'],
  ['подъезд', 'ignored'],
  ['под', 'ignored'],
  ['этаж', 'ignored'],
  ['эт', 'ignored'],
]);

const COUNTRY_WORDS = new Set(['россия', 'рф']);
const REGION_WORDS = new Set(['обл', 'область', 'край', 'респ', 'республика']);
const CITY_WORDS = new Set(['г', 'город', 'го', 'гор']);
const DISTRICT_WORDS = new Set(['р-н', 'район', 'рн', 'р-на', 'района']);
const CITY_NAME = 'самара';
/** Lower-case words kept lower-case when a street name typed all in one case is title-cased. */
const LOWER_CASE_NAME_WORDS = new Set(['лет', 'и', 'на', 'де', 'ла', 'им', 'имени', 'км', 'просека', 'линия', 'года']);
const LATIN_LOOKALIKES: ReadonlyMap<string, string> = new Map(
  [...'aeocxkmhpbtyAEOCXKMHPBTY'].map((latin, i) => [latin, 'аеосхкмнрвтуАЕОСХКМНРВТУ'[i] as string]),
);
/** Letters that never end a house number (they end ordinals: 1-й, 5-я). */
const NOT_HOUSE_LETTERS = /[йьъыя]/;

// ---------------------------------------------------------------------------------------------
// Tokens

interface Token {
  /** As typed, without a trailing dot. */
  readonly raw: string;
  /** Folded: lower case, ё as е, no trailing dot. */
  readonly fold: string;
  /** Comma-separated segment of the text it came from. */
  readonly segment: number;
  /** Written with a dot after it, as abbreviations are («ш.», «п.»). */
  readonly dotted: boolean;
}

/** The canonical street type for any way of writing it («улица», «ул», «пр-т» …); null if it is none. */
export function streetTypeOf(text: string): StreetType | null {
  return STREET_TYPE_BY_ALIAS.get(foldText(text.trim()).replace(/\.+$/, '')) ?? null;
}

export function foldText(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

function tokenize(text: string): Token[] {
  const spaced = text
    .normalize('NFC')
    .replace(/[\u00a0\u2007\u202f\t\r\n]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/["«»“”„'`’‘]/g, ' ')
    .replace(/№/g, ' ')
    // A Russian word typed with Latin look-alikes (a keyboard switched mid-word: «OCИПEHKO»,
    // «Hoвo-Cадoвая»): in a word that has a Cyrillic letter, they are the Cyrillic ones.
    .replace(/\p{L}+/gu, (word) => (/\p{Script=Cyrillic}/u.test(word) && /[a-z]/i.test(word) ? [...word].map((ch) => LATIN_LOOKALIKES.get(ch) ?? ch).join('') : word))
    // «106a», «106 A» with a Latin letter that looks like the Cyrillic one.
    .replace(/(\d\s*-?)([aeocxkmhpbty])(?!\p{L})/giu, (_, before: string, latin: string) => before + (LATIN_LOOKALIKES.get(latin) ?? latin))
    // «г.о. Самара», «г. о. Самара»: one word, before the dots are split off.
    .replace(/(^|[^\p{L}\p{N}])г\.\s*о\.?(?=\s|$|[^\p{L}])/giu, '$1го ')
    .replace(/(\d)\s*\/\s*(\d)/g, '$1/$2')
    .replace(/[,;()]/g, ' , ')
    // «ул.Ново-Садовая», «д.106»: a dot glued to the next word separates.
    .replace(/\.(?=[^\s.,])/g, '. ')
    // «кв15», «д106», «к2», «корп2»: letters glued to a number separate.
    .replace(/(\p{L})(?=\d)/gu, '$1 ')
    // Hyphens standing alone between words («Ново - Садовая») join them; between numbers they stay.
    .replace(/(\p{L})\s+-\s+(?=\p{L})/gu, '$1-');
  const tokens: Token[] = [];
  let segment = 0;
  for (const part of spaced.split(/\s+/)) {
    if (part === '') continue;
    if (part === ',') {
      segment++;
      continue;
    }
    const raw = part.replace(/\.+$/, '').replace(/^[-.]+|-+$/g, '');
    if (raw === '') continue;
    tokens.push({ raw, fold: foldText(raw), segment, dotted: part.endsWith('.') });
  }
  return tokens;
}

/** A house number as a token: «106», «106а», «106-а», «12/1», «12/1а». */
const HOUSE_TOKEN = /^(\d{1,4})(\/\d{1,4})?-?([а-я])?$/;
/** A number and a marker glued to it: «106к» (then «2»), «106кв» (then «15»), «5стр», «5лит». */
const HOUSE_WITH_MARKER = /^(\d{1,4}(?:\/\d{1,4})?[а-я]?)(к|корп|кв|стр|с|лит)$/;
/** House and flat written with a hyphen: «106-12», «106а-12». */
const HOUSE_DASH_FLAT = /^(\d{1,4}[а-я]?)-(\d{1,4}[а-я]?)$/;
/** Ordinal numbers belong to street names: «22-го», «5-я», «1-й», «40-лет»? no, «2-е». */
const ORDINAL = /^\d{1,3}-?(й|я|е|го|ого|ой|ая|ий|ый|ое|ья|ей|ую|ю|ых|м|ми)$/;
const ROMAN = /^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;

function isHouseToken(fold: string): boolean {
  const m = HOUSE_TOKEN.exec(fold);
  return m !== null && !(m[3] && NOT_HOUSE_LETTERS.test(m[3]));
}

function houseDisplay(fold: string): string {
  const m = HOUSE_TOKEN.exec(fold);
  if (!m) return fold.toUpperCase();
  return `${m[1]}${m[2] ?? ''}${(m[3] ?? '').toUpperCase()}`;
}

function isSingleLetter(fold: string): boolean {
  return /^[а-я]$/.test(fold) && !NOT_HOUSE_LETTERS.test(fold);
}

// ---------------------------------------------------------------------------------------------
// Classified items

type Item =
  | { readonly kind: 'word'; readonly token: Token }
  | { readonly kind: 'type'; readonly type: StreetType; readonly token: Token }
  | { readonly kind: 'number'; readonly house: string; readonly token: Token };

interface Parts {
  /** The item index of a house marked with «д.»/«дом». */
  houseIndex: number | null;
  korpus: string;
  stroenie: string;
  litera: string;
  flat: string;
}

/**
 * Drops the postcode, country, region, city and district; takes the marked parts of the house
 * (д., корп., стр., лит., кв.); classifies the rest as street words, street types and numbers.
 */
function classify(tokens: readonly Token[]): { items: Item[]; parts: Parts; noise: number } {
  const items: Item[] = [];
  const parts: Parts = { houseIndex: null, korpus: '', stroenie: '', litera: '', flat: '' };
  let noise = 0;
  const at = (i: number): Token | undefined => tokens[i];
  const sameSegment = (i: number, j: number) => at(i) !== undefined && at(j) !== undefined && at(i)?.segment === at(j)?.segment;
  const isWord = (t: Token | undefined) => t !== undefined && /^\p{L}/u.test(t.fold);

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = at(i + 1);
    const prev = at(i - 1);
    const f = t.fold;

    // Postcode, country, region, city, district.
    if (/^\d{6}$/.test(f) || COUNTRY_WORDS.has(f) || f === CITY_NAME) {
      noise++;
      continue;
    }
    if (f === 'российская' && next?.fold === 'федерация') {
      noise++;
      i++;
      continue;
    }
    if (f === 'городской' && next?.fold === 'округ') {
      noise++;
      i += next && at(i + 2)?.fold === CITY_NAME ? 2 : 1;
      continue;
    }
    if (REGION_WORDS.has(f) || DISTRICT_WORDS.has(f)) {
      // «Самарская обл.», «Октябрьский р-н», «внутригородской р-н»: the name stands before the word …
      const last = items[items.length - 1];
      if (last?.kind === 'word' && sameSegment(i - 1, i) && /(ая|ой|ий|ый|кий)$/.test(last.token.fold)) {
        items.pop();
        if (items[items.length - 1]?.token.fold === 'внутригородской') items.pop();
        noise++;
        continue;
      }
      // … or after it: «обл. Самарская», «р-н Октябрьский». Alone it may be a street's word («край…»).
      if (isWord(next) && sameSegment(i, i + 1) && !STREET_TYPE_BY_ALIAS.has(next?.fold ?? '')) {
        i++;
        noise++;
        continue;
      }
    }
    const afterNumber = items[items.length - 1]?.kind === 'number' && sameSegment(i - 1, i);
    if (CITY_WORDS.has(f) && !afterNumber && isWord(next) && !STREET_TYPE_BY_ALIAS.has(next?.fold ?? '') && !MARKERS.has(next?.fold ?? '')) {
      noise++;
      i++;
      continue;
    }

    // Glued forms: «106к 2», «106кв 15», «106-12».
    const glued = HOUSE_WITH_MARKER.exec(f);
    if (glued && next && /^\d/.test(next.fold)) {
      items.push({ kind: 'number', house: houseDisplay(glued[1] as string), token: t });
      const marker = MARKERS.get(glued[2] as string) as Marker;
      i = takeMarked(marker, i + 1);
      continue;
    }
    const dashFlat = HOUSE_DASH_FLAT.exec(f);
    if (dashFlat && !HOUSE_TOKEN.test(f)) {
      items.push({ kind: 'number', house: houseDisplay(dashFlat[1] as string), token: t });
      if (parts.flat === '') parts.flat = (dashFlat[2] as string).toUpperCase();
      continue;
    }

    const marker = MARKERS.get(f);
    if (marker) {
      const follows = next !== undefined && (/^\d/.test(next.fold) || (marker === 'litera' && /^\p{L}/u.test(next.fold)));
      // «д» after a number is its letter («106 д»), «к» alone after a number is a letter too.
      if (follows) {
        i = takeMarked(marker, i + 1);
        continue;
      }
      if (marker !== 'ignored' && prev && items[items.length - 1]?.kind === 'number' && isSingleLetter(f)) {
        attachLetter(f);
        continue;
      }
      if (marker === 'ignored') continue;
    }

    // «Московское ш., 18 км»: a kilometre is part of the street's name.
    if (/^\d+$/.test(f) && next?.fold === 'км' && sameSegment(i, i + 1)) {
      items.push({ kind: 'word', token: t }, { kind: 'word', token: next });
      i++;
      continue;
    }
    if (isHouseToken(f)) {
      items.push({ kind: 'number', house: houseDisplay(f), token: t });
      continue;
    }
    // «106 а», «106 А»: a letter standing alone after a number belongs to it.
    if (
      isSingleLetter(f) &&
      items[items.length - 1]?.kind === 'number' &&
      sameSegment(i - 1, i) &&
      !(STREET_TYPE_BY_ALIAS.has(f) && isWord(next) && sameSegment(i, i + 1))
    ) {
      attachLetter(f);
      continue;
    }
    const type = STREET_TYPE_BY_ALIAS.get(f);
    // One-letter abbreviations («п», «ш») need a dot or a word beside them to be types.
    if (type && (f.length > 1 || t.dotted || isWord(next) || isWord(prev))) {
      items.push({ kind: 'type', type, token: t });
      continue;
    }
    if (/^\d+$/.test(f) && f.length > 4) {
      noise++;
      continue;
    }
    items.push({ kind: 'word', token: t });
  }
  return { items, parts, noise };

  function attachLetter(letter: string): void {
    const last = items.pop() as Extract<Item, { kind: 'number' }>;
    const house = /[А-ЯЁ]$/.test(last.house) ? last.house : `${last.house}${letter.toUpperCase()}`;
    items.push({ kind: 'number', house, token: last.token });
  }

  /** Reads the value after a marker at index j; returns the index of the last token used. */
  function takeMarked(marker: Marker, j: number): number {
    const value = tokens[j] as Token;
    let end = j;
    let text = value.fold;
    // «д. 106 а», «корп. 2 б»: a lone letter right after the number is part of it.
    const after = tokens[j + 1];
    const typeFollows = after !== undefined && STREET_TYPE_BY_ALIAS.has(after.fold) && isWord(tokens[j + 2]);
    if (/^\d+(\/\d+)?$/.test(text) && after && after.segment === value.segment && isSingleLetter(after.fold) && !MARKERS.has(after.fold) && !typeFollows) {
      text += after.fold;
      end = j + 1;
    }
    const display = houseDisplay(text);
    switch (marker) {
      case 'house':
        parts.houseIndex = items.length;
        items.push({ kind: 'number', house: display, token: value });
        break;
      case 'korpus':
        parts.korpus = display;
        break;
      case 'stroenie':
        parts.stroenie = display;
        break;
      case 'litera':
        parts.litera = value.fold.toUpperCase();
        break;
      case 'flat':
        parts.flat = display;
        break;
      case 'ignored':
        break;
    }
    return end;
  }
}

// ---------------------------------------------------------------------------------------------
// Street and house

interface StreetGroup {
  types: { type: StreetType; prefix: boolean; token: Token }[];
  words: Token[];
  /** Index in the item list of its first and last item. */
  first: number;
  last: number;
  segment: number;
}

function streetGroups(items: readonly Item[], house: number | null): StreetGroup[] {
  const groups: StreetGroup[] = [];
  let current: StreetGroup | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item;
    if (item.kind === 'number') {
      // A number right after a street type with no name yet is the name: «кв-л 1», «ул. 22 Партсъезда».
      if (i !== house && current && current.words.length === 0 && current.types.length > 0 && item.token.segment === current.segment) {
        current.words.push(item.token);
        current.last = i;
        continue;
      }
      current = null;
      continue;
    }
    if (current && current.segment !== item.token.segment) current = null;
    if (item.kind === 'type') {
      const nextItem = items[i + 1];
      const nameFollows = nextItem !== undefined && nextItem.kind !== 'type' && nextItem.token.segment === item.token.segment && i + 1 !== house;
      const startsNew = current !== null && current.words.length > 0 && nameFollows && current.types.length > 0;
      if (!current || startsNew) {
        current = { types: [], words: [], first: i, last: i, segment: item.token.segment };
        groups.push(current);
      }
      current.types.push({ type: item.type, prefix: current.words.length === 0, token: item.token });
      current.last = i;
      continue;
    }
    if (!current) {
      current = { types: [], words: [], first: i, last: i, segment: item.token.segment };
      groups.push(current);
    }
    current.words.push(item.token);
    current.last = i;
  }
  // A type standing alone in its segment («Ново-Садовая, ул., 106») belongs to the nearest name.
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g] as StreetGroup;
    if (group.words.length > 0) continue;
    const target = groups[g - 1] ?? groups[g + 1];
    if (target && target.words.length > 0) {
      target.types.push(...group.types);
      groups.splice(g, 1);
    }
  }
  return groups;
}

function chooseType(group: StreetGroup): StreetType | null {
  if (group.types.length === 0) return null;
  // «ул. Пугачёвский тракт»: the specific type wins over the generic «ул.».
  const specific = group.types.find((t) => t.type !== 'ул.');
  return (specific ?? group.types[0])?.type ?? null;
}

function displayName(words: readonly Token[]): string {
  const raws = words.map((w) => w.raw);
  const letters = raws.join('').replace(/[^\p{L}]/gu, '');
  const oneCase = letters === letters.toLowerCase() || letters === letters.toUpperCase();
  if (!oneCase) return raws.join(' ');
  return raws
    .map((raw, index) => {
      const fold = foldText(raw);
      if (ROMAN.test(fold)) return raw.toUpperCase();
      if (/^\d/.test(raw)) return raw.toLowerCase();
      if (index > 0 && LOWER_CASE_NAME_WORDS.has(fold)) return raw.toLowerCase();
      return raw
        .toLowerCase()
        .split('-')
        .map((part) => (part === '' ? part : (part[0] as string).toUpperCase() + part.slice(1)))
        .join('-');
    })
    .join(' ');
}

export function parseAddress(text: string): ParseResult {
  const tokens = tokenize(text);
  if (tokens.length === 0) return { ok: false, error: 'Адрес пуст: укажите улицу и номер дома' };
  const { items, parts, noise } = classify(tokens);
  if (items.length === 0) {
    return {
      ok: false,
      error: noise > 0 ? 'Указаны только индекс, город или район: нужны улица и номер дома' : 'Не удалось разобрать адрес: нужны улица и номер дома',
    };
  }

  const numberIndices = items.flatMap((item, i) => (item.kind === 'number' ? [i] : []));
  let houseIndex = parts.houseIndex;

  if (houseIndex === null) {
    // Without «д.» the house is the first number after the street name; with no number after
    // the name, the number before it («106а Ново-Садовая»).
    const groups = streetGroups(items, null);
    const named = groups.filter((g) => g.words.some((w) => /^\p{L}/u.test(w.fold)));
    const street = named[named.length - 1] ?? groups[groups.length - 1];
    if (street) {
      const after = numberIndices.find((i) => i > street.last && !groupsContain(groups, i));
      const before = [...numberIndices].reverse().find((i) => i < street.first && !groupsContain(groups, i));
      houseIndex = after ?? before ?? null;
    }
  }

  const groups = streetGroups(items, houseIndex);
  // A number right before the name with the house elsewhere is part of the name: «22 Партсъезда, 5».
  for (const group of groups) {
    const before = items[group.first - 1];
    if (
      before?.kind === 'number' &&
      group.first - 1 !== houseIndex &&
      before.token.segment === group.segment &&
      group.types.every((t) => !t.prefix) &&
      /^\d+$/.test(before.token.fold)
    ) {
      group.words.unshift(before.token);
      group.first--;
    }
  }

  // «ш. Московское, 18 км»: the kilometre in its own segment belongs to the street before it.
  for (let g = groups.length - 1; g > 0; g--) {
    const group = groups[g] as StreetGroup;
    if (group.types.length === 0 && group.words.length === 2 && group.words[1]?.fold === 'км') {
      const previous = groups[g - 1] as StreetGroup;
      previous.words.push(...group.words);
      previous.last = group.last;
      groups.splice(g, 1);
    }
  }
  const named = groups.filter((g) => g.words.length > 0);
  if (named.length === 0) {
    return { ok: false, error: houseIndex === null ? 'Не указаны улица и номер дома' : 'Не указана улица' };
  }
  if (houseIndex === null) return { ok: false, error: 'Не указан номер дома' };

  // The street is the name nearest before the house (or after it when none stands before).
  // Of several names before the house, one with a street type wins over stray words
  // («ул. Ново-Садовая, уч. 5», «ул. Ново-Садовая, Октябрьский, 106»).
  const beforeHouse = named.filter((g) => g.last < houseIndex);
  const typed = beforeHouse.filter((g) => chooseType(g) !== null && chooseType(g) !== 'пос.');
  let street = typed[typed.length - 1] ?? beforeHouse[beforeHouse.length - 1] ?? named[0];
  let settlementGroup = named.find((g) => g !== street && chooseType(g) === 'пос.');
  if (street && settlementGroup === undefined && chooseType(street) === 'пос.') {
    const other = named.find((g) => g !== street && chooseType(g) !== 'пос.' && chooseType(g) !== null);
    if (other) {
      settlementGroup = street;
      street = other;
    }
  }
  if (!street) return { ok: false, error: 'Не указана улица' };
  let streetWords = street.words;
  let settlement = settlementGroup ? `${chooseType(settlementGroup) ?? 'пос.'} ${displayName(settlementGroup.words)}` : undefined;
  if (!settlementGroup && street.types.length > 1 && street.types.some((t) => t.type === 'пос.')) {
    // «кв-л пос. Мехзавод 1-й» is «пос. Мехзавод, кв-л 1-й».
    const numbered = street.words.filter((w) => /^\d/.test(w.fold) || romanValue(w.fold) !== null);
    const named = street.words.filter((w) => !numbered.includes(w));
    if (numbered.length > 0 && named.length > 0) {
      settlement = `пос. ${displayName(named)}`;
      streetWords = numbered;
      street.types = street.types.filter((t) => t.type !== 'пос.');
    }
  }

  const houseItem = items[houseIndex] as Extract<Item, { kind: 'number' }>;
  let house = houseItem.house;
  if (parts.litera !== '' && !/[А-ЯЁ]$/.test(house)) house += parts.litera;
  let flat = parts.flat;
  if (flat === '') {
    // «Ново-Садовая, 106а, 15»: a number after the house is the flat.
    const extra = numberIndices.find((i) => i > houseIndex && !groupsContain(groups, i));
    if (extra !== undefined) flat = (items[extra] as Extract<Item, { kind: 'number' }>).house;
  }

  const address: ParsedAddress = {
    streetType: chooseType(street),
    streetName: displayName(streetWords),
    house,
    korpus: parts.korpus,
    stroenie: parts.stroenie,
    flat,
  };
  if (settlement !== undefined) address.settlement = settlement;
  return { ok: true, address };
}

function groupsContain(groups: readonly StreetGroup[], index: number): boolean {
  return groups.some((g) => index >= g.first && index <= g.last);
}

export function formatAddress(a: ParsedAddress): string {
  const parts: string[] = [];
  if (a.settlement) parts.push(a.settlement);
  parts.push(`${a.streetType ?? 'ул.'} ${a.streetName}`, `д. ${a.house}`);
  if (a.korpus) parts.push(`корп. ${a.korpus}`);
  if (a.stroenie) parts.push(`стр. ${a.stroenie}`);
  return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Keys

function romanValue(fold: string): number | null {
  const latin = fold.replace(/х/g, 'x').replace(/і/g, 'i');
  if (latin === '' || !ROMAN.test(latin)) return null;
  // A lone Cyrillic «х» or «с» is a word, not a numeral.
  if (latin === fold && fold.length === 1 && !/[ivxlc]/.test(fold)) return null;
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  for (let i = 0; i < latin.length; i++) {
    const v = values[latin[i] as string] as number;
    const next = values[latin[i + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/**
 * The street name folded for matching: lower case, ё as е, hyphens as spaces, Roman numerals and
 * ordinals as plain numbers first («XXII Партсъезда», «22-го партсъезда» → «22 партсъезда»),
 * without a street type written into the name.
 */
export function streetKey(name: string): string {
  const words = foldText(name)
    .replace(/[\u2010-\u2015\u2212-]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  const numbers: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const next = words[i + 1];
    if (/^\d+$/.test(w)) {
      numbers.push(String(Number(w)));
      // «22 го», «5 я» after the hyphen became a space.
      if (next !== undefined && /^(й|я|е|го|ого|ой|ая|ий|ый|ое|ья|ей|ую|ю|ых|м|ми)$/.test(next)) i++;
      continue;
    }
    const ordinal = ORDINAL.exec(w);
    if (ordinal) {
      numbers.push(String(Number(w.replace(/\D+$/, '').replace(/-$/, ''))));
      continue;
    }
    const roman = w.length > 1 || /[ivxlc]/.test(w) ? romanValue(w) : null;
    if (roman !== null && (/[ivxlc]/.test(w) || w.length > 1)) {
      numbers.push(String(roman));
      continue;
    }
    if (w === 'им' || w === 'имени') continue;
    rest.push(w);
  }
  const withoutType = rest.filter((w) => !STREET_TYPE_BY_ALIAS.has(w));
  return [...numbers, ...(withoutType.length > 0 ? withoutType : rest)].join(' ');
}

/** A house number folded for matching: «106 А», «106-а», «106"А"» → «106а». */
export function houseKey(house: string): string {
  return foldText(house).replace(/лит(ера|ер)?\.?/g, '').replace(/[\s"«»'.-]/g, '');
}

function typeKey(type: StreetType | null): string {
  return (type ?? 'ул.').replace(/\.$/, '');
}

/**
 * The normalised identity of the building (the flat is not part of it): settlement, street type
 * («ул.» when missing), street name, house with its letter, корпус, строение.
 */
export function addressKey(a: ParsedAddress): string {
  const settlement = a.settlement ? streetKey(a.settlement) : '';
  return [settlement, typeKey(a.streetType), streetKey(a.streetName), houseKey(a.house), houseKey(a.korpus), houseKey(a.stroenie)].join('|');
}

// ---------------------------------------------------------------------------------------------
// Search queries

/** What a search query says, read as leniently as an operator types it (possibly half-typed). */
export interface AddressQueryTerms {
  /** Folded words of the street and settlement names in order, Roman numerals and ordinals as numbers. */
  readonly words: readonly string[];
  /** Words that may be a street type being typed («улиц», «прос»): no harm if they match nothing. */
  readonly typePrefixes: readonly string[];
  /** Free-standing numbers, folded («106а», «12/1»): each may be the house or a number in a street name. */
  readonly numbers: readonly string[];
  /** The number marked as the house («д. 106»), one of numbers. */
  readonly house: string | null;
  readonly korpus: string;
  readonly stroenie: string;
  readonly streetType: StreetType | null;
  /** The query ends in a number that may still be being typed. */
  readonly endsWithNumber: boolean;
}

const MARKER_WORDS = ['дом', 'корпус', 'строение', 'литера', 'квартира', 'подъезд', 'этаж', 'офис', 'помещение'];
const TYPE_WORDS = [...STREET_TYPE_BY_ALIAS.keys()].filter((alias) => alias.length >= 3);

export function addressQueryTerms(text: string): AddressQueryTerms {
  const tokens = tokenize(text);
  const { items, parts } = classify(tokens);
  const words: string[] = [];
  const typePrefixes: string[] = [];
  const numbers: string[] = [];
  let house: string | null = null;
  let streetType: StreetType | null = null;
  let seenNumber = false;
  items.forEach((item, index) => {
    if (item.kind === 'type') {
      if (streetType === null || streetType === 'пос.') streetType = item.type;
      return;
    }
    if (item.kind === 'number') {
      const folded = houseKey(item.house);
      numbers.push(folded);
      if (index === parts.houseIndex) house = folded;
      seenNumber = true;
      return;
    }
    const fold = item.token.fold;
    // «106 кв», «106 корп»: the start of a marker after the house, typed before its number.
    if (seenNumber && MARKER_WORDS.some((m) => m.startsWith(fold))) return;
    if (fold.length >= 2 && TYPE_WORDS.some((t) => t.startsWith(fold) && t !== fold)) typePrefixes.push(fold);
    for (const word of streetKey(item.token.raw).split(' ')) if (word !== '') words.push(word);
  });
  if (parts.litera !== '') {
    const target = house ?? numbers[0];
    if (target !== undefined && /\d$/.test(target)) {
      const withLetter = target + foldText(parts.litera);
      numbers[numbers.indexOf(target)] = withLetter;
      if (house !== null) house = withLetter;
    }
  }
  const last = tokens[tokens.length - 1];
  return {
    words,
    typePrefixes,
    numbers,
    house,
    korpus: houseKey(parts.korpus),
    stroenie: houseKey(parts.stroenie),
    streetType,
    endsWithNumber: last !== undefined && /^\d+$/.test(last.fold) && !/[\s,.]$/.test(text),
  };
}
