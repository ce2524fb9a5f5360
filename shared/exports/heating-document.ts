// «Отопительный сезон» as a document: «теплом обеспечено N из M» by district and by management
// organisation (the contract's heatingProgress as it is), and the buildings still without heat with
// the list's filters in words. The core writes it as XLSX.
import type { HeatingGroup, HeatingProgress, WithoutHeatRow } from '../contract/heating-schemas.js';
import type { District } from '../domain/districts.js';
import { formatSamaraDateTime } from '../domain/samara-time.js';
import { HEATING_STATUS_LABELS, type HeatingStatus } from '../heating/heating-status.js';
import { columnSum, type DocumentSection, type SectionColumn, type SectionedDocument } from './document-sections.js';
import { safeFileName } from './excel-values.js';

export interface HeatingListFilters {
  readonly district?: District | undefined;
  readonly managementOrgId?: string | undefined;
  readonly status?: Exclude<HeatingStatus, 'connected'> | undefined;
}

export interface HeatingDocumentInput {
  readonly byDistrict: HeatingProgress;
  readonly byOrganisation: HeatingProgress;
  readonly withoutHeat: readonly WithoutHeatRow[];
  readonly filters: HeatingListFilters;
  /** The organisation the list is filtered by, by name. */
  readonly organisationName: string | null;
  readonly nowMs: number;
}

const TALLY_COLUMNS: readonly SectionColumn[] = [
  { header: 'Домов', width: 10, kind: 'count' },
  { header: 'Теплом обеспечено', width: 14, kind: 'count' },
  { header: 'Обеспечено, %', width: 12, kind: 'count' },
  { header: 'Частично', width: 11, kind: 'count' },
  { header: 'Проблема', width: 11, kind: 'count' },
  { header: 'Не подключён', width: 13, kind: 'count' },
  { header: 'из них без данных', width: 13, kind: 'count' },
];

/** Per cent provided, one decimal: what the bars show as a share. */
export function providedPercent(tally: Pick<HeatingGroup, 'connected' | 'total'>): number {
  return tally.total === 0 ? 0 : Math.round((tally.connected / tally.total) * 1000) / 10;
}

function tallyCells(g: Omit<HeatingGroup, 'key' | 'label'>): (number | null)[] {
  return [g.total, g.connected, providedPercent(g), g.partial, g.problem, g.notConnected, g.noStatus];
}

function progressSection(sheet: string, keyHeader: string, progress: HeatingProgress, scope: string): DocumentSection {
  const rows = progress.groups.map((g) => [g.label, ...tallyCells(g)]);
  return {
    sheet,
    heading: `Теплом обеспечено ${progress.all.connected} из ${progress.all.total} домов — ${scope}`,
    blocks: [
      {
        columns: [{ header: keyHeader, width: 40, kind: 'text' }, ...TALLY_COLUMNS],
        rows,
        totals: ['Итого', ...tallyCells(progress.all)],
        empty: 'Домов нет',
      },
    ],
  };
}

export function heatingFilterWords(filters: HeatingListFilters, organisationName: string | null, scope: District | null): string {
  return [
    `Район: ${scope ?? filters.district ?? 'все'}`,
    `Управляющая организация: ${filters.managementOrgId ? (organisationName ?? filters.managementOrgId) : 'все'}`,
    `Статус: ${filters.status ? HEATING_STATUS_LABELS[filters.status] : 'все без тепла (не подключён, частично, проблема, нет данных)'}`,
  ].join('; ');
}

export function heatingDocument(input: HeatingDocumentInput): SectionedDocument {
  const scopeDistrict = input.byDistrict.district;
  const scope = scopeDistrict ? `${scopeDistrict} район` : 'город Самара, все районы';
  const at = formatSamaraDateTime(input.nowMs);
  const list = input.withoutHeat.map((r) => [
    r.address,
    r.district,
    r.managementOrg,
    r.noStatus ? 'нет данных' : HEATING_STATUS_LABELS[r.status],
    r.statusDate,
    r.reason || null,
    r.openAppeals,
  ]);
  return {
    title: `Отопительный сезон — ${scope}, на ${at} (Самара)`,
    fileName: safeFileName(`Отопительный сезон — ${scopeDistrict ?? 'все районы'} — ${at.replace(':', '-')}.xlsx`),
    sections: [
      progressSection('По районам', 'Район', input.byDistrict, scope),
      progressSection('По организациям', 'Управляющая организация', input.byOrganisation, scope),
      {
        sheet: 'Дома без тепла',
        heading: heatingFilterWords(input.filters, input.organisationName, scopeDistrict),
        blocks: [
          {
            columns: [
              { header: 'Адрес', width: 44, kind: 'text' },
              { header: 'Район', width: 18, kind: 'text' },
              { header: 'Управляющая организация', width: 34, kind: 'text' },
              { header: 'Статус', width: 14, kind: 'text' },
              { header: 'Дата', width: 12, kind: 'day' },
              { header: 'Причина', width: 44, kind: 'text' },
              { header: 'Открытых обращений', width: 12, kind: 'count' },
            ],
            rows: list,
            totals: [`Итого домов: ${list.length}`, null, null, null, null, null, columnSum(list, 6)],
            empty: 'Домов без тепла нет',
          },
        ],
      },
    ],
  };
}
