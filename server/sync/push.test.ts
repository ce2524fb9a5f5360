import { beforeEach, describe, expect, it } from 'vitest';
import { pushResponseSchema, syncErrorSchema, type OpAnswer } from '../../shared/sync/protocol.js';
import { SCHEMA_VERSION } from '../../shared/sync/op.js';
import { findDevice } from '../identity/devices.js';
import { findUserByLogin } from '../identity/users.js';
import { bearer } from '../test/test-server.js';
import { TRANSFER, type Workstation } from '../test/sync-fixture.js';
import { useSyncServer } from '../test/use-sync-server.js';
import { push } from './push.js';

describe('POST /sync/push', () => {
  const server = useSyncServer();
  let operator: Workstation;
  beforeEach(async () => {
    operator = await server.workstation('ivanova', 'operator', 'Октябрьский');
  });

  const count = async (table: string) => {
    const { rows } = await server.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0]?.n ?? 0;
  };

  it('apply a registration with an official number and a transfer; answer the retry of the same push with the first answers and apply nothing twice', async () => {
    const register = operator.register();
    const transfer = operator.op('transfer', register.entityId, TRANSFER('uk-1'));
    const first = await operator.push([register, transfer]);
    expect(pushResponseSchema.parse(first)).toEqual(first);
    expect(first.results.map((r) => r.result)).toEqual(['applied', 'applied']);
    expect(first.results[0]).toMatchObject({ officialNumber: '2026-ОКТ-000001', deviceSeq: 1 });
    expect(first.lastDeviceSeq).toBe(2);
    const { rows } = await server.database.db.query<{ status: string; executor_org_id: string; official_number: string; number: string }>(
      'SELECT status, executor_org_id, official_number, number FROM appeals',
    );
    expect(rows).toEqual([{ status: 'transferred', executor_org_id: 'uk-1', official_number: '2026-ОКТ-000001', number: register.payload.number }]);
    const before = { events: await count('appeal_events'), log: await count('change_log'), ops: await count('processed_ops') };
    expect(before.events).toBe(2);

    const retry = await operator.push([register, transfer]);
    expect(retry.results.map((r) => r.result)).toEqual(['duplicate', 'duplicate']);
    expect(retry.results.map((r) => (r as Extract<OpAnswer, { result: 'duplicate' }>).original)).toEqual(first.results);
    expect({ events: await count('appeal_events'), log: await count('change_log'), ops: await count('processed_ops') }).toEqual(before);
    const { rows: versions } = await server.database.db.query<{ version: number }>('SELECT version FROM appeals');
    expect(versions[0]?.version).toBe(2);
  });

  it('merge two devices’ concurrent transfers: the later hybrid clock stands, the other is a conflict record and in the answer', async () => {
    const registration = operator.register();
    const registered = await operator.push([registration]);
    const seen = registered.serverSeq;
    const a = await server.workstation('petrova', 'district_controller', 'Октябрьский');
    const b = await server.workstation('sidorova', 'district_controller', 'Октябрьский');
    const fromA = a.op('transfer', registration.entityId, TRANSFER('uk-1'), { seenServerSeq: seen, hlcMs: server.clock.now + 1000 });
    const fromB = b.op('transfer', registration.entityId, TRANSFER('uk-2'), { seenServerSeq: seen, hlcMs: server.clock.now + 2000 });
    server.clock.now += 3000;
    const answerB = await b.push([fromB]);
    const answerA = await a.push([fromA]);
    expect(answerB.results[0]?.result).toBe('applied');
    const merged = answerA.results[0];
    expect(merged?.result).toBe('merged');
    if (merged?.result !== 'merged') throw new Error('not merged');
    expect(merged.conflicts).toEqual([
      expect.objectContaining({ field: 'executorOrgId', winner: expect.objectContaining({ value: 'uk-2' }), loser: expect.objectContaining({ value: 'uk-1' }) }),
    ]);
    const { rows } = await server.database.db.query<{ id: string; field: string; loser: { value: string } }>('SELECT id, field, loser FROM conflicts');
    expect(rows).toEqual([{ id: `appeal:${registration.entityId}:executorOrgId:${a.deviceId}`, field: 'executorOrgId', loser: expect.objectContaining({ value: 'uk-1' }) }]);
    const { rows: appeal } = await server.database.db.query<{ executor_org_id: string; version: number }>('SELECT executor_org_id, version FROM appeals');
    expect(appeal).toEqual([{ executor_org_id: 'uk-2', version: 3 }]);
    expect(await count('appeal_events')).toBe(3);
  });

  it('mark a conflict reviewed for the whole scope: it comes back by pull with its reviewer; another district’s and unknown ids are not touched', async () => {
    const registration = operator.register();
    const seen = (await operator.push([registration])).serverSeq;
    const a = await server.workstation('petrova', 'district_controller', 'Октябрьский');
    const b = await server.workstation('sidorova', 'district_controller', 'Октябрьский');
    await b.push([b.op('transfer', registration.entityId, TRANSFER('uk-2'), { seenServerSeq: seen, hlcMs: server.clock.now + 2000 })]);
    await a.push([a.op('transfer', registration.entityId, TRANSFER('uk-1'), { seenServerSeq: seen, hlcMs: server.clock.now + 1000 })]);
    const id = `appeal:${registration.entityId}:executorOrgId:${a.deviceId}`;
    const before = (await b.snapshot()).at(-1)!.cursor;
    const kirov = await server.workstation('kirova', 'district_controller', 'Кировский');
    const review = (w: Workstation, ids: string[]) =>
      server.app.inject({ method: 'POST', url: '/sync/conflicts/review', headers: bearer({ accessToken: w.token }), payload: { ids } });
    expect((await review(kirov, [id])).json()).toMatchObject({ reviewed: [], unknown: [id] });
    const response = await review(a, [id, 'appeal:nope:status:x']);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ reviewed: [id], unknown: ['appeal:nope:status:x'] });
    const pulled = await b.pull(before);
    expect(pulled.changes).toEqual([
      expect.objectContaining({ entityType: 'conflict', id, data: expect.objectContaining({ reviewedBy: 'petrova', reviewedAt: server.clock.now }) }),
    ]);
    const again = await review(b, [id]);
    expect(again.json()).toMatchObject({ reviewed: [id] });
    const { rows } = await server.database.db.query<{ reviewed_by: string }>('SELECT reviewed_by FROM conflicts');
    expect(rows).toEqual([{ reviewed_by: 'petrova' }]);
  });

  it('reject an op a rule refuses, with its reason and advice, keep it in rejected_ops, and go on with the next op', async () => {
    const registration = operator.register();
    const unknownExecutor = operator.op('transfer', registration.entityId, TRANSFER('uk-404'));
    const call = operator.op('log_call', registration.entityId, { direction: 'to_applicant', result: 'no_answer', note: '', at: server.clock.now });
    const answer = await operator.push([registration, unknownExecutor, call]);
    expect(answer.results.map((r) => r.result)).toEqual(['applied', 'rejected', 'applied']);
    expect(answer.results[1]).toMatchObject({
      code: 'unknown_executor',
      message: 'Исполнителя uk-404 нет в справочнике сервера',
      userAction: expect.stringContaining('выберите исполнителя'),
    });
    const { rows } = await server.database.db.query<{ op_id: string; code: string; district: string }>('SELECT op_id, code, district FROM rejected_ops');
    expect(rows).toEqual([{ op_id: unknownExecutor.opId, code: 'unknown_executor', district: 'Октябрьский' }]);
    const retry = await operator.push([unknownExecutor, call]);
    expect(retry.results).toEqual([
      { result: 'duplicate', opId: unknownExecutor.opId, deviceSeq: 2, original: answer.results[1] },
      { result: 'duplicate', opId: call.opId, deviceSeq: 3, original: answer.results[2] },
    ]);
  });

  it('reject a registration at an address the server’s register does not have', async () => {
    const answer = await operator.push([operator.register({ buildingId: 'b-nowhere' })]);
    expect(answer.results[0]).toMatchObject({ result: 'rejected', code: 'unknown_building' });
    expect(await count('appeals')).toBe(0);
    expect(await count('official_number_counters')).toBe(0);
  });

  it('refuse a push whose clock is far ahead, in Russian, and apply nothing', async () => {
    const response = await operator.pushRaw([operator.register()], server.clock.now + 47 * 60_000);
    expect(response.statusCode).toBe(409);
    const body = syncErrorSchema.parse(response.json());
    expect(body.code).toBe('clock_ahead');
    expect(body.message).toMatch(/^Часы этого компьютера спешат на 47 мин: на сервере .* \(допускается не больше 5 мин\)$/);
    expect(body.userAction).toContain('Операции не потеряны');
    expect(await count('processed_ops')).toBe(0);
    expect(await count('appeals')).toBe(0);

    const stampedAhead = operator.op('log_call', 'x', { direction: 'to_applicant', result: 'busy', note: '', at: server.clock.now }, { hlcMs: server.clock.now + 3_600_000 });
    const opAhead = await operator.pushRaw([stampedAhead]);
    expect(opAhead.statusCode).toBe(409);
    expect(opAhead.json<{ code: string; message: string }>().message).toMatch(/^Часы, по которым записана операция, спешат на 60 мин/);
    expect(await count('processed_ops')).toBe(0);
  });

  it('refuse ops out of order and a sequence reused by another op', async () => {
    operator.seq = 4;
    const gap = await operator.pushRaw([operator.register()]);
    expect(gap.statusCode).toBe(409);
    expect(gap.json()).toMatchObject({ code: 'out_of_order', details: { expected: 1, got: 5 } });
    operator.seq = 0;
    await operator.push([operator.register()]);
    operator.seq = 0;
    const reused = await operator.pushRaw([operator.register()]);
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ code: 'device_seq_reused' });
  });

  it('refuse another workstation’s ops under this token, and a request that fails validation, with the protocol’s error body', async () => {
    const other = await server.workstation('kuznetsova', 'operator', 'Октябрьский');
    const response = await server.app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: bearer({ accessToken: operator.token }),
      payload: { deviceId: other.deviceId, clientNow: server.clock.now, schemaVersion: 1, ops: [other.register()] },
    });
    expect(response.statusCode).toBe(403);
    expect(syncErrorSchema.parse(response.json()).code).toBe('device_mismatch');
    const invalid = await server.app.inject({ method: 'POST', url: '/sync/push', headers: bearer({ accessToken: operator.token }), payload: { deviceId: operator.deviceId } });
    expect(invalid.statusCode).toBe(400);
    expect(syncErrorSchema.parse(invalid.json()).code).toBe('validation');
    const anonymous = await server.app.inject({ method: 'POST', url: '/sync/push', payload: {} });
    expect(anonymous.statusCode).toBe(401);
    expect(syncErrorSchema.parse(anonymous.json()).code).toBe('unauthorized');
  });

  it('refuse a revoked workstation on push and pull', async () => {
    const department = await server.workstation('dept', 'department', null);
    const revoked = await server.app.inject({ method: 'POST', url: `/devices/${operator.deviceId}/revoke`, headers: bearer({ accessToken: department.token }) });
    expect(revoked.statusCode).toBe(200);
    const pushed = await operator.pushRaw([operator.register()]);
    expect(pushed.statusCode).toBe(403);
    expect(syncErrorSchema.parse(pushed.json())).toMatchObject({ code: 'device_revoked', message: expect.stringContaining('отключено') });
    const pulled = await operator.pullRaw('c1.0.00000000');
    expect(pulled.statusCode).toBe(403);
    expect(pulled.json()).toMatchObject({ code: 'device_revoked' });
    expect(await count('processed_ops')).toBe(0);
  });

  it('upgrade an op of an older schema step by step; reject one too old with a reason; refuse the whole push for one too new', async () => {
    const db = server.database.db;
    const user = await findUserByLogin(db, 'ivanova');
    const session = { user: user!, deviceId: operator.deviceId, device: await findDevice(db, operator.deviceId) };
    // A server one version ahead of this client: its ops upgrade on the way in.
    const V = SCHEMA_VERSION;
    const schema = {
      version: V + 1,
      minSupported: V,
      upgrades: { [V]: (op: { payload: unknown }) => ({ ...op, schemaVersion: V + 1, payload: { ...(op.payload as object), priority: 'emergency' } }) },
    } as const;
    const deps = { now: () => server.clock.now, schema: schema as never };
    const old = operator.register({ priority: 'normal' });
    const answer = await push(db, deps, session, { deviceId: operator.deviceId, clientNow: server.clock.now, schemaVersion: V, ops: [old] });
    expect(answer.results[0]?.result).toBe('applied');
    const { rows } = await db.query<{ registration: { priority: string } }>('SELECT registration FROM appeals');
    expect(rows[0]?.registration.priority).toBe('emergency');

    const tooOld = operator.register();
    const refused = await push(db, { ...deps, schema: { ...schema, minSupported: V + 1 } as never }, session, {
      deviceId: operator.deviceId,
      clientNow: server.clock.now,
      schemaVersion: V,
      ops: [tooOld],
    });
    expect(refused.results[0]).toMatchObject({ result: 'rejected', code: 'schema_unsupported', message: expect.stringContaining('слишком старой версией') });

    const tooNew = await operator.pushRaw([operator.op('log_call', old.entityId, {}, { schemaVersion: V + 1 })]);
    expect(tooNew.statusCode).toBe(409);
    expect(tooNew.json()).toMatchObject({ code: 'schema_too_new', message: `Операция записана версией программы новее сервера (формат ${V + 1}, сервер понимает до ${V})` });
    expect(await count('processed_ops')).toBe(2);
  });
});
