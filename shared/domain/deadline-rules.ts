// The deadline rules: one table, kind × category × priority × channel → how long, in which unit, by
// which norm. The admin edits the table in the app (the core keeps it in `deadline_rules`); these are
// the defaults it is seeded with. A rule names a category, a priority and a channel, each or '*'
// (any); the most specific rule wins (see `specificity`).
import { CATEGORIES, CHANNELS, PRIORITIES, type Category, type Channel, type Priority } from './appeal-vocabulary.js';
import { endOfSamaraDay } from './samara-time.js';
import type { ProductionCalendar } from './production-calendar.js';

export const DEADLINE_KINDS = ['reaction', 'check', 'resolution', 'feedback', 'answer'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  reaction: 'Передать исполнителю',
  check: 'Проверка качества',
  resolution: 'Устранение',
  feedback: 'Обратная связь',
  answer: 'Письменный ответ',
};

/**
 * minutes / hours: from the moment of receipt; calendar_days / working_days: to the end of the
 * n-th Samara day after the day of receipt (working days per the production calendar; a calendar-day
 * deadline that ends on a day off moves to the next working day); end_of_day: the end of the Samara
 * day of receipt (amount ignored); none: the kind does not apply.
 */
export const DEADLINE_UNITS = ['minutes', 'hours', 'calendar_days', 'working_days', 'end_of_day', 'none'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export const DEADLINE_UNIT_LABELS: Record<DeadlineUnit, string> = {
  minutes: 'минут',
  hours: 'часов',
  calendar_days: 'календарных дней',
  working_days: 'рабочих дней',
  end_of_day: 'до конца дня',
  none: 'не устанавливается',
};

export const ANY = '*' as const;
export type RuleCategory = Category | typeof ANY;
export type RuleChannel = Channel | typeof ANY;
export type RulePriority = Priority | typeof ANY;

export interface DeadlineRule {
  readonly kind: DeadlineKind;
  readonly category: RuleCategory;
  readonly priority: RulePriority;
  readonly channel: RuleChannel;
  readonly amount: number;
  readonly unit: DeadlineUnit;
  /** The norm or practice that sets the rule, as shown to the admin. */
  readonly source: string;
}

/**
 * Written channels: e-mail and ПОС arrive as written appeals and get the written answer of 59-ФЗ.
 * A visit in person («in_person») is registered like a call (an oral appeal at the reception, 59-ФЗ
 * ст. 13): no written answer by default; the admin adds a rule for it when the district treats
 * visits as written appeals.
 */
export const WRITTEN_CHANNELS: readonly Channel[] = ['email', 'pos'];

const PRACTICE = 'Практика администрации района (настраивается)';
const PP416 = 'ПП РФ от 15.05.2013 № 416, п. 13: аварийно-диспетчерская служба локализует аварию за 30 минут';
const PP354 = 'ПП РФ от 06.05.2011 № 354, раздел X: проверка качества не позднее 2 часов, если причина неизвестна';
const FZ59 = 'Федеральный закон от 02.05.2006 № 59-ФЗ, ст. 12: письменный ответ в течение 30 дней со дня регистрации';

function rule(
  kind: DeadlineKind,
  category: RuleCategory,
  priority: RulePriority,
  channel: RuleChannel,
  amount: number,
  unit: DeadlineUnit,
  source: string,
): DeadlineRule {
  return { kind, category, priority, channel, amount, unit, source };
}

export const DEFAULT_DEADLINE_RULES: readonly DeadlineRule[] = [
  rule('reaction', ANY, ANY, ANY, 1, 'hours', PRACTICE),
  rule('reaction', ANY, 'emergency', ANY, 10, 'minutes', `${PRACTICE}; авария — передать сразу, чтобы уложиться в 30 минут (ПП № 416)`),
  rule('check', ANY, ANY, ANY, 0, 'none', 'Проверка качества назначается по жалобам на качество отопления'),
  rule('check', 'no_heating', ANY, ANY, 2, 'hours', PP354),
  rule('check', 'low_temperature', ANY, ANY, 2, 'hours', PP354),
  rule('check', 'air_lock', ANY, ANY, 2, 'hours', PP354),
  rule('resolution', ANY, ANY, ANY, 0, 'end_of_day', 'Практика администраций: обращения отрабатываются в день поступления'),
  rule('resolution', ANY, 'emergency', ANY, 30, 'minutes', PP416),
  rule('feedback', ANY, ANY, ANY, 1, 'working_days', `${PRACTICE}: позвонить заявителю не позднее следующего рабочего дня`),
  rule('answer', ANY, ANY, ANY, 0, 'none', 'Устное обращение: письменный ответ не требуется'),
  ...WRITTEN_CHANNELS.map((ch) => rule('answer', ANY, ANY, ch, 30, 'calendar_days', FZ59)),
];

export function ruleKey(r: Pick<DeadlineRule, 'kind' | 'category' | 'priority' | 'channel'>): string {
  return `${r.kind}:${r.category}:${r.priority}:${r.channel}`;
}

/**
 * How specific a rule is: a named category counts 4, a named priority 2, a named channel 1, so the
 * order is category + priority + channel, category + priority, category + channel, category,
 * priority + channel, priority, channel, '*'. The category is the most specific: an admin's rule for
 * one category wins over the emergency rule. Keys are unique, so two matching rules never tie.
 */
export function specificity(r: Pick<DeadlineRule, 'category' | 'priority' | 'channel'>): number {
  return (r.category === ANY ? 0 : 4) + (r.priority === ANY ? 0 : 2) + (r.channel === ANY ? 0 : 1);
}

export interface RuleTarget {
  readonly category: Category;
  readonly priority: Priority;
  readonly channel: Channel;
}

/** Whether a rule applies to an appeal of this category, priority and channel. */
export function ruleMatches(r: Pick<DeadlineRule, 'category' | 'priority' | 'channel'>, target: RuleTarget): boolean {
  return (
    (r.category === ANY || r.category === target.category) &&
    (r.priority === ANY || r.priority === target.priority) &&
    (r.channel === ANY || r.channel === target.channel)
  );
}

/** The rule that applies to an appeal for one kind, or undefined when the table has no '*' rule. */
export function findRule(rules: readonly DeadlineRule[], kind: DeadlineKind, target: RuleTarget): DeadlineRule | undefined {
  let best: DeadlineRule | undefined;
  let bestScore = -1;
  for (const r of rules) {
    if (r.kind !== kind || !ruleMatches(r, target)) continue;
    const score = specificity(r);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** The moment a rule's deadline falls, or null when the rule sets none. */
export function applyRule(rule: Pick<DeadlineRule, 'amount' | 'unit'>, receivedAtMs: number, calendar: ProductionCalendar): number | null {
  switch (rule.unit) {
    case 'minutes':
      return receivedAtMs + rule.amount * 60_000;
    case 'hours':
      return receivedAtMs + rule.amount * 3_600_000;
    case 'calendar_days':
      return calendar.endOfCalendarDaysAfter(receivedAtMs, rule.amount);
    case 'working_days':
      return calendar.endOfWorkingDayAfter(receivedAtMs, rule.amount);
    case 'end_of_day':
      return endOfSamaraDay(receivedAtMs);
    case 'none':
      return null;
  }
}

export interface ComputedDeadline {
  readonly kind: DeadlineKind;
  /** Epoch milliseconds, or null when the kind does not apply to this appeal. */
  readonly at: number | null;
  readonly amount: number;
  readonly unit: DeadlineUnit;
  readonly source: string;
}

export interface AppealDeadlineInput extends RuleTarget {
  readonly receivedAt: number;
}

/** All deadlines of an appeal, one per kind, in the order of DEADLINE_KINDS. */
export function computeDeadlines(input: AppealDeadlineInput, rules: readonly DeadlineRule[], calendar: ProductionCalendar): ComputedDeadline[] {
  return DEADLINE_KINDS.map((kind) => {
    const r = findRule(rules, kind, input);
    if (!r) return { kind, at: null, amount: 0, unit: 'none' as const, source: 'Правило не задано' };
    return { kind, at: applyRule(r, input.receivedAt, calendar), amount: r.amount, unit: r.unit, source: r.source };
  });
}

/** The deadlines as a record by kind (null where a kind does not apply). */
export function deadlinesByKind(list: readonly ComputedDeadline[]): Record<DeadlineKind, number | null> {
  const out = { reaction: null, check: null, resolution: null, feedback: null, answer: null } as Record<DeadlineKind, number | null>;
  for (const d of list) out[d.kind] = d.at;
  return out;
}

/** Checks a rule before it is stored; returns the Russian reason or null. */
export function ruleProblem(r: DeadlineRule): string | null {
  if (!DEADLINE_KINDS.includes(r.kind)) return 'Неизвестный вид срока';
  if (r.category !== ANY && !CATEGORIES.includes(r.category)) return 'Неизвестная категория';
  if (r.priority !== ANY && !PRIORITIES.includes(r.priority)) return 'Неизвестный приоритет';
  if (r.channel !== ANY && !CHANNELS.includes(r.channel)) return 'Неизвестный канал';
  if (!DEADLINE_UNITS.includes(r.unit)) return 'Неизвестная единица срока';
  if (!Number.isInteger(r.amount) || r.amount < 0) return 'Срок — целое неотрицательное число';
  const max = { minutes: 60 * 24 * 7, hours: 24 * 30, calendar_days: 365, working_days: 250, end_of_day: 0, none: 0 }[r.unit];
  if (r.amount > max && r.unit !== 'end_of_day' && r.unit !== 'none') return `Срок не больше ${max} (${DEADLINE_UNIT_LABELS[r.unit]})`;
  if ((r.unit === 'minutes' || r.unit === 'hours') && r.amount === 0) return 'Срок в минутах или часах — больше нуля';
  if (r.source.trim() === '') return 'Укажите основание срока';
  return null;
}
