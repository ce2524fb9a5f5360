// One demo appeal's life: the workflow steps it goes through and when (`lifecycle`), and the audit
// events those steps write (`tellStory`), with exactly the data the real commands write: the
// workflow's actions through `decide` and `workflowEvent` (shared/domain), calls and repeated calls
// as repositories/lifecycle.ts writes them, links to mass outages and restores as
// repositories/incidents.ts does. A story is told whole, also past the demo's "now"; `storyAt` cuts it.
import type { AppealStatus, Category } from '../../../shared/domain/appeal-vocabulary.js';
import { FINAL_STATUSES } from '../../../shared/domain/appeal-vocabulary.js';
import type { District } from '../../../shared/domain/districts.js';
import { RESTORE_MOVES_FROM, RESTORE_MOVES_TO, restoredEventText } from '../../../shared/domain/incidents.js';
import type { Role } from '../../../shared/domain/roles.js';
import { startOfSamaraDay } from '../../../shared/domain/samara-time.js';
import { decide, type ActionData, type CheckMethod, type RoomTemperature, type WorkflowAction } from '../../../shared/domain/workflow.js';
import { workflowEvent } from '../../../shared/domain/workflow-event.js';
import type { NewAppeal } from '../repositories/appeals.js';
import {
  CALL_NOTES,
  CHECK_NOTES,
  CONTACT_PERSONS,
  FAILED_CHECK_NOTES,
  FEEDBACK_NOTES,
  REJECT_REASONS,
  REOPEN_REASONS,
  REPEATED_CALL_NOTES,
  RETURN_REASONS,
  ROOMS,
  WHAT_WAS_DONE,
} from './lifecycle-vocabulary.js';
import type { Random } from './random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type StepAction = WorkflowAction | 'verify_failed' | 'incident_restored';

/** One status of an appeal's workflow, when it was reached and by which act (none for «registered»). */
export interface Step {
  readonly status: AppealStatus;
  readonly at: number;
  readonly action?: StepAction;
  /** How a check was made (verify, verify_failed). */
  readonly method?: CheckMethod;
  /** The call back's result (close). */
  readonly feedback?: 'satisfied' | 'unreachable';
  /** Unsuccessful calls to the applicant before a close as «не дозвонились». */
  readonly failedCalls?: readonly number[];
  /** Who acts when not a district operator: the district controller or the Department. */
  readonly by?: 'controller' | 'department';
}

/** Typical time the executor needs to fix each kind of problem (median, minutes). */
const WORK_MINUTES: Readonly<Record<Category, number>> = {
  no_heating: 90,
  heating_leak: 75,
  air_lock: 90,
  low_temperature: 150,
  noise: 180,
  other: 180,
};

const EMERGENCY: readonly Category[] = ['no_heating', 'heating_leak'];
/** Categories the heat supplier's outage causes: linked to an incident, they wait for its restore. */
const SUPPLY_SIDE: readonly Category[] = ['no_heating', 'low_temperature'];

export interface LifecycleInput {
  readonly category: Category;
  readonly registeredAt: number;
  /** A later call about the same outage that the desk marks as a duplicate of the first. */
  readonly duplicate: boolean;
  /** When the restore of a mass outage the appeal is linked to is recorded; null when not linked. */
  readonly restoreAt: number | null;
  readonly hasPhone: boolean;
  /** Forwarded and worked at once whatever the hour, like an emergency (the last hour's fresh calls). */
  readonly roundTheClock?: boolean;
}

/**
 * The statuses an appeal goes through and when: most are closed the day they arrive. Emergencies are
 * handled around the clock, other work 8:00–21:00; the district checks the result and calls the
 * resident back 8:00–22:00 (the hotlines' evening shift in the heating season). Some get stuck at one
 * step for a day or a few, a few for weeks; some checks fail and go back to work; some are returned,
 * a few reopened after closing; some residents cannot be reached on the call back.
 */
