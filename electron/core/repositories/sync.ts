// The workstation's side of sync in its database (docs/sync-protocol.md): the ops to push with
// what they saw, the server's answers, pulled pages applied in one transaction each with the pending
// ops replayed over them by the one reducer (shared/sync/apply.ts), conflicts and rejected ops.
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { RejectedOp, SyncConflict } from '../../../shared/contract/sync-schemas.js';
import { STATUS_LABELS, type AppealStatus } from '../../../shared/domain/appeal-vocabulary.js';
import { formatHlc, hlcReceive, hlcTick, parseHlc, type HlcState } from '../../../shared/domain/hlc.js';
import type { Actor } from '../../../shared/domain/roles.js';
import { conflictId } from '../../../shared/sync/answers.js';
import { applyAppealOp, applyIncidentOp, type AppealRecord, type ConflictRecord, type IncidentRecord, type Stamp } from '../../../shared/sync/apply.js';
import { applyDayClosureOp, type DayClosureRecord } from '../../../shared/sync/apply-day-closure.js';
import { applyHeatingOp, type HeatingRecord } from '../../../shared/sync/apply-heating.js';
import type { Op } from '../../../shared/sync/op.js';
import type { Change, OpAnswer } from '../../../shared/sync/protocol.js';
import type { BuildingRecord, HeatSourceRecord, OrganisationRecord } from '../../../shared/domain/register-records.js';
import { BuildingsRepository } from './buildings.js';
import type { DeviceRepository } from './device.js';
import { DayClosureRows } from './day-closure-rows.js';
import { HeatingRepository } from './heating.js';
import { IncidentLinks } from './incident-links.js';
import { opFromRow, type OutboxRow as OutboxColumns } from './outbox.js';
import { DeferredAppealTriggers } from './snapshot-triggers.js';

/** An op as it is pushed: with the change-log position its workstation had pulled when it was made. */
export type PushOp = Op & { readonly seenServerSeq: number };

export interface AnswerSummary {
  readonly applied: number;
  readonly merged: number;
  readonly rejected: number;
  /** Answers for ops no longer pending here (already answered): ignored. */
  readonly ignored: number;
  readonly appealIds: string[];
}

export interface PageResult {
  readonly applied: number;
  readonly appealIds: string[];
  readonly incidentIds: string[];
  /** Districts' days («Закрыть день») that changed here. */
  readonly dayClosureIds: string[];
  /** Buildings whose heating status changed here («Отопительный сезон»). */
  readonly heatingBuildingIds: string[];
  readonly conflicts: number;
}

/** Where a page of changes leaves the client: a pull's next cursor, or a snapshot page in progress. */
export type PagePosition =
  | { readonly kind: 'pull'; readonly cursor: string }
  | { readonly kind: 'snapshot'; readonly cursor: string; readonly nextPageToken: string | null };

export interface SyncCounts {
  readonly cursor: string | null;
  readonly snapshot: { readonly pageToken: string; readonly cursor: string } | null;
  readonly pendingCount: number;
  readonly rejectedCount: number;
  readonly conflictCount: number;
  readonly lastSyncAt: number | null;
  readonly lastError: { readonly message: string; readonly userAction: string; readonly at: number } | null;
}

interface OutboxRow extends OutboxColumns {
  created_at: number;
  state: string;
  answer: string | null;
  answered_at: number | null;
  reviewed_at: number | null;
}

type FirstAnswer = Exclude<OpAnswer, { result: 'duplicate' }>;

/** The position a cursor stands at: `c1.<serverSeq>.<fingerprint>` (shared/sync/scope.ts). */
export function cursorPosition(cursor: string): number {
  const m = /^c1\.(\d{1,15})\./.exec(cursor);
  return m ? Number(m[1]) : 0;
}

/** `<type>:<id>` of a touched entity; a district's day has a ':' in its own id. */
type Tracked = 'appeal' | 'incident' | 'day_closure' | 'building_heating';
function splitKey(key: string): [Tracked, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) as Tracked, key.slice(at + 1)];
}

