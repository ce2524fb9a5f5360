// Residents' names and phone numbers are personal data (152-ФЗ «О персональных данных», ст. 5 ч. 5:
// no more than the purpose needs). Only roles whose work is talking to residents receive them:
// - operator: takes the call and calls back;
// - district controller: calls the resident for the feedback that closes an appeal;
// - deputy head of the district: may close appeals (the workflow lets them) and answers complaints,
//   so also calls back.
// The Department (city-wide oversight, returns work for rework) and the admin (accounts, devices)
// do not call residents: they get the appeal without name and phone, with `personalDataHidden`.
// One exception: a user who registered the appeal (a Department hotline call) keeps what they wrote.
import type { Actor, Role } from '../domain/roles.js';
import type { AppealRecord, ConflictRecord, LostWrite, SyncEvent } from './apply.js';

export const ROLES_WITH_PERSONAL_DATA: readonly Role[] = ['operator', 'district_controller', 'deputy_head'];

/** Keys that hold personal data, wherever they appear: the registration, event data, conflicts. */
export const PERSONAL_DATA_KEYS: readonly string[] = ['applicantName', 'applicantPhone'];

export function seesPersonalData(role: Role): boolean {
  return ROLES_WITH_PERSONAL_DATA.includes(role);
}

export type AppealOnWire = Omit<AppealRecord, 'registration'> & {
  readonly registration: Omit<AppealRecord['registration'], 'applicantName' | 'applicantPhone'> & {
    readonly applicantName: string | null;
    readonly applicantPhone: string | null;
  };
  readonly personalDataHidden: boolean;
};

function mayKnow(appeal: AppealRecord, viewer: Actor): boolean {
  return seesPersonalData(viewer.role) || appeal.registration.registeredBy === viewer.userId;
}

function hideLost(lost: AppealRecord['lost']): AppealRecord['lost'] {
  const out: Record<string, Record<string, LostWrite>> = {};
  for (const [field, byDevice] of Object.entries(lost)) {
    out[field] = PERSONAL_DATA_KEYS.includes(field)
      ? Object.fromEntries(Object.entries(byDevice).map(([d, w]) => [d, { ...w, value: null }]))
      : { ...byDevice };
  }
  return out;
}

/** The appeal as this viewer receives it on pull and in the snapshot. */
export function appealForViewer(appeal: AppealRecord, viewer: Actor): AppealOnWire {
  if (mayKnow(appeal, viewer)) return { ...appeal, personalDataHidden: false };
  return {
    ...appeal,
    registration: { ...appeal.registration, applicantName: null, applicantPhone: null },
    lost: hideLost(appeal.lost),
    personalDataHidden: true,
  };
}

/** An event as this viewer receives it: a repeated call's caller is a resident too. */
export function eventForViewer(event: SyncEvent, viewer: Actor, appeal: AppealRecord | null): SyncEvent {
  if (event.entityType !== 'appeal' || (appeal ? mayKnow(appeal, viewer) : seesPersonalData(viewer.role))) return event;
  if (!PERSONAL_DATA_KEYS.some((k) => k in event.data)) return event;
  const data = Object.fromEntries(Object.entries(event.data).map(([k, v]) => [k, PERSONAL_DATA_KEYS.includes(k) ? null : v]));
  return { ...event, data };
}

/** A conflict as this viewer receives it. */
export function conflictForViewer(conflict: ConflictRecord, viewer: Actor): ConflictRecord {
  if (seesPersonalData(viewer.role) || !PERSONAL_DATA_KEYS.includes(conflict.field)) return conflict;
  return { ...conflict, winner: { ...conflict.winner, value: null }, loser: { ...conflict.loser, value: null } };
}
