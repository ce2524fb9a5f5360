// Where an appeal stands against each of its deadlines: which step of the workflow meets which
// deadline, whether it was met, and which deadline is pending now (the one «Сроки» and the alerts
// go by). The database keeps the pending deadline in appeals.next_deadline_at by triggers (migration
// 008) that follow the same rules; a core test checks that both agree.
import { FINAL_STATUSES, type AppealStatus } from './appeal-vocabulary.js';
import { DEADLINE_KINDS, type DeadlineKind } from './deadline-rules.js';

/**
 * The statuses in which a kind's step is still to be done. The check is also done once a check
 * was recorded («Проверено» or a failed check that sent the appeal back to work), whatever the
 * status: see `pendingKinds`.
 */
export const PENDING_STATUSES: Readonly<Record<DeadlineKind, readonly AppealStatus[]>> = {
  reaction: ['registered'],
  check: ['registered', 'transferred', 'in_progress', 'done_by_executor', 'returned'],
  resolution: ['registered', 'transferred', 'in_progress', 'returned'],
  feedback: ['registered', 'transferred', 'in_progress', 'done_by_executor', 'verified', 'returned'],
  answer: ['registered', 'transferred', 'in_progress', 'done_by_executor', 'verified', 'returned'],
};

/** Audit events that record a check of the quality (the check deadline is met by the first). */
export const CHECK_EVENT_TYPES = ['verify', 'verify_failed'] as const;

/** The event types that complete each kind's step: the card shows when. */
const DONE_BY: Readonly<Record<DeadlineKind, readonly string[]>> = {
  reaction: ['transfer'],
  check: CHECK_EVENT_TYPES,
  resolution: ['mark_done', 'incident_restored'],
  feedback: ['close'],
  answer: ['close', 'reject'],
};

/**
 * pending: to be done, the deadline has not come; overdue: to be done, the deadline has passed;
 * met: done by the deadline; late: done after it; done: done, but no event says when (appeals
 * loaded in bulk without their history); dropped: not needed any more (rejected or a duplicate
 * before the step).
 */
export const DEADLINE_STATES = ['pending', 'overdue', 'met', 'late', 'done', 'dropped'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export interface ProgressEvent {
  readonly type: string;
  readonly at: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface DeadlineProgress {
  readonly kind: DeadlineKind;
  readonly at: number;
  readonly state: DeadlineState;
  /** When the step was done, when an event tells. */
  readonly doneAt: number | null;
}

export type DeadlinesOfAppeal = Readonly<Record<DeadlineKind, number | null>>;

/** The kinds whose step is still to be done in this status, given whether a check was recorded. */
export function pendingKinds(status: AppealStatus, checkRecorded: boolean): DeadlineKind[] {
  return DEADLINE_KINDS.filter((kind) => PENDING_STATUSES[kind].includes(status) && !(kind === 'check' && checkRecorded));
}

/** The pending deadline: the earliest deadline whose step is still to be done (ties: in the order of DEADLINE_KINDS). */
export function nextDeadline(
  status: AppealStatus,
  deadlines: DeadlinesOfAppeal,
  checkRecorded: boolean,
): { kind: DeadlineKind; at: number } | null {
  let best: { kind: DeadlineKind; at: number } | null = null;
  for (const kind of pendingKinds(status, checkRecorded)) {
    const at = deadlines[kind];
    if (at !== null && (best === null || at < best.at)) best = { kind, at };
  }
  return best;
}

/** When an event completed its step: the work's own time for «выполнено» and a restore of heat. */
function doneTime(e: ProgressEvent): number {
  const own = e.type === 'mark_done' ? e.data['doneAt'] : e.type === 'incident_restored' ? e.data['restoredAt'] : undefined;
  return typeof own === 'number' ? own : e.at;
}

/**
 * Each applicable deadline (kinds with no deadline are left out) and its state at nowMs. A step
 * still to be done is pending or overdue; otherwise the event that did it tells met or late — the
 * first one for the reaction and the check, the last one for the others (after a return for
 * rework, it is the repeated work that counts).
 */
export function deadlineProgress(
  status: AppealStatus,
  deadlines: DeadlinesOfAppeal,
  events: readonly ProgressEvent[],
  nowMs: number,
): DeadlineProgress[] {
  const checkRecorded = events.some((e) => (CHECK_EVENT_TYPES as readonly string[]).includes(e.type));
  const pending = pendingKinds(status, checkRecorded);
  const out: DeadlineProgress[] = [];
  for (const kind of DEADLINE_KINDS) {
    const at = deadlines[kind];
    if (at === null) continue;
    if (pending.includes(kind)) {
      out.push({ kind, at, state: nowMs > at ? 'overdue' : 'pending', doneAt: null });
      continue;
    }
    const doneEvents = events.filter((e) => DONE_BY[kind].includes(e.type));
    const event = kind === 'reaction' || kind === 'check' ? doneEvents[0] : doneEvents[doneEvents.length - 1];
    if (event) {
      const doneAt = doneTime(event);
      out.push({ kind, at, state: doneAt <= at ? 'met' : 'late', doneAt });
    } else {
      const ended = FINAL_STATUSES.includes(status) && status !== 'closed';
      out.push({ kind, at, state: ended ? 'dropped' : 'done', doneAt: null });
    }
  }
  return out;
}
