// The one reducer of sync: what an op does to an entity. The central endpoint runs it on every
// pushed op against its current record; a workstation runs the same code to replay its pending ops
// over the state it pulled. Rules (docs/sync-protocol.md §5):
// - an op is checked against the CURRENT record: scope (district), the author's role and the
//   rules of its data, reusing the workflow's and the incidents' refusals;
// - every field keeps the stamp of its last change (hybrid clock, device, op, record version); a
//   write wins if its stamp is later (hybrid clock, then device id, then op id), so every replica
//   that applies the same ops ends with the same values, in whatever order the devices interleave;
// - a write that did not see the field's last change (another device's, after what the op's
//   workstation had pulled) is concurrent: if the values differ, the losing value is kept as a
//   conflict record;
// - a status move the workflow forbids from the current status is rejected with the workflow's
//   reason only when the op saw that status; an op concurrent with the change is merged instead,
//   so nothing the user entered is lost (two offline «Передать исполнителю» → one executor wins,
//   the other is a conflict);
// - events are never in conflict: each accepted op appends exactly one, its id the op's id,
//   ordered by (hybrid clock, op id).
import { STATUS_LABELS, type AppealStatus } from '../domain/appeal-vocabulary.js';
import type { District } from '../domain/districts.js';
import { parseHlc } from '../domain/hlc.js';
import {
  checkIncidentActor,
  checkIncidentTimes,
  checkRestore,
  RESTORE_MOVES_FROM,
  RESTORE_MOVES_TO,
  type IncidentRefusalRule,
} from '../domain/incidents.js';
import { isCityWide, ROLE_LABELS, type Actor, type Role } from '../domain/roles.js';
import { checkCarryOver, checkCarryOverActor, type DayClosureRule } from '../reports/day-closure.js';
import {
  ACTION_LABELS,
  checkPermission,
  decide,
  TRANSITIONS,
  type ActionData,
  type AppealState,
  type RefusalRule,
  type WorkflowAction,
  type WorkflowNorms,
} from '../domain/workflow.js';
import {
  describeOpIssue,
  opSchema,
  type AppealOp,
  type IncidentOp,
  type RegisterAppealPayload,
  type ValidOp,
} from './op-payloads.js';

export type FieldValue = string | number | null;

/** Who made a change, when, and at which version of the record it landed. */
export interface Stamp {
  readonly hlc: string;
  readonly deviceId: string;
  readonly opId: string;
  readonly userId: string;
  /** The record's version once this change was applied; an op based on this version or later saw it. */
  readonly version: number;
  /** The change-log position of this change, given by the server; absent on a workstation's own unsent change. */
  readonly serverSeq?: number;
}

export interface LostWrite {
  readonly value: FieldValue;
  readonly stamp: Stamp;
}

/** An entity as sync tracks it: current values with the stamp of each one's last change. */
export interface TrackedRecord<F extends Record<string, FieldValue>> {
  readonly id: string;
  /** The server's count of accepted ops on this entity (its numbering, not part of what converges). */
  readonly version: number;
  readonly fields: F;
  readonly stamps: { readonly [K in keyof F]: Stamp };
  /** Highest device sequence accepted from each device: an op at or below it is a replay. */
  readonly applied: Readonly<Record<string, number>>;
  /** Field → device → that device's latest write that lost to a concurrent one: the conflict log. */
  readonly lost: Readonly<Record<string, Readonly<Record<string, LostWrite>>>>;
}

export type AppealFields = {
  readonly status: AppealStatus;
  readonly executorOrgId: string | null;
  readonly district: District;
};

export interface AppealRecord extends TrackedRecord<AppealFields> {
  /** Given by the server on the first push of the registration; the provisional number stays in `registration`. */
  readonly officialNumber: string | null;
  /** The registration as the workstation wrote it (number, applicant, address, deadlines…). */
  readonly registration: RegisterAppealPayload;
}

export type IncidentFields = {
  readonly cause: string;
  readonly plannedRestoreAt: number | null;
  readonly restoredAt: number | null;
};

