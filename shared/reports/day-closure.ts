// «Закрыть день»: the deputy head's sign-off of a district's day. Pure rules, no I/O; the core
// and (through sync) the central endpoint apply the same ones.
// - Before the sign-off every appeal still open in the district (received by the day's end) must
//   be handled: closed through the workflow, or carried over with a reason and a new control date
//   after the day. A carry-over holds until its control date, so an appeal carried to Friday does
//   not have to be carried again on Wednesday and Thursday.
// - The deputy head of the district signs (a comment is optional); the figures are recorded as they
//   were. A signed day is read-only; the Department may return it to the district with a reason,
//   and then it is signed again.
import type { District } from '../domain/districts.js';
import { isCityWide, type Actor } from '../domain/roles.js';
import { summaryDay, summaryDayOf } from './summary-day.js';

export const CARRY_OVER_REASON_MAX = 500;
export const SIGN_COMMENT_MAX = 2000;
export const RETURN_REASON_MAX = 1000;
/** A control date further than this from the day is taken for a typo. */
export const CARRY_OVER_MAX_DAYS = 90;

export interface CarryOver {
  readonly appealId: string;
  /** The day being closed when it was carried (YYYY-MM-DD). */
  readonly day: string;
  readonly reason: string;
  /** YYYY-MM-DD, after `day`: the appeal is looked at again then. */
  readonly controlDate: string;
  readonly by: string;
  readonly at: number;
}

export type DayClosureRule =
  | 'bad_day'
  | 'future_day'
  | 'role'
  | 'district'
  | 'reason_required'
  | 'reason_too_long'
  | 'control_date'
  | 'not_handled'
  | 'already_signed'
  | 'not_signed'
  | 'comment_too_long';

export type Check = { readonly ok: true } | { readonly ok: false; readonly rule: DayClosureRule; readonly message: string };

const OK: Check = { ok: true };
const refuse = (rule: DayClosureRule, message: string): Check => ({ ok: false, rule, message });

/** A day that can be closed: a real date, not after today in Samara. */
export function checkClosableDay(day: string, nowMs: number): Check {
  const parsed = summaryDay(day);
  if (!parsed) return refuse('bad_day', `«${day}» — не дата: укажите день как ГГГГ-ММ-ДД`);
  if (parsed.date > summaryDayOf(nowMs).date) return refuse('future_day', 'Нельзя закрыть день, который ещё не наступил');
  return OK;
}

/** Who may carry an appeal over: the district's controller or deputy head, the Department, the admin. */
export function checkCarryOverActor(actor: Actor, district: District): Check {
  if (actor.role === 'operator') return refuse('role', 'Переносить обращения может контролёр района, заместитель главы района или Департамент');
  if (!isCityWide(actor.role) && actor.district !== district) return refuse('district', `Обращение другого района (${district})`);
  return OK;
}

/** A carry-over's own data: a reason and a control date after the day closed, within CARRY_OVER_MAX_DAYS. */
export function checkCarryOver(input: { day: string; reason: string; controlDate: string }): Check {
  const reason = input.reason.trim();
  if (reason.length === 0) return refuse('reason_required', 'Укажите причину переноса');
  if (reason.length > CARRY_OVER_REASON_MAX) return refuse('reason_too_long', `Причина не длиннее ${CARRY_OVER_REASON_MAX} символов`);
  const day = summaryDay(input.day);
  if (!day) return refuse('bad_day', `«${input.day}» — не дата: укажите день как ГГГГ-ММ-ДД`);
  const control = summaryDay(input.controlDate);
  if (!control) return refuse('control_date', 'Новая контрольная дата — не дата');
  if (control.date <= day.date) return refuse('control_date', 'Новая контрольная дата должна быть позже закрываемого дня');
  if (control.from - day.from > CARRY_OVER_MAX_DAYS * 24 * 3_600_000) {
    return refuse('control_date', `Новая контрольная дата не дальше ${CARRY_OVER_MAX_DAYS} дней от закрываемого дня`);
  }
  return OK;
}

/** An open appeal is handled for a day when a carry-over holds it past that day. */
export function isHandled(day: string, carryOvers: readonly Pick<CarryOver, 'day' | 'controlDate'>[]): boolean {
  return carryOvers.some((c) => c.day <= day && c.controlDate > day);
}

/** The open appeals of the day not yet handled: the sign-off waits for each of them. */
export function unhandled(day: string, open: readonly { readonly id: string; readonly carryOvers: readonly Pick<CarryOver, 'day' | 'controlDate'>[] }[]): string[] {
  return open.filter((a) => !isHandled(day, a.carryOvers)).map((a) => a.id);
}

export type DayClosureState = 'signed' | 'returned';

export interface DayClosureStatus {
  readonly state: DayClosureState;
}

/** The sign-off: the district's deputy head, a closable day not signed now, every open appeal handled. */
export function checkSign(
  actor: Actor,
  input: { district: District; day: string; comment: string; unhandled: readonly string[]; current: DayClosureStatus | null },
  nowMs: number,
): Check {
  const day = checkClosableDay(input.day, nowMs);
  if (!day.ok) return day;
  if (actor.role !== 'deputy_head') return refuse('role', 'День закрывает заместитель главы района');
  if (actor.district !== input.district) return refuse('district', `День другого района (${input.district})`);
  if (input.comment.length > SIGN_COMMENT_MAX) return refuse('comment_too_long', `Комментарий не длиннее ${SIGN_COMMENT_MAX} символов`);
  if (input.current?.state === 'signed') return refuse('already_signed', 'День уже закрыт; вернуть его на доработку может Департамент');
  if (input.unhandled.length > 0) {
    return refuse('not_handled', `Не обработано обращений: ${input.unhandled.length}. Закройте каждое или перенесите с причиной и новой контрольной датой`);
  }
  return OK;
}

/** Returning a signed day to the district: the Department (or the admin), with a reason. */
export function checkReturn(actor: Actor, input: { reason: string; current: DayClosureStatus | null }): Check {
  if (!isCityWide(actor.role)) return refuse('role', 'Вернуть закрытый день району может Департамент');
  if (input.current?.state !== 'signed') return refuse('not_signed', 'Этот день не закрыт: возвращать нечего');
  const reason = input.reason.trim();
  if (reason.length === 0) return refuse('reason_required', 'Укажите, почему день возвращается району');
  if (reason.length > RETURN_REASON_MAX) return refuse('reason_too_long', `Причина не длиннее ${RETURN_REASON_MAX} символов`);
  return OK;
}
