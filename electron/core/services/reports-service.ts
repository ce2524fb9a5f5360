// «Итоги дня»: the day (today at the core's clock unless named), the scope (the workstation user's
// district, the city for the Department and the admin — as «Сроки» does), and a refusal in Russian for
// a day that is not a date or has not come. Reads only: nothing is changed.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import { ApiError } from '../../../shared/contract/errors.js';
import type { District } from '../../../shared/domain/districts.js';
import { isCityWide, type Actor } from '../../../shared/domain/roles.js';
import { refuseDay, summaryDay, summaryDayOf, type SummaryDay } from '../../../shared/reports/summary-day.js';
import type { DbClient } from '../db/db-client.js';

export class ReportsService {
  constructor(
    private readonly db: DbClient,
    private readonly actor: () => Actor,
    private readonly clock: () => number,
  ) {}

  daySummary(input: ApiParsedInput<'daySummary'>): Promise<ApiOutput<'daySummary'>> {
    const now = this.clock();
    return this.db.call('daySummary', this.district(input.district), this.day(input.day, now), now);
  }

  daySummaryAppeals(input: ApiParsedInput<'daySummaryAppeals'>): Promise<ApiOutput<'daySummaryAppeals'>> {
    const now = this.clock();
    const { day, district, ...rest } = input;
    return this.db.call('daySummaryAppeals', { ...rest, district: this.district(district), day: this.day(day, now) }, now);
  }

  /** The district a summary defaults to: the workstation user's; the Department and the admin get the city. */
  private district(requested: District | undefined): District | undefined {
    if (requested) return requested;
    const actor = this.actor();
    return isCityWide(actor.role) ? undefined : (actor.district ?? undefined);
  }

  private day(date: string | undefined, now: number): SummaryDay {
    if (date === undefined) return summaryDayOf(now);
    const refusal = refuseDay(date, now);
    const day = summaryDay(date);
    if (refusal || !day) {
      const message = refusal ?? `Неверная дата «${date}»`;
      throw new ApiError({ code: 'validation', message, issues: [{ path: 'day', message }] });
    }
    return day;
  }
}
