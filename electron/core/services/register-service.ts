// The address register as the UI uses it: building cards, addresses on control, organisations,
// and the import of register files.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import { ApiError } from '../../../shared/contract/errors.js';
import type { ImportProgress } from '../../../shared/contract/register-schemas.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import type { DbClient } from '../db/db-client.js';

export class RegisterService {
  private progress: ImportProgress = { running: false, stage: 'idle', done: 0, total: 0 };

  constructor(
    private readonly db: DbClient,
    private readonly announce: (event: ChangeEvent) => void,
  ) {}

  card(input: ApiParsedInput<'getBuildingCard'>): Promise<ApiOutput<'getBuildingCard'>> {
    return this.db.call('getBuildingCard', input.id);
  }

  controlAddresses(input: ApiParsedInput<'listControlAddresses'>): Promise<ApiOutput<'listControlAddresses'>> {
    return this.db.call('listControlAddresses', input);
  }

  organisations(input: ApiParsedInput<'listOrganisations'>): Promise<ApiOutput<'listOrganisations'>> {
    return this.db.call('listOrganisations', input);
  }

  importProgress(): ImportProgress {
    return this.progress;
  }

  importFile(_input: ApiParsedInput<'importRegister'>): Promise<ApiOutput<'importRegister'>> {
    void this.announce;
    return Promise.reject(new ApiError({ code: 'internal', message: 'Импорт реестра ещё не подключён' }));
  }
}