export function lifecycle(random: Random, input: LifecycleInput): Step[] {
  const { category, registeredAt } = input;
  const steps: Step[] = [{ status: 'registered', at: registeredAt }];
  const emergency = EMERGENCY.includes(category) || input.roundTheClock === true;
  const dayShift = (t: number) => withinHours(random, t, 8, 22);
  const executorTime = (t: number) => (emergency ? t : withinHours(random, t, 8, 21));
  const add = (action: StepAction, status: AppealStatus, at: number, extra: Partial<Step> = {}) => {
    const last = steps[steps.length - 1] as Step;
    const when = Math.max(Math.round(at), last.at);
    steps.push({ status, at: when, action, ...extra });
    return when;
  };
  const work = () => Math.exp(Math.log(WORK_MINUTES[category] * MINUTE) + 0.6 * random.normal());

  if (input.duplicate) {
    add('mark_duplicate', 'duplicate', registeredAt + MINUTE + random.exponential(40 * MINUTE));
    return restored(random, steps, input.restoreAt);
  }
  if (random.chance(0.015)) {
    add('reject', 'rejected', dayShift(registeredAt + random.exponential(2 * HOUR)), { by: 'controller' });
    return restored(random, steps, input.restoreAt);
  }
  // Stuck: the executor does not take it, the work waits for parts or a contractor, nobody is home
  // for the check, the resident cannot be reached. The desk keeps them on control.
  const roll = random.next();
  const stuck = roll < 0.01 ? random.int(5, 45) * DAY : roll < 0.06 ? Math.exp(Math.log(1.5 * DAY) + 1.2 * random.normal()) : 0;
  const stuckAt = STUCK_STEP[Math.floor(random.next() * STUCK_STEP.length)] as AppealStatus;
  const delay = (step: AppealStatus) => (step === stuckAt ? stuck : 0);

  let t = add('transfer', 'transferred', executorTime(registeredAt + 2 * MINUTE + random.exponential((emergency ? 5 : 12) * MINUTE) + delay('registered')));
  t = add('take_in_work', 'in_progress', executorTime(t + random.exponential((emergency ? 15 : 30) * MINUTE) + delay('transferred')));
  // Linked to a mass outage: the heat comes back when the supplier restores it, not before.
  if (input.restoreAt !== null && SUPPLY_SIDE.includes(category)) return restored(random, steps, input.restoreAt);
  t = add('mark_done', 'done_by_executor', executorTime(t + work() + delay('in_progress')));
  checkAndClose(random, add, t, { work, dayShift, executorTime, delay, hasPhone: input.hasPhone });
  return restored(random, steps, input.restoreAt);
}

type Add = (action: StepAction, status: AppealStatus, at: number, extra?: Partial<Step>) => number;

/** From «Выполнено исполнителем» at `t` to «Закрыто»: the check, the call back, sometimes back to work. */
function checkAndClose(
  random: Random,
  add: Add,
  doneAt: number,
  o: {
    work: () => number;
    dayShift: (t: number) => number;
    executorTime: (t: number) => number;
    delay: (s: AppealStatus) => number;
    hasPhone: boolean;
  },
): void {
  let t = o.dayShift(doneAt + random.exponential(40 * MINUTE) + o.delay('done_by_executor'));
  const roll = random.next();
  if (roll < 0.04) {
    // A measurement below the norm: the check fails and the appeal goes back to work.
    t = add('verify_failed', 'in_progress', t, { method: 'measurement' });
    t = add('mark_done', 'done_by_executor', o.executorTime(t + o.work()));
    t = o.dayShift(t + random.exponential(40 * MINUTE));
  } else if (roll < 0.09) {
    // The district's controller finds the work not done: back to the executor.
    t = add('return_for_rework', 'returned', t, { by: 'controller' });
    t = add('take_in_work', 'in_progress', o.executorTime(t + random.exponential(8 * HOUR)));
    t = add('mark_done', 'done_by_executor', o.executorTime(t + o.work()));
    t = o.dayShift(t + random.exponential(40 * MINUTE));
  }
  const methodRoll = random.next();
  const method: CheckMethod = methodRoll < 0.6 ? 'call' : methodRoll < 0.75 ? 'visit' : 'measurement';
  t = add('verify', 'verified', t, { method });
  if (o.hasPhone && random.chance(0.07)) {
    // «Не дозвонились»: three calls over a day or two, then closed with the attempts counted.
    const calls: number[] = [];
    let c = t;
    for (let i = 0; i < 3; i++) {
      c = o.dayShift(c + (i === 0 ? 5 * MINUTE + random.exponential(20 * MINUTE) : 2 * HOUR + random.exponential(3 * HOUR)));
      calls.push(Math.round(c));
    }
    t = add('close', 'closed', o.dayShift(c + 5 * MINUTE + random.exponential(15 * MINUTE) + o.delay('verified')), { feedback: 'unreachable', failedCalls: calls });
  } else {
    t = add('close', 'closed', o.dayShift(t + 5 * MINUTE + random.exponential(25 * MINUTE) + o.delay('verified')), { feedback: 'satisfied' });
  }
  if (random.chance(0.008)) {
    // Reopened: a repeated complaint to the Department a day or a few later.
    t = add('return_for_rework', 'returned', o.dayShift(t + random.int(1, 4) * DAY + random.exponential(3 * HOUR)), { by: 'department' });
    t = add('take_in_work', 'in_progress', o.executorTime(t + random.exponential(3 * HOUR)));
    t = add('mark_done', 'done_by_executor', o.executorTime(t + o.work()));
    t = o.dayShift(t + random.exponential(40 * MINUTE));
    t = add('verify', 'verified', t, { method: 'visit' });
    add('close', 'closed', o.dayShift(t + 10 * MINUTE + random.exponential(25 * MINUTE)), { feedback: 'satisfied' });
  }
}

