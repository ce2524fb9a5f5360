import { beforeEach, describe, expect, it } from 'vitest';
import { incidentRecordSchema, type Change } from '../../shared/sync/protocol.js';
import { incidentCreation, uuid7, type Workstation } from '../test/sync-fixture.js';
import { useSyncServer } from '../test/use-sync-server.js';

describe('incidents and authors on the server', () => {
  const server = useSyncServer();
  let operator: Workstation;
  beforeEach(async () => {
    operator = await server.workstation('ivanova', 'operator', 'Октябрьский');
  });

  const pullAll = async (w: Workstation): Promise<Change[]> => {
    const cursor = (await w.snapshot())[0]!.cursor.replace(/^c1\.\d+\./, 'c1.0.');
    return (await w.pull(cursor)).changes;
  };

  it('record an outage across two districts for both, restore it, and move a linked appeal of the neighbouring district to checking', async () => {
    const incidentId = uuid7();
    const kirovAppeal = (await server.workstation('kirov', 'operator', 'Кировский')).register({ buildingId: 'b-kir-1', district: 'Кировский' });
    const kirovOperator = await server.workstation('kirov2', 'operator', 'Кировский');
    await kirovOperator.push([kirovOperator.op('register_appeal', kirovAppeal.entityId, kirovAppeal.payload, { baseVersion: 0 })]);

    const created = await operator.push([operator.op('create_incident', incidentId, incidentCreation(['b-okt-1', 'b-kir-1'], server.clock.now), { entityType: 'incident' })]);
    expect(created.results[0]?.result).toBe('applied');
    const { rows } = await server.database.db.query<{ districts: string[] }>('SELECT districts FROM incidents');
    expect(rows[0]?.districts).toEqual(['Кировский', 'Октябрьский']);

    const restored = await operator.push([
      operator.op('restore_incident', incidentId, { restoredAt: server.clock.now - 60_000 }, { entityType: 'incident' }),
      operator.op('incident_restored', kirovAppeal.entityId, {
        text: 'Подача тепла восстановлена',
        incidentId,
        incidentNumber: 'И-TEST-1',
        from: 'registered',
        to: 'done_by_executor',
        restoredAt: server.clock.now - 60_000,
      }),
    ]);
    expect(restored.results.map((r) => r.result)).toEqual(['applied', 'applied']);
    const { rows: appeal } = await server.database.db.query<{ status: string }>('SELECT status FROM appeals WHERE id = $1', [kirovAppeal.entityId]);
    expect(appeal[0]?.status).toBe('done_by_executor');

    const kirovPulled = await pullAll(kirovOperator);
    const incident = kirovPulled.find((c) => c.entityType === 'incident');
    expect(incident && 'data' in incident ? incidentRecordSchema.parse(incident.data).fields.restoredAt : null).toBe(server.clock.now - 60_000);
    expect(kirovPulled.filter((c) => c.entityType === 'incident_event')).toHaveLength(2);
    const snapshot = (await kirovOperator.snapshot()).flatMap((p) => p.items);
    expect(snapshot.filter((i) => i.entityType === 'incident_event').map((i) => ('data' in i ? (i.data as { type: string }).type : ''))).toEqual(['created', 'restored']);
    const samara = await server.workstation('samara', 'operator', 'Самарский');
    expect((await pullAll(samara)).some((c) => c.entityType === 'incident')).toBe(false);
    expect((await samara.snapshot()).flatMap((p) => p.items).some((i) => i.entityType === 'incident_event')).toBe(false);
  });

  it('reject an outage with none of its buildings in the server’s register, and a second restore seen as restored', async () => {
    const nowhere = await operator.push([operator.op('create_incident', uuid7(), incidentCreation(['b-nowhere'], server.clock.now), { entityType: 'incident' })]);
    expect(nowhere.results[0]).toMatchObject({ result: 'rejected', code: 'no_buildings' });
    const id = uuid7();
    await operator.push([operator.op('create_incident', id, incidentCreation(['b-okt-1'], server.clock.now), { entityType: 'incident' })]);
    const first = await operator.push([operator.op('restore_incident', id, { restoredAt: server.clock.now }, { entityType: 'incident' })]);
    expect(first.results[0]?.result).toBe('applied');
    const again = await operator.push([operator.op('restore_incident', id, { restoredAt: server.clock.now }, { entityType: 'incident' })]);
    expect(again.results[0]).toMatchObject({ result: 'rejected', code: 'restored' });
  });

  it('take the op’s author when the workstation may carry them, else the token’s user: a district workstation cannot act as the Department', async () => {
    await server.workstation('dept', 'department', null);
    const colleague = await server.workstation('petrova', 'district_controller', 'Октябрьский');
    const registration = operator.register();
    await operator.push([registration]);
    // The colleague works on the operator's workstation: a controller's action is theirs.
    const asColleague = { ...operator.op('reject', registration.entityId, { action: 'reject', reason: 'Не в отопительный период', checkFailed: false }), userId: colleague.userId };
    expect((await operator.push([asColleague])).results[0]?.result).toBe('applied');
    // «Вернуть на доработку» is the Department's: naming it from a district workstation does not lend its role.
    const asDepartment = {
      ...operator.op('return_for_rework', registration.entityId, { action: 'return_for_rework', reason: 'Снова холодно', checkFailed: false }),
      userId: 'dept',
    };
    const refused = await operator.push([asDepartment]);
    expect(refused.results[0]).toMatchObject({ result: 'rejected', code: 'role' });
  });

  it('refuse the sync routes to a workstation that has not registered', async () => {
    await server.createUser('newcomer', 'operator', 'Октябрьский');
    const tokens = await server.login('newcomer');
    const response = await server.app.inject({ method: 'POST', url: '/sync/pull', headers: { authorization: `Bearer ${tokens.accessToken}` }, payload: { cursor: 'c1.0.00000000' } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'forbidden', message: 'Рабочее место не зарегистрировано на сервере' });
  });
});
