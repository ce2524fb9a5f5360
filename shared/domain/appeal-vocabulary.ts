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

/** Statuses in which an appeal no longer keeps its address on control. */
export const FINAL_STATUSES: readonly AppealStatus[] = ['closed', 'rejected', 'duplicate'];

export function isOnControl(status: AppealStatus): boolean {
  return !FINAL_STATUSES.includes(status);
}