/**
 * A mass outage's restore recorded at `restoreAt` moves the appeal, if it is then open and not yet
 * done, to «Выполнено исполнителем» (shared/domain/incidents.ts); the check and the call back follow.
 */
function restored(random: Random, steps: Step[], restoreAt: number | null): Step[] {
  if (restoreAt === null || !Number.isFinite(restoreAt)) return steps;
  const before = steps.filter((s) => s.at < restoreAt);
  const status = (before[before.length - 1] as Step).status;
  if (!RESTORE_MOVES_FROM.includes(status)) return steps;
  const out: Step[] = [...before, { status: RESTORE_MOVES_TO, at: restoreAt, action: 'incident_restored' }];
  const add: Add = (action, s, at, extra = {}) => {
    const when = Math.max(Math.round(at), (out[out.length - 1] as Step).at);
    out.push({ status: s, at: when, action, ...extra });
    return when;
  };
  const dayShift = (t: number) => withinHours(random, t, 8, 22);
  checkAndClose(random, add, restoreAt, {
    work: () => Math.exp(Math.log(90 * MINUTE) + 0.5 * random.normal()),
    dayShift,
    executorTime: (t) => t,
    delay: () => 0,
    hasPhone: true,
  });
  return out;
}

/** The step at which a stuck appeal waits: the status it stays in meanwhile. */
const STUCK_STEP: readonly AppealStatus[] = [
  ...Array<AppealStatus>(5).fill('registered'),
  ...Array<AppealStatus>(3).fill('transferred'),
  ...Array<AppealStatus>(11).fill('in_progress'),
  ...Array<AppealStatus>(3).fill('done_by_executor'),
  ...Array<AppealStatus>(3).fill('verified'),
];

/** `t` if it falls within [from, to) hours of the Samara day, else the next `from` o'clock plus a little. */
export function withinHours(random: Random, t: number, from: number, to: number): number {
  const dayStart = startOfSamaraDay(t);
  const hour = (t - dayStart) / HOUR;
  const jitter = random.exponential(30 * MINUTE);
  if (hour >= from && hour < to) return t;
  return (hour < from ? dayStart : dayStart + DAY) + from * HOUR + jitter;
}

// ——— the events ———

/** An appeal event as the seed writes it. */
export interface StoryEvent {
  readonly type: string;
  readonly at: number;
  readonly by: string;
  readonly data: Record<string, unknown>;
}

/** A mass outage the appeal is linked to. */
export interface LinkedIncident {
  readonly id: string;
  readonly number: string;
}

export interface StoryInput {
  readonly appeal: Omit<NewAppeal, 'status' | 'executorOrgId'>;
  readonly steps: readonly Step[];
  readonly executor: { readonly id: string; readonly name: string };
  readonly original: { readonly id: string; readonly number: string } | null;
  readonly links: readonly LinkedIncident[];
  /** The incident whose restore moved the appeal (its step `incident_restored`), and who recorded it. */
  readonly restoredBy: { readonly incident: LinkedIncident; readonly user: string; readonly restoredAt: number } | null;
  readonly people: { readonly operators: readonly string[]; readonly controller: string; readonly department: string };
  /** Another resident of the house calling again about the same appeal. */
  readonly neighbour: () => { applicantName: string; applicantPhone: string; flat: string; channel: NewAppeal['channel'] };
}

