// Mass outages («Инциденты»): who may record them, the rules of their data, and what restoring heat
// does to the appeals linked to one. Pure; the DB worker applies the decisions in one transaction.
//
// Restoring an incident is the heat supplier's work done for every appeal it caused, so each linked
// appeal that is open and not yet done goes to checking: the status «Выполнено исполнителем», the
// one the workflow's «Отметить выполнение» leads to (TRANSITIONS.mark_done.to). It is not the
// workflow action itself — that starts only from «В работе» and is taken by a person on one appeal —
// but its effect: the appeal then follows the workflow as usual («Проверено» by a call, a visit or a
// measurement, or «Вернуть на доработку»). Appeals already done, checked or final are left alone.
import type { AppealStatus } from './appeal-vocabulary.js';
import type { District } from './districts.js';
import { isCityWide, ROLE_LABELS, type Actor, type Role } from './roles.js';
import { TRANSITIONS } from './workflow.js';

export const INCIDENT_SCOPES = ['heat_source', 'buildings'] as const;
export type IncidentScope = (typeof INCIDENT_SCOPES)[number];

/** Roles that record, change and restore incidents. */
export const INCIDENT_ROLES: readonly Role[] = ['operator', 'district_controller', 'deputy_head', 'department', 'admin'];

/** Statuses a restore moves to checking, and where to. */
export const RESTORE_MOVES_FROM: readonly AppealStatus[] = ['registered', 'transferred', 'in_progress', 'returned'];
export const RESTORE_MOVES_TO: AppealStatus = TRANSITIONS.mark_done.to;

export type IncidentRefusalRule = 'role' | 'district' | 'restored' | 'no_buildings' | 'planned_before_start' | 'restore_before_start' | 'start_in_future';
export type IncidentRefusal = { readonly ok: false; readonly rule: IncidentRefusalRule; readonly message: string };
export type IncidentDecision = { readonly ok: true } | IncidentRefusal;

const OK: IncidentDecision = { ok: true };
const refuse = (rule: IncidentRefusalRule, message: string): IncidentRefusal => ({ ok: false, rule, message });

/** The appeal-event text of a restore. */
export function restoredEventText(incidentNumber: string): string {
  return `Подача тепла восстановлена (инцидент ${incidentNumber})`;
}

/**
 * May the actor act on an incident touching these districts? A district user needs their own among
 * them. An outage at a boiler house often crosses district lines, so one shared district suffices;
 * a workstation whose district is not stated yet («Рабочее место» not filled in) is not held to one.
 */
export function checkIncidentActor(actor: Actor, districts: readonly District[]): IncidentDecision {
  if (!INCIDENT_ROLES.includes(actor.role)) return refuse('role', `Инциденты не входят в права роли «${ROLE_LABELS[actor.role]}»`);
  if (!isCityWide(actor.role) && actor.district !== null && !districts.includes(actor.district)) {
    return refuse('district', `Инцидент не затрагивает ваш район «${actor.district ?? '—'}»`);
  }
  return OK;
}

export interface IncidentTimes {
  readonly startedAt: number;
  readonly plannedRestoreAt: number | null;
}

export function checkIncidentTimes(times: IncidentTimes, nowMs: number): IncidentDecision {
  if (times.startedAt > nowMs + 5 * 60_000) return refuse('start_in_future', 'Начало отключения не может быть в будущем');
  if (times.plannedRestoreAt !== null && times.plannedRestoreAt <= times.startedAt) {
    return refuse('planned_before_start', 'Плановое восстановление должно быть позже начала отключения');
  }
  return OK;
}

export function checkRestore(incident: { readonly startedAt: number; readonly restoredAt: number | null }, restoredAt: number, nowMs: number): IncidentDecision {
  if (incident.restoredAt !== null) return refuse('restored', 'Подача тепла по этому инциденту уже восстановлена');
  if (restoredAt < incident.startedAt) return refuse('restore_before_start', 'Восстановление не может быть раньше начала отключения');
  if (restoredAt > nowMs + 5 * 60_000) return refuse('start_in_future', 'Время восстановления не может быть в будущем');
  return OK;
}