export interface IncidentRecord extends TrackedRecord<IncidentFields> {
  readonly districts: readonly District[];
  readonly creation: Extract<IncidentOp, { command: 'create_incident' }>['payload'];
}

/** An audit event an accepted op appends. One per op, so its id is the op's id. */
export interface SyncEvent {
  readonly id: string;
  readonly entityType: 'appeal' | 'incident';
  readonly entityId: string;
  readonly type: string;
  readonly at: number;
  readonly by: string;
  readonly hlc: string;
  readonly deviceId: string;
  readonly data: Record<string, unknown>;
}

export interface ConflictRecord {
  readonly entityType: 'appeal' | 'incident';
  readonly entityId: string;
  readonly field: string;
  /** The value that stands (as of this op), and its change. */
  readonly winner: LostWrite;
  /** The value that lost, kept for review on «Конфликты». */
  readonly loser: LostWrite;
}

export type RejectionCode =
  | 'invalid_op'
  | 'not_found'
  | 'already_exists'
  | 'unknown_building'
  | 'unknown_executor'
  | 'original_not_found'
  | 'incident_not_found'
  | RefusalRule
  | IncidentRefusalRule
  | DayClosureRule;

export interface Rejection {
  readonly kind: 'rejected';
  readonly code: RejectionCode;
  /** Why, in Russian, naming the rule. */
  readonly message: string;
  /** What the user can do now, in Russian. */
  readonly userAction: string;
}

export type ApplyResult<R> =
  | { readonly kind: 'applied'; readonly record: R; readonly events: readonly SyncEvent[]; readonly changed: readonly string[] }
  | {
      readonly kind: 'merged';
      readonly record: R;
      readonly events: readonly SyncEvent[];
      readonly changed: readonly string[];
      readonly conflicts: readonly ConflictRecord[];
    }
  | Rejection
  | { readonly kind: 'duplicate' };

/**
 * What the reducer needs to know beyond the record. On the server every lookup is given; a
 * workstation replaying its own ops leaves out what it cannot know (undefined = not checked here,
 * the server will), whereas null means «looked up: there is none».
 */
export interface ApplyContext {
  readonly nowMs: number;
  /** On the server: the change-log position this op's change takes (stamped on the fields it writes). */
  readonly serverSeq?: number;
  readonly norms?: WorkflowNorms;
  /** register_appeal: the building in the server's register. */
  readonly building?: { readonly id: string; readonly district: District } | null;
  /** register_appeal on the server: the official number it gives (official-number.ts). */
  readonly officialNumber?: string | null;
  /** transfer: is the executor in the server's reference data? */
  readonly organisationExists?: (id: string) => boolean;
  /** mark_duplicate: does the original appeal exist? */
  readonly appealExists?: (id: string) => boolean;
  /** incident_restored: the incident as the server knows it. */
  readonly incident?: { readonly id: string; readonly districts: readonly District[] } | null;
  /** create_incident: the districts of its buildings in the server's register. */
  readonly incidentDistricts?: readonly District[];
}

/** Roles that register appeals and log calls: everybody who works with appeals, not the admin. */
export const INTAKE_ROLES: readonly Role[] = ['operator', 'district_controller', 'deputy_head', 'department'];

