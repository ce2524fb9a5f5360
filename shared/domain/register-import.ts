// The rules of a register file (issue 3, item 4), apart from bytes and the database: which columns
// it has, what a valid row is, and what each bad row is told in Russian. The file arrives here as
// rows of text cells (CSV or XLSX alike); every row is checked, and the file is imported only when
// all are good.
import { DISTRICTS, type District } from './districts.js';

/** The columns a register file may have, as a header names them. Only «Район» and «Адрес» are required. */
export const REGISTER_COLUMNS = {
  district: 'Район',
  address: 'Адрес',
  managementOrg: 'Управляющая организация',
  managementInn: 'ИНН управляющей организации',
  heatSupplier: 'Теплоснабжающая организация',
  heatSource: 'Источник теплоснабжения',
  yearBuilt: 'Год постройки',
  floors: 'Этажность',
  flats: 'Количество квартир',
  fias: 'ФИАС',
} as const;
export type RegisterColumn = keyof typeof REGISTER_COLUMNS;
export const REQUIRED_COLUMNS: readonly RegisterColumn[] = ['district', 'address'];

/** Other names the same columns go by in exports (compared after `headerKey`). */
const COLUMN_ALIASES: Partial<Record<RegisterColumn, readonly string[]>> = {
  address: ['адрес дома', 'адрес мкд'],
  managementInn: ['инн уо', 'инн управляющей компании'],
  heatSupplier: ['ресурсоснабжающая организация', 'рсо', 'тсо'],
  floors: ['количество этажей', 'этажей'],
  flats: ['квартир', 'количество жилых помещений'],
  fias: ['код фиас', 'guid фиас', 'фиас guid', 'идентификатор фиас', 'глобальный уникальный идентификатор дома по фиас'],
};

/** A parsed address, as shared/domain/address.ts gives it (streetType null: none named). */
export interface RegisterAddress {
  readonly streetType: string | null;
  readonly streetName: string;
  readonly house: string;
  readonly korpus: string;
  readonly stroenie: string;
  readonly flat: string;
}

/** The address rules the import relies on (shared/domain/address.ts), passed in. */
export interface AddressRules {
  parse(text: string): { ok: true; address: RegisterAddress } | { ok: false; error: string };
  format(address: RegisterAddress): string;
  key(address: RegisterAddress): string;
}

/** One good row of the file, ready to be matched against the register. */
export interface RegisterRow {
  /** The row's number in the file as a spreadsheet shows it. */
  readonly row: number;
  readonly district: District;
  /** The display address (formatAddress). */
  readonly address: string;
  readonly streetType: string;
  readonly streetName: string;
  readonly house: string;
  readonly korpus: string;
  readonly stroenie: string;
  readonly addressKey: string;
  /** Lower case; null when the cell is empty. */
  readonly fiasGuid: string | null;
  readonly managementOrg: { readonly name: string; readonly inn: string | null } | null;
  readonly heatSupplier: string | null;
  readonly heatSource: string | null;
  readonly yearBuilt: number | null;
  readonly floors: number | null;
  readonly flats: number | null;
}

