// «Закрыть день» in the local database: carrying open appeals over (an appeal event and an outbox
// op each), the state of a district's day, its sign-off and the Department's return. The rules are
// shared/reports/day-closure.ts; the day's record is the sync reducer's (apply-day-closure.ts),
// written only through DayClosureRows. Every command decides first and writes everything in one
// transaction, so a refusal changes nothing.
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/contract/errors.js';
import type {
  CarryOverView,
  ClosureAppeal,
  DayClosures,
  DayClosureView,
  DayFigures,
  DistrictClosure,
} from '../../../shared/contract/day-closure-schemas.js';
import { FINAL_STATUSES, STATUSES, type AppealStatus, type Category } from '../../../shared/domain/appeal-vocabulary.js';
import { DISTRICTS, type District } from '../../../shared/domain/districts.js';
import { ProductionCalendar, type CalendarDayType } from '../../../shared/domain/production-calendar.js';
import { isCityWide, type Actor } from '../../../shared/domain/roles.js';
import {
  checkCarryOver,
  checkCarryOverActor,
  checkClosableDay,
  checkReturn,
  checkSign,
  isHandled,
  unhandled,
  type Check,
} from '../../../shared/reports/day-closure.js';
import { shiftDay, summaryDay, type SummaryDay } from '../../../shared/reports/summary-day.js';
import { applyDayClosureOp, dayClosureId, type DayClosureRecord } from '../../../shared/sync/apply-day-closure.js';
import type { AppealsRepository } from './appeals.js';
import { DayClosureRows } from './day-closure-rows.js';
import type { DaySummaryReport } from './day-summary-report.js';
import type { OutboxRepository } from './outbox.js';

const OPEN_SQL = STATUSES.filter((s) => !FINAL_STATUSES.includes(s))
  .map((s) => `'${s}'`)
  .join(', ');

interface OpenRow {
  id: string;
  number: string;
  address: string;
  status: AppealStatus;
  category: Category;
  received_at: number;
  next_deadline_at: number | null;
}

interface AppealState {
  id: string;
  number: string;
  status: AppealStatus;
  district: District;
  version: number;
}

export interface CarryOverCommand {
  readonly appealIds: readonly string[];
  readonly day: string;
  readonly reason: string;
  readonly controlDate: string;
  readonly actor: Actor;
  readonly nowMs: number;
}

export interface SignDayCommand {
  readonly district: District;
  readonly day: string;
  readonly comment: string;
  readonly actor: Actor;
  readonly nowMs: number;
}

export interface ReturnDayCommand {
  readonly district: District;
  readonly day: string;
  readonly reason: string;
  readonly actor: Actor;
  readonly nowMs: number;
}

function refused(check: Check, path: string, prefix = ''): never {
  if (check.ok) throw new Error('refused() called on an accepted check');
  const message = `${prefix}${check.message}`;
  throw new ApiError({ code: 'validation', message, issues: [{ path, message }] });
}

function parsedDay(date: string): SummaryDay {
  const day = summaryDay(date);
  if (!day) {
    const message = `«${date}» — не дата: укажите день как ГГГГ-ММ-ДД`;
    throw new ApiError({ code: 'validation', message, issues: [{ path: 'day', message }] });
  }
  return day;
}

export class DayClosureRepository {
  private readonly rows: DayClosureRows;
  private readonly stateOf: Database.Statement<[string], AppealState>;
  private readonly openOfDay: Database.Statement<[string, number], OpenRow>;
  private readonly carryOversOf: Database.Statement<[string], { at: number; by: string; data: string }>;
  private readonly carriedForDay: Database.Statement<[string, string], { n: number }>;
  private readonly eventsAfter: Database.Statement<[string, number], { type: string; at: number; by: string }>;
  private readonly changedSince: Database.Statement<[string, number, number, number, number], OpenRow>;
  private readonly calendarDays: Database.Statement<[], { date: string; type: CalendarDayType }>;
  private readonly closuresOfDay: Database.Statement<[string], { record: string }>;

