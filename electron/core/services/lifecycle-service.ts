// The appeal lifecycle as the UI uses it: workflow actions, the calls log, repeated calls, bulk
// transfer and the card. Adds who (the workstation's actor) and when (the injectable clock), calls
// the DB worker and announces the change.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import type { Actor } from '../../../shared/domain/roles.js';
import type { ActionData } from '../../../shared/domain/workflow.js';
import type { DbClient } from '../db/db-client.js';

export class LifecycleService {
  constructor(
    private readonly db: DbClient,
    private readonly actor: () => Actor,
    private readonly clock: () => number,
    private readonly announce: (event: ChangeEvent) => void,
  ) {}

  async action(input: ApiParsedInput<'appealAction'>): Promise<ApiOutput<'appealAction'>> {
    const appeal = await this.db.call('applyAppealAction', {
      appealId: input.appealId,
      expectedVersion: input.expectedVersion,
      data: input.data as ActionData,
      actor: this.actor(),
      nowMs: this.clock(),
    });
    this.announce({ entity: 'appeal', ids: [appeal.id] });
    return appeal;
  }

  async logCall(input: ApiParsedInput<'logCall'>): Promise<ApiOutput<'logCall'>> {
    const appeal = await this.db.call('logCall', { ...input, userId: this.actor().userId, nowMs: this.clock() });
    this.announce({ entity: 'appeal', ids: [appeal.id] });
    return appeal;
  }

  async attachRepeatedCall(input: ApiParsedInput<'attachRepeatedCall'>): Promise<ApiOutput<'attachRepeatedCall'>> {
    const appeal = await this.db.call('attachRepeatedCall', { ...input, userId: this.actor().userId, nowMs: this.clock() });
    this.announce({ entity: 'appeal', ids: [appeal.id] });
    return appeal;
  }

  async bulkTransfer(input: ApiParsedInput<'bulkTransfer'>): Promise<ApiOutput<'bulkTransfer'>> {
    const results = await this.db.call('bulkTransfer', { ...input, actor: this.actor(), nowMs: this.clock() });
    this.announce({ entity: 'appeal', ids: results.filter((r) => r.ok).map((r) => r.appealId) });
    return results;
  }

  card(input: ApiParsedInput<'getAppealCard'>): Promise<ApiOutput<'getAppealCard'>> {
    return this.db.call('getAppealCard', input.id, this.actor(), this.clock());
  }

  async buildingRepeatedCalls(input: ApiParsedInput<'buildingRepeatedCalls'>): Promise<ApiOutput<'buildingRepeatedCalls'>> {
    return { count: await this.db.call('buildingRepeatedCalls', input.buildingId) };
  }
}
