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
    private readonly clock: () => number = Date.now,
  ) {}

  card(input: ApiParsedInput<'getBuildingCard'>): Promise<ApiOutput<'getBuildingCard'>> {
    return this.db.call('getBuildingCard', input.id, this.clock());
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

  /**
   * Reads, checks and applies a register file in the DB worker (this thread only passes the text
   * on); progress arrives from the worker as it goes. One import at a time.
   */
  async importFile(input: ApiParsedInput<'importRegister'>): Promise<ApiOutput<'importRegister'>> {
    if (this.progress.running) {
      throw new ApiError({ code: 'conflict', message: 'Импорт реестра уже выполняется: дождитесь его окончания' });
    }
    // Until the worker reports: the size of the file in bytes, as the reading stage counts.
    const bytes = Math.floor((input.contentBase64.length * 3) / 4);
    this.progress = { running: true, stage: 'reading', done: 0, total: bytes };
    try {
      const result = await this.db.callWithProgress(
        'importRegister',
        (p) => {
          this.progress = { running: true, ...p };
        },
        { fileName: input.fileName, contentBase64: input.contentBase64 },
        this.clock(),
      );
      if (result.ok) this.announce({ entity: 'building', ids: [] });
      return result;
    } finally {
      this.progress = { running: false, stage: 'done', done: this.progress.total, total: this.progress.total };
    }
  }
}