  constructor(
    private readonly db: Database.Database,
    private readonly appeals: AppealsRepository,
    private readonly outbox: OutboxRepository,
    private readonly summary: DaySummaryReport,
  ) {
    this.rows = new DayClosureRows(db);
    this.stateOf = db.prepare('SELECT id, number, status, district, version FROM appeals WHERE id = ?');
    const columns = `a.id, a.number, b.address, a.status, a.category, a.received_at, a.next_deadline_at
      FROM appeals a JOIN buildings b ON b.id = a.building_id`;
    this.openOfDay = db.prepare(`SELECT ${columns}
      WHERE a.district = ? AND a.status IN (${OPEN_SQL}) AND a.received_at < ? ORDER BY a.received_at, a.id`);
    this.carryOversOf = db.prepare(`SELECT at, by, data FROM appeal_events INDEXED BY appeal_events_carried_over
      WHERE appeal_id = ? AND type = 'carried_over' ORDER BY at, rowid`);
    this.carriedForDay = db.prepare(`SELECT count(DISTINCT e.appeal_id) AS n FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id
      WHERE e.type = 'carried_over' AND a.district = ? AND json_extract(e.data, '$.day') = ?`);
    this.eventsAfter = db.prepare('SELECT type, at, by FROM appeal_events WHERE appeal_id = ? AND at > ? ORDER BY at, rowid');
    // A signed day's lists: its district's appeals received in it, open now, or moved since the
    // signature (updated_at follows every status change) — those with an event after it.
    this.changedSince = db.prepare(`SELECT ${columns}
      WHERE a.district = ? AND a.received_at < ? AND (a.received_at >= ? OR a.status IN (${OPEN_SQL}) OR a.updated_at > ?)
        AND EXISTS (SELECT 1 FROM appeal_events e INDEXED BY appeal_events_appeal WHERE e.appeal_id = a.id AND e.at > ?)
      ORDER BY a.received_at, a.id`);
    this.calendarDays = db.prepare('SELECT date, type FROM calendar_days');
    this.closuresOfDay = db.prepare('SELECT record FROM day_closures WHERE day = ?');
  }

  /** Carries each appeal over: an event `carried_over` and an op `carry_over` each, all or none. */
  carryOver(cmd: CarryOverCommand): { carried: number } {
    const closable = checkClosableDay(cmd.day, cmd.nowMs);
    if (!closable.ok) refused(closable, 'day');
    const data = checkCarryOver(cmd);
    if (!data.ok) refused(data, data.rule === 'control_date' ? 'controlDate' : data.rule === 'bad_day' ? 'day' : 'reason');
    const payload = { day: cmd.day, reason: cmd.reason.trim(), controlDate: cmd.controlDate };
    const ids = [...new Set(cmd.appealIds)];
    return this.db
      .transaction(() => {
        for (const id of ids) {
          const row = this.stateOf.get(id);
          if (!row) {
            const message = `Обращение ${id} не найдено`;
            throw new ApiError({ code: 'not_found', message });
          }
          if (FINAL_STATUSES.includes(row.status)) {
            const message = `Обращение № ${row.number} уже не открыто: переносятся только открытые обращения`;
            throw new ApiError({ code: 'validation', message, issues: [{ path: 'appealIds', message }] });
          }
          const who = checkCarryOverActor(cmd.actor, row.district);
          if (!who.ok) refused(who, 'appealIds', `Обращение № ${row.number}: `);
          this.appeals.appendEvent(row.id, 'carried_over', cmd.nowMs, cmd.actor.userId, payload);
          this.outbox.append(
            { command: 'carry_over', entityType: 'appeal', entityId: row.id, baseVersion: row.version, userId: cmd.actor.userId, payload },
            cmd.nowMs,
          );
        }
        return { carried: ids.length };
      })
      .immediate();
  }

  /** The state of a district's day as the deputy head sees it. */
  view(district: District, day: SummaryDay, actor: Actor, nowMs: number): DayClosureView {
    const record = this.rows.get(dayClosureId(district, day.date));
    const appeals = this.openAppeals(district, day);
    const open = appeals.filter((a) => !a.handled).length;
    const fields = record?.fields ?? null;
    const signed = fields?.state === 'signed';
    const inDistrict = isCityWide(actor.role) || actor.district === district;
    return {
      district,
      day: day.date,
      state: fields?.state ?? 'open',
      closure: fields ? { ...fields, figures: JSON.parse(fields.figures) as DayFigures } : null,
      history: (record?.history ?? []).map(({ type, at, by, comment, reason, figures, carriedOver }) => ({
        type,
        at,
        by,
        ...(comment !== undefined ? { comment } : {}),
        ...(reason !== undefined ? { reason } : {}),
        ...(figures !== undefined ? { figures } : {}),
        ...(carriedOver !== undefined ? { carriedOver } : {}),
      })),
      figuresNow: this.figures(district, day, nowMs),
      appeals,
      unhandled: open,
      carriedOver: this.carriedForDay.get(district, day.date)?.n ?? 0,
      changedAfter: signed && fields ? this.changedAfter(district, day, fields.signedAt) : [],
      nextWorkingDay: this.nextWorkingDay(day),
      canCarryOver: !signed && actor.role !== 'operator' && inDistrict,
      canSign: !signed && actor.role === 'deputy_head' && actor.district === district,
      canReturn: signed && isCityWide(actor.role),
    };
  }