const USER_ACTIONS: Partial<Record<RejectionCode, string>> & { default: string } = {
  default: 'Откройте карточку, проверьте данные и при необходимости повторите действие.',
  invalid_op: 'Операция повреждена или записана несовместимой версией программы: обновите программу и внесите изменение заново; данные операции сохранены в списке отклонённых.',
  not_found: 'Обращение не принято сервером (посмотрите отклонённую регистрацию в списке отклонённых): зарегистрируйте его заново и повторите действие.',
  already_exists: 'Сообщите администратору: идентификатор уже занят другим обращением. Данные операции сохранены в списке отклонённых.',
  unknown_building: 'Адреса нет в реестре сервера: обновите реестр или попросите администратора добавить дом, затем зарегистрируйте обращение заново.',
  unknown_executor: 'Исполнителя нет в справочнике сервера: выберите исполнителя из обновлённого списка и передайте обращение заново.',
  original_not_found: 'Исходное обращение не найдено на сервере: проверьте номер и отметьте дубликат заново.',
  incident_not_found: 'Инцидент не найден на сервере: проверьте список инцидентов.',
  status: 'Обращение уже в другом статусе: откройте карточку, посмотрите историю и выберите подходящее действие.',
  role: 'Действие выполняет другая роль: попросите коллегу с нужными правами.',
  district: 'Обращение другого района: его ведёт администрация того района.',
  restored: 'Подача тепла уже восстановлена: откройте инцидент и проверьте время восстановления.',
  already_signed: 'День уже закрыт: если в нём нужно что-то изменить, попросите Департамент вернуть его району.',
  not_handled: 'Закройте или перенесите каждое открытое обращение, затем подпишите день снова.',
  not_signed: 'День не закрыт: возвращать нечего.',
  future_day: 'Закрыть можно только наступивший день: проверьте дату и часы компьютера.',
  control_date: 'Укажите новую контрольную дату позже закрываемого дня и перенесите обращение заново.',
};

export function reject(code: RejectionCode, message: string): Rejection {
  return { kind: 'rejected', code, message, userAction: USER_ACTIONS[code] ?? USER_ACTIONS.default };
}

/** Later stamp first: hybrid clock, then device id, then op id. A total order, so every replica picks the same. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  if (a.opId !== b.opId) return a.opId < b.opId ? -1 : 1;
  return 0;
}

/** Events in their one order: hybrid clock, then op id. */
export function compareEvents(a: SyncEvent, b: SyncEvent): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Did the op's author see this change? Its own device's earlier op (ops arrive in device order); else
 * a change at or below the change-log position its workstation had pulled when it made the op
 * (`seenServerSeq`, exact); for an op without it, a change at or below its base version.
 */
export function saw(stamp: Stamp, op: ValidOp): boolean {
  if (stamp.deviceId === op.deviceId) return true;
  if (op.seenServerSeq !== undefined && stamp.serverSeq !== undefined) return stamp.serverSeq <= op.seenServerSeq;
  return stamp.version <= op.baseVersion;
}

export function stampOf(op: ValidOp, version: number, ctx: ApplyContext): Stamp {
  const stamp = { hlc: op.hlc, deviceId: op.deviceId, opId: op.opId, userId: op.userId, version };
  return ctx.serverSeq === undefined ? stamp : { ...stamp, serverSeq: ctx.serverSeq };
}

interface Merge<F> {
  readonly fields: F;
  readonly stamps: { readonly [K in keyof F]: Stamp };
  readonly lost: Readonly<Record<string, Readonly<Record<string, LostWrite>>>>;
  readonly changed: string[];
  readonly conflicts: ConflictRecord[];
  readonly concurrent: boolean;
}

/** Field-level last-writer-wins with a conflict log: the heart of convergence. */
function mergeWrites<F extends Record<string, FieldValue>>(
  record: TrackedRecord<F>,
  writes: Partial<F>,
  op: AppealOp | IncidentOp,
  stamp: Stamp,
): Merge<F> {
  const fields: Record<string, FieldValue> = { ...record.fields };
  const stamps: Record<string, Stamp> = { ...record.stamps };
  const lost: Record<string, Readonly<Record<string, LostWrite>>> = { ...record.lost };
  const changed: string[] = [];
  const conflicts: ConflictRecord[] = [];
  let concurrent = false;
  for (const field of Object.keys(writes).sort()) {
    const value = writes[field] as FieldValue;
    const current = fields[field] as FieldValue;
    const last = stamps[field] as Stamp;
    const seen = saw(last, op);
    if (!seen) concurrent = true;
    // The device's own earlier losing write is superseded by this one, whatever happens to it.
    const lostHere: Record<string, LostWrite> = { ...lost[field] };
    delete lostHere[op.deviceId];
    const entity = { entityType: op.entityType, entityId: op.entityId, field };
    if (compareStamps(stamp, last) > 0) {
      if (!seen) {
        lostHere[last.deviceId] = { value: current, stamp: last };
        if (current !== value) conflicts.push({ ...entity, winner: { value, stamp }, loser: { value: current, stamp: last } });
      }
      fields[field] = value;
      stamps[field] = stamp;
      if (current !== value) changed.push(field);
    } else {
      // Concurrent and earlier (or, with a clock that was not merged, seen but earlier): it loses.
      lostHere[op.deviceId] = { value, stamp };
      if (current !== value) {
        concurrent = true;
        conflicts.push({ ...entity, winner: { value: current, stamp: last }, loser: { value, stamp } });
      }
    }
    if (Object.keys(lostHere).length > 0) lost[field] = lostHere;
    else delete lost[field];
  }
  return { fields: fields as F, stamps: stamps as Merge<F>['stamps'], lost, changed, conflicts, concurrent };
}

