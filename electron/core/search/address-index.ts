// Search as you type over the address register: an in-memory index of streets and their houses,
// built in the DB worker from the buildings table. A query's words are matched against the
// distinct words of street names (exact, prefix, one typo, a typo in a prefix), streets are
// scored by how well they cover the query and the query covers them, and then the house number,
// its letter, корпус and строение decide between the buildings of the matching streets.
import {
  addressQueryTerms,
  houseKey,
  streetKey,
  type AddressQueryTerms,
  type StreetType,
} from '../../../shared/domain/address.js';
import type { District } from '../../../shared/domain/districts.js';

export interface AddressIndexEntry {
  readonly id: string;
  /** The display address, shown as it is. */
  readonly address: string;
  readonly district: District;
  readonly managementOrg: string | null;
  readonly streetType: StreetType | null;
  readonly streetName: string;
  readonly settlement?: string | undefined;
  readonly house: string;
  readonly korpus: string;
  readonly stroenie: string;
}

export interface AddressHit {
  readonly id: string;
  readonly address: string;
  readonly district: District;
  readonly managementOrg: string | null;
  /** Higher is better; comparable only within one answer. */
  readonly score: number;
}

interface House {
  readonly entry: AddressIndexEntry;
  /** «106», «12/1»: the number without its letter. */
  readonly base: string;
  readonly number: number;
  readonly letter: string;
  readonly korpus: string;
  readonly stroenie: string;
}

interface Street {
  /** Words of the street's own name, then those of its settlement. */
  readonly words: readonly string[];
  /** How many of `words` are the street's own name (the rest are the settlement's). */
  readonly nameWords: number;
  readonly numericWords: readonly string[];
  readonly type: StreetType;
  /** In house-number order. */
  readonly houses: House[];
  readonly byBase: Map<string, House[]>;
}

/** One street word as the dictionary knows it; word = -1 is the whole name written as one word. */
interface Posting {
  readonly street: number;
  readonly word: number;
}

// How much a query word is worth by the way it matched a street word.
const EXACT = 1;
const TYPO = 0.75;
const TYPO_PREFIX = 0.6;
const UNMATCHED = -0.6;
const COVERAGE_WEIGHT = 0.35;
const MIN_STREET_SCORE = 0.3;
const STREET_WEIGHT = 2;
const HOUSE_WEIGHT = 1.5;
const MAX_STREETS = 30;
const RUSSIAN = new Intl.Collator('ru');

function prefixQuality(query: string, word: string): number {
  return 0.7 + 0.25 * (query.length / word.length);
}

export class AddressIndex {
  private readonly streets: Street[] = [];
  private readonly dictionary = new Map<string, Posting[]>();
  private readonly dictionaryWords: string[];
  private readonly byBase = new Map<string, House[]>();
  private readonly wordCache = new Map<string, Map<string, number>>();
  readonly size: number;

  constructor(entries: readonly AddressIndexEntry[]) {
    const streetByKey = new Map<string, number>();
    for (const entry of entries) {
      const type = entry.streetType ?? 'ул.';
      const own = streetKey(entry.streetName);
      const settlement = entry.settlement ? streetKey(entry.settlement) : '';
      const key = `${settlement}|${type}|${own}`;
      let id = streetByKey.get(key);
      if (id === undefined) {
        id = this.streets.length;
        streetByKey.set(key, id);
        const nameWords = own.split(' ').filter((w) => w !== '');
        const settlementWords = settlement.split(' ').filter((w) => w !== '');
        this.streets.push({
          words: [...nameWords, ...settlementWords],
          nameWords: nameWords.length,
          numericWords: nameWords.filter((w) => /^\d+$/.test(w)),
          type,
          houses: [],
          byBase: new Map(),
        });
        this.addWords(id, nameWords, settlementWords);
      }
      const house = toHouse(entry);
      const street = this.streets[id] as Street;
      street.houses.push(house);
      push(street.byBase, house.base, house);
      push(this.byBase, house.base, house);
    }
    for (const street of this.streets) street.houses.sort(compareHouses);
    for (const list of this.byBase.values()) list.sort(compareHouses);
    this.dictionaryWords = [...this.dictionary.keys()];
    this.size = entries.length;
  }