  /** Signs the day: the figures of «Итоги дня» now, an op `sign_day`, the record — or nothing. */
  sign(cmd: SignDayCommand): DayClosureView {
    const day = parsedDay(cmd.day);
    return this.db
      .transaction(() => {
        const id = dayClosureId(cmd.district, day.date);
        const current = this.rows.get(id);
        const waiting = unhandled(
          day.date,
          this.openOfDay.all(cmd.district, day.to).map((r) => ({ id: r.id, carryOvers: this.carryOvers(r.id) })),
        );
        const check = checkSign(
          cmd.actor,
          { district: cmd.district, day: day.date, comment: cmd.comment, unhandled: waiting, current: current ? { state: current.fields.state } : null },
          cmd.nowMs,
        );
        if (!check.ok) refused(check, check.rule === 'comment_too_long' ? 'comment' : 'day');
        const payload = {
          district: cmd.district,
          day: day.date,
          comment: cmd.comment,
          figures: this.figures(cmd.district, day, cmd.nowMs),
          carriedOver: this.carriedForDay.get(cmd.district, day.date)?.n ?? 0,
        };
        this.applyOp(current, 'sign_day', id, payload, cmd.actor, cmd.nowMs);
        return this.view(cmd.district, day, cmd.actor, cmd.nowMs);
      })
      .immediate();
  }

  /** The Department returns a signed day to its district with a reason. */
  returnDay(cmd: ReturnDayCommand): DayClosureView {
    const day = parsedDay(cmd.day);
    return this.db
      .transaction(() => {
        const id = dayClosureId(cmd.district, day.date);
        const current = this.rows.get(id);
        const check = checkReturn(cmd.actor, { reason: cmd.reason, current: current ? { state: current.fields.state } : null });
        if (!check.ok) refused(check, check.rule === 'not_signed' ? 'day' : 'reason');
        this.applyOp(current, 'return_day', id, { reason: cmd.reason.trim() }, cmd.actor, cmd.nowMs);
        return this.view(cmd.district, day, cmd.actor, cmd.nowMs);
      })
      .immediate();
  }

  /** The nine districts' state of a day, for the Department. */
  states(day: SummaryDay, actor: Actor): DayClosures {
    const byDistrict = new Map<string, DayClosureRecord>();
    for (const row of this.closuresOfDay.all(day.date)) {
      const record = JSON.parse(row.record) as DayClosureRecord;
      byDistrict.set(record.district, record);
    }
    const districts = DISTRICTS.map((district): DistrictClosure => {
      const f = byDistrict.get(district)?.fields;
      return {
        district,
        state: f?.state ?? 'open',
        signedBy: f?.signedBy ?? null,
        signedAt: f?.signedAt ?? null,
        comment: f?.comment ?? null,
        returnReason: f?.returnReason ?? null,
        returnedBy: f?.returnedBy ?? null,
        returnedAt: f?.returnedAt ?? null,
      };
    });
    return { day: day.date, districts, canReturn: isCityWide(actor.role) };
  }

  private applyOp(current: DayClosureRecord | null, command: 'sign_day' | 'return_day', id: string, payload: object, actor: Actor, nowMs: number): void {
    const op = this.outbox.append({ command, entityType: 'day_closure', entityId: id, baseVersion: current?.version ?? 0, userId: actor.userId, payload }, nowMs);
    const result = applyDayClosureOp(current, op, actor, { nowMs });
    if (result.kind === 'rejected') throw new ApiError({ code: 'validation', message: result.message, issues: [{ path: 'day', message: result.message }] });
    if (result.kind === 'duplicate') throw new Error(`op ${op.opId} of ${id} taken for a duplicate`);
    this.rows.put(result.record, nowMs);
  }

  private figures(district: District, day: SummaryDay, nowMs: number): DayFigures {
    const { received, closed, open, overdue } = this.summary.summary(district, day, nowMs).figures;
    return { received, closed, open, overdue };
  }

  private carryOvers(appealId: string): CarryOverView[] {
    return this.carryOversOf.all(appealId).map((e) => {
      const d = JSON.parse(e.data) as { day: string; reason: string; controlDate: string };
      return { day: d.day, reason: d.reason, controlDate: d.controlDate, by: e.by, at: e.at };
    });
  }

  private openAppeals(district: District, day: SummaryDay): ClosureAppeal[] {
    return this.openOfDay.all(district, day.to).map((r) => {
      const carryOvers = this.carryOvers(r.id);
      return {
        id: r.id,
        number: r.number,
        address: r.address,
        status: r.status,
        category: r.category,
        receivedAt: r.received_at,
        pendingDeadlineAt: r.next_deadline_at,
        handled: isHandled(day.date, carryOvers),
        latestCarryOver: carryOvers.at(-1) ?? null,
      };
    });
  }

  private changedAfter(district: District, day: SummaryDay, signedAt: number): DayClosureView['changedAfter'] {
    return this.changedSince.all(district, day.to, day.from, signedAt, signedAt).map((r) => ({
      id: r.id,
      number: r.number,
      address: r.address,
      status: r.status,
      changes: this.eventsAfter.all(r.id, signedAt),
    }));
  }

  private nextWorkingDay(day: SummaryDay): string {
    const calendar = new ProductionCalendar(this.calendarDays.all());
    let next = shiftDay(day, -1);
    while (!calendar.isWorkingDate(next.date)) next = shiftDay(next, -1);
    return next.date;
  }
}