/** Every event of the appeal's story, in the order the commands would have written them. */
export function tellStory(random: Random, s: StoryInput): StoryEvent[] {
  const { appeal } = s;
  const events: StoryEvent[] = [
    { type: 'registered', at: appeal.registeredAt, by: appeal.registeredBy, data: { number: appeal.number, channel: appeal.channel } },
  ];
  for (const incident of s.links) {
    events.push({
      type: 'incident_linked',
      at: appeal.registeredAt,
      by: appeal.registeredBy,
      data: { text: `Связано с массовым отключением (инцидент ${incident.number})`, incidentId: incident.id, incidentNumber: incident.number },
    });
  }
  const operator = () => random.pick(s.people.operators);
  const hasPhone = appeal.applicantPhone !== '';
  let status: AppealStatus = 'registered';
  let previousAt = appeal.registeredAt;
  for (const step of s.steps.slice(1)) {
    if (step.action === 'incident_restored') {
      const r = s.restoredBy;
      if (!r) throw new Error(`appeal ${appeal.id}: a restore step without its incident`);
      events.push({
        type: 'incident_restored',
        at: step.at,
        by: r.user,
        data: { text: restoredEventText(r.incident.number), incidentId: r.incident.id, incidentNumber: r.incident.number, from: status, to: RESTORE_MOVES_TO, restoredAt: r.restoredAt },
      });
    } else if (step.action) {
      const role: Role = step.by === 'controller' ? 'district_controller' : step.by === 'department' ? 'department' : 'operator';
      const by = step.by === 'controller' ? s.people.controller : step.by === 'department' ? s.people.department : operator();
      if (step.action === 'close') {
        for (const [i, at] of (step.failedCalls ?? []).entries()) {
          events.push(call(at, by, 'to_applicant', i === 1 ? 'busy' : 'no_answer', random.pick(CALL_NOTES.failed)));
        }
        if (step.feedback === 'satisfied' && hasPhone && random.chance(0.15)) {
          events.push(call(Math.max(previousAt, step.at - random.int(1, 4) * MINUTE), by, 'to_applicant', 'reached', random.pick(CALL_NOTES.reached)));
        }
      }
      const data = actionData(random, step, s, previousAt, hasPhone);
      const district: District | null = role === 'department' ? null : appeal.district;
      const decision = decide({ id: appeal.id, status, district: appeal.district }, data, { userId: by, role, district }, step.at);
      if (!decision.ok) throw new Error(`demo appeal ${appeal.number}: ${step.action} from «${status}» refused: ${decision.message}`);
      if (decision.to !== step.status) throw new Error(`demo appeal ${appeal.number}: ${step.action} leads to ${decision.to}, not ${step.status}`);
      const event = workflowEvent(status, data, decision, role, { executorName: s.executor.name, originalNumber: s.original?.number ?? '' });
      events.push({ type: event.type, at: step.at, by, data: event.data });
    }
    status = step.status;
    previousAt = step.at;
  }
  addCallsWhileOpen(random, s, events);
  return events.sort((a, b) => a.at - b.at);
}

function call(at: number, by: string, direction: 'to_applicant' | 'from_applicant', result: string, note: string): StoryEvent {
  return { type: 'call', at, by, data: { direction, result, note } };
}

function actionData(random: Random, step: Step, s: StoryInput, previousAt: number, hasPhone: boolean): ActionData {
  const category = s.appeal.category;
  switch (step.action) {
    case 'transfer': {
      const roll = random.next();
      const method = roll < 0.55 ? 'system' : roll < 0.9 ? 'phone' : 'email';
      const contactPerson = method === 'phone' ? `${random.pick(CONTACT_PERSONS)} ${random.pick(CONTACT_SURNAMES)}` : '';
      return { action: 'transfer', executorOrgId: s.executor.id, method, contactPerson };
    }
    case 'take_in_work':
      return { action: 'take_in_work' };
    case 'mark_done':
      return { action: 'mark_done', whatWasDone: random.pick(WHAT_WAS_DONE[category]), doneAt: Math.max(previousAt, step.at - random.int(0, 20) * MINUTE) };
    case 'verify':
      return { action: 'verify', method: step.method ?? 'call', temperatures: step.method === 'measurement' ? rooms(random, false) : [], note: random.pick(CHECK_NOTES[step.method ?? 'call']) };
    case 'verify_failed':
      return { action: 'verify', method: 'measurement', temperatures: rooms(random, true), note: random.pick(FAILED_CHECK_NOTES) };
    case 'close':
      if (step.feedback === 'unreachable') {
        return { action: 'close', feedback: 'unreachable', attempts: step.failedCalls?.length ?? 0, note: random.pick(FEEDBACK_NOTES.unreachable) };
      }
      return { action: 'close', feedback: 'satisfied', attempts: 0, note: random.pick(hasPhone ? FEEDBACK_NOTES.satisfied : FEEDBACK_NOTES.noPhone) };
    case 'reject':
      return { action: 'reject', reason: random.pick(REJECT_REASONS) };
    case 'mark_duplicate':
      if (!s.original) throw new Error(`demo appeal ${s.appeal.number}: a duplicate without its original`);
      return { action: 'mark_duplicate', originalId: s.original.id };
    case 'return_for_rework':
      return { action: 'return_for_rework', reason: random.pick(step.by === 'department' ? REOPEN_REASONS : RETURN_REASONS) };
    default:
      throw new Error(`demo appeal ${s.appeal.number}: no data for ${String(step.action)}`);
  }
}

