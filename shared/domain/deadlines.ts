// Deadlines of an appeal. The first rule set is the one the foundation needs for the list: the
// resolution deadline. The rules are data, each with the norm it comes from, so that they can be
// made configurable without touching the code that uses them.
import type { Category } from './appeal-vocabulary.js';
import { endOfSamaraDay } from './samara-time.js';

export interface ResolutionRule {
  readonly kind: 'same_day' | 'minutes';
  readonly minutes?: number;
  /** The norm or practice that sets the rule. */
  readonly source: string;
}

const SAME_DAY: ResolutionRule = {
  kind: 'same_day',
  source: 'Практика администраций: обращения отрабатываются в день поступления',
};

/**
 * Emergencies are localised within 30 minutes of registration (ПП РФ № 416, п. 13);
 * everything else is worked off the day it arrives (local practice from the Department).
 */
export const RESOLUTION_RULES: Readonly<Record<Category, ResolutionRule>> = {
  no_heating: { kind: 'minutes', minutes: 30, source: 'ПП РФ № 416, п. 13: локализация аварии за 30 минут' },
  heating_leak: { kind: 'minutes', minutes: 30, source: 'ПП РФ № 416, п. 13: локализация аварии за 30 минут' },
  low_temperature: SAME_DAY,
  air_lock: SAME_DAY,
  noise: SAME_DAY,
  other: SAME_DAY,
};

/** When the appeal must be resolved, counted from the moment it was received. */
export function resolutionDeadline(receivedAtMs: number, category: Category): number {
  const rule = RESOLUTION_RULES[category];
  if (rule.kind === 'minutes') return receivedAtMs + (rule.minutes ?? 0) * 60_000;
  return endOfSamaraDay(receivedAtMs);
}
