// The appeal lifecycle in the local database: a workflow action, a logged call or a repeated call
// is read, decided (shared/domain/workflow.ts) and written — effect, audit event and outbox op — in
// one transaction. A refusal throws before anything is written, so it changes nothing.
import type Database from 'better-sqlite3';
import { ApiError, type FieldIssue } from '../../../shared/contract/errors.js';
import type { AppealCardView, BulkResult, LinkedAppeal } from '../../../shared/contract/lifecycle-schemas.js';
import type { z } from 'zod';
import type { attachRepeatedCallInput, bulkTransferInput, logCallInput } from '../../../shared/contract/lifecycle-schemas.js';
import type { Appeal } from '../../../shared/contract/schemas.js';
import { FINAL_STATUSES, STATUS_LABELS, type AppealStatus, type Category } from '../../../shared/domain/appeal-vocabulary.js';
import type { District } from '../../../shared/domain/districts.js';
import type { Actor } from '../../../shared/domain/roles.js';
import {
  availableActions,
  decide,
  type ActionData,
  type RefusalRule,
} from '../../../shared/domain/workflow.js';
import { workflowEvent } from '../../../shared/domain/workflow-event.js';
import type { AppealsRepository } from './appeals.js';
import type { OutboxRepository } from './outbox.js';

export interface AppealActionCommand {
  readonly appealId: string;
  readonly expectedVersion: number;
  readonly data: ActionData;
  readonly actor: Actor;
  readonly nowMs: number;
}

export type LogCallCommand = z.output<typeof logCallInput> & { readonly userId: string; readonly nowMs: number };
export type RepeatedCallCommand = z.output<typeof attachRepeatedCallInput> & { readonly userId: string; readonly nowMs: number };
export type BulkTransferCommand = z.output<typeof bulkTransferInput> & { readonly actor: Actor; readonly nowMs: number };

interface StateRow {
  id: string;
  number: string;
  status: AppealStatus;
  district: District;
  version: number;
  building_id: string;
  category: Category;
  executor_org_id: string | null;
  received_at: number;
}

/** Which field of the action's data each refusal is about; the rules of permission concern the action itself. */
const RULE_FIELDS: Record<RefusalRule, string> = {
  status: 'action',
  role: 'action',
  district: 'action',
  executor_required: 'data.executorOrgId',
  contact_required: 'data.contactPerson',
  what_done_required: 'data.whatWasDone',
  done_at_invalid: 'data.doneAt',
  temperatures_required: 'data.temperatures',
  temperature_invalid: 'data.temperatures',
  feedback_not_satisfied: 'data.feedback',
  feedback_attempts: 'data.attempts',
  reason_required: 'data.reason',
  original_required: 'data.originalId',
};

/** Call results that count as an unsuccessful attempt to reach the applicant. */
const FAILED_CALL_RESULTS = ['no_answer', 'busy', 'wrong_number'];

/**
 * The default executor of «Передать исполнителю»: for a supply-side category (no heating, low
 * temperature) at a building inside an active incident (a mass outage at its heat source or at a
 * chosen set of buildings), the building's heat supplier (its own, else its heat source's);
 * otherwise the building's management organisation; either one when the other is unknown.
 */
export const SUPPLY_SIDE_CATEGORIES: readonly Category[] = ['no_heating', 'low_temperature'];

function validation(message: string, issues: FieldIssue[]): ApiError {
  return new ApiError({ code: 'validation', message, issues });
}

export class LifecycleRepository {
  private readonly stateOf: Database.Statement<[string], StateRow>;
  private readonly byNumber: Database.Statement<[string, string], { id: string }>;
  private readonly update: Database.Statement;
  private readonly orgName: Database.Statement<[string], { id: string; name: string }>;
  private readonly executorsOf: Database.Statement<[string], { management: string | null; supplier: string | null }>;
  private readonly eventsOfType: Database.Statement<[string, string], { at: number; by: string; data: string }>;
  private readonly buildingRepeated: Database.Statement<[string], { n: number }>;
  private readonly activeIncidentAt: Database.Statement<[string], { id: string }>;
  private readonly originalOf: Database.Statement<[string], { id: string | null }>;
  private readonly duplicatesOf: Database.Statement<[string], LinkedAppeal>;
  private readonly linked: Database.Statement<[string], LinkedAppeal>;

