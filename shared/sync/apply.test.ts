import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/roles.js';
import {
  applyAppealOp,
  applyIncidentOp,
  convergentPart,
  openConflicts,
  type AppealRecord,
  type ApplyContext,
  type ApplyResult,
  type IncidentRecord,
} from './apply.js';
import type { OpCommand } from './op.js';
import {
  makeOp,
  APPEAL_ID,
  CONTROLLER,
  CTX,
  DEPARTMENT,
  DEVICE,
  hlc,
  OPERATOR,
  OTHER_DISTRICT,
  PAYLOADS,
  registered,
  registerOp,
  T0,
} from './test-ops.js';

const MIN = 60_000;

function record<R>(r: ApplyResult<R>): R {
  if (r.kind !== 'applied' && r.kind !== 'merged') throw new Error(`expected the op to be accepted: ${JSON.stringify(r)}`);
  return r.record;
}

/** Applies ops in order, each to the result of the one before. */
function run(start: AppealRecord, steps: [ReturnType<typeof makeOp>, Actor][], ctx: ApplyContext = CTX) {
  let current = start;
  const results: ApplyResult<AppealRecord>[] = [];
  for (const [op, actor] of steps) {
    const r = applyAppealOp(current, op, actor, ctx);
    results.push(r);
    if (r.kind === 'applied' || r.kind === 'merged') current = r.record;
  }
  return { record: current, results };
}

const op = (command: OpCommand, payload: Record<string, unknown>, device: string, seq: number, minute: number, baseVersion = 1) =>
  makeOp(command, payload, { deviceId: device, deviceSeq: seq, hlc: hlc(T0 + minute * MIN), baseVersion });

describe('registration', () => {
  it('creates the appeal, keeps the provisional number, gives the official one and appends «registered»', () => {
    const r = applyAppealOp(null, registerOp(), OPERATOR, { ...CTX, building: { id: 'b-1', district: 'Октябрьский' }, officialNumber: '2026-ОКТ-000123' });
    expect(r.kind).toBe('applied');
    const rec = record(r);
    expect(rec).toMatchObject({ id: APPEAL_ID, version: 1, officialNumber: '2026-ОКТ-000123', fields: { status: 'registered', executorOrgId: null, district: 'Октябрьский' } });
    expect(rec.registration.number).toBe('26-7KQ2-00042');
    expect(r.kind === 'applied' && r.events).toEqual([
      expect.objectContaining({ id: rec.stamps.status.opId, type: 'registered', at: T0, by: 'Иванова', data: { number: '26-7KQ2-00042', channel: 'district_hotline', officialNumber: '2026-ОКТ-000123' } }),
    ]);
  });

  it('is refused for a building the server does not know, and for the admin', () => {
    expect(applyAppealOp(null, registerOp(), OPERATOR, { ...CTX, building: null })).toMatchObject({ kind: 'rejected', code: 'unknown_building' });
    const admin: Actor = { userId: 'admin', role: 'admin', district: null };
    expect(applyAppealOp(null, registerOp(), admin, CTX)).toMatchObject({ kind: 'rejected', code: 'role', message: 'Работа с обращениями не входит в права роли «администратор»' });
  });

  it('takes the district from the server\'s register and keeps the workstation\'s as a conflict', () => {
    const r = applyAppealOp(null, registerOp(), OPERATOR, { ...CTX, building: { id: 'b-1', district: 'Ленинский' } });
    expect(r).toMatchObject({ kind: 'merged', changed: ['district'], conflicts: [{ field: 'district', winner: { value: 'Ленинский' }, loser: { value: 'Октябрьский' } }] });
    expect(openConflicts(record(r))).toMatchObject([{ field: 'district', current: 'Ленинский', loser: { value: 'Октябрьский' } }]);
  });

  it('a replay is a duplicate; another device\'s appeal with the same id is refused', () => {
    const rec = registered();
    expect(applyAppealOp(rec, registerOp(), OPERATOR, CTX)).toEqual({ kind: 'duplicate' });
    expect(applyAppealOp(rec, registerOp({}, { deviceId: DEVICE.a }), OPERATOR, CTX)).toMatchObject({ kind: 'rejected', code: 'already_exists' });
  });

  it('refuses an op whose payload the core would not write, naming the field', () => {
    const broken = registerOp();
    const { applicantName: _dropped, ...payload } = broken.payload;
    expect(_dropped).toBeTruthy();
    expect(applyAppealOp(null, { ...broken, payload }, OPERATOR, CTX)).toMatchObject({ kind: 'rejected', code: 'invalid_op', message: expect.stringContaining('payload.applicantName') });
    expect(applyAppealOp(null, { ...broken, hlc: 'yesterday' }, OPERATOR, CTX)).toMatchObject({ kind: 'rejected', code: 'invalid_op', message: expect.stringContaining('hlc') });
  });
});

