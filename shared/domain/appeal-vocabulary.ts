// The closed vocabularies of an appeal: how it came in, what it is about, where it stands.
// Codes are stable identifiers stored in the database and sent over sync; their Russian labels are here,
// shared by the UI catalogue and the exported documents.

export const CHANNELS = [
  'district_hotline',
  'department_hotline',
  'social_media',
  'pos',
  'email',
  'in_person',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Russian names of the channels: the UI catalogue and the exported documents both use these. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  district_hotline: 'Горячая линия района',
  department_hotline: 'Горячая линия департамента',
  social_media: 'Социальные сети',
  pos: 'ПОС',
  email: 'Электронная почта',
  in_person: 'Личный приём',
};

export const CATEGORIES = [
  'no_heating',
  'low_temperature',
  'heating_leak',
  'air_lock',
  'noise',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Russian names of the categories: the UI catalogue and the exported documents both use these. */
export const CATEGORY_LABELS: Record<Category, string> = {
  no_heating: 'Нет отопления',
  low_temperature: 'Низкая температура',
  heating_leak: 'Протечка отопления',
  air_lock: 'Завоздушивание',
  noise: 'Шум в системе',
  other: 'Другое',
};

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

/**
 * How urgent an appeal is. «Аварийное»: an emergency the emergency dispatch service localises within
 * 30 minutes (ПП РФ № 416, п. 13) — no heating in a whole building or entrance, a leak; everything
 * else is «Обычное». No third level: no norm sets one for these appeals.
 */
export const PRIORITIES = ['emergency', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_LABELS: Record<Priority, string> = {
  emergency: 'Аварийное',
  normal: 'Обычное',
};

const EMERGENCY_CATEGORIES: readonly Category[] = ['no_heating', 'heating_leak'];

/** The priority the intake form suggests for a category; the operator may change it. */
export function defaultPriority(category: Category): Priority {
  return EMERGENCY_CATEGORIES.includes(category) ? 'emergency' : 'normal';
}
