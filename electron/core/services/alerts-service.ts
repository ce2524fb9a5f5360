// «Сроки» and deadline alerts. Lists and counts are computed at the core's clock (injectable, so
// tests move time); the alert check runs every 30 s and on demand (checkAlerts), records what it
// raised in the database (deadline_alerts) and announces it as a change event of entity 'alert'.
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import type { DeadlineAlert } from '../../../shared/contract/alert-event-schema.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import type { Actor } from '../../../shared/domain/roles.js';
import type { DbClient } from '../db/db-client.js';
import type { Logger } from '../log.js';

export const ALERT_CHECK_MS = 30_000;

export class AlertsService {
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: DbClient,
    private readonly actor: () => Actor,
    private readonly clock: () => number,
    private readonly announce: (event: ChangeEvent) => void,
    private readonly log: Logger,
  ) {}

  /** The district a list defaults to: the workstation user's; the Department and the admin see all. */
  private district(requested: District | undefined): District | undefined {
    if (requested) return requested;
    const actor = this.actor();
    return actor.role === 'department' || actor.role === 'admin' ? undefined : (actor.district ?? undefined);
  }

  listDue(input: ApiParsedInput<'listDue'>): Promise<ApiOutput<'listDue'>> {
    const { district, ...rest } = input;
    return this.db.call('listDue', { ...rest, district: this.district(district) }, this.clock());
  }

  dueCounts(input: ApiParsedInput<'dueCounts'>): Promise<ApiOutput<'dueCounts'>> {
    return this.db.call('dueCounts', this.district(input.district), this.clock());
  }

  /** Raises the alerts due now at the clock; calls run one after another, never two at once. */
  check(): Promise<DeadlineAlert[]> {
    const run = this.queue.then(async () => {
      const alerts = await this.db.call('raiseDeadlineAlerts', this.district(undefined), this.clock());
      if (alerts.length > 0) {
        this.log.info({ count: alerts.length }, 'deadline alerts raised');
        this.announce({ entity: 'alert', ids: alerts.map((a) => a.appealId), alerts });
      }
      return alerts;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  start(): void {
    const tick = () => void this.check().catch((err: unknown) => this.log.error({ err }, 'deadline alert check failed'));
    tick();
    this.timer = setInterval(tick, ALERT_CHECK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.queue;
  }
}
