// The closed vocabularies of an appeal: how it came in, what it is about, where it stands.
// Codes are stable identifiers stored in the database and sent over sync; labels live in the UI catalogue.

export const CHANNELS = [
  'district_hotline',
  'department_hotline',
  'social_media',
  'pos',
  'email',
  'in_person',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = [
  'no_heating',
  'low_temperature',
  'heating_leak',
  'air_lock',
  'noise',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const STATUSES = [
  'registered',
  'transferred',
  'in_progress',
  'done_by_executor',
  'verified',
  'closed',
  'rejected',
  'duplicate',
  'returned',
] as const;
export type AppealStatus = (typeof STATUSES)[number];

/** Russian names of the statuses: the domain's messages and the UI catalogue both use these. */
export const STATUS_LABELS: Record<AppealStatus, string> = {
  registered: 'Зарегистрировано',
  transferred: 'Передано исполнителю',
  in_progress: 'В работе',
  done_by_executor: 'Выполнено исполнителем',
  verified: 'Проверено',
  closed: 'Закрыто',
  rejected: 'Отклонено',
  duplicate: 'Дубликат',
  returned: 'Возвращено на доработку',
};

/** Statuses in which an appeal no longer keeps its address on control. */
export const FINAL_STATUSES: readonly AppealStatus[] = ['closed', 'rejected', 'duplicate'];

export function isOnControl(status: AppealStatus): boolean {
  return !FINAL_STATUSES.includes(status);
}
