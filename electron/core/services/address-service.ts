// Finding buildings by address for the intake form and the global search box.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import type { DbClient } from '../db/db-client.js';

export class AddressService {
  constructor(private readonly db: DbClient) {}

  search(input: ApiParsedInput<'searchBuildings'>): Promise<ApiOutput<'searchBuildings'>> {
    if (input.query === '') return Promise.resolve([]);
    return this.db.call('searchBuildings', input.query, input.limit);
  }
}