/** The conflicts still worth review: a lost value that differs from the value that stands. */
export function openConflicts<F extends Record<string, FieldValue>>(record: TrackedRecord<F>): { field: string; current: FieldValue; loser: LostWrite }[] {
  const out: { field: string; current: FieldValue; loser: LostWrite }[] = [];
  for (const field of Object.keys(record.lost).sort()) {
    const current = record.fields[field] as FieldValue;
    const byDevice = record.lost[field] ?? {};
    for (const device of Object.keys(byDevice).sort()) {
      const loser = byDevice[device] as LostWrite;
      if (loser.value !== current) out.push({ field, current, loser });
    }
  }
  return out;
}

/**
 * What every replica agrees on once it has the same ops: the record without the version numbers and
 * change-log positions, which are the server's own numbering of the order it applied them in.
 */
export function convergentPart<F extends Record<string, FieldValue>>(record: TrackedRecord<F>): unknown {
  const unversioned = (s: Stamp) => ({ hlc: s.hlc, deviceId: s.deviceId, opId: s.opId, userId: s.userId });
  const { stamps, lost } = record;
  return {
    ...omit(record, ['version', 'stamps', 'lost']),
    stamps: Object.fromEntries(Object.entries(stamps).map(([f, s]) => [f, unversioned(s as Stamp)])),
    lost: Object.fromEntries(
      Object.entries(lost).map(([f, byDevice]) => [f, Object.fromEntries(Object.entries(byDevice).map(([d, w]) => [d, { value: w.value, stamp: unversioned(w.stamp) }]))]),
    ),
  };
}

function parse(op: unknown, entityType: 'appeal' | 'incident'): ValidOp | Rejection {
  const parsed = opSchema.safeParse(op);
  if (!parsed.success) return reject('invalid_op', `Операция не прошла проверку: ${describeOpIssue(parsed.error)}`);
  if (parsed.data.entityType !== entityType) return reject('invalid_op', `Операция «${parsed.data.command}» относится не к этому виду данных`);
  return parsed.data;
}

