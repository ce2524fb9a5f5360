// The small pure rules of sync: the clock check, official numbers, op schema versions, personal
// data, scope and cursors, and the order of a push.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTRICTS } from '../domain/districts.js';
import { provisionalNumber, parseProvisionalNumber } from '../domain/registration-number.js';
import type { Actor } from '../domain/roles.js';
import { answerOf, answerOfUpgrade, conflictId, duplicateOf } from './answers.js';
import { applyAppealOp } from './apply.js';
import { checkClientClock, checkOpClock, MAX_CLOCK_AHEAD_MS } from './clock-skew.js';
import { officialNumber, parseOfficialNumber } from './official-number.js';
import type { OpEnvelope } from './op-payloads.js';
import { opAnswerSchema } from './protocol.js';
import { appealForViewer, conflictForViewer, eventForViewer, seesPersonalData } from './personal-data.js';
import { planPush } from './push-order.js';
import { SCHEMA_VERSION } from './op.js';
import { MIN_SUPPORTED_SCHEMA_VERSION, upgradeOp } from './schema-versions.js';
import { checkCursor, decodePageToken, encodeCursor, encodePageToken, inScope } from './scope.js';
import { CONTROLLER, CTX, DEPARTMENT, DEVICE, hlc, makeOp, OPERATOR, OTHER_DISTRICT, PAYLOADS, registered, T0 } from './test-ops.js';

const MIN = 60_000;

describe('the clock check', () => {
  it('refuses a clock more than five minutes ahead, saying by how much and what to do', () => {
    expect(MAX_CLOCK_AHEAD_MS).toBe(5 * MIN);
    expect(checkClientClock(T0 + 5 * MIN, T0)).toEqual({ ok: true });
    const r = checkClientClock(T0 + 47 * MIN, T0);
    expect(r).toMatchObject({
      ok: false,
      code: 'clock_ahead',
      aheadMs: 47 * MIN,
      message: 'Часы этого компьютера спешат на 47 мин: на сервере 29.11.2026 11:00, у вас 29.11.2026 11:47 (допускается не больше 5 мин)',
      userAction: expect.stringContaining('Установите на компьютере правильные дату и время'),
    });
  });

  it('accepts a clock behind, warning past an hour', () => {
    expect(checkClientClock(T0 - 30 * MIN, T0)).toEqual({ ok: true });
    expect(checkClientClock(T0 - 3 * 60 * MIN, T0)).toMatchObject({ ok: true, warning: expect.stringContaining('отстают на 180 мин') });
  });

  it('refuses an op stamped while the clock was ahead', () => {
    expect(checkOpClock(hlc(T0 + 2 * 60 * MIN), T0)).toMatchObject({ ok: false, code: 'clock_ahead' });
    expect(checkOpClock(hlc(T0 - 24 * 60 * MIN), T0)).toEqual({ ok: true });
  });
});

describe('official numbers', () => {
  it('year, district letters and the city-wide counter; never mistaken for a provisional number', () => {
    expect(officialNumber(2026, 'Октябрьский', 123)).toBe('2026-ОКТ-000123');
    expect(officialNumber(2026, 'Советский', 1_234_567)).toBe('2026-СОВ-1234567');
    expect(parseOfficialNumber(' 2026-окт-000123 ')).toEqual({ year: 2026, district: 'Октябрьский', sequence: 123 });
    expect(parseOfficialNumber('26-7KQ2-00042')).toBeNull();
    expect(parseProvisionalNumber('2026-ОКТ-000123')).toBeNull();
    expect(parseOfficialNumber(provisionalNumber(2026, '7KQ2', 42))).toBeNull();
    expect(() => officialNumber(2026, 'Октябрьский', 0)).toThrow(RangeError);
  });

  it('round-trips for every district and counter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 9999 }), fc.constantFrom(...DISTRICTS), fc.integer({ min: 1, max: 99_999_999 }), (year, district, sequence) => {
        expect(parseOfficialNumber(officialNumber(year, district, sequence))).toEqual({ year, district, sequence });
      }),
    );
  });
});