  constructor(
    private readonly db: Database.Database,
    private readonly appeals: AppealsRepository,
    private readonly outbox: OutboxRepository,
  ) {
    this.stateOf = db.prepare(
      'SELECT id, number, status, district, version, building_id, category, executor_org_id, received_at FROM appeals WHERE id = ?',
    );
    this.byNumber = db.prepare('SELECT id FROM appeals WHERE number = ? OR official_number = ? LIMIT 1');
    this.update = db.prepare(`UPDATE appeals SET status = @status, executor_org_id = @executorOrgId, version = version + 1,
      updated_at = @nowMs WHERE id = @id AND version = @expectedVersion`);
    this.orgName = db.prepare('SELECT id, name FROM organisations WHERE id = ?');
    this.executorsOf = db.prepare(`SELECT b.management_org_id AS management, coalesce(b.heat_supplier_org_id, h.supplier_org_id) AS supplier
      FROM buildings b LEFT JOIN heat_sources h ON h.id = b.heat_source_id WHERE b.id = ?`);
    this.eventsOfType = db.prepare('SELECT at, by, data FROM appeal_events WHERE appeal_id = ? AND type = ? ORDER BY at, rowid');
    this.activeIncidentAt = db.prepare(`SELECT i.id FROM incident_buildings ib JOIN incidents i ON i.id = ib.incident_id
      WHERE ib.building_id = ? AND i.restored_at IS NULL LIMIT 1`);
    this.originalOf = db.prepare(`SELECT json_extract(data, '$.originalId') AS id FROM appeal_events
      WHERE appeal_id = ? AND type = 'mark_duplicate' ORDER BY at DESC, rowid DESC LIMIT 1`);
    const linkedColumns = `a.id, a.number, a.official_number AS officialNumber, a.status, a.received_at AS receivedAt,
      coalesce(a.flat, '') AS flat`;
    // The latest «Отметить дубликатом» of each appeal names its original; one returned to work and
    // marked again names the newer one.
    // From the events to the appeals (CROSS JOIN keeps that order): left to itself the planner
    // walked every appeal in status «Дубликат» (11 ms a card at 500,000 appeals).
    this.duplicatesOf = db.prepare(`SELECT ${linkedColumns} FROM appeal_events e CROSS JOIN appeals a ON a.id = e.appeal_id
      WHERE e.type = 'mark_duplicate' AND json_extract(e.data, '$.originalId') = ? AND a.status = 'duplicate'
      GROUP BY a.id ORDER BY a.received_at, a.id`);
    this.linked = db.prepare(`SELECT ${linkedColumns} FROM appeals a WHERE a.id = ?`);
    // The building's appeals, then each one's events (`+e.type` keeps the planner off the type index,
    // which walked every repeated call in the register: 6 ms a card on the demo's 6,000).
    this.buildingRepeated = db.prepare(`SELECT count(*) AS n FROM appeals a CROSS JOIN appeal_events e ON e.appeal_id = a.id
      WHERE a.building_id = ? AND +e.type = 'repeated_call'`);
  }

  private state(appealId: string): StateRow {
    const row = this.stateOf.get(appealId);
    if (!row) throw new ApiError({ code: 'not_found', message: 'Обращение не найдено' });
    return row;
  }

  private org(id: string | null): { id: string; name: string } | null {
    return id ? (this.orgName.get(id) ?? null) : null;
  }

  defaultExecutor(buildingId: string, category: Category): { id: string; name: string } | null {
    const ex = this.executorsOf.get(buildingId);
    if (!ex) return null;
    const supplySide = SUPPLY_SIDE_CATEGORIES.includes(category) && this.activeIncidentAt.get(buildingId) !== undefined;
    const order = supplySide ? [ex.supplier, ex.management] : [ex.management, ex.supplier];
    for (const id of order) {
      const org = this.org(id);
      if (org) return org;
    }
    return null;
  }

  /**
   * The appeal a new duplicate points to: the one named, or — when that one is itself a duplicate —
   * the original it repeats, so duplicates never chain. Naming the appeal itself, or one that is a
   * duplicate of it, is refused with the reason.
   */
  private rootOriginal(row: StateRow, named: { id: string }): string {
    const refuse = (message: string) => validation(message, [{ path: 'data.originalId', message }]);
    let current = this.state(named.id);
    for (let hops = 0; current.status === 'duplicate' && hops < 20; hops++) {
      const next = this.originalOf.get(current.id)?.id;
      if (!next || next === row.id) break;
      const nextRow = this.stateOf.get(next);
      if (!nextRow) break;
      current = nextRow;
    }
    if (current.id === row.id) throw refuse('Обращение не может быть дубликатом самого себя');
    if (current.status === 'duplicate' && this.originalOf.get(current.id)?.id === row.id) {
      throw refuse(`№ ${current.number} уже отмечено дубликатом этого обращения`);
    }
    // A duplicate leaves control with its original: only an open one in the same district carries it.
    if (FINAL_STATUSES.includes(current.status)) {
      throw refuse(
        `№ ${current.number} уже в статусе «${STATUS_LABELS[current.status]}»: дубликатом можно отметить только открытое обращение — это повторное обращение ведите как новое`,
      );
    }
    if (current.district !== row.district) {
      throw refuse(`№ ${current.number} — обращение другого района (${current.district}): исходное должно быть этого района`);
    }
    return current.id;
  }