  private addWords(street: number, nameWords: readonly string[], settlementWords: readonly string[]): void {
    [...nameWords, ...settlementWords].forEach((word, i) => push(this.dictionary, word, { street, word: i }));
    // «Новосадовая» for «Ново-Садовая»: the name written as one word.
    if (nameWords.length > 1) push(this.dictionary, nameWords.join(''), { street, word: -1 });
  }

  search(query: string, limit: number): AddressHit[] {
    const hits = this.searchText(query, limit);
    // «yjdj-cfljdfz 106» is «ново-садовая 106» typed with the English layout still on.
    if (hits.length > 0 || !LATIN_ONLY.test(query)) return hits;
    return this.searchText(fromEnglishLayout(query), limit);
  }

  private searchText(query: string, limit: number): AddressHit[] {
    const terms = addressQueryTerms(query);
    if (terms.words.length === 0 && terms.numbers.length === 0) return [];
    const scored = terms.words.length === 0 ? this.byNumberOnly(terms) : this.byStreet(terms, limit);
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        a.house.number - b.house.number ||
        RUSSIAN.compare(a.house.entry.address, b.house.entry.address),
    );
    const hits: AddressHit[] = [];
    const seen = new Set<string>();
    for (const { house, score } of scored) {
      if (seen.has(house.entry.id)) continue;
      seen.add(house.entry.id);
      const { id, address, district, managementOrg } = house.entry;
      hits.push({ id, address, district, managementOrg, score: Math.round(score * 1000) / 1000 });
      if (hits.length >= limit) break;
    }
    return hits;
  }

  /** Only numbers typed («106»): the houses with that number on any street. */
  private byNumberOnly(terms: AddressQueryTerms): { house: House; score: number }[] {
    const target = parseHouse(terms.house ?? (terms.numbers[0] as string));
    return (this.byBase.get(target.base) ?? []).map((house) => ({ house, score: HOUSE_WEIGHT * houseScore(house, target, terms) }));
  }

  private byStreet(terms: AddressQueryTerms, limit: number): { house: House; score: number }[] {
    // For each street a query word touches: the best quality of each query word on each street word.
    const perStreet = new Map<number, Float32Array>();
    const width = terms.words.length;
    terms.words.forEach((word, q) => {
      for (const [dictWord, quality] of this.matches(word)) {
        for (const posting of this.dictionary.get(dictWord) as Posting[]) {
          const street = this.streets[posting.street] as Street;
          let grid = perStreet.get(posting.street);
          if (!grid) {
            grid = new Float32Array(width * (street.words.length + 1));
            perStreet.set(posting.street, grid);
          }
          const column = posting.word === -1 ? street.words.length : posting.word;
          const cell = q * (street.words.length + 1) + column;
          if (quality > (grid[cell] as number)) grid[cell] = quality;
        }
      }
    });

    const candidates: { street: Street; score: number; consumed: readonly string[] }[] = [];
    for (const [id, grid] of perStreet) {
      const street = this.streets[id] as Street;
      const withNumbers = scoreStreet(street, grid, terms, true);
      if (!withNumbers) continue;
      if (withNumbers.score >= MIN_STREET_SCORE) candidates.push({ street, ...withNumbers });
      // «Партсъезда 22»: the number may be the street's or the house's; both readings compete.
      if (withNumbers.consumed.length > 0) {
        const without = scoreStreet(street, grid, terms, false);
        if (without && without.score >= MIN_STREET_SCORE) candidates.push({ street, ...without });
      }
    }
    candidates.sort((a, b) => b.score - a.score);
    const best = candidates[0]?.score ?? 0;
    const kept = candidates.filter((c) => c.score >= best - 0.7).slice(0, MAX_STREETS);

    const results: { house: House; score: number }[] = [];
    for (const { street, score, consumed } of kept) {
      const free = [...terms.numbers];
      for (const n of consumed) free.splice(free.indexOf(n), 1);
      const houseText = terms.house !== null && free.includes(terms.house) ? terms.house : free[0];
      const streetPart = STREET_WEIGHT * score;
      if (houseText === undefined) {
        for (const house of street.houses.slice(0, limit)) results.push({ house, score: streetPart });
        continue;
      }
      const target = parseHouse(houseText);
      const prefixTyping = terms.endsWithNumber && free[free.length - 1] === houseText;
      for (const house of housesNear(street, target, prefixTyping, limit)) {
        results.push({ house, score: streetPart + HOUSE_WEIGHT * houseScore(house, target, terms, prefixTyping) });
      }
    }
    return results;
  }

  /** The dictionary words a query word matches, with the quality of each match (cached). */
  private matches(word: string): Map<string, number> {
    const cached = this.wordCache.get(word);
    if (cached) return cached;
    const found = new Map<string, number>();
    const n = word.length;
    if (this.dictionary.has(word)) found.set(word, EXACT);
    const maxTypos = n >= 8 ? 2 : n >= 4 ? 1 : 0;
    // Numbers in names («22», «5») match only exactly.
    const words = /^\d+$/.test(word) ? [] : this.dictionaryWords;
    for (const candidate of words) {
      if (candidate === word) continue;
      let quality = 0;
      if (candidate.length > n && candidate.startsWith(word)) quality = prefixQuality(word, candidate);
      else if (maxTypos > 0) {
        if (Math.abs(candidate.length - n) <= maxTypos) {
          const d = boundedDamerau(word, candidate, maxTypos);
          if (d <= maxTypos) quality = d === 1 ? TYPO : TYPO - 0.15;
        }
        if (quality === 0 && candidate.length > n) {
          // A typo in a half-typed word: «садв» for «садов…».
          for (const len of [n - 1, n, n + 1]) {
            if (len < 3 || len >= candidate.length) continue;
            if (boundedDamerau(word, candidate.slice(0, len), 1) <= 1) {
              quality = TYPO_PREFIX;
              break;
            }
          }
        }
      }
      if (quality > 0) found.set(candidate, quality);
    }
    if (this.wordCache.size > 2000) this.wordCache.clear();
    this.wordCache.set(word, found);
    return found;
  }
}

