// The audit event a workflow action writes: its type and data. One pure function, so that the DB
// worker's command (electron/core/repositories/lifecycle.ts) and the demo data write the same thing.
import type { AppealStatus } from './appeal-vocabulary.js';
import type { Role } from './roles.js';
import type { ActionData, Transition, WorkflowAction } from './workflow.js';

export type WorkflowEventType = WorkflowAction | 'verify_failed';

export interface WorkflowEvent {
  readonly type: WorkflowEventType;
  readonly data: Record<string, unknown>;
}

/**
 * The event of an allowed action: type = the action (a failed temperature check is `verify_failed`),
 * data = the action's data plus `from`, `to` and the actor's role; a transfer adds the executor's
 * name, a duplicate the original's number.
 */
export function workflowEvent(
  from: AppealStatus,
  data: ActionData,
  decision: Transition,
  role: Role,
  names: { readonly executorName?: string; readonly originalNumber?: string } = {},
): WorkflowEvent {
  const { action, ...fields } = data;
  const eventData: Record<string, unknown> = { ...fields, from, to: decision.to, role };
  if (action === 'transfer') eventData['executorName'] = names.executorName ?? '';
  if (action === 'mark_duplicate') eventData['originalNumber'] = names.originalNumber ?? '';
  return { type: decision.checkFailed ? 'verify_failed' : action, data: eventData };
}
