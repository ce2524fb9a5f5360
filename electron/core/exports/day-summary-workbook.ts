// «Сводка за день» as an XLSX workbook: the summary «Итоги дня» shows for the same day and scope (the
// same service call, so every figure equals the screen's), one sheet per section, and for the city
// a sheet comparing the nine districts. What the sheets hold: shared/exports/day-summary-document.ts.
import { ApiError } from '../../../shared/contract/errors.js';
import type { DaySummary, DaySummaryInput } from '../../../shared/contract/report-schemas.js';
import { DISTRICTS, type District } from '../../../shared/domain/districts.js';
import { isCityWide, type Actor } from '../../../shared/domain/roles.js';
import { daySummaryDocument, daySummaryFileName, type DaySignOffState } from '../../../shared/exports/day-summary-document.js';
import type { PreparedDocument } from './document.js';
import { sectionRows, writeSectionedWorkbook } from './sectioned-workbook.js';

/** «Итоги дня» as the core answers it (ReportsService.daySummary): the one source of the figures. */
export type DaySummarySource = (input: DaySummaryInput) => Promise<DaySummary>;

/** The day's sign-off of a district, once «Закрыть день» can tell it; without it the document says «нет сведений». */
export type DaySignOffSource = (district: District, date: string) => Promise<DaySignOffState | null>;

export interface DaySummaryWorkbookRequest {
  readonly day?: string | undefined;
  readonly district?: District | undefined;
  readonly actor: Actor;
  readonly nowMs: number;
}

/** A district user exports their own district; another one is refused, not silently replaced. */
function refuseOtherDistrict(actor: Actor, district: District | undefined): void {
  if (!district || isCityWide(actor.role) || actor.district === district) return;
  const message = `Вы работаете в районе «${actor.district ?? '—'}»: сводку района «${district}» выгружает Департамент`;
  throw new ApiError({ code: 'validation', message, issues: [{ path: 'district', message }] });
}

export async function prepareDaySummaryWorkbook(
  daySummary: DaySummarySource,
  daySignOff: DaySignOffSource | undefined,
  request: DaySummaryWorkbookRequest,
): Promise<PreparedDocument> {
  refuseOtherDistrict(request.actor, request.district);
  // A malformed day or one to come is refused here, before the job starts, in the words of «Итоги дня».
  const summary = await daySummary({ ...(request.day ? { day: request.day } : {}), ...(request.district ? { district: request.district } : {}) });
  return {
    fileName: daySummaryFileName(summary),
    total: sectionRows(daySummaryDocument({ summary, nowMs: request.nowMs })) + (summary.district ? 0 : DISTRICTS.length),
    write: async (context) => {
      const districts = summary.district ? [] : await Promise.all(DISTRICTS.map((district) => daySummary({ day: summary.date, district })));
      const signOff = summary.district && daySignOff ? await daySignOff(summary.district, summary.date) : undefined;
      const districtSignOffs = !summary.district && daySignOff ? await Promise.all(DISTRICTS.map((district) => daySignOff(district, summary.date))) : undefined;
      const document = daySummaryDocument({
        summary,
        districts,
        nowMs: request.nowMs,
        ...(signOff === undefined ? {} : { signOff }),
        ...(districtSignOffs === undefined ? {} : { districtSignOffs }),
      });
      await writeSectionedWorkbook(document, context, request.nowMs);
    },
  };
}