describe('workflow actions against the current state', () => {
  it('a transfer sets status and executor, bumps the version and appends its event', () => {
    const r = applyAppealOp(registered(), op('transfer', PAYLOADS.transfer('uk-1'), DEVICE.a, 1, 5), CONTROLLER, CTX);
    expect(r).toMatchObject({ kind: 'applied', changed: ['executorOrgId', 'status'], record: { version: 2, fields: { status: 'transferred', executorOrgId: 'uk-1' } } });
    expect(r.kind === 'applied' && r.events[0]).toMatchObject({ type: 'transfer', at: T0 + 5 * MIN, data: { executorOrgId: 'uk-1', method: 'system', to: 'transferred', role: 'district_controller' } });
  });

  it('an action the status does not allow, made on that very status, is refused with the workflow\'s reason', () => {
    const r = applyAppealOp(registered(), op('take_in_work', PAYLOADS.take_in_work(), DEVICE.a, 1, 5), CONTROLLER, CTX);
    expect(r).toMatchObject({
      kind: 'rejected',
      code: 'status',
      message: '«Взять в работу» недоступно в статусе «Зарегистрировано»; возможно из: «Передано исполнителю», «Возвращено на доработку»',
      userAction: expect.stringContaining('карточку'),
    });
  });

  it('refuses another district\'s appeal to a district user, with the workflow\'s words', () => {
    const r = applyAppealOp(registered(), op('transfer', PAYLOADS.transfer(), DEVICE.a, 1, 5), OTHER_DISTRICT, CTX);
    expect(r).toMatchObject({ kind: 'rejected', code: 'district', message: 'Обращение относится к району «Октябрьский», а вы работаете в районе «Ленинский»' });
    const call = op('log_call', { direction: 'to_applicant', result: 'reached', note: '', at: T0 + MIN }, DEVICE.a, 1, 5);
    expect(applyAppealOp(registered(), call, OTHER_DISTRICT, CTX)).toMatchObject({ kind: 'rejected', code: 'district' });
  });

  it('the Department returns work in any district but transfers none', () => {
    const steps: [ReturnType<typeof makeOp>, Actor][] = [
      [op('transfer', PAYLOADS.transfer(), DEVICE.a, 1, 1), CONTROLLER],
      [op('take_in_work', PAYLOADS.take_in_work(), DEVICE.a, 2, 2), CONTROLLER],
      [op('mark_done', PAYLOADS.mark_done(), DEVICE.a, 3, 3), CONTROLLER],
    ];
    const done = run(registered('Советский'), steps.map(([o]) => [o, { ...CONTROLLER, district: 'Советский' }])).record;
    expect(done.fields.status).toBe('done_by_executor');
    const back = applyAppealOp(done, op('return_for_rework', PAYLOADS.return_for_rework(), DEVICE.b, 1, 4, 4), DEPARTMENT, CTX);
    expect(back).toMatchObject({ kind: 'applied', record: { fields: { status: 'returned' } } });
    expect(applyAppealOp(registered(), op('transfer', PAYLOADS.transfer(), DEVICE.b, 1, 4), DEPARTMENT, CTX)).toMatchObject({
      kind: 'rejected',
      code: 'role',
      message: '«Передать исполнителю» не входит в права роли «Департамент»',
    });
  });

  it('checks the action\'s data with the workflow\'s rules', () => {
    const byPhone = { ...PAYLOADS.transfer(), method: 'phone', contactPerson: '' };
    expect(applyAppealOp(registered(), op('transfer', byPhone, DEVICE.a, 1, 1), CONTROLLER, CTX)).toMatchObject({
      kind: 'rejected',
      code: 'contact_required',
      message: 'При передаче по телефону укажите, кто принял',
    });
  });

  it('refuses an executor or an original the server does not know', () => {
    const ctx: ApplyContext = { ...CTX, organisationExists: (id) => id === 'uk-1', appealExists: () => false };
    expect(applyAppealOp(registered(), op('transfer', PAYLOADS.transfer('uk-9'), DEVICE.a, 1, 1), CONTROLLER, ctx)).toMatchObject({ kind: 'rejected', code: 'unknown_executor' });
    expect(applyAppealOp(registered(), op('transfer', PAYLOADS.transfer('uk-1'), DEVICE.a, 1, 1), CONTROLLER, ctx).kind).toBe('applied');
    expect(applyAppealOp(registered(), op('mark_duplicate', PAYLOADS.mark_duplicate(), DEVICE.a, 1, 1), CONTROLLER, ctx)).toMatchObject({ kind: 'rejected', code: 'original_not_found' });
  });

  it('decides a temperature check with the server\'s norms, whatever the workstation decided', () => {
    const steps: [ReturnType<typeof makeOp>, Actor][] = [
      [op('transfer', PAYLOADS.transfer(), DEVICE.a, 1, 1), CONTROLLER],
      [op('take_in_work', PAYLOADS.take_in_work(), DEVICE.a, 2, 2), CONTROLLER],
      [op('mark_done', PAYLOADS.mark_done(), DEVICE.a, 3, 3), CONTROLLER],
    ];
    const done = run(registered(), steps).record;
    const cold = { action: 'verify', method: 'measurement', temperatures: [{ room: 'кухня', corner: false, celsius: 16 }], note: '', checkFailed: false };
    const r = applyAppealOp(done, op('verify', cold, DEVICE.a, 4, 4), CONTROLLER, CTX);
    expect(r).toMatchObject({ kind: 'applied', record: { fields: { status: 'in_progress' } } });
    expect(r.kind === 'applied' && r.events[0]?.type).toBe('verify_failed');
  });

  it('the same op twice is applied once', () => {
    const transfer = op('transfer', PAYLOADS.transfer(), DEVICE.a, 1, 1);
    const once = record(applyAppealOp(registered(), transfer, CONTROLLER, CTX));
    expect(applyAppealOp(once, transfer, CONTROLLER, CTX)).toEqual({ kind: 'duplicate' });
  });

  it('an op on an appeal the server never accepted is refused, saying what to do', () => {
    expect(applyAppealOp(null, op('transfer', PAYLOADS.transfer(), DEVICE.a, 1, 1), CONTROLLER, CTX)).toMatchObject({
      kind: 'rejected',
      code: 'not_found',
      userAction: expect.stringContaining('зарегистрируйте его заново'),
    });
  });
});

