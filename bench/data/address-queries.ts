// Address queries the way operators type them, made from the register itself with a fixed seed:
// each names one building and says which one. The street type is abbreviated, written in full or
// left out; the case is whatever the keyboard gave; ё becomes е; the street name may carry a typo
// or be cut short; the house letter comes with or without a space, quotes or a hyphen; корпус and
// строение in their usual spellings; often a flat at the end; sometimes the house first.
import { parseAddress, type ParsedAddress, type StreetType } from '../../shared/domain/address.js';
import { Random } from '../../electron/core/demo/random.js';

/** What was done to the address, for per-kind results. */
export type QueryKind = 'typo' | 'prefix' | 'no_type' | 'yo' | 'flat' | 'letter_space' | 'case' | 'house_first';

export interface AddressQuery {
  readonly text: string;
  readonly expectedId: string;
  readonly kinds: readonly QueryKind[];
}

export interface QueryBuilding {
  readonly id: string;
  readonly address: string;
}

const TYPE_SPELLINGS: Readonly<Record<StreetType, readonly string[]>> = {
  'ул.': ['ул', 'ул.', 'улица'],
  'пр-кт': ['пр-т', 'пр-кт', 'пр.', 'проспект', 'пр'],
  'ш.': ['ш.', 'ш', 'шоссе'],
  'пер.': ['пер', 'пер.', 'переулок'],
  'б-р': ['б-р', 'бульвар'],
  'пл.': ['пл', 'пл.', 'площадь'],
  'пр-д': ['пр-д', 'проезд'],
  тракт: ['тракт'],
  'кв-л': ['кв-л', 'квартал'],
  'пос.': ['пос', 'п.', 'посёлок'],
  'наб.': ['наб', 'набережная'],
  'туп.': ['туп', 'тупик'],
  аллея: ['аллея'],
  'мкр.': ['мкр', 'микрорайон'],
  спуск: ['спуск'],
};

/** Neighbouring keys on the Russian ЙЦУКЕН layout: the typos fingers make. */
const KEY_ROWS = ['йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю'];
function neighbours(ch: string): string[] {
  for (const row of KEY_ROWS) {
    const i = row.indexOf(ch);
    if (i >= 0) return [row[i - 1], row[i + 1]].filter((c): c is string => c !== undefined);
  }
  return [];
}

/** One typo in the longest word of the name: a neighbouring key, a letter missed, doubled or swapped. */
function typo(name: string, random: Random): string | null {
  const words = name.split(/([\s-])/);
  let best = -1;
  words.forEach((w, i) => {
    if (/^\p{L}{5,}$/u.test(w) && (best === -1 || w.length > (words[best] as string).length)) best = i;
  });
  if (best === -1) return null;
  const word = words[best] as string;
  // Not the first letter: operators see the start of what they type.
  const at = random.int(1, word.length - 1);
  const ch = word[at] as string;
  const lower = ch.toLowerCase();
  let out: string;
  switch (random.int(0, 3)) {
    case 0: {
      const near = neighbours(lower);
      if (near.length === 0) return null;
      const sub = random.pick(near);
      out = word.slice(0, at) + (ch === lower ? sub : sub.toUpperCase()) + word.slice(at + 1);
      break;
    }
    case 1:
      out = word.slice(0, at) + word.slice(at + 1);
      break;
    case 2:
      out = word.slice(0, at) + ch + word.slice(at);
      break;
    default:
      if (at >= word.length - 1) return null;
      out = word.slice(0, at) + (word[at + 1] as string) + ch + word.slice(at + 2);
  }
  if (out.toLowerCase() === word.toLowerCase()) return null;
  words[best] = out;
  return words.join('');
}

/** The name cut short while typing: «Ново-Садовая» → «Ново-Сад», «Мориса Тореза» → «Мориса Тор». */
function cutShort(name: string, random: Random): string | null {
  const m = /^(.*?)(\p{L}{6,})$/u.exec(name);
  if (!m) return null;
  const last = m[2] as string;
  return `${m[1]}${last.slice(0, Math.max(4, Math.ceil(last.length * (0.45 + 0.25 * random.next()))))}`;
}

