// «Отопительный сезон» as the UI uses it: a building's status set by hand, the figures and the list
// without heat in the user's scope (their district; the city for the Department and the admin — as
// «Сроки» decides), and a supplier's file imported in the DB worker with its progress.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import { ApiError } from '../../../shared/contract/errors.js';
import type { ImportProgress } from '../../../shared/contract/register-schemas.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import type { Actor } from '../../../shared/domain/roles.js';
import { readHeatingDate } from '../../../shared/heating/heating-date.js';
import { heatingProgress } from '../../../shared/heating/heating-progress.js';
import { heatingRoleRefusal, heatingScope } from '../../../shared/heating/heating-rights.js';
import { readHeatingReason } from '../../../shared/heating/heating-status.js';
import type { DbClient } from '../db/db-client.js';

function invalid(path: string, message: string): ApiError {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return new ApiError({ code: 'validation', message: text, issues: [{ path, message: text }] });
}

export class HeatingService {
  private progress: ImportProgress = { running: false, stage: 'idle', done: 0, total: 0 };

  constructor(
    private readonly db: DbClient,
    private readonly actor: () => Actor,
    private readonly clock: () => number,
    private readonly announce: (event: ChangeEvent) => void,
  ) {}

  async set(input: ApiParsedInput<'setHeatingStatus'>): Promise<ApiOutput<'setHeatingStatus'>> {
    const actor = this.actor();
    const now = this.clock();
    const date = readHeatingDate(input.date, now);
    if (!date.ok) throw invalid('date', date.error);
    const reason = readHeatingReason(input.reason, input.status, true);
    if (!reason.ok) throw invalid('reason', reason.error);
    const result = await this.db.call(
      'setHeatingStatus',
      { buildingId: input.buildingId, status: input.status, statusDate: date.value, reason: reason.value, by: actor.userId, at: now, source: 'manual' },
      actor,
    );
    this.announce({ entity: 'building', ids: [input.buildingId] });
    return result;
  }

  building(input: ApiParsedInput<'buildingHeating'>): Promise<ApiOutput<'buildingHeating'>> {
    return this.db.call('buildingHeating', input.buildingId, this.actor());
  }

  async progressBy(input: ApiParsedInput<'heatingProgress'>): Promise<ApiOutput<'heatingProgress'>> {
    const actor = this.actor();
    const district = heatingScope(actor);
    const statuses = await this.db.call('heatingStatuses', input.groupBy, district);
    const refusal = heatingRoleRefusal(actor);
    return {
      district: district ?? null,
      groupBy: input.groupBy,
      ...heatingProgress(statuses, input.groupBy === 'district' ? 'share' : 'withoutHeat'),
      permission: { canSet: refusal === null, refusal: refusal?.message ?? null },
    };
  }

  withoutHeat(input: ApiParsedInput<'listWithoutHeat'>): Promise<ApiOutput<'listWithoutHeat'>> {
    return this.db.call('listWithoutHeat', { ...input, district: this.district(input.district) });
  }

  importProgress(): ImportProgress {
    return this.progress;
  }

  /** Reads, checks and applies a supplier's file in the DB worker; one import at a time. */
  async importFile(input: ApiParsedInput<'importHeating'>): Promise<ApiOutput<'importHeating'>> {
    const actor = this.actor();
    const refusal = heatingRoleRefusal(actor);
    if (refusal) throw new ApiError({ code: 'unauthorized', message: refusal.message });
    if (this.progress.running) {
      throw new ApiError({ code: 'conflict', message: 'Загрузка статусов уже выполняется: дождитесь её окончания' });
    }
    this.progress = { running: true, stage: 'reading', done: 0, total: Math.floor((input.contentBase64.length * 3) / 4) };
    try {
      const result = await this.db.callWithProgress(
        'importHeating',
        (p) => {
          this.progress = { running: true, ...p };
        },
        { fileName: input.fileName, contentBase64: input.contentBase64 },
        { userId: actor.userId, district: heatingScope(actor) },
        this.clock(),
      );
      if (result.ok && result.changed > 0) this.announce({ entity: 'building', ids: [] });
      return result;
    } finally {
      this.progress = { running: false, stage: 'done', done: this.progress.total, total: this.progress.total };
    }
  }

  /** A district user sees their own district; asking for another is refused, not silently widened. */
  private district(requested: District | undefined): District | undefined {
    const scope = heatingScope(this.actor());
    if (!scope) return requested;
    if (requested && requested !== scope) {
      throw invalid('district', `Вы работаете в районе «${scope}»: другие районы видит Департамент`);
    }
    return scope;
  }
}
