// «Отопительный сезон» on the server: a building's heating status set on a district's workstation
// reaches the district and the Department, never another district; rights are the domain's;
// concurrent settings converge on the later one.
import { beforeEach, describe, expect, it } from 'vitest';
import { heatingRecordSchema, type Change } from '../../shared/sync/protocol.js';
import type { Workstation } from '../test/sync-fixture.js';
import { useSyncServer } from '../test/use-sync-server.js';

describe('heating statuses on the server', () => {
  const server = useSyncServer();
  let controller: Workstation;
  let department: Workstation;
  beforeEach(async () => {
    controller = await server.workstation('kontrol', 'district_controller', 'Октябрьский');
    department = await server.workstation('dep', 'department', null);
  });

  const set = (w: Workstation, building: string, status: string, reason = '') =>
    w.op('set_heating_status', building, { status, statusDate: '2026-11-19', reason, source: 'manual' }, { entityType: 'building_heating', baseVersion: 0 });
  const heatingOf = async (w: Workstation): Promise<Change[]> => {
    const cursor = (await w.snapshot())[0]!.cursor.replace(/^c1\.\d+\./, 'c1.0.');
    return (await w.pull(cursor)).changes.filter((c) => c.entityType === 'building_heating');
  };

  it('a district’s status reaches the district and the Department; the later of two settings stands', async () => {
    expect((await controller.push([set(controller, 'b-okt-1', 'problem', 'Завоздушен стояк')])).results[0]).toMatchObject({ result: 'applied' });
    server.clock.now += 60_000;
    expect((await department.push([set(department, 'b-okt-1', 'connected')])).results[0]).toMatchObject({ result: 'applied' });

    for (const w of [controller, department]) {
      const [change] = (await heatingOf(w)).filter((c) => c.id === 'b-okt-1').slice(-1);
      const record = heatingRecordSchema.parse((change as { data: unknown }).data);
      expect(record.fields).toMatchObject({ status: 'connected', setBy: 'dep', reason: '' });
      expect(record.district).toBe('Октябрьский');
    }
    const kirov = await server.workstation('kirov', 'district_controller', 'Кировский');
    expect(await heatingOf(kirov)).toEqual([]);
    // A new workstation of the district gets it in its snapshot.
    const fresh = (await (await server.workstation('kontrol2', 'district_controller', 'Октябрьский')).snapshot()).flatMap((p) => p.items);
    expect(fresh.filter((c) => c.entityType === 'building_heating').map((c) => c.id)).toEqual(['b-okt-1']);
  });

  it('refuses an operator, another district, a building the register does not know', async () => {
    const operator = await server.workstation('ivanova', 'operator', 'Октябрьский');
    expect((await operator.push([set(operator, 'b-okt-1', 'connected')])).results[0]).toMatchObject({ result: 'rejected', code: 'role' });
    const kirov = await server.workstation('kirov', 'district_controller', 'Кировский');
    expect((await kirov.push([set(kirov, 'b-okt-1', 'connected')])).results[0]).toMatchObject({ result: 'rejected', code: 'district' });
    expect((await controller.push([set(controller, 'b-nowhere', 'connected')])).results[0]).toMatchObject({ result: 'rejected', code: 'unknown_building' });
    expect(await heatingOf(department)).toEqual([]);
  });
});