describe('two operators offline on the same appeal', () => {
  it('two «Передать исполнителю»: the later executor wins, the other is a conflict, both transfers stay in the history', () => {
    const first = op('transfer', PAYLOADS.transfer('uk-1'), DEVICE.a, 1, 5);
    const second = op('transfer', PAYLOADS.transfer('uk-2'), DEVICE.b, 1, 7);
    const ab = run(registered(), [[first, CONTROLLER], [second, OPERATOR]]);
    const ba = run(registered(), [[second, OPERATOR], [first, CONTROLLER]]);
    for (const { record: rec } of [ab, ba]) {
      expect(rec.fields).toMatchObject({ status: 'transferred', executorOrgId: 'uk-2' });
      expect(openConflicts(rec)).toMatchObject([{ field: 'executorOrgId', current: 'uk-2', loser: { value: 'uk-1', stamp: { deviceId: DEVICE.a } } }]);
    }
    // The second to arrive is merged, not refused: the status it wanted is already there.
    expect(ab.results[1]).toMatchObject({ kind: 'merged', conflicts: [{ field: 'executorOrgId', winner: { value: 'uk-2' }, loser: { value: 'uk-1' } }] });
    expect(ba.results[1]).toMatchObject({ kind: 'merged', changed: [], conflicts: [{ field: 'executorOrgId', winner: { value: 'uk-2' }, loser: { value: 'uk-1' } }] });
    const events = (r: typeof ab) => r.results.flatMap((x) => (x.kind === 'applied' || x.kind === 'merged' ? x.events : []));
    expect(events(ab).map((e) => e.id).sort()).toEqual([first.opId, second.opId].sort());
  });

  it('a transfer and a rejection: the later status wins, the executor is kept, the same on every replica', () => {
    const transfer = op('transfer', PAYLOADS.transfer('uk-1'), DEVICE.a, 1, 5);
    const rejection = op('reject', PAYLOADS.reject(), DEVICE.b, 1, 9);
    const ab = run(registered(), [[transfer, CONTROLLER], [rejection, CONTROLLER]]);
    const ba = run(registered(), [[rejection, CONTROLLER], [transfer, CONTROLLER]]);
    expect(ab.record.fields).toEqual({ status: 'rejected', executorOrgId: 'uk-1', district: 'Октябрьский' });
    expect(ba.record.fields).toEqual(ab.record.fields);
    expect(convergentPart(ab.record)).toEqual(convergentPart(ba.record));
    expect(openConflicts(ab.record)).toMatchObject([{ field: 'status', current: 'rejected', loser: { value: 'transferred' } }]);
    // Arriving after the rejection, the transfer is not refused: its executor is the user's data.
    expect(ba.results[1]).toMatchObject({ kind: 'merged', changed: ['executorOrgId'], conflicts: [{ field: 'status', winner: { value: 'rejected' }, loser: { value: 'transferred' } }] });
  });

  it('a resident\'s repeated call on an appeal closed meanwhile is recorded, not refused', () => {
    const rejection = op('reject', PAYLOADS.reject(), DEVICE.a, 1, 5);
    const repeated = op('attach_repeated_call', { applicantName: 'Сосед', applicantPhone: '', flat: '16', channel: 'district_hotline', note: '' }, DEVICE.b, 1, 6);
    const r = run(registered(), [[rejection, CONTROLLER], [repeated, OPERATOR]]);
    expect(r.results[1]).toMatchObject({ kind: 'applied', events: [{ type: 'repeated_call', data: { applicantName: 'Сосед' } }] });
  });

  it('a later change made after seeing the earlier one overwrites it without a conflict', () => {
    const transfer = op('transfer', PAYLOADS.transfer('uk-1'), DEVICE.a, 1, 5);
    const afterPull = op('take_in_work', PAYLOADS.take_in_work(), DEVICE.b, 1, 9, 2);
    const r = run(registered(), [[transfer, CONTROLLER], [afterPull, OPERATOR]]);
    expect(r.results[1]).toMatchObject({ kind: 'applied', changed: ['status'] });
    expect(openConflicts(r.record)).toEqual([]);
  });

  it('the position pulled tells what an op saw, where the local base version cannot (docs §6)', () => {
    // B rejects at server position 2; A, offline since position 1, transfers and then takes the appeal
    // in work, its second op based on its local version 2, which counts its own transfer.
    const rejection = op('reject', PAYLOADS.reject(), DEVICE.b, 1, 9);
    const transfer = op('transfer', PAYLOADS.transfer('uk-1'), DEVICE.a, 1, 5);
    const takeLocal = op('take_in_work', PAYLOADS.take_in_work(), DEVICE.a, 2, 12, 2);
    const serve = (steps: (ReturnType<typeof makeOp> & { seenServerSeq?: number })[]) => {
      let rec = registered();
      return steps.map((o, i) => {
        const r = applyAppealOp(rec, o, CONTROLLER, { ...CTX, serverSeq: i + 2 });
        if (r.kind === 'applied' || r.kind === 'merged') rec = r.record;
        return r;
      });
    };
    // Without the position, version 2 looks as if A had seen B's rejection: refused.
    expect(serve([rejection, transfer, takeLocal])[2]).toMatchObject({ kind: 'rejected', code: 'status' });
    // With it, A's op is concurrent with the rejection: merged, the later clock wins.
    const annotated = serve([rejection, transfer, { ...takeLocal, seenServerSeq: 1 }])[2];
    expect(annotated).toMatchObject({ kind: 'merged', record: { fields: { status: 'in_progress', executorOrgId: 'uk-1' } } });
  });

  it('equal clocks are decided by the device id, the same way on both replicas', () => {
    const sameTime = hlc(T0 + 5 * MIN, 0, 'SAME');
    const a = makeOp('transfer', PAYLOADS.transfer('uk-1'), { deviceId: DEVICE.a, deviceSeq: 1, hlc: sameTime });
    const b = makeOp('transfer', PAYLOADS.transfer('uk-2'), { deviceId: DEVICE.b, deviceSeq: 1, hlc: sameTime });
    const ab = run(registered(), [[a, CONTROLLER], [b, CONTROLLER]]).record;
    const ba = run(registered(), [[b, CONTROLLER], [a, CONTROLLER]]).record;
    expect(ab.fields.executorOrgId).toBe('uk-2');
    expect(ba.fields.executorOrgId).toBe('uk-2');
  });
});