function houseText(a: ParsedAddress, random: Random, kinds: QueryKind[]): string {
  const m = /^(\d+(?:\/\d+)?)(\p{L}?)$/u.exec(a.house);
  const number = m?.[1] ?? a.house;
  let letter = m?.[2] ?? '';
  if (letter !== '') {
    const style = random.int(0, 5);
    if (style <= 1) letter = letter.toLowerCase();
    else if (style === 2) {
      letter = ` ${letter.toLowerCase()}`;
      kinds.push('letter_space');
    } else if (style === 3) {
      letter = ` ${letter}`;
      kinds.push('letter_space');
    } else if (style === 4) letter = `"${letter}"`;
    else letter = `-${letter.toLowerCase()}`;
  }
  const marker = random.chance(0.2) ? random.pick(['д.', 'д. ', 'д ', 'дом ']) : '';
  let text = `${marker}${number}${letter}`;
  if (a.korpus) text += `${random.pick([' к', ' к.', ' к ', ' корп ', ' корп.', ', корп. ', ' корпус '])}${a.korpus}`;
  if (a.stroenie) text += `${random.pick([' стр', ' стр.', ' с', ', стр. ', ' строение '])}${a.stroenie}`;
  return text;
}

export function makeQuery(building: QueryBuilding, random: Random): AddressQuery | null {
  const parsed = parseAddress(building.address);
  if (!parsed.ok) return null;
  const a = parsed.address;
  const kinds: QueryKind[] = [];

  let name = a.streetName;
  const roll = random.next();
  if (roll < 0.3) {
    const t = typo(name, random);
    if (t !== null) {
      name = t;
      kinds.push('typo');
    }
  } else if (roll < 0.5) {
    const cut = cutShort(name, random);
    if (cut !== null) {
      name = cut;
      kinds.push('prefix');
    }
  }
  if (/[ёЁ]/.test(name) && random.chance(0.75)) {
    name = name.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
    kinds.push('yo');
  }
  if (/\p{L}-\p{L}/u.test(name) && random.chance(0.25)) name = name.replace(/(\p{L})-(\p{L})/gu, '$1 $2');

  const type = a.streetType ?? 'ул.';
  const omitType = random.chance(0.45) && /\p{L}/u.test(name);
  let street: string;
  if (omitType) {
    street = name;
    kinds.push('no_type');
  } else {
    const spelled = random.pick(TYPE_SPELLINGS[type]);
    street = random.chance(0.15) && !/\d/.test(name) ? `${name} ${spelled}` : `${spelled} ${name}`;
  }
  if (a.settlement && random.chance(0.5)) {
    const settlementName = a.settlement.replace(/^пос\.\s*/, '');
    street = `${random.pick(['пос ', 'п. ', 'пос. ', ''])}${settlementName}${random.pick([', ', ' '])}${street}`;
  }

  const house = houseText(a, random, kinds);
  let text: string;
  if (random.chance(0.05)) {
    text = `${house} ${street}`;
    kinds.push('house_first');
  } else {
    text = `${street}${random.pick([' ', ' ', ', ', ' д '])}${house}`.replace(/ д д/, ' д');
  }
  if (random.chance(0.35)) {
    text += `${random.pick([' кв ', ' кв.', ' кв', ', кв. ', ', ', ' квартира '])}${random.int(1, 180)}`;
    kinds.push('flat');
  }

  const casing = random.next();
  if (casing < 0.6) text = text.toLowerCase();
  else if (casing < 0.7) text = text.toUpperCase();
  if (casing < 0.7) kinds.push('case');
  return { text: text.replace(/\s+/g, ' ').trim(), expectedId: building.id, kinds };
}

/** `count` queries for distinct buildings picked at random from the register. */
export function makeQueries(buildings: readonly QueryBuilding[], count: number, seed: number): AddressQuery[] {
  const random = new Random(seed);
  const queries: AddressQuery[] = [];
  const used = new Set<string>();
  for (let attempts = 0; queries.length < count && attempts < count * 20; attempts++) {
    const building = random.pick(buildings);
    if (used.has(building.id)) continue;
    const query = makeQuery(building, random);
    if (query === null) continue;
    used.add(building.id);
    queries.push(query);
  }
  return queries;
}
