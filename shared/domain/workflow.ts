// The appeal workflow as one pure state machine: which action is allowed in which status, for which
// role, with which data, and what status it leads to. A refusal names the rule that refused it, in
// Russian for the user and as a stable code for logs and tests.
import { STATUS_LABELS, type AppealStatus } from './appeal-vocabulary.js';
import type { District } from './districts.js';
import { isCityWide, ROLE_LABELS, type Actor, type Role } from './roles.js';

export const ACTIONS = [
  'transfer',
  'take_in_work',
  'mark_done',
  'verify',
  'close',
  'reject',
  'mark_duplicate',
  'return_for_rework',
] as const;
export type WorkflowAction = (typeof ACTIONS)[number];

export const TRANSFER_METHODS = ['phone', 'email', 'system'] as const;
export type TransferMethod = (typeof TRANSFER_METHODS)[number];

export const CHECK_METHODS = ['call', 'visit', 'measurement'] as const;
export type CheckMethod = (typeof CHECK_METHODS)[number];

export const FEEDBACK_RESULTS = ['satisfied', 'not_satisfied', 'unreachable'] as const;
export type FeedbackResult = (typeof FEEDBACK_RESULTS)[number];

export interface RoomTemperature {
  readonly room: string;
  readonly corner: boolean;
  readonly celsius: number;
}

export type ActionData =
  | { readonly action: 'transfer'; readonly executorOrgId: string; readonly method: TransferMethod; readonly contactPerson: string }
  | { readonly action: 'take_in_work' }
  | { readonly action: 'mark_done'; readonly whatWasDone: string; readonly doneAt: number }
  | { readonly action: 'verify'; readonly method: CheckMethod; readonly temperatures: readonly RoomTemperature[]; readonly note: string }
  | { readonly action: 'close'; readonly feedback: FeedbackResult; readonly attempts: number; readonly note: string }
  | { readonly action: 'reject'; readonly reason: string }
  | { readonly action: 'mark_duplicate'; readonly originalId: string }
  | { readonly action: 'return_for_rework'; readonly reason: string };

/** Norms the workflow checks against; configurable, with their sources. */
export interface WorkflowNorms {
  /** Minimum room temperature, °C (ПП РФ № 354, прил. 1, п. 15). */
  readonly minRoomCelsius: number;
  /** Minimum temperature in a corner room, °C (same source). */
  readonly minCornerRoomCelsius: number;
  /** Unsuccessful call attempts after which an appeal may close as «не дозвонились». */
  readonly minUnreachableAttempts: number;
}

export const DEFAULT_NORMS: WorkflowNorms = { minRoomCelsius: 18, minCornerRoomCelsius: 20, minUnreachableAttempts: 3 };

export interface AppealState {
  readonly id: string;
  readonly status: AppealStatus;
  readonly district: District;
  /** When the appeal came in (ms), where known: nothing is done on it before that. */
  readonly receivedAt?: number;
}

export type Refusal = { readonly ok: false; readonly rule: RefusalRule; readonly message: string };
export type Transition = { readonly ok: true; readonly to: AppealStatus; readonly checkFailed?: boolean };

export type RefusalRule =
  | 'status'
  | 'role'
  | 'district'
  | 'executor_required'
  | 'contact_required'
  | 'what_done_required'
  | 'done_at_invalid'
  | 'temperatures_required'
  | 'temperature_invalid'
  | 'feedback_not_satisfied'
  | 'feedback_attempts'
  | 'reason_required'
  | 'original_required';

/** From which statuses each action may start, and where it leads. */
export const TRANSITIONS: Readonly<Record<WorkflowAction, { readonly from: readonly AppealStatus[]; readonly to: AppealStatus }>> = {
  transfer: { from: ['registered', 'returned'], to: 'transferred' },
  take_in_work: { from: ['transferred', 'returned'], to: 'in_progress' },
  mark_done: { from: ['in_progress'], to: 'done_by_executor' },
  verify: { from: ['done_by_executor'], to: 'verified' },
  close: { from: ['verified'], to: 'closed' },
  reject: { from: ['registered', 'transferred', 'in_progress'], to: 'rejected' },
  mark_duplicate: { from: ['registered', 'transferred', 'in_progress'], to: 'duplicate' },
  return_for_rework: { from: ['done_by_executor', 'verified', 'closed'], to: 'returned' },
};

/** Which roles may take each action. */
export const ALLOWED_ROLES: Readonly<Record<WorkflowAction, readonly Role[]>> = {
  transfer: ['operator', 'district_controller', 'deputy_head'],
  take_in_work: ['operator', 'district_controller', 'deputy_head'],
  mark_done: ['operator', 'district_controller', 'deputy_head'],
  verify: ['operator', 'district_controller', 'deputy_head'],
  close: ['operator', 'district_controller', 'deputy_head'],
  reject: ['district_controller', 'deputy_head'],
  mark_duplicate: ['operator', 'district_controller', 'deputy_head'],
  return_for_rework: ['district_controller', 'deputy_head', 'department'],
};

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  transfer: 'Передать исполнителю',
  take_in_work: 'Взять в работу',
  mark_done: 'Отметить выполнение',
  verify: 'Проверено',
  close: 'Закрыть',
  reject: 'Отклонить',
  mark_duplicate: 'Отметить дубликатом',
  return_for_rework: 'Вернуть на доработку',
};

