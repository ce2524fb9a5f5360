// The reducer of «Отопительный сезон» (docs/heating-season.md): a building's heating status as sync
// tracks it, one record per building (id: the building's). Set by hand or by a supplier's file on
// any workstation of its district or the Department's; the fields move together, last writer wins
// on their stamps, so every replica ends with the same status whatever the order. The record keeps
// no history: each workstation's own history table records what it saw change.
import { parseHlc } from '../domain/hlc.js';
import type { District } from '../domain/districts.js';
import type { Actor } from '../domain/roles.js';
import { heatingRefusal } from '../heating/heating-rights.js';
import type { HeatingStatus } from '../heating/heating-status.js';
import { compareStamps, reject, stampOf, type ApplyContext, type ApplyResult, type Stamp, type TrackedRecord } from './apply.js';
import { describeOpIssue, opSchema, type HeatingOp } from './op-payloads.js';

export type HeatingFields = {
  readonly status: HeatingStatus;
  /** YYYY-MM-DD (Samara) the status holds from. */
  readonly statusDate: string;
  readonly reason: string;
  readonly setBy: string;
  readonly setAt: number;
  readonly source: 'manual' | 'import';
};

export interface HeatingRecord extends TrackedRecord<HeatingFields> {
  readonly district: District;
}

/** What the reducer needs beyond ApplyContext: the building in the register (null: looked up, none). */
export interface HeatingContext extends ApplyContext {
  readonly heatingBuilding?: { readonly id: string; readonly district: District } | null;
}

export function applyHeatingOp(record: HeatingRecord | null, rawOp: unknown, caller: Actor, ctx: HeatingContext): ApplyResult<HeatingRecord> {
  const parsed = opSchema.safeParse(rawOp);
  if (!parsed.success) return reject('invalid_op', `Операция не прошла проверку: ${describeOpIssue(parsed.error)}`);
  if (parsed.data.entityType !== 'building_heating') return reject('invalid_op', `Операция «${parsed.data.command}» относится не к этому виду данных`);
  const op = parsed.data as HeatingOp;
  if (record && (record.applied[op.deviceId] ?? 0) >= op.deviceSeq) return { kind: 'duplicate' };
  if (ctx.heatingBuilding === null) return reject('unknown_building', `Дома ${op.entityId} нет в реестре сервера`);
  const district = record?.district ?? ctx.heatingBuilding?.district ?? caller.district;
  if (!district) return reject('unknown_building', `Дома ${op.entityId} нет в реестре сервера`);
  const refusal = heatingRefusal(caller, district);
  if (refusal) return reject(refusal.rule, refusal.message);
  const version = (record?.version ?? 0) + 1;
  const stamp = stampOf(op, version, ctx);
  const p = op.payload;
  const writes: HeatingFields = { status: p.status, statusDate: p.statusDate, reason: p.reason, setBy: op.userId, setAt: parseHlc(op.hlc).wallMs, source: p.source };
  if (!record) {
    const stamps = Object.fromEntries(Object.keys(writes).map((k) => [k, stamp])) as { [K in keyof HeatingFields]: Stamp };
    return { kind: 'applied', record: { id: op.entityId, version: 1, district, fields: writes, stamps, applied: { [op.deviceId]: op.deviceSeq }, lost: {} }, events: [], changed: Object.keys(writes) };
  }
  const fields: Record<string, unknown> = { ...record.fields };
  const stamps: Record<string, Stamp> = { ...record.stamps };
  const changed: string[] = [];
  for (const [field, value] of Object.entries(writes)) {
    if (compareStamps(stamp, stamps[field] as Stamp) <= 0) continue;
    if (fields[field] !== value) changed.push(field);
    fields[field] = value;
    stamps[field] = stamp;
  }
  const next: HeatingRecord = {
    ...record,
    version,
    fields: fields as HeatingFields,
    stamps: stamps as HeatingRecord['stamps'],
    applied: { ...record.applied, [op.deviceId]: op.deviceSeq },
  };
  return { kind: 'applied', record: next, events: [], changed };
}
