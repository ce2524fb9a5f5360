// Who works with appeals, and where: every user has one role and, except the Department and the
// admin, one district.
import type { District } from './districts.js';

export const ROLES = ['operator', 'district_controller', 'deputy_head', 'department', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  readonly userId: string;
  readonly role: Role;
  /** The district the user works in; null for the Department and the admin, who see all nine. */
  readonly district: District | null;
}

/** Russian names of the roles. */
export const ROLE_LABELS: Record<Role, string> = {
  operator: 'оператор',
  district_controller: 'контролёр района',
  deputy_head: 'заместитель главы района',
  department: 'Департамент',
  admin: 'администратор',
};

/** Roles that work across all districts. */
export function isCityWide(role: Role): boolean {
  return role === 'department' || role === 'admin';
}