describe('op schema versions', () => {
  const op: OpEnvelope = {
    opId: '019ac5a0-0000-7000-8000-000000000001',
    deviceId: DEVICE.a,
    deviceSeq: 1,
    hlc: hlc(T0),
    userId: 'Петрова',
    entityType: 'appeal',
    entityId: 'a-1',
    baseVersion: 1,
    schemaVersion: 1,
    command: 'take_in_work',
    payload: { action: 'take_in_work' },
  };

  it('passes an op of the server\'s version through', () => {
    const current = { ...op, schemaVersion: SCHEMA_VERSION };
    expect(upgradeOp(current)).toEqual({ ok: true, op: current });
  });

  it('upgrades every version-1 op to the current version as it is (version 2 only added commands)', () => {
    expect(SCHEMA_VERSION).toBe(2);
    const upgraded = upgradeOp(op);
    expect(upgraded).toEqual({ ok: true, op: { ...op, schemaVersion: 2 } });
  });

  it('upgrades step by step along the chain', () => {
    const chain = {
      1: (o: OpEnvelope) => ({ ...o, schemaVersion: 2, payload: { ...(o.payload as object), checkFailed: false } }),
      2: (o: OpEnvelope) => ({ ...o, schemaVersion: 3, payload: { ...(o.payload as object), upgraded: true } }),
    };
    expect(upgradeOp(op, 3, chain)).toEqual({ ok: true, op: { ...op, schemaVersion: 3, payload: { action: 'take_in_work', checkFailed: false, upgraded: true } } });
  });

  it('refuses, with a reason, an op too old to upgrade, and defers one newer than the server', () => {
    expect(upgradeOp(op, 3, {})).toMatchObject({ ok: false, code: 'schema_unsupported', userAction: expect.stringContaining('сохранена') });
    expect(upgradeOp({ ...op, schemaVersion: 0 }, 1)).toMatchObject({ ok: false, code: 'schema_unsupported', message: expect.stringContaining(`с ${MIN_SUPPORTED_SCHEMA_VERSION}`) });
    expect(upgradeOp({ ...op, schemaVersion: 2 }, 1)).toMatchObject({ ok: false, code: 'schema_too_new', userAction: expect.stringContaining('ждёт отправки') });
  });
});