const CONTACT_SURNAMES = ['Петрова', 'Сидоров', 'Климова', 'Юсупов', 'Андреева', 'Гришин', 'Лаптева'] as const;

/** Measured rooms: within the norm (≥ +18 °C, a corner room ≥ +20 °C), or with one below it. */
function rooms(random: Random, cold: boolean): RoomTemperature[] {
  const n = random.int(1, 3);
  const names: string[] = random.shuffle([...ROOMS]).slice(0, n);
  const list: RoomTemperature[] = names.map((room, i) => {
    const corner = i === 0 && random.chance(0.3);
    return { room, corner, celsius: round1((corner ? 20.2 : 18.5) + random.next() * 4) };
  });
  if (cold) {
    const first = list[0] as RoomTemperature;
    list[0] = { ...first, celsius: round1(first.corner ? 17 + random.next() * 2.8 : 14.5 + random.next() * 3.3) };
  }
  return list;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Repeated calls and the applicant's own calls while the appeal is open. */
function addCallsWhileOpen(random: Random, s: StoryInput, events: StoryEvent[]): void {
  const { appeal, steps } = s;
  const end = steps.find((st) => FINAL_STATUSES.includes(st.status))?.at ?? Number.POSITIVE_INFINITY;
  const openFor = end - appeal.registeredAt;
  if (openFor > 6 * HOUR && random.chance(0.12)) {
    let t = appeal.registeredAt;
    for (let i = random.int(1, 3); i > 0; i--) {
      t = Math.round(t + HOUR + random.exponential(Math.min(openFor, 2 * DAY) / 3));
      if (t >= end) break;
      const same = random.chance(0.5);
      const caller = same
        ? { applicantName: appeal.applicantName, applicantPhone: appeal.applicantPhone, flat: appeal.flat, channel: appeal.channel }
        : s.neighbour();
      const notes = appeal.category === 'heating_leak' ? REPEATED_CALL_NOTES : REPEATED_CALL_NOTES.filter((n) => !n.includes('течь'));
      events.push({ type: 'repeated_call', at: t, by: random.pick(s.people.operators), data: { ...caller, note: random.pick(notes) } });
    }
  }
  if (appeal.applicantPhone !== '' && openFor > 2 * HOUR && random.chance(0.1)) {
    const t = Math.round(appeal.registeredAt + HOUR + random.next() * Math.min(openFor - HOUR, DAY));
    if (t < end) events.push(call(t, random.pick(s.people.operators), 'from_applicant', 'reached', random.pick(CALL_NOTES.fromApplicant)));
  }
}

/** The story as of `asOf`: its status, version and last change, the events written by then. */
export function storyAt(
  steps: readonly Step[],
  events: readonly StoryEvent[],
  asOf: number,
): { status: AppealStatus; version: number; updatedAt: number; events: StoryEvent[]; transferred: boolean } {
  let status: AppealStatus = 'registered';
  let version = 1;
  let updatedAt = (steps[0] as Step).at;
  let transferred = false;
  for (const step of steps.slice(1)) {
    if (step.at > asOf) break;
    status = step.status;
    version += 1;
    updatedAt = step.at;
    if (step.action === 'transfer') transferred = true;
  }
  return { status, version, updatedAt, events: events.filter((e) => e.at <= asOf), transferred };
}