function omit(value: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

function isRejection(x: unknown): x is Rejection {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'rejected';
}

function event(op: AppealOp | IncidentOp, type: string, at: number, data: Record<string, unknown>): SyncEvent {
  return { id: op.opId, entityType: op.entityType, entityId: op.entityId, type, at, by: op.userId, hlc: op.hlc, deviceId: op.deviceId, data };
}

function outOfDistrict(district: District, caller: Actor): Rejection | null {
  if (isCityWide(caller.role) || caller.district === district) return null;
  return reject('district', `Обращение относится к району «${district}», а вы работаете в районе «${caller.district ?? '—'}»`);
}

function accepted<R extends TrackedRecord<Record<string, FieldValue>>>(
  record: R,
  merge: Merge<R['fields']> | null,
  op: ValidOp,
  version: number,
  events: SyncEvent[],
): ApplyResult<R> {
  const next = {
    ...record,
    version,
    applied: { ...record.applied, [op.deviceId]: op.deviceSeq },
    ...(merge ? { fields: merge.fields, stamps: merge.stamps, lost: merge.lost } : {}),
  };
  const conflicts = merge?.conflicts ?? [];
  const changed = merge?.changed ?? [];
  if (merge?.concurrent || conflicts.length > 0) return { kind: 'merged', record: next, events, changed, conflicts };
  return { kind: 'applied', record: next, events, changed };
}

// ——— appeals ———

/** Applies one op to an appeal (null: not on the server yet). */
export function applyAppealOp(record: AppealRecord | null, rawOp: unknown, caller: Actor, ctx: ApplyContext): ApplyResult<AppealRecord> {
  const parsed = parse(rawOp, 'appeal');
  if (isRejection(parsed)) return parsed;
  const op = parsed as AppealOp;
  if (record && (record.applied[op.deviceId] ?? 0) >= op.deviceSeq) return { kind: 'duplicate' };
  if (op.command === 'register_appeal') return registerAppeal(record, op, caller, ctx);
  if (!record) return reject('not_found', 'Обращение не найдено на сервере');
  const version = record.version + 1;
  const stamp = stampOf(op, version, ctx);
  switch (op.command) {
    case 'log_call':
    case 'attach_repeated_call': {
      // A call is a fact: recorded whatever the status, only scope and role are checked.
      const refused = outOfDistrict(record.fields.district, caller) ?? intakeRole(caller);
      if (refused) return refused;
      const e =
        op.command === 'log_call'
          ? event(op, 'call', op.payload.at, { direction: op.payload.direction, result: op.payload.result, note: op.payload.note })
          : event(op, 'repeated_call', parseHlc(op.hlc).wallMs, { ...op.payload });
      return accepted(record, null, op, version, [e]);
    }
    case 'incident_restored':
      return incidentRestored(record, op, caller, ctx, stamp);
    case 'carry_over': {
      // «Закрыть день»: an open appeal carried past the day; the status does not move.
      const refused = outOfDistrict(record.fields.district, caller);
      if (refused) return refused;
      const who = checkCarryOverActor(caller, record.fields.district);
      if (!who.ok) return reject(who.rule, who.message);
      const data = checkCarryOver(op.payload);
      if (!data.ok) return reject(data.rule, data.message);
      return accepted(record, null, op, version, [event(op, 'carried_over', parseHlc(op.hlc).wallMs, { ...op.payload })]);
    }
    default:
      return workflowAction(record, op, caller, ctx, stamp);
  }
}

function intakeRole(caller: Actor): Rejection | null {
  return INTAKE_ROLES.includes(caller.role) ? null : reject('role', `Работа с обращениями не входит в права роли «${ROLE_LABELS[caller.role]}»`);
}

function registerAppeal(
  record: AppealRecord | null,
  op: Extract<AppealOp, { command: 'register_appeal' }>,
  caller: Actor,
  ctx: ApplyContext,
): ApplyResult<AppealRecord> {
  const p = op.payload;
  if (p.id !== op.entityId) return reject('invalid_op', 'Операция не прошла проверку: идентификатор обращения не совпадает с идентификатором операции');
  if (record) return reject('already_exists', `Обращение с идентификатором ${p.id} уже есть на сервере`);
  const role = intakeRole(caller);
  if (role) return role;
  if (ctx.building === null) return reject('unknown_building', `Дома ${p.buildingId} нет в реестре сервера`);
  // A resident's call is taken wherever it comes in; the server's register says which district it belongs to.
  const district = ctx.building?.district ?? p.district;
  const stamp = stampOf(op, 1, ctx);
  const created: AppealRecord = {
    id: p.id,
    version: 1,
    officialNumber: ctx.officialNumber ?? null,
    registration: p,
    fields: { status: p.status, executorOrgId: p.executorOrgId, district },
    stamps: { status: stamp, executorOrgId: stamp, district: stamp },
    applied: { [op.deviceId]: op.deviceSeq },
    lost: district === p.district ? {} : { district: { [op.deviceId]: { value: p.district, stamp } } },
  };
  const registered = event(op, 'registered', p.registeredAt, {
    number: p.number,
    channel: p.channel,
    ...(created.officialNumber ? { officialNumber: created.officialNumber } : {}),
  });
  const conflicts: ConflictRecord[] =
    district === p.district
      ? []
      : [{ entityType: 'appeal', entityId: p.id, field: 'district', winner: { value: district, stamp }, loser: { value: p.district, stamp } }];
  if (conflicts.length > 0) return { kind: 'merged', record: created, events: [registered], changed: ['district'], conflicts };
  return { kind: 'applied', record: created, events: [registered], changed: [] };
}

type WorkflowOp = Extract<AppealOp, { command: WorkflowAction }>;

function workflowAction(record: AppealRecord, op: WorkflowOp, caller: Actor, ctx: ApplyContext, stamp: Stamp): ApplyResult<AppealRecord> {
  // The workstation's checkFailed is its own decision; the server decides again with its norms.
  const data = omit(op.payload, ['checkFailed']) as ActionData;
  const action = data.action;
  const current = record.fields.status;
  const from = TRANSITIONS[action].from;
  // Role, district and the action's data are checked as if from a status the action may start in;
  // the status itself is judged below, by whether the author saw it.
  const probe: AppealState = { id: record.id, status: from.includes(current) ? current : (from[0] as AppealStatus), district: record.fields.district };
  const decision = decide(probe, data as ActionData, caller, ctx.nowMs, ctx.norms);
  if (!decision.ok) return reject(decision.rule, decision.message);
  if (!from.includes(current) && saw(record.stamps.status, op)) {
    const refusal = checkPermission({ ...probe, status: current }, action, caller);
    return reject('status', refusal.ok ? `«${ACTION_LABELS[action]}» недоступно в статусе «${STATUS_LABELS[current]}»` : refusal.message);
  }
  if (data.action === 'transfer' && ctx.organisationExists && !ctx.organisationExists(data.executorOrgId)) {
    return reject('unknown_executor', `Исполнителя ${data.executorOrgId} нет в справочнике сервера`);
  }
  if (data.action === 'mark_duplicate' && ctx.appealExists && !ctx.appealExists(data.originalId)) {
    return reject('original_not_found', 'Исходное обращение не найдено на сервере');
  }
  const writes: Partial<AppealFields> =
    data.action === 'transfer' ? { status: decision.to, executorOrgId: data.executorOrgId } : { status: decision.to };
  const merge = mergeWrites(record, writes, op, stamp);
  const e = event(op, decision.checkFailed ? 'verify_failed' : action, parseHlc(op.hlc).wallMs, {
    ...omit(data, ['action']),
    to: decision.to,
    role: caller.role,
  });
  return accepted(record, merge, op, stamp.version, [e]);
}

function incidentRestored(
  record: AppealRecord,
  op: Extract<AppealOp, { command: 'incident_restored' }>,
  caller: Actor,
  ctx: ApplyContext,
  stamp: Stamp,
): ApplyResult<AppealRecord> {
  const p = op.payload;
  if (p.to !== RESTORE_MOVES_TO) return reject('invalid_op', `Операция не прошла проверку: восстановление переводит обращение только в «${STATUS_LABELS[RESTORE_MOVES_TO]}»`);
  if (ctx.incident === null) return reject('incident_not_found', `Инцидент ${p.incidentNumber} не найден на сервере`);
  // An outage crosses district lines: the incident's districts, not the author's alone, are the scope.
  const districts = ctx.incident?.districts ?? [record.fields.district];
  if (!districts.includes(record.fields.district)) {
    return reject('district', `Обращение района «${record.fields.district}» не относится к инциденту ${p.incidentNumber}`);
  }
  const allowed = checkIncidentActor(caller, districts);
  if (!allowed.ok) return reject(allowed.rule, allowed.message);
  const current = record.fields.status;
  if (!RESTORE_MOVES_FROM.includes(current) && saw(record.stamps.status, op)) {
    return reject('status', `Восстановление подачи тепла не переводит обращение в статусе «${STATUS_LABELS[current]}»`);
  }
  const merge = mergeWrites(record, { status: RESTORE_MOVES_TO }, op, stamp);
  const e = event(op, 'incident_restored', parseHlc(op.hlc).wallMs, { ...p });
  return accepted(record, merge, op, stamp.version, [e]);
}

// ——— incidents ———

/** Applies one op to an incident (null: not on the server yet). */
export function applyIncidentOp(record: IncidentRecord | null, rawOp: unknown, caller: Actor, ctx: ApplyContext): ApplyResult<IncidentRecord> {
  const parsed = parse(rawOp, 'incident');
  if (isRejection(parsed)) return parsed;
  const op = parsed as IncidentOp;
  if (record && (record.applied[op.deviceId] ?? 0) >= op.deviceSeq) return { kind: 'duplicate' };
  const at = parseHlc(op.hlc).wallMs;
  if (op.command === 'create_incident') {
    if (record) return reject('already_exists', `Инцидент с идентификатором ${op.entityId} уже есть на сервере`);
    const districts = ctx.incidentDistricts ?? (caller.district ? [caller.district] : []);
    if (districts.length === 0) return reject('no_buildings', 'Ни одного дома инцидента нет в реестре сервера');
    const allowed = checkIncidentActor(caller, districts);
    if (!allowed.ok) return reject(allowed.rule, allowed.message);
    const times = checkIncidentTimes(op.payload, ctx.nowMs);
    if (!times.ok) return reject(times.rule, times.message);
    const stamp = stampOf(op, 1, ctx);
    const created: IncidentRecord = {
      id: op.entityId,
      version: 1,
      districts,
      creation: op.payload,
      fields: { cause: op.payload.cause, plannedRestoreAt: op.payload.plannedRestoreAt, restoredAt: null },
      stamps: { cause: stamp, plannedRestoreAt: stamp, restoredAt: stamp },
      applied: { [op.deviceId]: op.deviceSeq },
      lost: {},
    };
    return { kind: 'applied', record: created, events: [event(op, 'created', at, { ...op.payload })], changed: [] };
  }
  if (!record) return reject('not_found', 'Инцидент не найден на сервере');
  const allowed = checkIncidentActor(caller, record.districts);
  if (!allowed.ok) return reject(allowed.rule, allowed.message);
  const version = record.version + 1;
  const stamp = stampOf(op, version, ctx);
  const restoredSeen = record.fields.restoredAt !== null && saw(record.stamps.restoredAt, op);
  if (op.command === 'update_incident') {
    if (restoredSeen) return reject('restored', 'Подача тепла по этому инциденту уже восстановлена');
    const { before, ...after } = op.payload;
    const times = checkIncidentTimes({ startedAt: record.creation.startedAt, plannedRestoreAt: after.plannedRestoreAt }, ctx.nowMs);
    if (!times.ok) return reject(times.rule, times.message);
    // Only what this user changed is theirs; an op written before `before` existed claims both fields.
    const writes: Partial<IncidentFields> = {
      ...(!before || before.cause !== after.cause ? { cause: after.cause } : {}),
      ...(!before || before.plannedRestoreAt !== after.plannedRestoreAt ? { plannedRestoreAt: after.plannedRestoreAt } : {}),
    };
    const merge = mergeWrites(record, writes, op, stamp);
    return accepted(record, merge, op, version, [event(op, 'updated', at, { ...(before ? { before } : {}), after })]);
  }
  const restore = checkRestore({ startedAt: record.creation.startedAt, restoredAt: restoredSeen ? record.fields.restoredAt : null }, op.payload.restoredAt, ctx.nowMs);
  if (!restore.ok) return reject(restore.rule, restore.message);
  const merge = mergeWrites(record, { restoredAt: op.payload.restoredAt }, op, stamp);
  return accepted(record, merge, op, version, [event(op, 'restored', at, { restoredAt: op.payload.restoredAt })]);
}
