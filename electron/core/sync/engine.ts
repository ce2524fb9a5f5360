// The workstation's sync engine (docs/sync-protocol.md): push the outbox in device order, record
// each answer, pull changes after the cursor in pages (a snapshot first, resumable), each page
// applied by the DB worker in one transaction with the pending ops replayed over it. Plain Node:
// the network runs here (main process / Node host), the database in the worker, so the UI never
// waits. It runs by itself (a timer, pokes, local changes, the link coming back) with exponential
// backoff and jitter after failures; tests drive it with `syncOnce()` and an injected transport,
// clock and timers.
import type { SyncStatus } from '../../../shared/contract/sync-schemas.js';
import type { Actor } from '../../../shared/domain/roles.js';
import { SCHEMA_VERSION } from '../../../shared/sync/op.js';
import { MAX_CLOCK_AHEAD_MS } from '../../../shared/sync/clock-skew.js';
import { DEFAULT_PULL_LIMIT, MAX_PUSH_OPS } from '../../../shared/sync/protocol.js';
import type { DbClient } from '../db/db-client.js';
import type { Logger } from '../log.js';
import { ServerLinkError } from '../server-link/server-client.js';
import type { SnapshotPage } from '../../../shared/sync/protocol.js';
import { OFFLINE_ACTION, OFFLINE_MESSAGE, SyncRequestError, type SyncTransport } from './sync-client.js';

/** Where the engine stands with the server right now. */
export type SyncLink =
  | { readonly kind: 'standalone' }
  | { readonly kind: 'signed_out'; readonly message: string }
  | { readonly kind: 'ready'; readonly transport: SyncTransport; readonly actor: Actor };

export interface SyncTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncEngineOptions {
  readonly db: Pick<DbClient, 'call'>;
  readonly deviceId: string;
  readonly link: () => SyncLink;
  readonly now?: () => number;
  /** 0..1, for the backoff's jitter. */
  readonly random?: () => number;
  readonly timers?: SyncTimers;
  readonly log?: Logger;
  /** Local rows changed by a pulled page (the screens refresh them). */
  readonly onDataChange?: (change: { appealIds: string[]; incidentIds: string[]; dayClosureIds?: string[]; heatingBuildingIds?: string[] }) => void;
  /** The status changed (running, progress, counts, error). */
  readonly onStatusChange?: () => void;
  readonly pushLimit?: number;
  readonly pullLimit?: number;
  readonly snapshotLimit?: number;
}

export interface SyncRunResult {
  readonly ok: boolean;
  readonly pushed: number;
  readonly applied: number;
  readonly merged: number;
  readonly rejected: number;
  readonly pulled: number;
  readonly snapshotPages: number;
  readonly error: { readonly message: string; readonly userAction: string; readonly code: string | null } | null;
}

/** With the link up, a sync runs at least this often (a missed poke is caught here). */
export const SYNC_INTERVAL_MS = 60_000;
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
/** A local change is pushed this soon (several quick changes go in one push). */
export const NUDGE_DELAY_MS = 300;
/** Conflict reviews per request (the protocol allows 500). */
const MAX_REVIEWS_PER_REQUEST = 200;
/** While nothing answers at all, the next attempt comes this soon (with jitter), whatever the failures. */
export const RECONNECT_MS = 5_000;

type Connection = SyncStatus['connection'];

