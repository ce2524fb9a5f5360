// Who may set heating statuses, and where: the district controller and the deputy head in their own
// district, the Department and the admin everywhere; an operator only looks. A refusal names its rule.
import type { District } from '../domain/districts.js';
import { isCityWide, ROLE_LABELS, type Actor, type Role } from '../domain/roles.js';

export const HEATING_SETTERS: readonly Role[] = ['district_controller', 'deputy_head', 'department', 'admin'];

export type HeatingRefusal = { readonly ok: false; readonly rule: 'role' | 'district'; readonly message: string };

/** May the actor set statuses at all (the screen hides the buttons otherwise). */
export function heatingRoleRefusal(actor: Actor): HeatingRefusal | null {
  if (HEATING_SETTERS.includes(actor.role)) return null;
  return {
    ok: false,
    rule: 'role',
    message: `Статус отопления не входит в права роли «${ROLE_LABELS[actor.role]}»: его ставят контролёр района, заместитель главы района и Департамент`,
  };
}

/** May the actor set the status of a building in this district. */
export function heatingRefusal(actor: Actor, district: District): HeatingRefusal | null {
  const byRole = heatingRoleRefusal(actor);
  if (byRole) return byRole;
  if (isCityWide(actor.role) || actor.district === district) return null;
  return {
    ok: false,
    rule: 'district',
    message: `Дом относится к району «${district}», а вы работаете в районе «${actor.district ?? '—'}»`,
  };
}

/** The district whose buildings the actor sees in the heating figures: their own; undefined for the whole city. */
export function heatingScope(actor: Actor): District | undefined {
  return isCityWide(actor.role) ? undefined : (actor.district ?? undefined);
}
