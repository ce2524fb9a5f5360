// Test helpers: ops and records built the way the core builds them, for the sync tests.
import type { District } from '../domain/districts.js';
import { formatHlc } from '../domain/hlc.js';
import type { Actor } from '../domain/roles.js';
import { applyAppealOp, type AppealRecord, type ApplyContext } from './apply.js';
import type { RegisterAppealPayload } from './op-payloads.js';
import { SCHEMA_VERSION, type OpCommand } from './op.js';

export const T0 = Date.UTC(2026, 10, 29, 7, 0);
export const APPEAL_ID = '019ac5a0-0000-7000-8000-000000000001';
export const DEVICE = {
  registrar: '00000000-0000-4000-8000-00000000000a',
  a: '00000000-0000-4000-8000-0000000000a1',
  b: '00000000-0000-4000-8000-0000000000b2',
  c: '00000000-0000-4000-8000-0000000000c3',
} as const;

export const CONTROLLER: Actor = { userId: 'Петрова', role: 'district_controller', district: 'Октябрьский' };
export const OPERATOR: Actor = { userId: 'Иванова', role: 'operator', district: 'Октябрьский' };
export const DEPARTMENT: Actor = { userId: 'Сидоров', role: 'department', district: null };
export const OTHER_DISTRICT: Actor = { userId: 'Кузнецова', role: 'district_controller', district: 'Ленинский' };
export const CTX: ApplyContext = { nowMs: T0 + 24 * 3_600_000 };

let opCounter = 0;
/** A fresh UUIDv7-shaped op id; increasing, so later calls sort later. */
export function nextOpId(): string {
  opCounter += 1;
  return `019ac5a0-0000-7000-8000-${opCounter.toString(16).padStart(12, '0')}`;
}

export function hlc(ms: number, counter = 0, node = 'AAAA'): string {
  return formatHlc({ wallMs: ms, counter, node });
}

export interface OpOptions {
  readonly deviceId?: string;
  readonly deviceSeq: number;
  readonly hlc: string;
  readonly baseVersion?: number;
  readonly userId?: string;
  readonly entityId?: string;
  readonly opId?: string;
  readonly entityType?: 'appeal' | 'incident' | 'day_closure';
}

export function makeOp(command: OpCommand, payload: Record<string, unknown>, o: OpOptions) {
  return {
    opId: o.opId ?? nextOpId(),
    deviceId: o.deviceId ?? DEVICE.a,
    deviceSeq: o.deviceSeq,
    hlc: o.hlc,
    userId: o.userId ?? CONTROLLER.userId,
    entityType: o.entityType ?? ('appeal' as 'appeal' | 'incident' | 'day_closure'),
    entityId: o.entityId ?? APPEAL_ID,
    baseVersion: o.baseVersion ?? 1,
    schemaVersion: SCHEMA_VERSION,
    command,
    payload,
  };
}

export function registration(over: Partial<RegisterAppealPayload> = {}): RegisterAppealPayload {
  return {
    id: APPEAL_ID,
    number: '26-7KQ2-00042',
    buildingId: 'b-1',
    district: 'Октябрьский',
    flat: '15',
    applicantName: 'Иванова Мария',
    applicantPhone: '89271234567',
    channel: 'district_hotline',
    category: 'low_temperature',
    priority: 'normal',
    description: 'В квартире +16',
    status: 'registered',
    executorOrgId: null,
    receivedAt: T0,
    registeredAt: T0,
    registeredBy: 'Иванова',
    deadlineAt: T0 + 24 * 3_600_000,
    ...over,
  };
}

export function registerOp(over: Partial<RegisterAppealPayload> = {}, o: Partial<OpOptions> = {}) {
  return makeOp('register_appeal', registration(over), {
    deviceId: DEVICE.registrar,
    deviceSeq: 1,
    hlc: hlc(T0, 0, 'REGI'),
    baseVersion: 0,
    userId: 'Иванова',
    opId: '019ac5a0-0000-7000-8000-ffffffffffff',
    ...o,
  });
}

/** The appeal as the server holds it right after its registration reached it. */
export function registered(district: District = 'Октябрьский'): AppealRecord {
  const r = applyAppealOp(null, registerOp({ district }), OPERATOR, {
    ...CTX,
    building: { id: 'b-1', district },
    officialNumber: '2026-ОКТ-000123',
  });
  if (r.kind !== 'applied') throw new Error(`registration not applied: ${JSON.stringify(r)}`);
  return r.record;
}

export const PAYLOADS = {
  transfer: (executorOrgId = 'uk-1') => ({ action: 'transfer', executorOrgId, method: 'system', contactPerson: '', checkFailed: false }),
  take_in_work: () => ({ action: 'take_in_work', checkFailed: false }),
  mark_done: () => ({ action: 'mark_done', whatWasDone: 'Стравлен воздух', doneAt: T0 + 3_600_000, checkFailed: false }),
  verify: () => ({ action: 'verify', method: 'call', temperatures: [], note: '', checkFailed: false }),
  close: () => ({ action: 'close', feedback: 'satisfied', attempts: 0, note: '', checkFailed: false }),
  reject: () => ({ action: 'reject', reason: 'Не в отопительный период', checkFailed: false }),
  mark_duplicate: () => ({ action: 'mark_duplicate', originalId: 'another-appeal', checkFailed: false }),
  return_for_rework: () => ({ action: 'return_for_rework', reason: 'Снова холодно', checkFailed: false }),
} as const;