export class SyncEngine {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly timers: SyncTimers;
  private running: Promise<SyncRunResult> | null = null;
  private progress: SyncStatus['progress'] = null;
  private connection: Connection = 'offline';
  private failures = 0;
  private timer: unknown = null;
  private nextAttemptAt: number | null = null;
  private started = false;
  private again = false;
  private listening: AbortController | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
    const link = options.link();
    this.connection = link.kind === 'standalone' ? 'standalone' : link.kind === 'signed_out' ? 'signed_out' : 'offline';
  }

  /** The frame's status: counts from the database, the rest from here. */
  async status(): Promise<SyncStatus> {
    const counts = await this.options.db.call('syncCounts');
    const link = this.options.link();
    const connection: Connection = link.kind === 'standalone' ? 'standalone' : link.kind === 'signed_out' ? 'signed_out' : this.connection;
    return {
      connection,
      running: this.running !== null,
      progress: this.progress,
      pendingCount: counts.pendingCount,
      rejectedCount: counts.rejectedCount,
      conflictCount: counts.conflictCount,
      lastSyncAt: counts.lastSyncAt,
      lastError: connection === 'standalone' ? null : counts.lastError,
      nextAttemptAt: this.nextAttemptAt,
    };
  }

  /** Runs by itself from now on: at once, then on its timer, pokes and nudges. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.failures = 0;
    this.schedule(0);
  }

  stop(): Promise<void> {
    this.started = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.nextAttemptAt = null;
    this.listening?.abort();
    this.listening = null;
    return this.running ? this.running.then(() => undefined) : Promise.resolve();
  }

  /** Something changed locally, a poke came, or the link came back: sync soon (a running sync runs once more). */
  nudge(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.failures = 0;
    this.schedule(NUDGE_DELAY_MS);
  }

  /** One whole sync: push everything pending, then pull (or take the snapshot) up to date. Concurrent calls share one run. */
  syncOnce(): Promise<SyncRunResult> {
    if (this.running) return this.running;
    this.running = this.run().finally(() => {
      this.running = null;
      this.progress = null;
      this.changed();
      if (this.started) {
        if (this.again) {
          this.again = false;
          this.schedule(NUDGE_DELAY_MS);
        }
      }
    });
    this.changed();
    return this.running;
  }

  private async run(): Promise<SyncRunResult> {
    const result = { pushed: 0, applied: 0, merged: 0, rejected: 0, pulled: 0, snapshotPages: 0 };
    const link = this.options.link();
    if (link.kind !== 'ready') {
      this.connection = link.kind === 'standalone' ? 'standalone' : 'signed_out';
      const error = link.kind === 'signed_out' ? { message: link.message, userAction: 'Войдите в программу, чтобы синхронизировать данные.', code: 'unauthorized' } : null;
      return { ok: false, ...result, error };
    }
    const { transport, actor } = link;
    try {
      await this.push(transport, actor, result);
      await this.sendReviews(transport);
      await this.pull(transport, actor, result);
      this.connection = 'online';
      this.failures = 0;
      await this.options.db.call('syncNoteResult', this.now(), null);
      this.scheduleAfterRun(true);
      return { ok: true, ...result, error: null };
    } catch (error) {
      const failure = describe(error);
      this.connection = failure.offline ? 'offline' : 'online';
      this.failures++;
      this.options.log?.warn({ err: error, code: failure.code }, 'sync failed');
      await this.options.db.call('syncNoteResult', this.now(), { message: failure.message, userAction: failure.userAction });
      this.scheduleAfterRun(false, failure.unreachable);
      return { ok: false, ...result, error: { message: failure.message, userAction: failure.userAction, code: failure.code } };
    }
  }

  /** Conflicts reviewed here go to the server, which passes the review to the district's other workstations. */
  private async sendReviews(transport: SyncTransport): Promise<void> {
    if (!transport.reviewConflicts) return;
    for (;;) {
      const ids = await this.options.db.call('syncPendingReviews', MAX_REVIEWS_PER_REQUEST);
      if (ids.length === 0) return;
      // The server answers for each: reviewed, or unknown in this scope (nothing to pass on). Neither is sent again.
      await transport.reviewConflicts({ ids });
      await this.options.db.call('syncReviewsSent', ids);
      if (ids.length < MAX_REVIEWS_PER_REQUEST) return;
    }
  }

  private async push(transport: SyncTransport, actor: Actor, result: { pushed: number; applied: number; merged: number; rejected: number }): Promise<void> {
    const limit = this.options.pushLimit ?? MAX_PUSH_OPS;
    // The clock was ahead when these ops were made and has been set right since: restamp them (§7).
    const restamped = await this.options.db.call('syncRestampIfAhead', this.now(), MAX_CLOCK_AHEAD_MS);
    if (restamped > 0) this.options.log?.info({ restamped }, 'sync: pending ops restamped after a clock fix');
    for (;;) {
      const ops = await this.options.db.call('syncPushBatch', limit);
      if (ops.length === 0) return;
      this.progress = { stage: 'push', done: result.pushed, total: null };
      this.changed();
      const answer = await transport.push({ deviceId: this.options.deviceId, clientNow: this.now(), schemaVersion: SCHEMA_VERSION, ops });
      const summary = await this.options.db.call('syncRecordAnswers', answer.results, actor, this.now());
      result.pushed += ops.length;
      result.applied += summary.applied;
      result.merged += summary.merged;
      result.rejected += summary.rejected;
      if (summary.appealIds.length > 0) this.options.onDataChange?.({ appealIds: summary.appealIds, incidentIds: [] });
      // An answer that moved nothing would repeat forever: the next run tries again.
      if (summary.applied + summary.merged + summary.rejected === 0) {
        throw new SyncRequestError('refused', 'Сервер не ответил на отправленные операции', 'Повторите синхронизацию позже; если не помогает, сообщите администратору. Изменения сохранены.', 'no_progress');
      }
      if (ops.length < limit) return;
    }
  }

  private async pull(transport: SyncTransport, actor: Actor, result: { pulled: number; snapshotPages: number }): Promise<void> {
    let refetches = 0;
    for (;;) {
      const counts = await this.options.db.call('syncCounts');
      if (!counts.cursor) {
        await this.snapshot(transport, actor, counts.snapshot?.pageToken ?? null, result);
        continue;
      }
      this.progress = { stage: 'pull', done: result.pulled, total: null };
      this.changed();
      const page = await transport.pull({ cursor: counts.cursor, limit: this.options.pullLimit ?? DEFAULT_PULL_LIMIT });
      if (page.mustRefetch) {
        if (++refetches > 1) throw new SyncRequestError('refused', page.mustRefetch.message, 'Повторите синхронизацию позже.', page.mustRefetch.reason);
        this.options.log?.info({ reason: page.mustRefetch.reason }, 'sync: must refetch, taking a snapshot');
        await this.options.db.call('syncForgetCursor');
        continue;
      }
      const applied = await this.options.db.call('syncApplyPage', page.changes, { kind: 'pull', cursor: page.nextCursor }, actor, this.now());
      result.pulled += page.changes.length;
      if (applied.appealIds.length + applied.incidentIds.length + applied.dayClosureIds.length + applied.heatingBuildingIds.length > 0) {
        this.options.onDataChange?.({ appealIds: applied.appealIds, incidentIds: applied.incidentIds, dayClosureIds: applied.dayClosureIds, heatingBuildingIds: applied.heatingBuildingIds });
      }
      if (!page.hasMore) return;
    }
  }

  private async snapshot(transport: SyncTransport, actor: Actor, resumeFrom: string | null, result: { pulled: number; snapshotPages: number }): Promise<void> {
    let token = resumeFrom;
    let restarted = false;
    const fetchPage = (pageToken: string | null) => transport.snapshot({ pageToken, limit: this.options.snapshotLimit ?? 2000 });
    let ahead: Promise<SnapshotPage> | null = null;
    for (;;) {
      let page;
      try {
        page = await (ahead ?? fetchPage(token));
      } catch (error) {
        // The change log no longer reaches back to the snapshot's position: start over, once.
        if (error instanceof SyncRequestError && error.code === 'snapshot_expired' && !restarted && token !== null) {
          restarted = true;
          token = null;
          ahead = null;
          await this.options.db.call('syncForgetCursor');
          continue;
        }
        throw error;
      }
      // The next page is asked for while this one is applied: the server and the DB worker work at
      // once. Its failure surfaces when it is awaited, after this page is kept.
      ahead = page.nextPageToken ? fetchPage(page.nextPageToken) : null;
      ahead?.catch(() => undefined);
      this.progress = { stage: 'snapshot', done: page.progress.sectionsDone, total: page.progress.sections };
      this.changed();
      const applied = await this.options.db.call(
        'syncApplyPage',
        page.items,
        { kind: 'snapshot', cursor: page.cursor, nextPageToken: page.nextPageToken },
        actor,
        this.now(),
      );
      result.pulled += page.items.length;
      result.snapshotPages++;
      if (applied.appealIds.length + applied.incidentIds.length + applied.dayClosureIds.length + applied.heatingBuildingIds.length > 0) {
        this.options.onDataChange?.({ appealIds: applied.appealIds, incidentIds: applied.incidentIds, dayClosureIds: applied.dayClosureIds, heatingBuildingIds: applied.heatingBuildingIds });
      }
      if (!page.nextPageToken) return;
      token = page.nextPageToken;
    }
  }

  // ——— scheduling ———

  /** The delay before the next attempt after `failures` failures in a row: doubling, capped, with jitter (half to full). */
  backoffMs(failures: number): number {
    const full = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
    return Math.round(full * (0.5 + this.random() * 0.5));
  }

  /**
   * The delay before the next attempt while the server does not answer at all: a few seconds, so
   * its return is noticed at once (an attempt that finds nobody costs the server nothing).
   */
  reconnectMs(): number {
    return Math.round(RECONNECT_MS * (0.5 + this.random() * 0.5));
  }

  private scheduleAfterRun(ok: boolean, unreachable = false): void {
    if (!this.started) return;
    this.schedule(ok ? SYNC_INTERVAL_MS : unreachable ? this.reconnectMs() : this.backoffMs(this.failures));
    if (ok) this.ensureListening();
  }

  private schedule(delayMs: number): void {
    const at = this.now() + delayMs;
    if (this.timer !== null) {
      if (this.nextAttemptAt !== null && this.nextAttemptAt <= at) return;
      this.timers.clearTimeout(this.timer);
    }
    this.nextAttemptAt = at;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.nextAttemptAt = null;
      void this.syncOnce();
    }, delayMs);
  }

  /** Keeps the poke stream open while the link is up; each poke triggers a pull. */
  private ensureListening(): void {
    if (this.listening || !this.started) return;
    const link = this.options.link();
    if (link.kind !== 'ready' || !link.transport.listen) return;
    const controller = new AbortController();
    this.listening = controller;
    link.transport
      .listen(() => this.nudge(), controller.signal)
      .catch((error: unknown) => this.options.log?.debug?.({ err: error }, 'sync: poke stream closed'))
      .finally(() => {
        if (this.listening !== controller) return;
        this.listening = null;
        // The stream ended without us closing it (the server went away or restarted): a sync in a
        // few seconds finds out which, and reopens the stream once the server answers.
        if (this.started && !controller.signal.aborted) this.schedule(this.reconnectMs());
      });
  }

  private changed(): void {
    this.options.onStatusChange?.();
  }
}

function describe(error: unknown): { offline: boolean; unreachable: boolean; message: string; userAction: string; code: string | null } {
  if (error instanceof SyncRequestError) return { offline: error.kind === 'offline', unreachable: error.unreachable, message: error.message, userAction: error.userAction, code: error.code };
  if (error instanceof ServerLinkError) {
    if (error.kind === 'offline') return { offline: true, unreachable: true, message: OFFLINE_MESSAGE, userAction: OFFLINE_ACTION, code: null };
    return { offline: false, unreachable: false, message: error.message, userAction: 'Войдите в программу заново: изменения сохранены и уйдут после входа.', code: error.code };
  }
  return {
    offline: false,
    unreachable: false,
    message: 'Синхронизация прервалась из-за внутренней ошибки',
    userAction: 'Изменения сохранены на этом компьютере. Повторите синхронизацию; если ошибка повторяется, сообщите администратору (подробности в журнале).',
    code: 'internal',
  };
}