describe('mass outages', () => {
  const incidentId = '019ac5a0-0000-7000-8000-0000000000ff';
  const inc = (command: OpCommand, payload: Record<string, unknown>, device: string, seq: number, minute: number, baseVersion = 1) =>
    makeOp(command, payload, { deviceId: device, deviceSeq: seq, hlc: hlc(T0 + minute * MIN), baseVersion, entityId: incidentId, entityType: 'incident' });
  const created = (): IncidentRecord =>
    record(
      applyIncidentOp(
        null,
        inc('create_incident', { number: 'И-7KQ2-1', scope: 'buildings', heatSourceId: null, cause: 'Порыв', startedAt: T0, plannedRestoreAt: null, buildingIds: ['b-1'] }, DEVICE.registrar, 1, 0, 0),
        CONTROLLER,
        { ...CTX, incidentDistricts: ['Октябрьский'] },
      ),
    );

  it('two users change different fields of an incident: both changes stay, no conflict', () => {
    const cause = inc('update_incident', { cause: 'Порыв на магистрали', plannedRestoreAt: null, before: { cause: 'Порыв', plannedRestoreAt: null } }, DEVICE.a, 1, 5);
    const planned = inc('update_incident', { cause: 'Порыв', plannedRestoreAt: T0 + 9 * 3_600_000, before: { cause: 'Порыв', plannedRestoreAt: null } }, DEVICE.b, 1, 6);
    for (const order of [[cause, planned], [planned, cause]]) {
      let rec = created();
      for (const o of order) rec = record(applyIncidentOp(rec, o, CONTROLLER, CTX));
      expect(rec.fields).toEqual({ cause: 'Порыв на магистрали', plannedRestoreAt: T0 + 9 * 3_600_000, restoredAt: null });
      expect(openConflicts(rec)).toEqual([]);
    }
  });

  it('an op written before `before` existed claims both fields', () => {
    const old = inc('update_incident', { cause: 'Порыв', plannedRestoreAt: T0 + 3_600_000 }, DEVICE.a, 1, 5);
    const r = applyIncidentOp(created(), old, CONTROLLER, CTX);
    expect(r).toMatchObject({ kind: 'applied', changed: ['plannedRestoreAt'] });
    expect(record(r).stamps.cause.deviceId).toBe(DEVICE.a);
  });

  it('a restore on an incident seen restored is refused; two concurrent restores merge', () => {
    const first = inc('restore_incident', { restoredAt: T0 + 3_600_000 }, DEVICE.a, 1, 60);
    const second = inc('restore_incident', { restoredAt: T0 + 2 * 3_600_000 }, DEVICE.b, 1, 120);
    const once = record(applyIncidentOp(created(), first, CONTROLLER, CTX));
    expect(applyIncidentOp(once, { ...second, baseVersion: 2 }, CONTROLLER, CTX)).toMatchObject({ kind: 'rejected', code: 'restored', message: 'Подача тепла по этому инциденту уже восстановлена' });
    expect(applyIncidentOp(once, second, CONTROLLER, CTX)).toMatchObject({ kind: 'merged', conflicts: [{ field: 'restoredAt', winner: { value: T0 + 2 * 3_600_000 } }] });
  });

  it('moves a linked appeal to checking, or merges when someone changed it meanwhile', () => {
    const restored = op('incident_restored', { text: 'Подача тепла восстановлена (инцидент И-7KQ2-1)', incidentId, incidentNumber: 'И-7KQ2-1', from: 'registered', to: 'done_by_executor', restoredAt: T0 + MIN }, DEVICE.a, 1, 10);
    const ctx = { ...CTX, incident: { id: incidentId, districts: ['Октябрьский' as const] } };
    expect(applyAppealOp(registered(), restored, CONTROLLER, ctx)).toMatchObject({ kind: 'applied', record: { fields: { status: 'done_by_executor' } } });
    expect(applyAppealOp(registered(), restored, CONTROLLER, { ...CTX, incident: null })).toMatchObject({ kind: 'rejected', code: 'incident_not_found' });
    const rejection = op('reject', PAYLOADS.reject(), DEVICE.b, 1, 5);
    const r = run(registered(), [[rejection, CONTROLLER], [restored, CONTROLLER]], ctx);
    expect(r.results[1]).toMatchObject({ kind: 'merged', conflicts: [{ field: 'status', winner: { value: 'done_by_executor' }, loser: { value: 'rejected' } }] });
  });
});
