// «Закрыть день» as the UI uses it: adds who (the acting user), when (the injectable clock) and
// the district (the workstation user's; the Department names one, as «Сроки» and «Итоги дня» go),
// calls the DB worker and announces the change. docs/day-closure.md.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import { ApiError } from '../../../shared/contract/errors.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import { isCityWide, type Actor } from '../../../shared/domain/roles.js';
import { refuseDay, summaryDay, summaryDayOf, type SummaryDay } from '../../../shared/reports/summary-day.js';
import type { DbClient } from '../db/db-client.js';

function validation(path: string, message: string): ApiError {
  return new ApiError({ code: 'validation', message, issues: [{ path, message }] });
}

export class DayClosureService {
  constructor(
    private readonly db: DbClient,
    private readonly actor: () => Actor,
    private readonly clock: () => number,
    private readonly announce: (event: ChangeEvent) => void,
  ) {}

  async carryOver(input: ApiParsedInput<'carryOver'>): Promise<ApiOutput<'carryOver'>> {
    const result = await this.db.call('carryOver', { ...input, actor: this.actor(), nowMs: this.clock() });
    this.announce({ entity: 'appeal', ids: [...new Set(input.appealIds)] });
    return result;
  }

  dayClosure(input: ApiParsedInput<'dayClosure'>): Promise<ApiOutput<'dayClosure'>> {
    const now = this.clock();
    const actor = this.actor();
    return this.db.call('dayClosure', this.district(actor, input.district), this.day(input.day, now), actor, now);
  }

  async signDay(input: ApiParsedInput<'signDay'>): Promise<ApiOutput<'signDay'>> {
    const actor = this.actor();
    if (actor.district === null) throw validation('day', 'День закрывает заместитель главы района');
    const view = await this.db.call('signDay', { district: actor.district, day: input.day, comment: input.comment, actor, nowMs: this.clock() });
    this.announce({ entity: 'appeal', ids: [] });
    return view;
  }

  async returnDay(input: ApiParsedInput<'returnDay'>): Promise<ApiOutput<'returnDay'>> {
    const view = await this.db.call('returnDay', { ...input, actor: this.actor(), nowMs: this.clock() });
    this.announce({ entity: 'appeal', ids: [] });
    return view;
  }

  dayClosures(input: ApiParsedInput<'dayClosures'>): Promise<ApiOutput<'dayClosures'>> {
    const now = this.clock();
    return this.db.call('dayClosures', this.day(input.day, now), this.actor());
  }

  /** The deputy head's and the controller's own district; the Department names one. */
  private district(actor: Actor, requested: District | undefined): District {
    if (isCityWide(actor.role)) {
      if (!requested) throw validation('district', 'Укажите район');
      return requested;
    }
    if (actor.role === 'operator') throw validation('district', '«Закрыть день» — для заместителя главы района, контролёра района и Департамента');
    if (!actor.district) throw validation('district', 'У пользователя рабочего места не указан район');
    if (requested && requested !== actor.district) throw validation('district', `День другого района (${requested})`);
    return actor.district;
  }

  private day(date: string | undefined, now: number): SummaryDay {
    if (date === undefined) return summaryDayOf(now);
    const refusal = refuseDay(date, now);
    const day = summaryDay(date);
    if (refusal || !day) throw validation('day', refusal ?? `Неверная дата «${date}»`);
    return day;
  }
}