export class SyncRepository {
  private readonly buildings: BuildingsRepository;
  private readonly incidentLinks: IncidentLinks;
  private readonly dayClosures: DayClosureRows;
  /** Sync's own writes of heating statuses: no outbox (they came from the server). */
  private readonly heating: HeatingRepository;
  private readonly getState: Database.Statement<[string], { value: string }>;
  private readonly setState: Database.Statement<[string, string]>;
  private readonly delState: Database.Statement<[string]>;
  private readonly seenStmt: Database.Statement<[number], { seen: number | null }>;
  private readonly pendingForEntity: Database.Statement<[string], OutboxRow>;
  private readonly opById: Database.Statement<[string], OutboxRow>;
  private readonly recordOf: Database.Statement<[string, string], { record: string; version: number }>;
  private readonly pendingEntities: Database.Statement<[], { entity_id: string }>;
  /** While a snapshot page is applied: the appeals' insert triggers, deferred to the page's end (snapshot-triggers.ts). */
  private deferred: DeferredAppealTriggers | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly device: DeviceRepository,
  ) {
    this.buildings = new BuildingsRepository(db);
    this.incidentLinks = new IncidentLinks(db);
    this.dayClosures = new DayClosureRows(db);
    this.heating = new HeatingRepository(db);
    this.getState = db.prepare('SELECT value FROM sync_state WHERE key = ?');
    this.setState = db.prepare('INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.delState = db.prepare('DELETE FROM sync_state WHERE key = ?');
    this.seenStmt = db.prepare('SELECT max(server_seq) AS seen FROM sync_pull_log WHERE last_device_seq < ?');
    this.pendingForEntity = db.prepare("SELECT * FROM outbox WHERE entity_id = ? AND state = 'pending' ORDER BY device_seq");
    this.opById = db.prepare('SELECT * FROM outbox WHERE op_id = ?');
    this.recordOf = db.prepare('SELECT record, version FROM sync_records WHERE entity_type = ? AND id = ?');
    this.pendingEntities = db.prepare("SELECT DISTINCT entity_id FROM outbox WHERE state = 'pending'");
  }

  // ——— push ———

  /** The oldest pending ops, in device order, each with what it saw (§6). */
  pushBatch(limit: number): PushOp[] {
    const rows = this.db.prepare<[number], OutboxRow>("SELECT * FROM outbox WHERE state = 'pending' ORDER BY device_seq LIMIT ?").all(limit);
    return rows.map((row) => this.toPushOp(row));
  }

  private toPushOp(row: OutboxRow): PushOp {
    return { ...opFromRow(row), seenServerSeq: this.seenStmt.get(row.device_seq)?.seen ?? 0 };
  }

  /**
   * Records the server's answer to each op, in one transaction: applied or merged → sent (with the
   * official number on the appeal, the conflicts kept); rejected → kept with its reason and advice;
   * a duplicate is its first answer. An op already answered here is left as it is.
   */
  recordAnswers(answers: readonly OpAnswer[], actor: Actor, nowMs: number): AnswerSummary {
    const update = this.db.prepare<[string, string, number, string]>('UPDATE outbox SET state = ?, answer = ?, answered_at = ? WHERE op_id = ?');
    const setNumber = this.db.prepare<[string, string]>('UPDATE appeals SET official_number = ? WHERE id = ? AND official_number IS NULL');
    return this.db
      .transaction(() => {
        let applied = 0;
        let merged = 0;
        let rejected = 0;
        let ignored = 0;
        const appealIds = new Set<string>();
        const rederive = new Set<string>();
        for (const raw of answers) {
          const answer: FirstAnswer = raw.result === 'duplicate' ? raw.original : raw;
          const row = this.opById.get(answer.opId);
          if (!row || row.state !== 'pending') {
            ignored++;
            continue;
          }
          if (row.entity_type === 'appeal') appealIds.add(row.entity_id);
          if (answer.result === 'rejected') {
            rejected++;
            update.run('rejected', JSON.stringify(answer), nowMs, answer.opId);
            // The appeal's history keeps the refused action (append-only): it says the server did not take it, and why.
            if (row.entity_type === 'appeal' && this.db.prepare('SELECT 1 FROM appeals WHERE id = ?').get(row.entity_id)) {
              this.db
                .prepare('INSERT INTO appeal_events (id, appeal_id, type, at, by, data) VALUES (?, ?, ?, ?, ?, ?)')
                .run(uuidv7({ msecs: nowMs }), row.entity_id, 'sync_rejected', nowMs, row.user_id, JSON.stringify({ opId: row.op_id, command: row.command, code: answer.code, message: answer.message, userAction: answer.userAction }));
            }
            rederive.add(`${row.entity_type}:${row.entity_id}`);
            continue;
          }
          if (answer.result === 'applied') applied++;
          else merged++;
          update.run('sent', JSON.stringify(answer), nowMs, answer.opId);
          if (answer.officialNumber && row.entity_type === 'appeal') setNumber.run(answer.officialNumber, row.entity_id);
          if (answer.result === 'merged') for (const c of answer.conflicts) this.upsertConflict(c, nowMs, null, null);
        }
        // A refused op's local effect goes: the entity is the server's record plus what is still pending.
        for (const key of rederive) {
          const [type, id] = splitKey(key);
          if (type === 'day_closure') this.deriveDayClosure(id, actor, nowMs);
          else if (type === 'building_heating') this.deriveHeating(id, actor, nowMs);
          else this.derive(type, id, actor, nowMs);
        }
        return { applied, merged, rejected, ignored, appealIds: [...appealIds] };
      })
      .immediate();
  }

  // ——— pull and snapshot ———

  /**
   * Applies one page of changes in one transaction: each entity becomes the server's record with
   * this workstation's pending ops replayed over it; events, conflicts and reference data are
   * stored; the cursor (or the snapshot's page token) moves in the same transaction.
   */
  applyPage(changes: readonly Change[], position: PagePosition, actor: Actor, nowMs: number): PageResult {
    // A snapshot page is committed without waiting for the disk (WAL with synchronous NORMAL): a
    // power cut may lose it, but together with its page token, so the snapshot fetches it again; the
    // next commit with the usual FULL (any local command) makes it durable with all before it.
    const synchronous = position.kind === 'snapshot' ? (this.db.pragma('synchronous', { simple: true }) as number) : null;
    if (synchronous !== null) this.db.pragma('synchronous = NORMAL');
    try {
      return this.applyPageInTransaction(changes, position, actor, nowMs);
    } finally {
      if (synchronous !== null) this.db.pragma(`synchronous = ${synchronous}`);
    }
  }

  private applyPageInTransaction(changes: readonly Change[], position: PagePosition, actor: Actor, nowMs: number): PageResult {
    return this.db
      .transaction(() => {
        const bulk = position.kind === 'snapshot' && changes.some((c) => c.entityType === 'appeal' && !('tombstone' in c));
        this.deferred = bulk ? DeferredAppealTriggers.begin(this.db) : null;
        try {
          return this.applyChanges(changes, position, actor, nowMs);
        } finally {
          this.deferred = null;
        }
      })
      .immediate();
  }

  private applyChanges(changes: readonly Change[], position: PagePosition, actor: Actor, nowMs: number): PageResult {
    const touched = new Set<string>();
    // The record each entity was stored with on this page (its upsert took it): with no pending op
    // on the entity, that record is what the screens show, so derive() need not read it back.
    const stored = new Map<string, AppealRecord | IncidentRecord>();
    const pendingIds = new Set(this.pendingEntities.all().map((r) => r.entity_id));
    const appealIds = new Set<string>();
    const incidentIds = new Set<string>();
    let conflicts = 0;
    let maxSeq = 0;
    let latestHlc: string | null = null;
    // Records and reference data first, so the events and links that follow find their rows.
    const order = (c: Change) => ('tombstone' in c ? 0 : c.entityType === 'appeal_event' || c.entityType === 'incident_event' || c.entityType === 'conflict' ? 2 : 1);
    const sorted = [...changes].sort((a, b) => order(a) - order(b));
    for (const change of sorted) {
      maxSeq = Math.max(maxSeq, change.serverSeq);
      if ('tombstone' in change) {
        if (change.entityType === 'appeal' || change.entityType === 'incident') {
          this.db.prepare('DELETE FROM sync_records WHERE entity_type = ? AND id = ?').run(change.entityType, change.id);
        }
        continue;
      }
      switch (change.entityType) {
        case 'appeal':
        case 'incident':
          for (const stamp of Object.values(change.data.stamps) as Stamp[]) if (latestHlc === null || stamp.hlc > latestHlc) latestHlc = stamp.hlc;
          if (this.putRecord(change.entityType, change.id, change.version, change.serverSeq, change.data)) {
            stored.set(`${change.entityType}:${change.id}`, change.data as AppealRecord | IncidentRecord);
          }
          touched.add(`${change.entityType}:${change.id}`);
          break;
        case 'day_closure':
          if (this.putRecord('day_closure', change.id, change.version, change.serverSeq, change.data)) touched.add(`day_closure:${change.id}`);
          break;
        case 'building_heating':
          if (this.putRecord('building_heating', change.id, change.version, change.serverSeq, change.data)) touched.add(`building_heating:${change.id}`);
          break;
        case 'appeal_event':
          // After the rows, below.
          break;
        case 'incident_event':
          break;
        case 'conflict':
          conflicts++;
          this.upsertConflict(change.data, change.data.detectedAt, change.data.reviewedBy, change.data.reviewedAt);
          break;
        case 'organisation':
          this.putOrganisation(change.data as unknown as OrganisationRecord);
          break;
        case 'heat_source':
          this.putHeatSource(change.data as unknown as HeatSourceRecord);
          break;
        case 'building':
          this.putBuilding(change.data as unknown as BuildingRecord);
          break;
      }
    }
    const dayClosureIds: string[] = [];
    const heatingBuildingIds: string[] = [];
    for (const key of touched) {
      const [type, id] = splitKey(key);
      if (type === 'day_closure') {
        if (this.deriveDayClosure(id, actor, nowMs)) dayClosureIds.push(id);
        continue;
      }
      if (type === 'building_heating') {
        if (this.deriveHeating(id, actor, nowMs)) heatingBuildingIds.push(id);
        continue;
      }
      const record = pendingIds.has(id) ? undefined : stored.get(key);
      const changed =
        record === undefined
          ? this.derive(type, id, actor, nowMs)
          : type === 'appeal'
            ? this.writeAppeal(record as AppealRecord, nowMs)
            : this.writeIncident(record as IncidentRecord, nowMs);
      if (changed) (type === 'appeal' ? appealIds : incidentIds).add(id);
    }
    // Events come after their rows (an appeal or incident new here is inserted by derive()).
    for (const change of sorted) {
      if ('tombstone' in change) continue;
      if (change.entityType === 'appeal_event' && this.putEvent('appeal', change.data)) appealIds.add(change.data.entityId);
      if (change.entityType === 'incident_event' && this.putEvent('incident', change.data)) incidentIds.add(change.data.entityId);
    }
    this.deferred?.finish();
    if (latestHlc !== null) this.receiveClock(latestHlc, nowMs);
    if (position.kind === 'pull') {
      this.setState.run('cursor', position.cursor);
      this.logPull(cursorPosition(position.cursor), nowMs);
    } else if (position.nextPageToken) {
      this.setState.run('snapshot', JSON.stringify({ pageToken: position.nextPageToken, cursor: position.cursor }));
    } else {
      // The snapshot's last page: pull continues from its cursor.
      this.delState.run('snapshot');
      this.setState.run('cursor', position.cursor);
      this.logPull(Math.max(cursorPosition(position.cursor), maxSeq), nowMs);
    }
    return { applied: changes.length, appealIds: [...appealIds], incidentIds: [...incidentIds], dayClosureIds, heatingBuildingIds, conflicts };
  }

  /**
   * Merges the latest pulled change's hybrid clock into this workstation's (hlcReceive): its next op
   * sorts after everything it has seen, whatever its wall clock says (docs/sync-protocol.md §7).
   */
  private receiveClock(remote: string, nowMs: number): void {
    const prev = this.readClock();
    const next = hlcReceive(prev, { ...parseHlc(remote), node: this.device.code }, nowMs);
    this.db.prepare("INSERT INTO meta(key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(formatHlc(next));
    // The latest stamp seen from the server, apart: a clock fix never restamps below it (restampIfAhead).
    const seen = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'hlc_pulled'").get()?.value;
    if (!seen || remote > seen) this.db.prepare("INSERT INTO meta(key, value) VALUES ('hlc_pulled', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(remote);
  }

  private readClock(): HlcState {
    const stored = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'hlc'").get()?.value;
    return stored ? parseHlc(stored) : { wallMs: 0, counter: 0, node: this.device.code };
  }

  /**
   * Ops stamped while the clock was ahead, now that it has been set right (their hybrid clock is more
   * than `toleranceMs` ahead of now): restamped in device order from the corrected clock, after the
   * ops the server already holds, and the workstation's clock reset. Nobody has seen them, so it is
   * safe; otherwise the server would refuse them until real time caught up. Returns how many.
   */
  restampIfAhead(nowMs: number, toleranceMs: number): number {
    return this.db
      .transaction(() => {
        // A stamp ahead of a slow clock only because it follows a stamp pulled from the server is no
        // fast clock's: the limit is the tolerance past the later of now and the latest pulled stamp.
        const pulled = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'hlc_pulled'").get()?.value ?? null;
        const pulledMs = pulled ? parseHlc(pulled).wallMs : 0;
        const limit = formatHlc({ wallMs: Math.max(nowMs, pulledMs) + toleranceMs, counter: 99999, node: '~' });
        const ahead = this.db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND hlc > ?").get(limit)?.n ?? 0;
        const clockAhead = formatHlc(this.readClock()) > limit;
        if (ahead === 0 && !clockAhead) return 0;
        const sentHlc = this.db.prepare<[], { hlc: string | null }>("SELECT max(hlc) AS hlc FROM outbox WHERE state != 'pending'").get()?.hlc ?? null;
        // Restamped after both the ops the server holds and what was pulled, so causal order stays.
        const sent = pulled !== null && (sentHlc === null || pulled > sentHlc) ? pulled : sentHlc;
        let state: HlcState = sent ? { ...parseHlc(sent), node: this.device.code } : { wallMs: 0, counter: 0, node: this.device.code };
        const pending = this.db.prepare<[], { device_seq: number }>("SELECT device_seq FROM outbox WHERE state = 'pending' ORDER BY device_seq").all();
        const update = this.db.prepare<[string, number]>('UPDATE outbox SET hlc = ? WHERE device_seq = ?');
        for (const row of pending) {
          state = hlcTick(state, nowMs);
          update.run(formatHlc(state), row.device_seq);
        }
        this.db.prepare("INSERT INTO meta(key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(formatHlc(state));
        return pending.length;
      })
      .immediate();
  }

  /** The server cannot serve the cursor: forget it (and any snapshot in progress), so the next sync takes a snapshot. */
  forgetCursor(): void {
    this.db.transaction(() => {
      this.delState.run('cursor');
      this.delState.run('snapshot');
    })();
  }

  private logPull(serverSeq: number, nowMs: number): void {
    const last = this.db.prepare<[], { seq: number | null }>('SELECT max(device_seq) AS seq FROM outbox').get()?.seq ?? 0;
    this.db.prepare('INSERT INTO sync_pull_log (server_seq, last_device_seq, at) VALUES (?, ?, ?)').run(serverSeq, last, nowMs);
  }

  /** Keeps the server's record unless a newer one is kept already; true if this one was kept. */
  private putRecord(type: Tracked, id: string, version: number, serverSeq: number, data: unknown): boolean {
    return this.db
      .prepare(`INSERT INTO sync_records (entity_type, id, version, server_seq, record) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(entity_type, id) DO UPDATE SET version = excluded.version, server_seq = excluded.server_seq, record = excluded.record
        WHERE excluded.server_seq >= sync_records.server_seq`)
      .run(type, id, version, serverSeq, JSON.stringify(data)).changes > 0;
  }

  /**
   * The entity as the screens show it: the server's record with the pending ops replayed over it
   * (the same reducer as the server, each op annotated with what it saw). Returns true if the local
   * row changed.
   */
  private derive(type: 'appeal' | 'incident', id: string, actor: Actor, nowMs: number): boolean {
    const stored = this.recordOf.get(type, id);
    const pending = this.pendingForEntity.all(id).map((row) => this.toPushOp(row));
    if (type === 'appeal') {
      let record = stored ? (JSON.parse(stored.record) as AppealRecord) : null;
      for (const op of pending) {
        const result = applyAppealOp(record, op, actor, { nowMs });
        if (result.kind === 'applied' || result.kind === 'merged') record = result.record;
      }
      return record ? this.writeAppeal(record, nowMs) : false;
    }
    let record = stored ? (JSON.parse(stored.record) as IncidentRecord) : null;
    for (const op of pending) {
      const result = applyIncidentOp(record, op, actor, { nowMs });
      if (result.kind === 'applied' || result.kind === 'merged') record = result.record;
    }
    return record ? this.writeIncident(record, nowMs) : false;
  }

  /** A district's day (day_closures): the server's record with this workstation's pending sign or return replayed over it. */
  private deriveDayClosure(id: string, actor: Actor, nowMs: number): boolean {
    const stored = this.recordOf.get('day_closure', id);
    let record = stored ? (JSON.parse(stored.record) as DayClosureRecord) : null;
    for (const row of this.pendingForEntity.all(id)) {
      if (row.entity_type !== 'day_closure') continue;
      const result = applyDayClosureOp(record, this.toPushOp(row), actor, { nowMs });
      if (result.kind === 'applied' || result.kind === 'merged') record = result.record;
    }
    return record ? this.dayClosures.put(record, nowMs) : false;
  }

  /**
   * A building's heating status: the server's record with this workstation's pending changes
   * replayed over it, written through the heating repository's one write (a change from elsewhere
   * gets its history entry here; this workstation's own, echoed back, changes nothing).
   */
  private deriveHeating(buildingId: string, actor: Actor, nowMs: number): boolean {
    const stored = this.recordOf.get('building_heating', buildingId);
    let record = stored ? (JSON.parse(stored.record) as HeatingRecord) : null;
    for (const row of this.pendingForEntity.all(buildingId)) {
      if (row.entity_type !== 'building_heating') continue;
      const result = applyHeatingOp(record, this.toPushOp(row), actor, { nowMs });
      if (result.kind === 'applied' || result.kind === 'merged') record = result.record;
    }
    if (!record || !this.db.prepare('SELECT 1 FROM buildings WHERE id = ?').get(buildingId)) return false;
    const f = record.fields;
    return this.heating.applyChange({ buildingId, status: f.status, statusDate: f.statusDate, reason: f.reason, by: f.setBy, at: f.setAt, source: f.source }) === 'changed';
  }

  private writeAppeal(record: AppealRecord, nowMs: number): boolean {
    const row = this.db
      .prepare<[string], { status: string; executor_org_id: string | null; district: string; official_number: string | null }>(
        'SELECT status, executor_org_id, district, official_number FROM appeals WHERE id = ?',
      )
      .get(record.id);
    const f = record.fields;
    // Reference data comes before what uses it (snapshot sections, change-log order); should an
    // executor still be unknown here, a placeholder keeps the page from failing until its record comes.
    if (f.executorOrgId !== null) {
      this.db.prepare("INSERT INTO organisations (id, kind, name) VALUES (?, 'other', ?) ON CONFLICT(id) DO NOTHING").run(f.executorOrgId, f.executorOrgId);
    }
    if (!row) {
      const r = record.registration;
      // A building unknown here: the appeal waits in sync_records (rebuilt with its next change).
      const inserted = this.db
        .prepare(`INSERT INTO appeals
          (id, number, official_number, building_id, district, flat, applicant_name, applicant_phone, channel, category, priority, description,
           status, executor_org_id, received_at, registered_at, registered_by, deadline_at,
           reaction_deadline_at, check_deadline_at, feedback_deadline_at, answer_deadline_at, version, updated_at)
          SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?
          WHERE EXISTS (SELECT 1 FROM buildings WHERE id = ?)`)
        .run(
          record.id,
          r.number,
          record.officialNumber,
          r.buildingId,
          f.district,
          r.flat,
          r.applicantName ?? '',
          r.applicantPhone ?? '',
          r.channel,
          r.category,
          r.priority ?? 'normal',
          r.description,
          f.status,
          f.executorOrgId,
          r.receivedAt,
          r.registeredAt,
          r.registeredBy,
          r.deadlineAt,
          r.reactionDeadlineAt ?? null,
          r.checkDeadlineAt ?? null,
          r.feedbackDeadlineAt ?? null,
          r.answerDeadlineAt ?? null,
          nowMs,
          r.buildingId,
        );
      if (inserted.changes === 0) return false;
      this.deferred?.add({ id: record.id, buildingId: r.buildingId, status: f.status, receivedAt: r.receivedAt, deadlineAt: r.deadlineAt });
      this.incidentLinks.linkAppeal(record.id, nowMs);
      return true;
    }
    const official = row.official_number ?? record.officialNumber;
    if (row.status === f.status && row.executor_org_id === f.executorOrgId && row.district === f.district && row.official_number === official) return false;
    // The update trigger recounts the address from the appeals table: the deferred rows first.
    this.deferred?.flush();
    this.db
      .prepare(`UPDATE appeals SET status = ?, executor_org_id = ?, district = ?, official_number = ?, version = version + 1, updated_at = ? WHERE id = ?`)
      .run(f.status, f.executorOrgId, f.district, official, nowMs, record.id);
    return true;
  }

  private writeIncident(record: IncidentRecord, nowMs: number): boolean {
    const row = this.db
      .prepare<[string], { cause: string; planned_restore_at: number | null; restored_at: number | null }>(
        'SELECT cause, planned_restore_at, restored_at FROM incidents WHERE id = ?',
      )
      .get(record.id);
    const f = record.fields;
    if (!row) return this.insertIncident(record, nowMs);
    if (row.cause === f.cause && row.planned_restore_at === f.plannedRestoreAt && row.restored_at === f.restoredAt) return false;
    this.db
      .prepare('UPDATE incidents SET cause = ?, planned_restore_at = ?, restored_at = ?, version = version + 1, updated_at = ? WHERE id = ?')
      .run(f.cause, f.plannedRestoreAt, f.restoredAt, nowMs, record.id);
    return true;
  }

  /**
   * An incident made on another workstation: its row and its buildings known here. The author and
   * time are those of its earliest stamp (the creation's, on every field nobody changed since). The
   * local appeals registered while it was active are linked to it (incident-links.ts).
   */
  private insertIncident(record: IncidentRecord, nowMs: number): boolean {
    const c = record.creation as IncidentRecord['creation'] & { roomCelsius?: number | null };
    if (c.heatSourceId !== null && !this.db.prepare('SELECT 1 FROM heat_sources WHERE id = ?').get(c.heatSourceId)) return false;
    const first = (Object.values(record.stamps) as Stamp[]).reduce((a, b) => (b.hlc < a.hlc ? b : a));
    this.db
      .prepare(`INSERT INTO incidents (id, number, scope, heat_source_id, cause, started_at, planned_restore_at, restored_at,
        created_at, created_by, districts, version, updated_at, room_celsius) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`)
      .run(
        record.id,
        c.number,
        c.scope,
        c.scope === 'heat_source' ? c.heatSourceId : null,
        record.fields.cause,
        c.startedAt,
        record.fields.plannedRestoreAt,
        record.fields.restoredAt,
        parseHlc(first.hlc).wallMs,
        first.userId,
        record.districts.join(','),
        nowMs,
        c.roomCelsius ?? null,
      );
    const add = this.db.prepare('INSERT INTO incident_buildings (incident_id, building_id) SELECT ?, id FROM buildings WHERE id = ? ON CONFLICT DO NOTHING');
    for (const b of c.buildingIds) add.run(record.id, b);
    this.incidentLinks.linkIncident(record.id, nowMs);
    return true;
  }

  /** A server event, unless this workstation already holds it (its own op wrote the local one) or its entity is not here. */
  private putEvent(type: 'appeal' | 'incident', e: { id: string; entityId: string; type: string; at: number; by: string; data: Record<string, unknown> }): boolean {
    const table = type === 'appeal' ? 'appeal_events' : 'incident_events';
    const owner = type === 'appeal' ? 'appeals' : 'incidents';
    const column = type === 'appeal' ? 'appeal_id' : 'incident_id';
    // One statement: not this workstation's own (an op of its outbox wrote it), its entity here, not stored yet.
    const result = this.db
      .prepare(`INSERT INTO ${table} (id, ${column}, type, at, by, data) SELECT ?, ?, ?, ?, ?, ?
        WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE op_id = ?) AND EXISTS (SELECT 1 FROM ${owner} WHERE id = ?)
        ON CONFLICT(id) DO NOTHING`)
      .run(e.id, e.entityId, e.type, e.at, e.by, JSON.stringify(e.data), e.id, e.entityId);
    return result.changes > 0;
  }

  private upsertConflict(c: ConflictRecord, nowMs: number, reviewedBy: string | null, reviewedAt: number | null): void {
    // A review stays while the losing write is the same one; a newer losing write opens it again.
    this.db
      .prepare(`INSERT INTO sync_conflicts (id, entity_type, entity_id, field, winner, loser, detected_at, reviewed_by, reviewed_at)
        VALUES (@id, @entityType, @entityId, @field, @winner, @loser, @detectedAt, @reviewedBy, @reviewedAt)
        ON CONFLICT(id) DO UPDATE SET winner = excluded.winner, detected_at = excluded.detected_at,
          reviewed_by = CASE WHEN json_extract(sync_conflicts.loser, '$.stamp.opId') = json_extract(excluded.loser, '$.stamp.opId')
            THEN coalesce(excluded.reviewed_by, sync_conflicts.reviewed_by) ELSE excluded.reviewed_by END,
          reviewed_at = CASE WHEN json_extract(sync_conflicts.loser, '$.stamp.opId') = json_extract(excluded.loser, '$.stamp.opId')
            THEN coalesce(excluded.reviewed_at, sync_conflicts.reviewed_at) ELSE excluded.reviewed_at END,
          review_pending = CASE WHEN json_extract(sync_conflicts.loser, '$.stamp.opId') = json_extract(excluded.loser, '$.stamp.opId')
            AND excluded.reviewed_at IS NULL THEN sync_conflicts.review_pending ELSE 0 END,
          loser = excluded.loser`)
      .run({
        id: conflictId(c),
        entityType: c.entityType,
        entityId: c.entityId,
        field: c.field,
        winner: JSON.stringify(c.winner),
        loser: JSON.stringify(c.loser),
        detectedAt: nowMs,
        reviewedBy,
        reviewedAt,
      });
  }

  private putOrganisation(o: OrganisationRecord): void {
    const updated = this.db.prepare('UPDATE organisations SET kind = ?, name = ? WHERE id = ?').run(o.kind, o.name, o.id);
    if (updated.changes === 0) this.buildings.addOrganisations([o]);
  }

  private putHeatSource(h: HeatSourceRecord): void {
    const updated = this.db.prepare('UPDATE heat_sources SET kind = ?, name = ? WHERE id = ?').run(h.kind, h.name, h.id);
    if (updated.changes === 0) this.buildings.addHeatSources([h]);
  }

  private putBuilding(b: BuildingRecord): void {
    // A building's update rewrites its control row: the deferred rows first.
    this.deferred?.flush();
    const updated = this.db
      .prepare('UPDATE buildings SET district = ?, address = ?, management_org_id = ? WHERE id = ?')
      .run(b.district, b.address, b.managementOrgId ?? null, b.id);
    if (updated.changes === 0) this.buildings.addBuildings([b]);
  }

  // ——— state and lists ———

  counts(): SyncCounts {
    const read = (key: string) => this.getState.get(key)?.value ?? null;
    const count = (sql: string) => this.db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
    const snapshot = read('snapshot');
    const lastSync = read('last_sync_at');
    const lastError = read('last_error');
    return {
      cursor: read('cursor'),
      snapshot: snapshot ? (JSON.parse(snapshot) as SyncCounts['snapshot']) : null,
      pendingCount: count("SELECT count(*) AS n FROM outbox WHERE state = 'pending'"),
      rejectedCount: count("SELECT count(*) AS n FROM outbox WHERE state = 'rejected' AND reviewed_at IS NULL"),
      conflictCount: count('SELECT count(*) AS n FROM sync_conflicts WHERE reviewed_at IS NULL'),
      lastSyncAt: lastSync ? Number(lastSync) : null,
      lastError: lastError ? (JSON.parse(lastError) as SyncCounts['lastError']) : null,
    };
  }

  /** A sync finished (lastError null) or failed (the error in plain Russian). */
  noteSyncResult(nowMs: number, error: { message: string; userAction: string } | null): void {
    if (error) this.setState.run('last_error', JSON.stringify({ ...error, at: nowMs }));
    else {
      this.setState.run('last_sync_at', String(nowMs));
      this.delState.run('last_error');
    }
  }

  listConflicts(includeReviewed: boolean): SyncConflict[] {
    const rows = this.db
      .prepare<[], { id: string; entity_type: 'appeal' | 'incident'; entity_id: string; field: string; winner: string; loser: string; detected_at: number; reviewed_by: string | null; reviewed_at: number | null }>(
        `SELECT * FROM sync_conflicts ${includeReviewed ? '' : 'WHERE reviewed_at IS NULL'} ORDER BY detected_at DESC, id LIMIT 1000`,
      )
      .all();
    return rows.map((r) => {
      const where = this.describeEntity(r.entity_type, r.entity_id);
      const side = (raw: string) => {
        const w = JSON.parse(raw) as { value: string | number | null; stamp: Stamp };
        return { value: w.value, label: this.valueLabel(r.field, w.value), userId: w.stamp.userId, at: parseHlc(w.stamp.hlc).wallMs, mine: w.stamp.deviceId === this.device.deviceId };
      };
      return {
        id: r.id,
        entityType: r.entity_type,
        entityId: r.entity_id,
        number: where.number,
        address: where.address,
        field: r.field,
        kept: side(r.winner),
        other: side(r.loser),
        detectedAt: r.detected_at,
        reviewedBy: r.reviewed_by,
        reviewedAt: r.reviewed_at,
      };
    });
  }

  listRejected(includeReviewed: boolean): RejectedOp[] {
    const rows = this.db
      .prepare<[], OutboxRow>(`SELECT * FROM outbox WHERE state = 'rejected' ${includeReviewed ? '' : 'AND reviewed_at IS NULL'} ORDER BY device_seq DESC LIMIT 1000`)
      .all();
    return rows.map((r) => {
      const answer = JSON.parse(r.answer ?? '{}') as { code?: string; message?: string; userAction?: string };
      const where = this.describeEntity(r.entity_type, r.entity_id);
      return {
        opId: r.op_id,
        deviceSeq: r.device_seq,
        command: r.command,
        entityType: r.entity_type,
        entityId: r.entity_id,
        number: where.number,
        address: where.address,
        userId: r.user_id,
        createdAt: r.created_at,
        code: answer.code ?? 'rejected',
        message: answer.message ?? '',
        userAction: answer.userAction ?? '',
        answeredAt: r.answered_at ?? r.created_at,
        reviewedAt: r.reviewed_at,
      };
    });
  }

  /** Marks a conflict or a rejected op reviewed; returns false if there is none by that id. */
  markReviewed(kind: 'conflict' | 'rejected', id: string, by: string, nowMs: number): boolean {
    const result =
      kind === 'conflict'
        ? this.db.prepare('UPDATE sync_conflicts SET reviewed_by = ?, reviewed_at = ?, review_pending = 1 WHERE id = ?').run(by, nowMs, id)
        : this.db.prepare("UPDATE outbox SET reviewed_at = ? WHERE op_id = ? AND state = 'rejected'").run(nowMs, id);
    return result.changes > 0;
  }

  /** Conflicts reviewed here that the server has not taken yet (the oldest first). */
  pendingReviews(limit: number): string[] {
    return this.db
      .prepare<[number], { id: string }>('SELECT id FROM sync_conflicts WHERE review_pending = 1 ORDER BY reviewed_at, id LIMIT ?')
      .all(limit)
      .map((r) => r.id);
  }

  /** The server took these reviews (or does not know the conflicts): they are not sent again. */
  reviewsSent(ids: readonly string[]): void {
    const done = this.db.prepare('UPDATE sync_conflicts SET review_pending = 0 WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) done.run(id);
    })();
  }

  private describeEntity(type: 'appeal' | 'incident' | 'day_closure' | 'building_heating', id: string): { number: string | null; address: string | null } {
    // A district's day: «Октябрьский:2026-11-29» names itself.
    if (type === 'day_closure') return { number: id.replace(':', ', '), address: null };
    if (type === 'building_heating') {
      const row = this.db.prepare<[string], { address: string }>('SELECT address FROM buildings WHERE id = ?').get(id);
      return { number: null, address: row?.address ?? null };
    }
    if (type === 'appeal') {
      const row = this.db
        .prepare<[string], { number: string; official_number: string | null; address: string | null }>(
          'SELECT a.number, a.official_number, b.address FROM appeals a LEFT JOIN buildings b ON b.id = a.building_id WHERE a.id = ?',
        )
        .get(id);
      return { number: row ? (row.official_number ?? row.number) : null, address: row?.address ?? null };
    }
    const row = this.db.prepare<[string], { number: string }>('SELECT number FROM incidents WHERE id = ?').get(id);
    return { number: row?.number ?? null, address: null };
  }

  private valueLabel(field: string, value: string | number | null): string {
    if (value === null) return '—';
    if (field === 'status') return STATUS_LABELS[value as AppealStatus] ?? String(value);
    if (field === 'executorOrgId') {
      return this.db.prepare<[string], { name: string }>('SELECT name FROM organisations WHERE id = ?').get(String(value))?.name ?? String(value);
    }
    if (typeof value === 'number') return new Date(value).toISOString();
    return value;
  }
}