describe('personal data', () => {
  const appeal = registered();

  it('goes to the roles that call residents back, not to the Department or the admin', () => {
    expect(['operator', 'district_controller', 'deputy_head', 'department', 'admin'].map((r) => seesPersonalData(r as Actor['role']))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(appealForViewer(appeal, CONTROLLER)).toMatchObject({ personalDataHidden: false, registration: { applicantName: 'Иванова Мария', applicantPhone: '89271234567' } });
    const hidden = appealForViewer(appeal, DEPARTMENT);
    expect(hidden).toMatchObject({ personalDataHidden: true, registration: { applicantName: null, applicantPhone: null, flat: '15', description: 'В квартире +16' } });
    expect(JSON.stringify(hidden)).not.toMatch(/Иванова Мария|89271234567/);
  });

  it('a Department user keeps the applicant of an appeal they registered', () => {
    const own = { ...appeal, registration: { ...appeal.registration, registeredBy: DEPARTMENT.userId } };
    expect(appealForViewer(own, DEPARTMENT).personalDataHidden).toBe(false);
  });

  it('strips a repeated caller from events and personal fields from conflicts', () => {
    const event = {
      id: 'e-1',
      entityType: 'appeal' as const,
      entityId: appeal.id,
      type: 'repeated_call',
      at: T0,
      by: 'Иванова',
      hlc: hlc(T0),
      deviceId: DEVICE.a,
      data: { applicantName: 'Сосед', applicantPhone: '89270000000', flat: '16', note: '' },
    };
    expect(eventForViewer(event, DEPARTMENT, appeal).data).toEqual({ applicantName: null, applicantPhone: null, flat: '16', note: '' });
    expect(eventForViewer(event, OPERATOR, appeal)).toBe(event);
    const stamp = appeal.stamps.status;
    const conflict = { entityType: 'appeal' as const, entityId: appeal.id, field: 'applicantPhone', winner: { value: '1', stamp }, loser: { value: '2', stamp } };
    expect(conflictForViewer(conflict, DEPARTMENT)).toMatchObject({ winner: { value: null }, loser: { value: null } });
  });
});

describe('scope and cursors', () => {
  it('district staff see their district and the shared register; the Department everything', () => {
    expect(inScope(CONTROLLER, { kind: 'district', district: 'Октябрьский' })).toBe(true);
    expect(inScope(OTHER_DISTRICT, { kind: 'district', district: 'Октябрьский' })).toBe(false);
    expect(inScope(OTHER_DISTRICT, { kind: 'reference' })).toBe(true);
    expect(inScope(OTHER_DISTRICT, { kind: 'districts', districts: ['Октябрьский', 'Ленинский'] })).toBe(true);
    expect(inScope(DEPARTMENT, { kind: 'district', district: 'Советский' })).toBe(true);
    expect(inScope({ ...CONTROLLER, district: null }, { kind: 'district', district: 'Октябрьский' })).toBe(false);
  });

  it('a cursor is served only for its scope and while the log still has what follows it', () => {
    const cursor = encodeCursor(120, CONTROLLER);
    expect(checkCursor(cursor, CONTROLLER, 1, 500)).toEqual({ ok: true, serverSeq: 120 });
    expect(checkCursor(cursor, OPERATOR, 1, 500)).toEqual({ ok: true, serverSeq: 120 });
    expect(checkCursor(cursor, OTHER_DISTRICT, 1, 500)).toMatchObject({ ok: false, reason: 'scope_changed' });
    expect(checkCursor(cursor, DEPARTMENT, 1, 500)).toMatchObject({ ok: false, reason: 'scope_changed' });
    expect(checkCursor(cursor, CONTROLLER, 200, 500)).toMatchObject({ ok: false, reason: 'cursor_too_old', message: expect.stringContaining('загружены заново') });
    expect(checkCursor(cursor, CONTROLLER, 1, 100)).toMatchObject({ ok: false, reason: 'cursor_invalid' });
    expect(checkCursor('garbage', CONTROLLER, 1, 500)).toMatchObject({ ok: false, reason: 'cursor_invalid' });
  });

  it('a snapshot page token resumes where it stopped, for the same scope only', () => {
    const position = { serverSeq: 77, section: 'buildings' as const, afterId: 'b/12 корп. 1' };
    const token = encodePageToken(position, CONTROLLER);
    expect(token).toMatch(/^[\x20-\x7e]+$/);
    expect(decodePageToken(token, CONTROLLER)).toEqual(position);
    expect(decodePageToken(token, DEPARTMENT)).toBeNull();
    expect(decodePageToken(encodePageToken({ ...position, section: 'organisations', afterId: null }, CONTROLLER), CONTROLLER)).toEqual({ ...position, section: 'organisations', afterId: null });
    expect(decodePageToken('s1.1.9.00000000.', CONTROLLER)).toBeNull();
  });
});

describe('the order of a push', () => {
  const op = (deviceSeq: number, opId = `op-${deviceSeq}`) => ({ opId, deviceSeq });
  const log = (last: number) => ({ lastDeviceSeq: last, opIdAt: (s: number) => (s <= last ? `op-${s}` : undefined) });

  it('answers what the server has as duplicates and applies the rest in sequence', () => {
    expect(planPush([op(3), op(4), op(5)], log(3))).toEqual({ ok: true, duplicates: [op(3)], fresh: [op(4), op(5)] });
    expect(planPush([op(1), op(2)], log(0))).toEqual({ ok: true, duplicates: [], fresh: [op(1), op(2)] });
  });

  it('refuses a gap, and a sequence reused by another op (a database restored from a copy)', () => {
    expect(planPush([op(6)], log(3))).toMatchObject({ ok: false, error: { code: 'out_of_order', message: 'Сервер ждёт операцию № 4, а пришла № 6' } });
    expect(planPush([op(2, 'other')], log(3))).toMatchObject({ ok: false, error: { code: 'device_seq_reused', userAction: expect.stringContaining('администратору') } });
  });
});

describe('push answers', () => {
  it('turn each result of the reducer into a valid answer; a retry gets the first one again', () => {
    const first = makeOp('transfer', PAYLOADS.transfer('uk-1'), { deviceId: DEVICE.a, deviceSeq: 1, hlc: hlc(T0 + MIN) });
    const second = makeOp('transfer', PAYLOADS.transfer('uk-2'), { deviceId: DEVICE.b, deviceSeq: 1, hlc: hlc(T0 + 2 * MIN) });
    const applied = applyAppealOp(registered(), first, CONTROLLER, CTX);
    if (applied.kind !== 'applied') throw new Error('expected applied');
    const merged = applyAppealOp(applied.record, second, CONTROLLER, CTX);
    if (merged.kind !== 'merged') throw new Error('expected merged');
    const rejected = applyAppealOp(registered(), first, OTHER_DISTRICT, CTX);
    if (rejected.kind !== 'rejected') throw new Error('expected rejected');
    const answers = [
      answerOf(first, applied, 10, '2026-ОКТ-000123'),
      answerOf(second, merged, 11),
      answerOf(first, rejected, 12),
      duplicateOf(answerOf(first, applied, 10)),
      answerOfUpgrade(first, { ok: false, code: 'schema_unsupported', message: 'старый формат', userAction: 'обновите программу' }),
    ];
    for (const a of answers) expect(opAnswerSchema.safeParse(a).success).toBe(true);
    expect(answers[0]).toEqual({ result: 'applied', opId: first.opId, deviceSeq: 1, serverSeq: 10, officialNumber: '2026-ОКТ-000123' });
    expect(answers[1]).toMatchObject({ result: 'merged', serverSeq: 11, conflicts: [{ field: 'executorOrgId' }] });
    expect(answers[2]).toMatchObject({ result: 'rejected', code: 'district', userAction: expect.any(String) });
    expect(answers[3]).toEqual({ result: 'duplicate', opId: first.opId, deviceSeq: 1, original: { result: 'applied', opId: first.opId, deviceSeq: 1, serverSeq: 10 } });
    expect(conflictId(merged.conflicts[0]!)).toBe(`appeal:${first.entityId}:executorOrgId:${DEVICE.a}`);
  });
});
