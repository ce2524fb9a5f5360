// How a batch of deadline alerts is told, in both shells' notifications: one line per appeal when
// there are few, the counts when there are many (the first check after a long pause can raise
// hundreds at once). A line names the deadline when the alert says which one.
import { DEADLINE_KIND_LABELS, type DeadlineKind } from './deadline-rules.js';

export interface AlertLine {
  readonly kind: 'due_within_hour' | 'overdue';
  readonly number: string;
  readonly address: string;
  readonly deadlineKind?: DeadlineKind;
}

export interface AlertMessage {
  readonly title: string;
  readonly body: string;
  readonly overdue: boolean;
}

const LISTED = 3;

export function alertMessage(alerts: readonly AlertLine[]): AlertMessage {
  const overdue = alerts.filter((a) => a.kind === 'overdue').length;
  const soon = alerts.length - overdue;
  const title = [
    overdue === 0 ? '' : overdue === 1 ? 'Просрочено обращение' : `Просрочено обращений: ${overdue}`,
    soon === 0 ? '' : soon === 1 ? 'Срок истекает в течение часа' : `Срок истекает в течение часа: ${soon}`,
  ]
    .filter(Boolean)
    .join('; ');
  const listed = alerts
    .slice(0, LISTED)
    .map((a) => `№ ${a.number} — ${a.address}${a.deadlineKind ? ` (${DEADLINE_KIND_LABELS[a.deadlineKind].toLowerCase()})` : ''}`);
  const more = alerts.length > LISTED ? [`и ещё ${alerts.length - LISTED}`] : [];
  return { title, body: [...listed, ...more].join('\n'), overdue: overdue > 0 };
}
