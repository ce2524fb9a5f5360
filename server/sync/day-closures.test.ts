// «Закрыть день» on the server: a carry-over on an appeal, the deputy head's signature of the
// district's day, the Department's return — each through push, answered, in the change log for the
// district and the Department only, and in a new workstation's snapshot.
import { beforeEach, describe, expect, it } from 'vitest';
import { dayClosureRecordSchema, type Change } from '../../shared/sync/protocol.js';
import type { Workstation } from '../test/sync-fixture.js';
import { useSyncServer } from '../test/use-sync-server.js';

const DAY = '2026-11-20';
const ID = `Октябрьский:${DAY}`;
const FIGURES = { received: 3, closed: 1, open: 2, overdue: 0 };

describe('«Закрыть день» on the server', () => {
  const server = useSyncServer();
  let operator: Workstation;
  let deputy: Workstation;
  let department: Workstation;
  beforeEach(async () => {
    operator = await server.workstation('ivanova', 'operator', 'Октябрьский');
    deputy = await server.workstation('zam', 'deputy_head', 'Октябрьский');
    department = await server.workstation('dep', 'department', null);
  });

  const sign = (w: Workstation, comment = 'Отработано', baseVersion = 0) =>
    w.op('sign_day', ID, { district: 'Октябрьский', day: DAY, comment, figures: FIGURES, carriedOver: 1 }, { entityType: 'day_closure', baseVersion });
  const changesOf = async (w: Workstation): Promise<Change[]> => {
    const cursor = (await w.snapshot())[0]!.cursor.replace(/^c1\.\d+\./, 'c1.0.');
    return (await w.pull(cursor)).changes;
  };

  it('carries an appeal over, signs the day, returns it and signs it again; each district sees only its own', async () => {
    const appeal = operator.register();
    await operator.push([appeal]);
    const carried = await deputy.push([deputy.op('carry_over', appeal.entityId, { day: DAY, reason: 'Ждём подрядчика', controlDate: '2026-11-23' })]);
    expect(carried.results[0]).toMatchObject({ result: 'applied' });
    expect((await deputy.push([sign(deputy)])).results[0]).toMatchObject({ result: 'applied' });

    // Read-only for whoever saw it signed.
    expect((await deputy.push([sign(deputy, 'ещё раз', 1)])).results[0]).toMatchObject({ result: 'rejected', code: 'already_signed' });
    // The Department returns it with a reason (later: its clock has seen the signature); the deputy signs again.
    server.clock.now += 60_000;
    const back = await department.push([department.op('return_day', ID, { reason: 'Не перенесены аварийные' }, { entityType: 'day_closure' })]);
    expect(back.results[0]).toMatchObject({ result: 'applied' });
    server.clock.now += 60_000;
    const resigned = (await deputy.push([sign(deputy, 'Перенесли', 2)])).results[0];
    expect(resigned, JSON.stringify(resigned)).toMatchObject({ result: 'applied' });

    const ours = await changesOf(operator);
    const closure = ours.filter((c) => c.entityType === 'day_closure').at(-1);
    expect(closure).toBeDefined();
    const record = dayClosureRecordSchema.parse((closure as { data: unknown }).data);
    expect(record.fields).toMatchObject({ state: 'signed', comment: 'Перенесли', returnReason: 'Не перенесены аварийные' });
    expect(record.history.map((e) => e.type)).toEqual(['signed', 'returned', 'signed']);
    expect(ours.some((c) => c.entityType === 'appeal_event' && 'data' in c && (c.data as { type: string }).type === 'carried_over')).toBe(true);
    // The Department sees it; another district does not; a new workstation gets it in its snapshot.
    expect((await changesOf(department)).some((c) => c.entityType === 'day_closure' && c.id === ID)).toBe(true);
    const kirov = await server.workstation('kirov', 'deputy_head', 'Кировский');
    expect((await changesOf(kirov)).some((c) => c.entityType === 'day_closure')).toBe(false);
    const snapshot = (await (await server.workstation('zam2', 'deputy_head', 'Октябрьский')).snapshot()).flatMap((p) => p.items);
    expect(snapshot.filter((c) => c.entityType === 'day_closure').map((c) => c.id)).toEqual([ID]);
  });

  it('refuses with reasons: an operator signing, another district’s deputy, a return by the district, a return of an unsigned day', async () => {
    expect((await operator.push([sign(operator)])).results[0]).toMatchObject({ result: 'rejected', code: 'role' });
    const kirov = await server.workstation('kirov', 'deputy_head', 'Кировский');
    expect((await kirov.push([sign(kirov)])).results[0]).toMatchObject({ result: 'rejected', code: 'district' });
    expect((await department.push([department.op('return_day', ID, { reason: 'Почему' }, { entityType: 'day_closure' })])).results[0]).toMatchObject({
      result: 'rejected',
      code: 'not_found',
    });
    await deputy.push([sign(deputy)]);
    expect((await deputy.push([deputy.op('return_day', ID, { reason: 'Сам себе' }, { entityType: 'day_closure' })])).results[0]).toMatchObject({ result: 'rejected', code: 'role' });
    const { rows } = await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rejected_ops');
    expect(rows[0]?.n).toBe(4);
  });
});
