// Appeals as the UI and the CLI use them: register, list, open one. Input arrives validated by the
// contract; the service adds who and when, calls the DB worker and announces the change.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import type { DbClient } from '../db/db-client.js';

export class AppealsService {
  constructor(
    private readonly db: DbClient,
    private readonly operator: () => string,
    private readonly clock: () => number,
    private readonly announce: (event: ChangeEvent) => void,
  ) {}

  async register(input: ApiParsedInput<'registerAppeal'>): Promise<ApiOutput<'registerAppeal'>> {
    const appeal = await this.db.call('registerAppeal', { input, userId: this.operator(), nowMs: this.clock() });
    this.announce({ entity: 'appeal', ids: [appeal.id] });
    return appeal;
  }

  list(input: ApiParsedInput<'listAppeals'>): Promise<ApiOutput<'listAppeals'>> {
    return this.db.call('listAppeals', input);
  }

  get(input: ApiParsedInput<'getAppeal'>): Promise<ApiOutput<'getAppeal'>> {
    return this.db.call('getAppeal', input.id);
  }
}