export interface RowError {
  readonly row: number;
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// The header

/** A header cell folded for comparison: no BOM or quotes, lower case, ё as е, single spaces. */
export function headerKey(text: string): string {
  return text
    .replace(/\uFEFF/g, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/["'«»„“”]/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[\s:*.]+$/, '')
    .trim();
}

const COLUMN_BY_KEY: ReadonlyMap<string, RegisterColumn> = new Map(
  (Object.keys(REGISTER_COLUMNS) as RegisterColumn[]).flatMap((column) => [
    [headerKey(REGISTER_COLUMNS[column]), column] as const,
    ...(COLUMN_ALIASES[column] ?? []).map((alias) => [headerKey(alias), column] as const),
  ]),
);

export type ColumnMap = Partial<Record<RegisterColumn, number>>;

export type HeaderMatch =
  | { readonly ok: true; readonly columns: ColumnMap }
  | { readonly ok: false; readonly message: string };

/** The spreadsheet's name of column i (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Which cell holds which column; unknown columns are ignored, a column named twice is refused. */
export function matchHeader(cells: readonly string[]): HeaderMatch {
  const columns: ColumnMap = {};
  for (let i = 0; i < cells.length; i++) {
    const column = COLUMN_BY_KEY.get(headerKey(cells[i] ?? ''));
    if (!column) continue;
    const earlier = columns[column];
    if (earlier !== undefined) {
      return {
        ok: false,
        message: `Столбец «${REGISTER_COLUMNS[column]}» встречается в заголовке дважды: ${columnLetter(earlier)} и ${columnLetter(i)}`,
      };
    }
    columns[column] = i;
  }
  const missing = REQUIRED_COLUMNS.filter((c) => columns[c] === undefined);
  if (missing.length > 0) {
    const names = missing.map((c) => `«${REGISTER_COLUMNS[c]}»`).join(' и ');
    return {
      ok: false,
      message: `В заголовке нет ${missing.length > 1 ? 'обязательных столбцов' : 'обязательного столбца'} ${names}. Первая строка файла должна называть столбцы: ${Object.values(REGISTER_COLUMNS).map((n) => `«${n}»`).join(', ')}`,
    };
  }
  return { ok: true, columns };
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** How many leading rows may precede the header (a title, a date line). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header among the first rows: the first row that names both required columns; failing that,
 * the first non-blank row explains what is missing.
 */
export function findHeader(rows: readonly { readonly row: number; readonly cells: readonly string[] }[]):
  | { readonly ok: true; readonly index: number; readonly columns: ColumnMap }
  | { readonly ok: false; readonly message: string } {
  let first: HeaderMatch | null = null;
  for (let i = 0; i < rows.length && i < HEADER_SEARCH_ROWS; i++) {
    const cells = (rows[i] as { cells: readonly string[] }).cells;
    if (isBlankRow(cells)) continue;
    const match = matchHeader(cells);
    if (match.ok) return { ok: true, index: i, columns: match.columns };
    first ??= match;
    // A duplicated column is an error of this very header: say so rather than look further.
    if (/дважды/.test(match.message)) return match;
  }
  return first ?? { ok: false, message: 'Файл пуст: в нём нет ни заголовка, ни строк' };
}

/** The rows under the header that are not blank, with the header's columns; or why the file has none. */
export function registerDataRows<R extends { readonly row: number; readonly cells: readonly string[] }>(rows: readonly R[]):
  | { readonly ok: true; readonly columns: ColumnMap; readonly rows: R[] }
  | { readonly ok: false; readonly fileError: string } {
  const header = findHeader(rows);
  if (!header.ok) return { ok: false, fileError: header.message };
  const data = rows.slice(header.index + 1).filter((r) => !isBlankRow(r.cells));
  if (data.length === 0) return { ok: false, fileError: 'В файле нет ни одной строки с домом: только заголовок' };
  return { ok: true, columns: header.columns, rows: data };
}

// ---------------------------------------------------------------------------------------------
// Cells

const DISTRICT_STEMS: readonly (readonly [string, District])[] = DISTRICTS.map((d) => [
  d.toLowerCase().replace(/(ий|ый)$/, ''),
  d,
]);
const DISTRICT_NOISE = new Set(['район', 'р-н', 'р-он', 'рн', 'р', 'внутригородской', 'внутригородского', 'г', 'го', 'о', 'город', 'городского', 'округа', 'округ', 'самара']);

/** «Октябрьский», «Октябрьский район», «р-н Октябрьский», «ОКТЯБРЬСКИЙ Р-Н» → «Октябрьский»; else null. */
export function matchDistrict(text: string): District | null {
  const words = text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s\u00a0.,;()«»"]+/)
    .filter((w) => w !== '' && !DISTRICT_NOISE.has(w));
  if (words.length !== 1) return null;
  const word = words[0] as string;
  for (const [stem, district] of DISTRICT_STEMS) {
    // The name in any case form: Октябрьский, Октябрьского, Октябрьском.
    if (word.startsWith(stem) && word.length - stem.length <= 3 && /^[а-я]*$/.test(word.slice(stem.length))) return district;
  }
  return null;
}

/** An integer cell: spaces (thousands) and a zero fraction allowed; null when empty; NaN when not an integer. */
export function parseInteger(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return null;
  const m = /^(\d+)(?:[.,]0+)?$/.exec(t);
  return m ? Number(m[1]) : Number.NaN;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A ФИАС GUID in lower case, braces and spaces dropped; null when empty; undefined when not a GUID. */
export function parseFiasGuid(text: string): string | null | undefined {
  const t = text.trim().replace(/^\{(.*)\}$/, '$1').trim().toLowerCase();
  if (t === '') return null;
  return GUID.test(t) ? t : undefined;
}

/** An organisation's name folded for matching: case, ё, quotes and spacing do not matter. */
export function organisationKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/общество с ограниченной ответственностью/g, 'ооо')
    .replace(/["'«»„“”]/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** The kind of a management organisation from its name: ТСЖ, ЖСК, ТСН, otherwise a management company. */
export function managementOrgKind(name: string): 'uk' | 'tszh' | 'zhsk' | 'tsn' {
  const n = organisationKey(name);
  if (/^тсж(?![а-я])/.test(n) || n.includes('товарищество собственников жилья')) return 'tszh';
  if (/^жск(?![а-я])/.test(n) || n.includes('жилищно-строительный кооператив')) return 'zhsk';
  if (/^тсн(?![а-я])/.test(n) || n.includes('товарищество собственников недвижимости')) return 'tsn';
  return 'uk';
}

/** The kind of a heat source from its name: Котельная, ЦТП, ТЭЦ, otherwise other. */
export function heatSourceKind(name: string): 'boiler_house' | 'substation' | 'chp' | 'other' {
  const n = name.toLowerCase().replace(/ё/g, 'е');
  if (n.includes('котельн')) return 'boiler_house';
  if (/(^|[^а-я])цтп(?![а-я])/.test(n) || n.includes('центральный тепловой пункт')) return 'substation';
  if (/(^|[^а-я])тэц(?![а-я])/.test(n) || n.includes('теплоэлектроцентрал')) return 'chp';
  return 'other';
}

/** Text of a cell for display in a message, shortened. */
function quoted(text: string): string {
  const t = text.trim();
  return `«${t.length > 60 ? `${t.slice(0, 57)}…` : t}»`;
}

function clean(text: string | undefined): string {
  return (text ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface CheckOptions {
  readonly address: AddressRules;
  /** The current year (Samara time): the latest year of construction allowed is the next one. */
  readonly year: number;
}

export const YEAR_MIN = 1700;
export const FLOORS_MAX = 100;
export const FLATS_MAX = 5000;

/**
 * Checks rows one by one (so a caller can pause between batches) and remembers what it has seen,
 * to find a building repeated within the file.
 */
export class RegisterChecker {
  /** The rows `collect` found good, in file order… */
  readonly good: RegisterRow[] = [];
  /** …and the reasons of those it found bad. */
  readonly errors: RowError[] = [];
  private readonly byFias = new Map<string, number>();
  private readonly byAddressKey = new Map<string, number>();

  constructor(
    private readonly columns: ColumnMap,
    private readonly options: CheckOptions,
  ) {}

  /** A good row, or every reason this row is bad, in one Russian sentence. */
  check(row: number, cells: readonly string[]): { ok: true; value: RegisterRow } | { ok: false; error: RowError } {
    const reasons: string[] = [];
    const cell = (column: RegisterColumn): string => {
      const index = this.columns[column];
      return index === undefined ? '' : clean(cells[index]);
    };

    const districtText = cell('district');
    const district = districtText === '' ? null : matchDistrict(districtText);
    if (districtText === '') reasons.push('не указан район');
    else if (!district) reasons.push(`район ${quoted(districtText)} не найден: в Самаре районы ${DISTRICTS.join(', ')}`);

    const addressText = cell('address');
    let address: { display: string; key: string; parts: RegisterAddress } | null = null;
    if (addressText === '') reasons.push('не указан адрес');
    else {
      const parsed = this.options.address.parse(addressText);
      if (!parsed.ok) reasons.push(`адрес ${quoted(addressText)} не разобран: ${lowerFirst(parsed.error)}`);
      else if (parsed.address.flat !== '') {
        reasons.push(`адрес ${quoted(addressText)} указывает квартиру (${parsed.address.flat}): в реестр вносятся дома`);
      } else if (parsed.address.house === '') {
        reasons.push(`в адресе ${quoted(addressText)} нет номера дома`);
      } else {
        address = { display: this.options.address.format(parsed.address), key: this.options.address.key(parsed.address), parts: parsed.address };
      }
    }

    const fiasText = cell('fias');
    const fias = parseFiasGuid(fiasText);
    if (fias === undefined) reasons.push(`ФИАС ${quoted(fiasText)} — не GUID (нужно 32 шестнадцатеричные цифры вида 0c5b2444-70a0-4932-980c-b4dc0d3f02b5)`);

    const yearBuilt = this.integer(cell('yearBuilt'), 'год постройки должен', YEAR_MIN, this.options.year + 1, reasons);
    const floors = this.integer(cell('floors'), 'этажность должна', 1, FLOORS_MAX, reasons);
    const flats = this.integer(cell('flats'), 'количество квартир должно', 1, FLATS_MAX, reasons);

    const orgName = cell('managementOrg');
    const innText = cell('managementInn').replace(/\s/g, '');
    if (innText !== '' && !/^(\d{10}|\d{12})$/.test(innText)) reasons.push(`ИНН управляющей организации ${quoted(innText)} — нужно 10 или 12 цифр`);
    else if (innText !== '' && orgName === '') reasons.push('ИНН управляющей организации указан, а её название — нет');

    // A building repeated within the file: by ФИАС, or by the normalised address.
    if (fias) {
      const seen = this.byFias.get(fias);
      if (seen !== undefined) reasons.push(`ФИАС ${fias} уже встречается в строке ${seen}: дом повторяется`);
      else this.byFias.set(fias, row);
    }
    if (address) {
      const seen = this.byAddressKey.get(address.key);
      if (seen !== undefined) reasons.push(`адрес ${quoted(address.display)} уже встречается в строке ${seen}: дом повторяется`);
      else this.byAddressKey.set(address.key, row);
    }

    if (reasons.length > 0 || !district || !address || fias === undefined) {
      return { ok: false, error: { row, message: upperFirst(reasons.join('; ')) } };
    }
    const heatSupplier = cell('heatSupplier');
    const heatSource = cell('heatSource');
    return {
      ok: true,
      value: {
        row,
        district,
        address: address.display,
        streetType: address.parts.streetType ?? '',
        streetName: address.parts.streetName,
        house: address.parts.house,
        korpus: address.parts.korpus,
        stroenie: address.parts.stroenie,
        addressKey: address.key,
        fiasGuid: fias,
        managementOrg: orgName === '' ? null : { name: orgName, inn: innText === '' ? null : innText },
        heatSupplier: heatSupplier === '' ? null : heatSupplier,
        heatSource: heatSource === '' ? null : heatSource,
        yearBuilt,
        floors,
        flats,
      },
    };
  }

  /** Checks a row and keeps it among `good`, or its reasons among `errors`. */
  collect(row: number, cells: readonly string[]): void {
    const checked = this.check(row, cells);
    if (checked.ok) this.good.push(checked.value);
    else this.errors.push(checked.error);
  }

  /** `subject` is the start of the sentence with its verb agreeing: «этажность должна». */
  private integer(text: string, subject: string, min: number, max: number, reasons: string[]): number | null {
    const value = parseInteger(text);
    if (value === null) return null;
    if (Number.isNaN(value) || value < min || value > max) {
      reasons.push(`${subject} быть целым числом от ${min} до ${max}, указано ${quoted(text)}`);
      return null;
    }
    return value;
  }
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  // Keep abbreviations (ФИАС, «…») as they are; lower only an ordinary capitalised word.
  return /^[А-ЯЁA-Z][а-яёa-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** «Строка 7: Район «Ленинградский» не найден…», as the CLI prints and the screen lists. */
export function formatRowError(error: RowError): string {
  return `Строка ${error.row}: ${error.message}`;
}
