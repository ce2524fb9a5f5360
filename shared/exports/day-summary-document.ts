// «Сводка за день» as a document: the sections of a DaySummary (the contract's «Итоги дня» object,
// taken as it is — no figure is recomputed here), for a district or the city, with the districts
// compared for the city. The core writes it as XLSX, the renderer prints it on A4. No resident's
// name or phone is in a summary at all.
import type { DaySummary } from '../contract/report-schemas.js';
import { CATEGORY_LABELS, CHANNEL_LABELS, type Category, type Channel } from '../domain/appeal-vocabulary.js';
import type { District } from '../domain/districts.js';
import { formatSamaraDateTime } from '../domain/samara-time.js';
import { NO_EXECUTOR } from '../reports/day-summary.js';
import { columnSum, ruDate, type DocumentSection, type SectionBlock, type SectionCell, type SectionColumn, type SectionedDocument } from './document-sections.js';
import { safeFileName } from './excel-values.js';

/**
 * The day's sign-off («Закрыть день»), when the caller knows it. `undefined`: not known to the
 * document (the sign-off is not wired in yet); `null`: known not to be signed.
 */
export interface DaySignOffState {
  readonly signedBy: string;
  readonly signedAt: number;
  readonly comment: string | null;
  /** The Department returned the day after it was signed: why. */
  readonly returnedReason?: string | null;
}

export interface DaySummaryDocumentInput {
  readonly summary: DaySummary;
  /** The city's summary: each district's own summary, in DISTRICTS order. */
  readonly districts?: readonly DaySummary[];
  readonly signOff?: DaySignOffState | null;
  /** The city's: each district's sign-off, in the order of `districts` (null: not signed). */
  readonly districtSignOffs?: readonly (DaySignOffState | null)[];
  /** When the document is made. */
  readonly nowMs: number;
}

export const FIGURE_HEADERS = { received: 'Поступило', closed: 'Закрыто', open: 'Не закрыто', overdue: 'Просрочено' } as const;

const FIGURE_COLUMNS: readonly SectionColumn[] = [
  { header: FIGURE_HEADERS.received, width: 12, kind: 'count' },
  { header: FIGURE_HEADERS.closed, width: 12, kind: 'count' },
  { header: FIGURE_HEADERS.open, width: 12, kind: 'count' },
  { header: FIGURE_HEADERS.overdue, width: 12, kind: 'count' },
];

export function scopeWords(district: District | null): string {
  return district ? `${district} район` : 'город Самара, все районы';
}

export function daySummaryTitle(summary: DaySummary): string {
  return `Сводка за день ${ruDate(summary.date)} — ${scopeWords(summary.district)}`;
}

/** «на конец дня 28.11.2026» or «на 29.11.2026 18:40 (Самара)» while the day lasts. */
export function asOfWords(summary: DaySummary): string {
  return summary.asOf < summary.to ? `на ${formatSamaraDateTime(summary.asOf)} (Самара)` : `на конец дня ${ruDate(summary.date)}`;
}

export function signOffWords(signOff: DaySignOffState | null | undefined): string {
  if (signOff === undefined) return 'нет сведений';
  if (signOff === null) return 'день не подписан';
  const signed = `подписан: ${signOff.signedBy}, ${formatSamaraDateTime(signOff.signedAt)}${signOff.comment ? `; комментарий: ${signOff.comment}` : ''}`;
  return signOff.returnedReason ? `${signed}; возвращён Департаментом: ${signOff.returnedReason}` : signed;
}

/** «Сводка за день — Кировский — 29.11.2026.xlsx» */
export function daySummaryFileName(summary: DaySummary, extension: 'xlsx' | 'pdf' = 'xlsx'): string {
  return safeFileName(`Сводка за день — ${summary.district ?? 'все районы'} — ${ruDate(summary.date)}.${extension}`);
}

type Figures = DaySummary['figures'];
const figureCells = (f: Figures): SectionCell[] => [f.received, f.closed, f.open, f.overdue];

function breakdownBlock(keyHeader: string, rows: DaySummary['byCategory'], label: (key: string, name: string | null) => string): SectionBlock {
  const cells = rows.map((r) => [label(r.key, r.name), ...figureCells(r)]);
  return {
    columns: [{ header: keyHeader, width: 44, kind: 'text' }, ...FIGURE_COLUMNS],
    rows: cells,
    totals: ['Итого', ...[1, 2, 3, 4].map((i) => columnSum(cells, i))],
    empty: 'Обращений нет',
  };
}

function summarySection(input: DaySummaryDocumentInput): DocumentSection {
  const { summary } = input;
  const f = summary.figures;
  return {
    sheet: 'Итоги',
    heading: `Итоги — не закрыто и просрочено ${asOfWords(summary)}`,
    blocks: [
      {
        columns: [
          { header: 'Показатель', width: 34, kind: 'text' },
          { header: 'Значение', width: 60, kind: 'text' },
        ],
        rows: [
          ['День', ruDate(summary.date)],
          ['Район', summary.district ?? 'все районы (город)'],
          [FIGURE_HEADERS.received, f.received],
          [FIGURE_HEADERS.closed, f.closed],
          [FIGURE_HEADERS.open, f.open],
          [FIGURE_HEADERS.overdue, f.overdue],
          ['Адресов на контроле', summary.addressesOnControl],
          ['Не закрыто и просрочено', asOfWords(summary)],
          ['Подписание дня', signOffWords(input.signOff)],
          ['Сводка составлена', `${formatSamaraDateTime(input.nowMs)} (Самара)`],
        ],
        totals: null,
      },
    ],
  };
}

