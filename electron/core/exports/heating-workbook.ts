// «Отопительный сезон» as an XLSX workbook: the progress by district and by management organisation
// as the screen's bars have it (heatingProgress, in the user's scope), and the buildings without heat
// with the list's filters (listWithoutHeat, read in pages). shared/exports/heating-document.ts.
import type { ApiInput, ApiOutput } from '../../../shared/contract/api.js';
import type { WithoutHeatRow } from '../../../shared/contract/heating-schemas.js';
import { heatingDocument, type HeatingListFilters } from '../../../shared/exports/heating-document.js';
import type { PreparedDocument } from './document.js';
import { writeSectionedWorkbook } from './sectioned-workbook.js';

const PAGE_ROWS = 500;

/** The heating service's answers, exactly as the screen gets them. */
export interface HeatingSource {
  progress(groupBy: 'district' | 'organisation'): Promise<ApiOutput<'heatingProgress'>>;
  withoutHeat(input: ApiInput<'listWithoutHeat'> & { offset: number; limit: number }): Promise<ApiOutput<'listWithoutHeat'>>;
}

export async function prepareHeatingWorkbook(source: HeatingSource, filters: HeatingListFilters, nowMs: number): Promise<PreparedDocument> {
  const wanted = {
    ...(filters.district ? { district: filters.district } : {}),
    ...(filters.managementOrgId ? { managementOrgId: filters.managementOrgId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  };
  // The first page checks the scope (a district user naming another district is refused) and counts.
  const first = await source.withoutHeat({ ...wanted, offset: 0, limit: PAGE_ROWS });
  const byDistrict = await source.progress('district');
  const byOrganisation = await source.progress('organisation');
  const document = (rows: readonly WithoutHeatRow[]) =>
    heatingDocument({
      byDistrict,
      byOrganisation,
      withoutHeat: rows,
      filters: wanted,
      organisationName: wanted.managementOrgId ? (byOrganisation.groups.find((g) => g.key === wanted.managementOrgId)?.label ?? first.rows[0]?.managementOrg ?? null) : null,
      nowMs,
    });
  return {
    fileName: document([]).fileName,
    total: first.total + byDistrict.groups.length + byOrganisation.groups.length,
    write: async (context) => {
      const rows = [...first.rows];
      while (rows.length < first.total && !context.signal.aborted) {
        const page = await source.withoutHeat({ ...wanted, offset: rows.length, limit: PAGE_ROWS });
        if (page.rows.length === 0) break;
        rows.push(...page.rows);
        context.onProgress({ written: rows.length });
      }
      await writeSectionedWorkbook(document(rows), context, nowMs);
    },
  };
}