  /**
   * Unsuccessful calls to the applicant that count for «не дозвонились»: those since the appeal came
   * in and, after «Вернуть на доработку», since the last return — the new result needs new calls.
   */
  failedAttempts(appealId: string): number {
    const row = this.state(appealId);
    const lastReturn = this.eventsOfType.all(appealId, 'return_for_rework').at(-1)?.at ?? 0;
    const since = Math.max(row.received_at, lastReturn);
    return this.eventsOfType
      .all(appealId, 'call')
      .filter((e) => e.at >= since)
      .map((e) => JSON.parse(e.data) as { direction?: string; result?: string })
      .filter((d) => d.direction === 'to_applicant' && FAILED_CALL_RESULTS.includes(d.result ?? '')).length;
  }

  /** Decides and applies one workflow action; throws an ApiError and writes nothing when refused. */
  apply(cmd: AppealActionCommand): Appeal {
    return this.db.transaction(() => this.applyInTransaction(cmd)).immediate();
  }

  private applyInTransaction(cmd: AppealActionCommand): Appeal {
    const { actor, nowMs, expectedVersion } = cmd;
    const row = this.state(cmd.appealId);
    if (row.version !== expectedVersion) {
      throw new ApiError({
        code: 'conflict',
        message: `Обращение № ${row.number} уже изменено (версия ${row.version}, у вас ${expectedVersion}): обновите карточку и повторите`,
      });
    }
    let data = cmd.data;
    if (data.action === 'mark_duplicate') {
      const original = this.stateOf.get(data.originalId) ?? this.byNumber.get(data.originalId.toUpperCase(), data.originalId.toUpperCase());
      if (!original) {
        throw validation('Исходное обращение не найдено', [{ path: 'data.originalId', message: 'Обращение с таким номером не найдено' }]);
      }
      data = { ...data, originalId: this.rootOriginal(row, original) };
    }
    if (data.action === 'transfer' && !this.org(data.executorOrgId)) {
      throw validation('Исполнитель не найден в справочнике', [{ path: 'data.executorOrgId', message: 'Выберите исполнителя из списка' }]);
    }
    if (data.action === 'close' && data.feedback === 'unreachable') {
      // The calls logged on the card count as attempts, whatever the dialog says.
      data = { ...data, attempts: Math.max(data.attempts, this.failedAttempts(row.id)) };
    }
    const decision = decide({ id: row.id, status: row.status, district: row.district, receivedAt: row.received_at }, data, actor, nowMs);
    if (!decision.ok) {
      throw validation(decision.message, [{ path: RULE_FIELDS[decision.rule], message: decision.message }]);
    }
    const executorOrgId = data.action === 'transfer' ? data.executorOrgId : row.executor_org_id;
    const changed = this.update.run({ id: row.id, status: decision.to, executorOrgId, nowMs, expectedVersion });
    if (changed.changes !== 1) throw new ApiError({ code: 'conflict', message: 'Обращение уже изменено: обновите карточку' });
    const action = data.action;
    const event = workflowEvent(row.status, data, decision, actor.role, {
      executorName: data.action === 'transfer' ? (this.org(data.executorOrgId)?.name ?? '') : '',
      originalNumber: data.action === 'mark_duplicate' ? (this.stateOf.get(data.originalId)?.number ?? '') : '',
    });
    this.appeals.appendEvent(row.id, event.type, nowMs, actor.userId, event.data);
    this.outbox.append(
      { command: action, entityType: 'appeal', entityId: row.id, baseVersion: row.version, userId: actor.userId, payload: { ...data, checkFailed: decision.checkFailed ?? false } },
      nowMs,
    );
    const updated = this.appeals.get(row.id);
    if (!updated) throw new Error(`appeal ${row.id} vanished inside its own transaction`);
    return updated;
  }

