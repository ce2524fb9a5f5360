// The reducer of «Закрыть день» (shared/reports/day-closure.ts for the rules): a district's day as
// sync tracks it, one record per district and day (id `<district>:<day>`). The deputy head signs it
// (sign_day), the Department may return it (return_day), and it is signed again. Fields go by
// last-writer-wins on their stamps like an appeal's; two signatures made offline on two
// workstations are both kept in the history, the later one stands. The history is part of the
// record — every accepted op appends one entry, ordered by (hybrid clock, op id) — so a day's
// closure needs no event table of its own.
//
// What the server cannot check: that every open appeal was handled before the sign-off. The
// workstation checks it when the deputy head signs (its carry-overs go first in the same push);
// another workstation's appeal registered meanwhile is the next day's business.
import { parseHlc } from '../domain/hlc.js';
import type { District } from '../domain/districts.js';
import type { Actor } from '../domain/roles.js';
import { checkReturn, checkSign } from '../reports/day-closure.js';
import { compareStamps, reject, saw, stampOf, type ApplyContext, type ApplyResult, type Stamp, type TrackedRecord } from './apply.js';
import { describeOpIssue, opSchema, type DayClosureOp } from './op-payloads.js';

export type DayClosureFields = {
  readonly state: 'signed' | 'returned';
  readonly comment: string;
  readonly signedBy: string;
  readonly signedAt: number;
  /** «Итоги дня» as signed: JSON of { received, closed, open, overdue }. */
  readonly figures: string;
  readonly carriedOver: number;
  readonly returnReason: string | null;
  readonly returnedBy: string | null;
  readonly returnedAt: number | null;
};

export interface DayClosureEntry {
  readonly opId: string;
  readonly hlc: string;
  readonly type: 'signed' | 'returned';
  readonly at: number;
  readonly by: string;
  readonly comment?: string;
  readonly reason?: string;
  readonly figures?: { readonly received: number; readonly closed: number; readonly open: number; readonly overdue: number };
  readonly carriedOver?: number;
}

export interface DayClosureRecord extends TrackedRecord<DayClosureFields> {
  readonly district: District;
  /** YYYY-MM-DD, the Samara day. */
  readonly day: string;
  readonly history: readonly DayClosureEntry[];
}

export function dayClosureId(district: District, day: string): string {
  return `${district}:${day}`;
}

/** Applies one op to a district's day (null: nobody has signed it yet). */
export function applyDayClosureOp(record: DayClosureRecord | null, rawOp: unknown, caller: Actor, ctx: ApplyContext): ApplyResult<DayClosureRecord> {
  const parsed = opSchema.safeParse(rawOp);
  if (!parsed.success) return reject('invalid_op', `Операция не прошла проверку: ${describeOpIssue(parsed.error)}`);
  if (parsed.data.entityType !== 'day_closure') return reject('invalid_op', `Операция «${parsed.data.command}» относится не к этому виду данных`);
  const op = parsed.data as DayClosureOp;
  if (record && (record.applied[op.deviceId] ?? 0) >= op.deviceSeq) return { kind: 'duplicate' };
  const at = parseHlc(op.hlc).wallMs;
  const version = (record?.version ?? 0) + 1;
  const stamp = stampOf(op, version, ctx);

  if (op.command === 'sign_day') {
    const p = op.payload;
    if (op.entityId !== dayClosureId(p.district, p.day)) return reject('invalid_op', 'Операция не прошла проверку: идентификатор дня не совпадает с районом и датой');
    // A signature counts against this one only if its author saw it (else both stand, the later wins).
    const current = record && saw(record.stamps.state, op) ? { state: record.fields.state } : null;
    const check = checkSign(caller, { district: p.district, day: p.day, comment: p.comment, unhandled: [], current }, ctx.nowMs);
    if (!check.ok) return reject(check.rule, check.message);
    const writes: Partial<DayClosureFields> = {
      state: 'signed',
      comment: p.comment,
      signedBy: op.userId,
      signedAt: at,
      figures: JSON.stringify(p.figures),
      carriedOver: p.carriedOver,
    };
    const entry: DayClosureEntry = { opId: op.opId, hlc: op.hlc, type: 'signed', at, by: op.userId, comment: p.comment, figures: p.figures, carriedOver: p.carriedOver };
    if (!record) {
      const fields: DayClosureFields = { ...(writes as Omit<DayClosureFields, 'returnReason' | 'returnedBy' | 'returnedAt'>), returnReason: null, returnedBy: null, returnedAt: null };
      const stamps = Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])) as { [K in keyof DayClosureFields]: Stamp };
      const created: DayClosureRecord = { id: op.entityId, version: 1, district: p.district, day: p.day, fields, stamps, applied: { [op.deviceId]: op.deviceSeq }, lost: {}, history: [entry] };
      return { kind: 'applied', record: created, events: [], changed: Object.keys(fields) };
    }
    if (record.district !== p.district || record.day !== p.day) return reject('invalid_op', 'Операция не прошла проверку: день другого района или даты');
    return write(record, writes, stamp, op, version, entry);
  }

  if (!record) return reject('not_found', 'Этот день района не закрыт: возвращать нечего');
  const check = checkReturn(caller, { reason: op.payload.reason, current: { state: record.fields.state } });
  if (!check.ok) return reject(check.rule, check.message);
  const reason = op.payload.reason.trim();
  const entry: DayClosureEntry = { opId: op.opId, hlc: op.hlc, type: 'returned', at, by: op.userId, reason };
  return write(record, { state: 'returned', returnReason: reason, returnedBy: op.userId, returnedAt: at }, stamp, op, version, entry);
}

/** Last writer wins field by field; the entry joins the history in its one order. */
function write(
  record: DayClosureRecord,
  writes: Partial<DayClosureFields>,
  stamp: Stamp,
  op: DayClosureOp,
  version: number,
  entry: DayClosureEntry,
): ApplyResult<DayClosureRecord> {
  const fields: Record<string, unknown> = { ...record.fields };
  const stamps: Record<string, Stamp> = { ...record.stamps };
  const changed: string[] = [];
  for (const [field, value] of Object.entries(writes)) {
    const last = stamps[field] as Stamp;
    if (compareStamps(stamp, last) <= 0) continue;
    if (fields[field] !== value) changed.push(field);
    fields[field] = value;
    stamps[field] = stamp;
  }
  const history = [...record.history.filter((e) => e.opId !== entry.opId), entry].sort((a, b) => (a.hlc !== b.hlc ? (a.hlc < b.hlc ? -1 : 1) : a.opId < b.opId ? -1 : 1));
  const next: DayClosureRecord = {
    ...record,
    version,
    fields: fields as DayClosureFields,
    stamps: stamps as DayClosureRecord['stamps'],
    applied: { ...record.applied, [op.deviceId]: op.deviceSeq },
    history,
  };
  return { kind: 'applied', record: next, events: [], changed };
}