/**
 * How well a street answers the query: the mean quality of the query's words on it (a word that
 * matches nothing costs), plus how much of the street's own name the query covers, plus a little
 * when the street type agrees. `consume` lets numbers in the query match numbers in the name.
 */
function scoreStreet(
  street: Street,
  grid: Float32Array,
  terms: AddressQueryTerms,
  consume: boolean,
): { score: number; consumed: string[] } | null {
  const columns = street.words.length + 1;
  const usedWords = new Set<number>();
  let total = 0;
  let coveredAll = false;
  // Greedy assignment, best pairs first: each street word answers one query word.
  const pairs: { q: number; w: number; quality: number }[] = [];
  for (let q = 0; q < terms.words.length; q++) {
    for (let w = 0; w < columns; w++) {
      const quality = grid[q * columns + w] as number;
      if (quality > 0) pairs.push({ q, w, quality });
    }
  }
  pairs.sort((a, b) => b.quality - a.quality);
  const usedQueries = new Set<number>();
  for (const { q, w, quality } of pairs) {
    if (usedQueries.has(q)) continue;
    const compact = w === street.words.length;
    if (compact ? coveredAll || usedWords.size > 0 : usedWords.has(w) || coveredAll) continue;
    usedQueries.add(q);
    total += quality;
    if (compact) coveredAll = true;
    else usedWords.add(w);
  }
  if (usedQueries.size === 0) return null;
  for (let q = 0; q < terms.words.length; q++) {
    if (usedQueries.has(q)) continue;
    // A word matching nothing costs, unless it is a street type being typed («улиц»).
    total += terms.typePrefixes.includes(terms.words[q] as string) ? -0.1 : UNMATCHED;
  }
  const consumed: string[] = [];
  if (consume) {
    for (const n of street.numericWords) {
      const index = street.words.indexOf(n);
      if (usedWords.has(index)) continue;
      if (terms.numbers.includes(n) && !consumed.includes(n)) {
        consumed.push(n);
        usedWords.add(index);
        total += EXACT;
      }
    }
  }
  let ownCovered = 0;
  for (const w of usedWords) if (w < street.nameWords) ownCovered++;
  const coverage = coveredAll ? 1 : ownCovered / Math.max(1, street.nameWords);
  let score = total / (terms.words.length + consumed.length) + COVERAGE_WEIGHT * coverage;
  if (terms.streetType !== null) score += terms.streetType === street.type ? 0.1 : -0.05;
  // No type written reads as «ул.», as in addressKey: it only breaks ties.
  else if (street.type === 'ул.') score += 0.01;
  return { score, consumed };
}

