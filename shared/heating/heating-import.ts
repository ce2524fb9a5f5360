// The rules of a supplier's heating-status file: the columns «Адрес», «Статус», «Дата» (and «Причина»),
// what a good row is, and what each bad row is told in Russian. The file arrives as rows of text cells
// (CSV or XLSX alike, read by electron/core/import/read-register-file.ts); it is applied only when
// every row is good (docs/heating-season.md).
import type { District } from '../domain/districts.js';
import { columnLetter, headerKey, HEADER_SEARCH_ROWS, isBlankRow, type AddressRules } from '../domain/register-import.js';
import { readHeatingDate } from './heating-date.js';
import { HEATING_STATUS_LABELS, readHeatingReason, readHeatingStatus, shorten, type HeatingStatus } from './heating-status.js';

export const HEATING_COLUMNS = {
  address: 'Адрес',
  status: 'Статус',
  date: 'Дата',
  reason: 'Причина',
} as const;
export type HeatingColumn = keyof typeof HEATING_COLUMNS;
const REQUIRED: readonly HeatingColumn[] = ['address', 'status', 'date'];

/** Other names suppliers give the same columns (compared after `headerKey`). */
const ALIASES: Record<HeatingColumn, readonly string[]> = {
  address: ['адрес дома', 'адрес мкд', 'адрес объекта'],
  status: ['статус подключения', 'статус отопления', 'отопление', 'состояние', 'подключение'],
  date: ['дата подключения', 'дата статуса', 'дата изменения'],
  reason: ['комментарий', 'примечание', 'причина отсутствия тепла'],
};

const COLUMN_OF: ReadonlyMap<string, HeatingColumn> = new Map(
  (Object.keys(HEATING_COLUMNS) as HeatingColumn[]).flatMap((c) => [c, ...ALIASES[c]].map((name, i) => [headerKey(i === 0 ? HEATING_COLUMNS[c] : name), c] as const)),
);

export type HeatingColumns = Partial<Record<HeatingColumn, number>>;

export type HeatingHeader =
  | { readonly ok: true; readonly index: number; readonly columns: HeatingColumns }
  | { readonly ok: false; readonly message: string };

function columnsOf(cells: readonly string[]): HeatingColumns | string {
  const columns: HeatingColumns = {};
  for (let i = 0; i < cells.length; i++) {
    const column = COLUMN_OF.get(headerKey(cells[i] ?? ''));
    if (!column) continue;
    const earlier = columns[column];
    if (earlier !== undefined) {
      return `Столбец «${HEATING_COLUMNS[column]}» встречается в заголовке дважды: ${columnLetter(earlier)} и ${columnLetter(i)}`;
    }
    columns[column] = i;
  }
  return columns;
}

/** The header among the first rows: the first that names «Адрес», «Статус» and «Дата». */
export function findHeatingHeader(rows: readonly { readonly cells: readonly string[] }[]): HeatingHeader {
  for (let i = 0; i < rows.length && i < HEADER_SEARCH_ROWS; i++) {
    const cells = (rows[i] as { cells: readonly string[] }).cells;
    if (isBlankRow(cells)) continue;
    const columns = columnsOf(cells);
    if (typeof columns === 'string') return { ok: false, message: columns };
    if (REQUIRED.every((c) => columns[c] !== undefined)) return { ok: true, index: i, columns };
  }
  const names = Object.values(HEATING_COLUMNS).map((n) => `«${n}»`);
  return {
    ok: false,
    message: `В файле нет заголовка со столбцами ${names.slice(0, 3).join(', ')}: первая строка должна называть столбцы ${names.slice(0, 3).join(', ')} (и, если нужно, ${names[3]})`,
  };
}

/** One good row: the building it names and the status to give it. */
export interface HeatingRow {
  readonly row: number;
  readonly buildingId: string;
  readonly status: HeatingStatus;
  /** YYYY-MM-DD, a Samara date. */
  readonly date: string;
  readonly reason: string;
}

export interface HeatingRowError {
  readonly row: number;
  readonly message: string;
}

export interface HeatingCheckOptions {
  readonly address: Pick<AddressRules, 'parse' | 'key' | 'format'>;
  /** The local register's building at a normalised address (shared/domain/address.ts addressKey). */
  readonly findBuilding: (addressKey: string) => { readonly id: string; readonly district: District } | null;
  /** A district user imports their own district only; undefined for the Department and the admin. */
  readonly district: District | undefined;
  readonly nowMs: number;
}

/**
 * Checks rows one by one (a caller may pause between batches), remembering each building seen: the
 * same building twice with different statuses is an error; with the same status, the later row holds.
 */
export class HeatingChecker {
  private readonly seen = new Map<string, { row: number; status: HeatingStatus; index: number }>();
  private readonly good: HeatingRow[] = [];

  constructor(
    private readonly columns: HeatingColumns,
    private readonly options: HeatingCheckOptions,
  ) {}

  /** null when the row is good; otherwise every reason it is bad, in one sentence. */
  check(row: number, cells: readonly string[]): HeatingRowError | null {
    const cell = (c: HeatingColumn) => {
      const i = this.columns[c];
      return i === undefined ? '' : (cells[i] ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
    };
    const reasons: string[] = [];

    const building = this.building(cell('address'), reasons);
    const status = readHeatingStatus(cell('status'));
    if (!status.ok) reasons.push(status.error);
    const date = readHeatingDate(cell('date'), this.options.nowMs);
    if (!date.ok) reasons.push(date.error);
    const reason = status.ok ? readHeatingReason(cell('reason'), status.value, false) : null;
    if (reason && !reason.ok) reasons.push(reason.error);

    if (building && status.ok) {
      const earlier = this.seen.get(building.id);
      if (earlier && earlier.status !== status.value) {
        reasons.push(
          `дом ${building.display} уже встречается в строке ${earlier.row} со статусом «${HEATING_STATUS_LABELS[earlier.status]}», здесь — «${HEATING_STATUS_LABELS[status.value]}»`,
        );
      }
    }
    if (reasons.length > 0 || !building || !status.ok || !date.ok || !reason?.ok) {
      return { row, message: upperFirst(reasons.join('; ')) };
    }
    const value: HeatingRow = { row, buildingId: building.id, status: status.value, date: date.value, reason: reason.value };
    const earlier = this.seen.get(building.id);
    if (earlier) this.good[earlier.index] = value;
    else {
      this.seen.set(building.id, { row, status: status.value, index: this.good.length });
      this.good.push(value);
    }
    return null;
  }

  /** The good rows, one per building. */
  rows(): readonly HeatingRow[] {
    return this.good;
  }

  private building(text: string, reasons: string[]): { id: string; display: string } | null {
    if (text === '') {
      reasons.push('не указан адрес');
      return null;
    }
    const parsed = this.options.address.parse(text);
    if (!parsed.ok) {
      reasons.push(`адрес «${shorten(text)}» не разобран: ${parsed.error.charAt(0).toLowerCase()}${parsed.error.slice(1)}`);
      return null;
    }
    const display = this.options.address.format(parsed.address);
    const found = this.options.findBuilding(this.options.address.key(parsed.address));
    if (!found) {
      reasons.push(`дома «${shorten(display)}» нет в реестре адресов`);
      return null;
    }
    const scope = this.options.district;
    if (scope && found.district !== scope) {
      reasons.push(`дом «${shorten(display)}» относится к району «${found.district}», а вы работаете в районе «${scope}»`);
      return null;
    }
    return { id: found.id, display: `«${shorten(display)}»` };
  }
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
