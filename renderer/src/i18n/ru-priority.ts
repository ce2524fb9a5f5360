// Strings of the appeal's priority and of its deadlines on the card, in «Сроки» and in «Правила
// сроков». Part of the catalogue in ru.ts (t.priority).
import { PRIORITY_LABELS } from '../../../shared/domain/appeal-vocabulary.js';
import type { DeadlineState } from '../../../shared/domain/deadline-progress.js';

export const ruPriority = {
  label: 'Приоритет',
  labels: PRIORITY_LABELS,
  byCategory: 'по категории',
  allPriorities: 'Любой приоритет',
  emergencyChip: 'Авария',
  rulesAppliedNote: 'Изменения применяются к обращениям, зарегистрированным после сохранения: сроки обращения устанавливаются при его регистрации и не пересчитываются.',
  cardDeadlines: 'Сроки',
  deadlineAt: 'Срок истекает',
  deadlineState: 'Состояние',
  states: {
    pending: 'ожидается',
    overdue: 'просрочен',
    met: 'выполнен в срок',
    late: 'выполнен с опозданием',
    done: 'выполнен',
    dropped: 'не требуется',
  } satisfies Record<DeadlineState, string>,
  doneAt: (when: string) => `выполнено ${when}`,
  sourceNow: (source: string) => `${source} (по действующему правилу: правило на момент регистрации не записано)`,
  dueKind: 'Какой срок',
};
