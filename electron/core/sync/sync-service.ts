// The contract's side of sync: the engine built over the server link (who is logged in, the access
// token), its status for the app frame, «Синхронизировать сейчас», conflicts and rejected ops; and
// the change events that keep the frame live. Local changes and the link coming back nudge the engine.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import { ApiError } from '../../../shared/contract/errors.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import type { SyncStatus } from '../../../shared/contract/sync-schemas.js';
import type { Actor } from '../../../shared/domain/roles.js';
import type { DbClient } from '../db/db-client.js';
import type { Logger } from '../log.js';
import type { ServerLink } from '../server-link/server-link.js';
import { SyncEngine, type SyncLink } from './engine.js';
import { HttpSyncTransport, type SyncTransport } from './sync-client.js';

export interface SyncServiceOptions {
  readonly db: DbClient;
  readonly deviceId: string;
  readonly serverLink: ServerLink;
  readonly actor: () => Actor;
  readonly clock: () => number;
  readonly log: Logger;
  readonly announce: (event: ChangeEvent) => void;
  readonly fetch?: typeof fetch;
}

export class SyncService {
  readonly engine: SyncEngine;
  private transport: { url: string; transport: SyncTransport } | null = null;
  /** Set while the engine's own change events go out, so they do not nudge it again. */
  private announcing = false;

  constructor(private readonly options: SyncServiceOptions) {
    this.engine = new SyncEngine({
      db: options.db,
      deviceId: options.deviceId,
      link: () => this.link(),
      now: options.clock,
      log: options.log,
      onDataChange: ({ appealIds, dayClosureIds, heatingBuildingIds }) => {
        if (appealIds.length > 0) this.emit({ entity: 'appeal', ids: appealIds });
        if (dayClosureIds && dayClosureIds.length > 0) this.emit({ entity: 'dayClosure', ids: dayClosureIds });
        // A heating status from elsewhere: «Отопительный сезон» and the address cards refresh.
        if (heatingBuildingIds && heatingBuildingIds.length > 0) this.emit({ entity: 'building', ids: heatingBuildingIds });
      },
      onStatusChange: () => this.emit({ entity: 'sync', ids: [] }),
    });
  }

  /** Every change event of the core passes here: a local change or the link coming back syncs soon. */
  observe(event: ChangeEvent): void {
    if (this.announcing) return;
    if (event.entity === 'appeal' || event.entity === 'serverLink') this.engine.nudge();
  }

  status(): Promise<SyncStatus> {
    return this.engine.status();
  }

  async syncNow(): Promise<SyncStatus> {
    const link = this.link();
    if (link.kind === 'standalone') throw new ApiError({ code: 'conflict', message: 'Рабочее место работает без сервера: синхронизировать не с чем.' });
    if (link.kind === 'signed_out') throw new ApiError({ code: 'unauthorized', message: link.message });
    await this.engine.syncOnce();
    return this.engine.status();
  }

  conflicts(input: ApiParsedInput<'listSyncConflicts'>): Promise<ApiOutput<'listSyncConflicts'>> {
    return this.options.db.call('listSyncConflicts', input.includeReviewed);
  }

  rejected(input: ApiParsedInput<'listRejectedOps'>): Promise<ApiOutput<'listRejectedOps'>> {
    return this.options.db.call('listRejectedOps', input.includeReviewed);
  }

  async markReviewed(input: ApiParsedInput<'markSyncReviewed'>): Promise<SyncStatus> {
    const done = await this.options.db.call('markSyncReviewed', input.kind, input.id, this.options.actor().userId, this.options.clock());
    if (!done) throw new ApiError({ code: 'not_found', message: input.kind === 'conflict' ? 'Конфликт не найден' : 'Отклонённая операция не найдена' });
    this.emit({ entity: 'sync', ids: [] });
    // A conflict's review goes to the server with the next sync: soon.
    if (input.kind === 'conflict') this.engine.nudge();
    return this.engine.status();
  }

  start(): void {
    this.engine.start();
  }

  stop(): Promise<void> {
    return this.engine.stop();
  }

  private link(): SyncLink {
    const state = this.options.serverLink.status();
    if (state.mode !== 'server') return { kind: 'standalone' };
    if (state.deviceRevoked) return { kind: 'signed_out', message: 'Рабочее место отключено от сервера администратором: синхронизация невозможна.' };
    if (!state.user) return { kind: 'signed_out', message: 'Войдите в программу, чтобы синхронизировать данные.' };
    // After an offline login the first request logs in online by itself (ServerLink.accessToken).
    if (this.transport?.url !== state.serverUrl) {
      const link = this.options.serverLink;
      this.transport = { url: state.serverUrl, transport: new HttpSyncTransport(state.serverUrl, () => link.accessToken(), this.options.fetch) };
    }
    return { kind: 'ready', transport: this.transport.transport, actor: this.options.actor() };
  }

  private emit(event: ChangeEvent): void {
    this.announcing = true;
    try {
      this.options.announce(event);
    } finally {
      this.announcing = false;
    }
  }
}
