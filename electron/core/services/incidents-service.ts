// Mass outages as the UI uses them: record, change and restore incidents, the list and the card,
// the active incidents at an address (the intake banner). The service adds who and when.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import type { Actor } from '../../../shared/domain/roles.js';
import type { DbClient } from '../db/db-client.js';

export class IncidentsService {
  constructor(
    private readonly db: DbClient,
    private readonly actor: () => Actor,
    private readonly clock: () => number,
    private readonly announce: (event: ChangeEvent) => void,
  ) {}

  async create(input: ApiParsedInput<'createIncident'>): Promise<ApiOutput<'createIncident'>> {
    const incident = await this.db.call('createIncident', { input, actor: this.actor(), nowMs: this.clock() });
    this.announce({ entity: 'appeal', ids: [] });
    return incident;
  }

  async update(input: ApiParsedInput<'updateIncident'>): Promise<ApiOutput<'updateIncident'>> {
    const incident = await this.db.call('updateIncident', { input, actor: this.actor(), nowMs: this.clock() });
    this.announce({ entity: 'appeal', ids: [] });
    return incident;
  }

  async restore(input: ApiParsedInput<'restoreIncident'>): Promise<ApiOutput<'restoreIncident'>> {
    const result = await this.db.call('restoreIncident', { id: input.id, restoredAt: input.restoredAt, actor: this.actor(), nowMs: this.clock() });
    this.announce({ entity: 'appeal', ids: result.movedAppealIds });
    return result;
  }

  list(input: ApiParsedInput<'listIncidents'>): Promise<ApiOutput<'listIncidents'>> {
    return this.db.call('listIncidents', input);
  }

  get(input: ApiParsedInput<'getIncident'>): Promise<ApiOutput<'getIncident'>> {
    return this.db.call('getIncident', input.id, this.clock());
  }

  atBuilding(input: ApiParsedInput<'incidentsAtBuilding'>): Promise<ApiOutput<'incidentsAtBuilding'>> {
    return this.db.call('incidentsAtBuilding', input.buildingId, this.clock());
  }

  searchHeatSources(input: ApiParsedInput<'searchHeatSources'>): Promise<ApiOutput<'searchHeatSources'>> {
    return this.db.call('searchHeatSources', input.query, input.limit);
  }
}
