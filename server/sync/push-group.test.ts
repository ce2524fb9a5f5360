import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { District } from '../../shared/domain/districts.js';
import type { Role } from '../../shared/domain/roles.js';
import type { OpAnswer, PushResponse } from '../../shared/sync/protocol.js';
import { findDevice } from '../identity/devices.js';
import { findUserByLogin } from '../identity/users.js';
import { bearer } from '../test/test-server.js';
import { incidentCreation, registration, TRANSFER, uuid7, Workstation } from '../test/sync-fixture.js';
import { useSyncServer } from '../test/use-sync-server.js';
import { push, type PushDeps } from './push.js';

// A push's group of ops runs as a set operation (push-group.ts): one read per kind of record, the
// reducer in memory, one write per table. It must leave exactly what the same ops leave pushed one
// by one, each in a transaction of its own.
describe('a push group as a set operation', () => {
  const server = useSyncServer();

  // Ops of schema 3 as written; 2 is upgraded; 1 is too old (rejected with a reason).
  const schema = { version: 3, minSupported: 2, upgrades: { 2: (op: object) => ({ ...op, schemaVersion: 3 }) } };
  const deps: PushDeps = { now: () => server.clock.now, schema: schema as never };

  /** A workstation with a device id chosen by the test (the same one again after a reset). */
  const station = async (login: string, role: Role, district: District, deviceId: string): Promise<Workstation> => {
    await server.createUser(login, role, district);
    const tokens = await server.login(login, deviceId);
    const registered = await server.app.inject({ method: 'POST', url: '/devices/register', headers: bearer(tokens), payload: { id: deviceId, name: `РМ ${login}`, district } });
    if (registered.statusCode !== 201) throw new Error(`register device: ${registered.statusCode} ${registered.body}`);
    return new Workstation(server, deviceId, tokens.accessToken, login);
  };

  const pushAs = async (w: Workstation, ops: readonly object[], opsPerTransaction?: number): Promise<PushResponse> => {
    const db = server.database.db;
    const session = { user: (await findUserByLogin(db, w.userId))!, deviceId: w.deviceId, device: await findDevice(db, w.deviceId) };
    return push(db, { ...deps, ...(opsPerTransaction ? { opsPerTransaction } : {}) }, session, { deviceId: w.deviceId, clientNow: server.clock.now, schemaVersion: 3, ops: ops as never });
  };

  const TABLES = {
    appeals: 'id',
    appeal_events: 'district, id',
    incidents: 'id',
    incident_events: 'id',
    conflicts: 'id',
    change_log: 'server_seq',
    processed_ops: 'device_id, device_seq',
    rejected_ops: 'op_id',
    official_number_counters: 'year',
  } as const;
  const dump = async () => {
    const db = server.database.db;
    const out: Record<string, unknown[]> = {};
    for (const [table, order] of Object.entries(TABLES)) out[table] = (await db.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows;
    out.sequence = (await db.query('SELECT last_value FROM change_log_seq')).rows;
    return out;
  };

  it('leave the same answers, records, events, conflicts, positions and official numbers as the same ops pushed one by one', async () => {
    const ids = { a: randomUUID(), b: randomUUID() };
    const a0 = new Workstation(server, ids.a, '', 'ivanova');
    const b0 = new Workstation(server, ids.b, '', 'petrova');
    const v3 = { schemaVersion: 3 };
    const before = { hlcMs: server.clock.now - 1000, seenServerSeq: 0, ...v3 };
    const incidentId = uuid7();
    const [pId, qId, rId, xId] = [uuid7(), uuid7(), uuid7(), uuid7()];
    const registerAs = (w: Workstation, id: string, over: object = {}, o: object = v3) => w.op('register_appeal', id, registration({ id, ...over }, server.clock.now), o);
    // B registers X; then A's ops, in one push.
    const xOp = registerAs(b0, xId);
    const callPayload = { direction: 'to_applicant', result: 'no_answer', note: '', at: server.clock.now };
    const call = (() => {
      const op = a0.op('log_call', pId, callPayload, v3);
      a0.seq -= 1;
      return op;
    })();
    const ops = [
      registerAs(a0, pId),
      a0.op('transfer', pId, TRANSFER('uk-404'), v3),
      a0.op('transfer', pId, TRANSFER('uk-1'), v3),
      { ...call, deviceSeq: ++a0.seq },
      registerAs(a0, uuid7(), { buildingId: 'b-nowhere' }),
      a0.op('transfer', uuid7(), TRANSFER('uk-1'), v3),
      registerAs(a0, qId),
      a0.op('create_incident', incidentId, incidentCreation(['b-okt-1', 'b-kir-1'], server.clock.now), { entityType: 'incident', ...v3 }),
      a0.op('restore_incident', incidentId, { restoredAt: server.clock.now - 60_000 }, { entityType: 'incident', ...v3 }),
      a0.op(
        'incident_restored',
        qId,
        { text: 'Подача тепла восстановлена', incidentId, incidentNumber: 'И-TEST-1', from: 'registered', to: 'done_by_executor', restoredAt: server.clock.now - 60_000 },
        v3,
      ),
      registerAs(a0, rId, {}, { schemaVersion: 2 }),
      a0.op('mark_duplicate', rId, { action: 'mark_duplicate', originalId: pId, checkFailed: false }, v3),
      // Two transfers of X made before B's registration reached A: both lose, one conflict id per field.
      a0.op('transfer', xId, TRANSFER('uk-2'), before),
      a0.op('transfer', xId, TRANSFER('uk-1'), { ...before, hlcMs: before.hlcMs + 100 }),
      // The log call again under a new sequence (its op id answered already): its first answer.
      { ...a0.op('log_call', pId, callPayload, v3), opId: call.opId },
      a0.op('log_call', pId, callPayload, { schemaVersion: 1 }),
    ];
    const expected = ['applied', 'rejected', 'applied', 'applied', 'rejected', 'rejected', 'applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'merged', 'merged', 'duplicate', 'rejected'];
    expect(ops.map((op) => op.deviceSeq)).toEqual(ops.map((_, i) => i + 1));

    const run = async (oneByOne: boolean, opsPerTransaction?: number) => {
      await server.reset();
      const b = await station('petrova', 'district_controller', 'Октябрьский', ids.b);
      const a = await station('ivanova', 'operator', 'Октябрьский', ids.a);
      await pushAs(b, [xOp]);
      const answers: OpAnswer[] = [];
      if (oneByOne) {
        for (const op of ops) answers.push(...(await pushAs(a, [op])).results);
      } else {
        const firstAlone = (await pushAs(a, [ops[0]!])).results;
        const all = (await pushAs(a, ops, opsPerTransaction)).results;
        expect(all[0]).toEqual({ result: 'duplicate', opId: ops[0]!.opId, deviceSeq: 1, original: firstAlone[0] });
        answers.push(firstAlone[0]!, ...all.slice(1));
      }
      return { answers, tables: await dump() };
    };
    const single = await run(true);
    const grouped = await run(false);
    expect(grouped.answers.map((x) => x.result)).toEqual(expected);
    expect(grouped.answers).toEqual(single.answers);
    expect(grouped.tables).toEqual(single.tables);
    // The same push in transactions of 4 ops: related ops (the incident's restore and the appeal it moves, X's two losing transfers) land in different groups.
    const inFours = await run(false, 4);
    expect(inFours.answers).toEqual(single.answers);
    expect(inFours.tables).toEqual(single.tables);

    // What the group did, seen in the rows.
    const t = grouped.tables as Record<string, Record<string, unknown>[]>;
    expect(t.appeals!.find((row) => row.id === pId)).toMatchObject({ status: 'transferred', executor_org_id: 'uk-1', version: 3, official_number: '2026-ОКТ-000002' });
    expect(t.appeals!.find((row) => row.id === rId)).toMatchObject({ status: 'duplicate', official_number: '2026-ОКТ-000004' });
    expect(t.appeals!.find((row) => row.id === qId)).toMatchObject({ status: 'done_by_executor' });
    expect(t.incidents![0]).toMatchObject({ districts: ['Кировский', 'Октябрьский'], version: 2 });
    expect(t.conflicts!.map((c) => c.id)).toEqual([`appeal:${xId}:executorOrgId:${ids.a}`, `appeal:${xId}:status:${ids.a}`]);
    expect(t.conflicts!.map((c) => (c.loser as { value: string }).value)).toEqual(['uk-1', 'transferred']);
    expect(t.rejected_ops!.map((row) => row.code).sort()).toEqual(['not_found', 'schema_unsupported', 'unknown_building', 'unknown_executor']);
    const seqs = t.change_log!.map((row) => Number(row.server_seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('serialise two devices’ concurrent pushes of many ops on the same appeals through two processes: every op answered once, versions and positions without gaps', async () => {
    const operator = await server.workstation('ivanova', 'operator', 'Октябрьский');
    const registrations = Array.from({ length: 4 }, () => operator.register());
    await operator.push(registrations);
    const second = await server.another();
    const c = await server.workstation('petrova', 'district_controller', 'Октябрьский');
    const d = await server.workstation('sidorova', 'district_controller', 'Октябрьский');
    const count = 120;
    const callOps = (w: Workstation, order: (i: number) => number) =>
      Array.from({ length: count }, (_, i) =>
        w.op('log_call', registrations[order(i)]!.entityId, { direction: 'to_applicant', result: 'no_answer', note: `${w.userId} ${i}`, at: server.clock.now }),
      );
    // Opposite orders of the appeals: two groups lock the same entities in opposite op order.
    const fromC = callOps(c, (i) => i % 4);
    const fromD = callOps(d, (i) => 3 - (i % 4));
    // Each device pushes in three requests one after another, the two devices at once.
    const inThree = async (w: Workstation, ops: readonly object[], app: typeof second) => {
      const answers: OpAnswer[] = [];
      for (let i = 0; i < ops.length; i += count / 3) answers.push(...(await w.push(ops.slice(i, i + count / 3), app)).results);
      return answers;
    };
    const [answersC, answersD] = await Promise.all([inThree(c, fromC, server.app), inThree(d, fromD, second)]);
    expect(answersC.every((x) => x.result === 'applied')).toBe(true);
    expect(answersD.every((x) => x.result === 'applied')).toBe(true);
    const db = server.database.db;
    const { rows: appeals } = await db.query<{ version: number; applied: Record<string, number> }>('SELECT version, applied FROM appeals');
    expect(appeals.map((row) => row.version)).toEqual([1, 1, 1, 1].map(() => 1 + (2 * count) / 4));
    expect(appeals.every((row) => row.applied[c.deviceId]! > count - 4 && row.applied[d.deviceId]! > count - 4)).toBe(true);
    const { rows: processed } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM processed_ops');
    expect(processed[0]?.n).toBe(4 + 2 * count);
    const { rows: seqs } = await db.query<{ server_seq: number }>('SELECT server_seq FROM change_log ORDER BY server_seq');
    expect(seqs.map((row) => Number(row.server_seq))).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    // Each op's record change and its event hold consecutive positions: groups never interleave.
    const { rows: events } = await db.query<{ server_seq: number; appeal_seq: number }>(
      `SELECT e.server_seq, l.server_seq AS appeal_seq FROM change_log e JOIN change_log l ON l.op_id = e.op_id AND l.entity_type = 'appeal' WHERE e.entity_type = 'appeal_event'`,
    );
    expect(events.every((row) => Number(row.server_seq) === Number(row.appeal_seq) + 1)).toBe(true);
  });
});
