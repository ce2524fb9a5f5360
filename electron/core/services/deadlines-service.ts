// Deadline rules and the production calendar: the admin's screen «Сроки и календарь» and the
// intake form's preview. The role check happens in the DB worker (LocalStore), next to the write.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import { defaultPriority } from '../../../shared/domain/appeal-vocabulary.js';
import type { Actor } from '../../../shared/domain/roles.js';
import type { DbClient } from '../db/db-client.js';

export class DeadlinesService {
  constructor(
    private readonly db: DbClient,
    private readonly actor: () => Actor,
    private readonly clock: () => number,
    private readonly announce: (event: ChangeEvent) => void,
  ) {}

  list(): Promise<ApiOutput<'listDeadlineRules'>> {
    return this.db.call('listDeadlineRules');
  }

  async update(input: ApiParsedInput<'updateDeadlineRule'>): Promise<ApiOutput<'updateDeadlineRule'>> {
    const row = await this.db.call('updateDeadlineRule', input, this.actor(), this.clock());
    this.announce({ entity: 'appeal', ids: [] });
    return row;
  }

  async importCalendar(input: ApiParsedInput<'importCalendar'>): Promise<ApiOutput<'importCalendar'>> {
    const result = await this.db.call('importCalendar', input.text, input.source ?? 'Загружен администратором', this.actor());
    if (result.imported > 0) this.announce({ entity: 'appeal', ids: [] });
    return result;
  }

  async preview(input: ApiParsedInput<'previewDeadlines'>): Promise<ApiOutput<'previewDeadlines'>> {
    const receivedAt = input.receivedAt ?? this.clock();
    const priority = input.priority ?? defaultPriority(input.category);
    const deadlines = await this.db.call('previewDeadlines', { category: input.category, priority, channel: input.channel, receivedAt });
    return { receivedAt, deadlines };
  }
}