interface HouseTarget {
  readonly base: string;
  readonly number: number;
  readonly letter: string;
}

function parseHouse(text: string): HouseTarget {
  const m = /^(\d+)(\/\d+)?(\p{L}*)/u.exec(text);
  if (!m) return { base: text, number: Number.MAX_SAFE_INTEGER, letter: '' };
  return { base: `${m[1]}${m[2] ?? ''}`, number: Number(m[1]), letter: m[3] ?? '' };
}

function toHouse(entry: AddressIndexEntry): House {
  const target = parseHouse(houseKey(entry.house));
  return { entry, ...target, korpus: houseKey(entry.korpus), stroenie: houseKey(entry.stroenie) };
}

/**
 * The houses of a street worth scoring for a house number: those with that number, those whose
 * number starts with it while it is being typed, and the nearest numbers to fill the list.
 */
function housesNear(street: Street, target: HouseTarget, prefixTyping: boolean, limit: number): House[] {
  const chosen = new Set<House>(street.byBase.get(target.base) ?? []);
  if (prefixTyping) for (const house of street.houses) if (house.base.startsWith(target.base)) chosen.add(house);
  const houses = street.houses;
  let hi = houses.findIndex((h) => h.number >= target.number);
  if (hi === -1) hi = houses.length;
  let lo = hi - 1;
  let added = 0;
  while (added < limit && (lo >= 0 || hi < houses.length)) {
    const below = houses[lo];
    const above = houses[hi];
    const pickBelow = above === undefined || (below !== undefined && target.number - below.number <= above.number - target.number);
    const house = (pickBelow ? below : above) as House;
    if (pickBelow) lo--;
    else hi++;
    if (!chosen.has(house)) {
      chosen.add(house);
      added++;
    }
  }
  return [...chosen];
}

/** 1 for the very house; less for the same number with another letter or корпус; little for a prefix being typed. */
function houseScore(house: House, target: HouseTarget, terms: AddressQueryTerms, prefixTyping = false): number {
  let score: number;
  if (house.base === target.base) {
    if (house.letter === target.letter) score = 1;
    else if (target.letter === '') score = 0.85;
    else if (house.letter === '') score = 0.6;
    else score = 0.5;
  } else if (prefixTyping && house.base.startsWith(target.base)) {
    score = 0.3 - Math.min(0.1, (house.base.length - target.base.length) * 0.05);
  } else {
    return missScore(house, target);
  }
  if (terms.korpus !== '') score += house.korpus === terms.korpus ? 0.1 : -0.3;
  else if (house.korpus !== '') score -= 0.05;
  if (terms.stroenie !== '') score += house.stroenie === terms.stroenie ? 0.1 : -0.3;
  else if (house.stroenie !== '') score -= 0.05;
  return score;
}

/** A house the query did not ask for: the nearer its number, the less it loses. */
function missScore(house: House, target: HouseTarget): number {
  return -0.4 - 0.2 * Math.min(1, Math.abs(house.number - target.number) / 100);
}

function compareHouses(a: House, b: House): number {
  return a.number - b.number || a.base.localeCompare(b.base) || a.letter.localeCompare(b.letter) || a.korpus.localeCompare(b.korpus);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const LATIN_ONLY = /^[^\p{Script=Cyrillic}]*[a-z][^\p{Script=Cyrillic}]*$/iu;
const ENGLISH_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~?/";
const RUSSIAN_KEYS = 'йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ,.';
const LAYOUT = new Map([...ENGLISH_KEYS].map((key, i) => [key, RUSSIAN_KEYS[i] as string]));

/** The text as it would have come out with the Russian layout on (the same keys pressed). */
export function fromEnglishLayout(text: string): string {
  return [...text].map((ch) => LAYOUT.get(ch) ?? ch).join('');
}

// Rows of the distance table, reused: the index is searched from one thread, one query at a time.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal string alignment distance, giving up (returning max + 1) once it exceeds max. */
export function boundedDamerau(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (m + 1 > rowA.length) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
    rowC = new Int32Array(m + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let current = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min((prev[j] as number) + 1, (current[j - 1] as number) + 1, (prev[j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, (prev2[j - 2] as number) + 1);
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const oldest = prev2;
    prev2 = prev;
    prev = current;
    current = oldest;
  }
  return prev[m] as number;
}