function rankingSection(summary: DaySummary): DocumentSection {
  const byOverdue = summary.ranking.byOverdue.map((r, i) => [i + 1, r.name, r.overdue, r.open]);
  const byMedian = summary.ranking.byMedianResolve.map((r, i) => [i + 1, r.name, r.medianResolveMs, r.closedInWindow]);
  return {
    sheet: 'Рейтинг УК',
    heading: `Управляющие организации, первые 10 — ${asOfWords(summary)}`,
    blocks: [
      {
        caption: 'Больше всего просроченных обращений',
        columns: [
          { header: 'Место', width: 8, kind: 'count' },
          { header: 'Организация', width: 44, kind: 'text' },
          { header: FIGURE_HEADERS.overdue, width: 14, kind: 'count' },
          { header: FIGURE_HEADERS.open, width: 14, kind: 'count' },
        ],
        rows: byOverdue,
        totals: null,
        empty: 'Просроченных нет',
      },
      {
        caption: 'Дольше всего решают (медиана от поступления до закрытия, по закрытым за день)',
        columns: [
          { header: 'Место', width: 8, kind: 'count' },
          { header: 'Организация', width: 44, kind: 'text' },
          { header: 'Медиана решения', width: 14, kind: 'duration' },
          { header: 'Закрыто за день', width: 14, kind: 'count' },
        ],
        rows: byMedian,
        totals: null,
        empty: 'В этот день ничего не закрыто',
      },
    ],
  };
}

function trendSection(summary: DaySummary): DocumentSection {
  const rows = summary.trend.map((p) => [p.date, p.received, p.closed, p.open]);
  return {
    sheet: 'Динамика 14 дней',
    heading: `Динамика за 14 дней по ${ruDate(summary.date)}: не закрыто — на конец каждого дня${summary.asOf < summary.to ? ' (за сегодня — на момент сводки)' : ''}`,
    blocks: [
      {
        columns: [
          { header: 'День', width: 14, kind: 'day' },
          { header: FIGURE_HEADERS.received, width: 12, kind: 'count' },
          { header: FIGURE_HEADERS.closed, width: 12, kind: 'count' },
          { header: 'Не закрыто на конец дня', width: 16, kind: 'count' },
        ],
        rows,
        totals: ['Итого за 14 дней', columnSum(rows, 1), columnSum(rows, 2), null],
      },
    ],
  };
}

function districtsSection(summary: DaySummary, districts: readonly DaySummary[], signOffs: readonly (DaySignOffState | null)[] | undefined): DocumentSection {
  // «Закрыть день»: each district's own sign-off of the day, when the caller knows them (else no column).
  const rows = districts.map((d, i) => [d.district ?? '', ...figureCells(d.figures), d.addressesOnControl, ...(signOffs ? [signOffWords(signOffs[i] ?? null)] : [])]);
  return {
    sheet: 'Сравнение районов',
    heading: `Районы — не закрыто и просрочено ${asOfWords(summary)}`,
    blocks: [
      {
        columns: [
          { header: 'Район', width: 24, kind: 'text' },
          ...FIGURE_COLUMNS,
          { header: 'Адресов на контроле', width: 14, kind: 'count' },
          ...(signOffs ? [{ header: 'Подписание дня', width: 60, kind: 'text' } as const] : []),
        ],
        rows,
        totals: ['Итого', ...[1, 2, 3, 4, 5].map((i) => columnSum(rows, i)), ...(signOffs ? [null] : [])],
      },
    ],
  };
}

/** The document's sections, in the order of the screen. */
export function daySummaryDocument(input: DaySummaryDocumentInput): SectionedDocument {
  const { summary } = input;
  const as = asOfWords(summary);
  const controlRows: SectionCell[][] = summary.controlAddresses.map((a) => [a.address, a.district, a.open, a.overdue]);
  const sections: DocumentSection[] = [summarySection(input)];
  if (input.districts && input.districts.length > 0) sections.push(districtsSection(summary, input.districts, input.districtSignOffs));
  sections.push(
    {
      sheet: 'По категориям',
      heading: `По категориям — не закрыто и просрочено ${as}`,
      blocks: [breakdownBlock('Категория', summary.byCategory, (key) => CATEGORY_LABELS[key as Category] ?? key)],
    },
    {
      sheet: 'По каналам',
      heading: `По каналам поступления — не закрыто и просрочено ${as}`,
      blocks: [breakdownBlock('Канал', summary.byChannel, (key) => CHANNEL_LABELS[key as Channel] ?? key)],
    },
    {
      sheet: 'По исполнителям',
      heading: `По исполнителям (кому обращение передано сейчас) — не закрыто и просрочено ${as}`,
      blocks: [breakdownBlock('Исполнитель', summary.byExecutor, (key, name) => (key === NO_EXECUTOR ? 'Не передано' : (name ?? key)))],
    },
    rankingSection(summary),
    {
      sheet: 'Адреса на контроле',
      heading: `Адреса на контроле — ${as}`,
      blocks: [
        {
          // The buildings with an appeal open as of the day's instant, most overdue first.
          columns: [
            { header: 'Адрес', width: 48, kind: 'text' },
            { header: 'Район', width: 20, kind: 'text' },
            { header: 'Не закрыто', width: 12, kind: 'count' },
            { header: 'Просрочено', width: 12, kind: 'count' },
          ],
          rows: controlRows,
          totals: ['Итого', `домов: ${summary.addressesOnControl}`, columnSum(controlRows, 2), columnSum(controlRows, 3)],
        },
      ],
    },
    trendSection(summary),
  );
  return { title: daySummaryTitle(summary), sections, fileName: daySummaryFileName(summary) };
}