function refuse(rule: RefusalRule, message: string): Refusal {
  return { ok: false, rule, message };
}

/** Whether the actor may take this action on this appeal at all (status, role, district), before its data. */
export function checkPermission(appeal: AppealState, action: WorkflowAction, actor: Actor): Transition | Refusal {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(appeal.status)) {
    return refuse(
      'status',
      `«${ACTION_LABELS[action]}» недоступно в статусе «${STATUS_LABELS[appeal.status]}»; возможно из: ${transition.from.map((s) => `«${STATUS_LABELS[s]}»`).join(', ')}`,
    );
  }
  if (!ALLOWED_ROLES[action].includes(actor.role)) {
    return refuse('role', `«${ACTION_LABELS[action]}» не входит в права роли «${ROLE_LABELS[actor.role]}»`);
  }
  if (!isCityWide(actor.role) && actor.district !== appeal.district) {
    return refuse('district', `Обращение относится к району «${appeal.district}», а вы работаете в районе «${actor.district ?? '—'}»`);
  }
  return { ok: true, to: transition.to };
}

/** The whole decision: permission, then the rules of the action's data. */
export function decide(appeal: AppealState, data: ActionData, actor: Actor, nowMs: number, norms: WorkflowNorms = DEFAULT_NORMS): Transition | Refusal {
  const permitted = checkPermission(appeal, data.action, actor);
  if (!permitted.ok) return permitted;
  switch (data.action) {
    case 'transfer':
      if (!data.executorOrgId.trim()) return refuse('executor_required', 'Укажите исполнителя');
      if (data.method === 'phone' && !data.contactPerson.trim()) {
        return refuse('contact_required', 'При передаче по телефону укажите, кто принял');
      }
      return permitted;
    case 'mark_done':
      if (!data.whatWasDone.trim()) return refuse('what_done_required', 'Опишите, что сделано');
      if (!Number.isFinite(data.doneAt) || data.doneAt > nowMs + 5 * 60_000) {
        return refuse('done_at_invalid', 'Время выполнения не может быть в будущем');
      }
      // The same 5 minutes of leeway as for the future: the form's time has whole minutes, and
      // workstations' clocks differ a little.
      if (appeal.receivedAt !== undefined && data.doneAt < appeal.receivedAt - 5 * 60_000) {
        return refuse('done_at_invalid', 'Время выполнения раньше поступления обращения');
      }
      return permitted;
    case 'verify': {
      if (data.method !== 'measurement') return permitted;
      if (data.temperatures.length === 0) return refuse('temperatures_required', 'Запишите измеренные температуры');
      for (const t of data.temperatures) {
        if (!Number.isFinite(t.celsius) || t.celsius < -30 || t.celsius > 45) {
          return refuse('temperature_invalid', `Недопустимое значение температуры: ${t.celsius} °C`);
        }
      }
      // Below the norm the check fails: the appeal goes back to work instead of «Проверено».
      const cold = data.temperatures.some((t) => t.celsius < (t.corner ? norms.minCornerRoomCelsius : norms.minRoomCelsius));
      return cold ? { ok: true, to: 'in_progress', checkFailed: true } : permitted;
    }
    case 'close':
      if (data.feedback === 'not_satisfied') {
        return refuse(
          'feedback_not_satisfied',
          ALLOWED_ROLES.return_for_rework.includes(actor.role)
            ? 'Заявитель не удовлетворён: закрыть нельзя, верните обращение на доработку'
            : 'Заявитель не удовлетворён: закрыть нельзя — передайте обращение контролёру района или заместителю главы, чтобы вернуть его на доработку',
        );
      }
      if (data.feedback === 'unreachable' && data.attempts < norms.minUnreachableAttempts) {
        return refuse(
          'feedback_attempts',
          `«Не дозвонились» можно записать после ${norms.minUnreachableAttempts} попыток, сделано ${data.attempts}`,
        );
      }
      return permitted;
    case 'reject':
    case 'return_for_rework':
      if (!data.reason.trim()) return refuse('reason_required', 'Укажите причину');
      return permitted;
    case 'mark_duplicate':
      if (!data.originalId.trim() || data.originalId === appeal.id) return refuse('original_required', 'Укажите исходное обращение');
      return permitted;
    case 'take_in_work':
      return permitted;
  }
}

/** The actions an actor may start on an appeal in its current status: the buttons the card shows. */
export function availableActions(appeal: AppealState, actor: Actor): WorkflowAction[] {
  return ACTIONS.filter((action) => checkPermission(appeal, action, actor).ok);
}