  logCall(cmd: LogCallCommand): Appeal {
    return this.db
      .transaction(() => {
        const row = this.state(cmd.appealId);
        const at = cmd.at ?? cmd.nowMs;
        if (at > cmd.nowMs + 5 * 60_000) {
          throw validation('Время звонка не может быть в будущем', [{ path: 'at', message: 'Время звонка не может быть в будущем' }]);
        }
        if (at < row.received_at - 60_000) {
          throw validation('Время звонка раньше поступления обращения', [{ path: 'at', message: 'Время звонка раньше поступления обращения' }]);
        }
        const data = { direction: cmd.direction, result: cmd.result, note: cmd.note };
        this.appeals.appendEvent(row.id, 'call', at, cmd.userId, data);
        this.outbox.append(
          { command: 'log_call', entityType: 'appeal', entityId: row.id, baseVersion: row.version, userId: cmd.userId, payload: { ...data, at } },
          cmd.nowMs,
        );
        return this.appeals.get(row.id) as Appeal;
      })
      .immediate();
  }

  attachRepeatedCall(cmd: RepeatedCallCommand): Appeal {
    return this.db
      .transaction(() => {
        const row = this.state(cmd.appealId);
        if (FINAL_STATUSES.includes(row.status)) {
          throw validation('Обращение уже закрыто: зарегистрируйте новое', [
            { path: 'appealId', message: 'Присоединить можно только к открытому обращению' },
          ]);
        }
        const data = {
          applicantName: cmd.applicantName,
          applicantPhone: cmd.applicantPhone,
          flat: cmd.flat,
          channel: cmd.channel,
          note: cmd.note,
        };
        this.appeals.appendEvent(row.id, 'repeated_call', cmd.nowMs, cmd.userId, data);
        this.outbox.append(
          { command: 'attach_repeated_call', entityType: 'appeal', entityId: row.id, baseVersion: row.version, userId: cmd.userId, payload: data },
          cmd.nowMs,
        );
        return this.appeals.get(row.id) as Appeal;
      })
      .immediate();
  }

  /** Each appeal in its own transaction: one refusal does not stop the others. */
  bulkTransfer(cmd: BulkTransferCommand): BulkResult {
    return cmd.appealIds.map((appealId) => {
      const row = this.stateOf.get(appealId);
      if (!row) return { appealId, number: '', ok: false, message: 'Обращение не найдено' };
      const executor = cmd.executorOrgId ? this.org(cmd.executorOrgId) : this.defaultExecutor(row.building_id, row.category);
      if (!executor) return { appealId, number: row.number, ok: false, message: 'Исполнитель по умолчанию не известен: у дома нет УК' };
      try {
        this.apply({
          appealId,
          expectedVersion: row.version,
          data: { action: 'transfer', executorOrgId: executor.id, method: cmd.method, contactPerson: cmd.contactPerson },
          actor: cmd.actor,
          nowMs: cmd.nowMs,
        });
        return { appealId, number: row.number, ok: true, message: `Передано: ${executor.name}` };
      } catch (error) {
        if (error instanceof ApiError) return { appealId, number: row.number, ok: false, message: error.message };
        throw error;
      }
    });
  }

  /** A duplicate's original and an original's duplicates, from the audit trail. */
  duplicateLinks(id: string, status: AppealStatus): Pick<AppealCardView, 'duplicateOf' | 'duplicates'> {
    const originalId = status === 'duplicate' ? this.originalOf.get(id)?.id : null;
    return {
      duplicateOf: originalId ? (this.linked.get(originalId) ?? null) : null,
      duplicates: this.duplicatesOf.all(id).filter((d) => this.originalOf.get(d.id)?.id === id),
    };
  }

  card(id: string, actor: Actor): Omit<AppealCardView, 'deadlines'> {
    const details = this.appeals.details(id);
    if (!details) throw new ApiError({ code: 'not_found', message: 'Обращение не найдено' });
    const row = this.state(id);
    const calls = this.eventsOfType.all(id, 'call').map((e) => {
      const d = JSON.parse(e.data) as { direction: 'to_applicant' | 'from_applicant'; result: 'reached'; note?: string };
      return { at: e.at, by: e.by, direction: d.direction, result: d.result, note: d.note ?? '' };
    });
    const repeatedCalls = this.eventsOfType.all(id, 'repeated_call').map((e) => {
      const d = JSON.parse(e.data) as AppealCardView['repeatedCalls'][number];
      return { ...d, at: e.at, by: e.by };
    });
    return {
      ...details,
      executorOrgId: row.executor_org_id,
      actions: availableActions({ id, status: row.status, district: row.district }, actor),
      actor,
      defaultExecutor: this.defaultExecutor(row.building_id, row.category),
      calls,
      failedCallAttempts: this.failedAttempts(id),
      repeatedCalls,
      buildingRepeatedCalls: this.buildingRepeated.get(row.building_id)?.n ?? 0,
      ...this.duplicateLinks(id, row.status),
    };
  }

  buildingRepeatedCalls(buildingId: string): number {
    return this.buildingRepeated.get(buildingId)?.n ?? 0;
  }
}
