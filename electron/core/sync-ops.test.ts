// The ops the local commands really write, checked against the sync protocol's schemas
// (shared/sync/op-payloads.ts) and run through the server's reducer (shared/sync/apply.ts): if the
// core changes an op's shape, this fails before any server refuses it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Op } from '../../shared/sync/op.js';
import { opSchema } from '../../shared/sync/op-payloads.js';
import { applyAppealOp, applyIncidentOp, type AppealRecord, type IncidentRecord } from '../../shared/sync/apply.js';
import type { Actor } from '../../shared/domain/roles.js';
import { CALL, openTestCore, REGISTER, type TestCore } from './test/temp-core.js';

let open: TestCore[] = [];
afterEach(async () => {
  for (const t of open) await t.core.close();
  open = [];
});

const SEED = {
  ...REGISTER,
  organisations: [...REGISTER.organisations, { id: 'ts-1', kind: 'tso' as const, name: 'ПАО «Т Плюс»' }],
  heatSources: [{ id: 'hs-1', kind: 'chp' as const, name: 'ТЭЦ', supplierOrgId: 'ts-1', district: null }],
};

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

/** Every command the core has, once, so that every op it writes is in the outbox. */
async function everyCommand(): Promise<{ t: TestCore; ops: Op[] }> {
  const t = await openTestCore();
  open.push(t);
  await t.core.db.call('seed', SEED);
  await t.core.handlers.setWorkstationUser({ name: 'Петрова', role: 'district_controller', district: 'Октябрьский' });
  const call = t.core.call.bind(t.core);
  type A = { id: string; version: number; number: string };
  const act = (a: A, data: Record<string, unknown>) => ok<A>(call('appealAction', { appealId: a.id, expectedVersion: a.version, data }));
  const step = () => (t.clock.now += 60_000);

  // One appeal through the whole workflow, a failed check and a return included.
  let a: A = await t.core.handlers.registerAppeal({ ...CALL });
  step();
  a = await act(a, { action: 'transfer', executorOrgId: 'uk-1', method: 'phone', contactPerson: 'Диспетчер Сидоров' });
  step();
  a = await act(a, { action: 'take_in_work' });
  step();
  a = await act(a, { action: 'mark_done', whatWasDone: 'Стравлен воздух', doneAt: t.clock.now - 30_000 });
  step();
  a = await act(a, { action: 'verify', method: 'measurement', temperatures: [{ room: 'кухня', corner: false, celsius: 16 }] });
  step();
  a = await act(a, { action: 'mark_done', whatWasDone: 'Заменён радиатор', doneAt: t.clock.now });
  step();
  a = await act(a, { action: 'verify', method: 'call', note: 'Заявитель подтвердил' });
  step();
  await ok(call('logCall', { appealId: a.id, direction: 'to_applicant', result: 'reached', note: 'тепло' }));
  a = await act(a, { action: 'close', feedback: 'satisfied' });
  step();
  a = await act(a, { action: 'return_for_rework', reason: 'Снова холодно' });

  const b = await t.core.handlers.registerAppeal({ ...CALL, flat: '20', applicantPhone: '' });
  await ok(call('attachRepeatedCall', { appealId: b.id, applicantName: 'Сосед', applicantPhone: '89270000000', flat: '21', channel: 'social_media', note: '' }));
  await act(b, { action: 'reject', reason: 'Не в отопительный период' });
  const c = await t.core.handlers.registerAppeal({ ...CALL });
  await act(c, { action: 'mark_duplicate', originalId: a.number });

  // An incident at the building: created, changed, restored; the linked appeal moves to checking.
  const incident = await ok<{ id: string }>(
    call('createIncident', { scope: 'buildings', buildingIds: ['b-1'], cause: 'Порыв', startedAt: t.clock.now - 3_600_000, plannedRestoreAt: null }),
  );
  step();
  const linked = await t.core.handlers.registerAppeal({ ...CALL, category: 'no_heating' });
  await ok(call('updateIncident', { id: incident.id, cause: 'Порыв на магистрали' }));
  step();
  await ok(call('restoreIncident', { id: incident.id }));
  const ops = (await t.core.db.call('pendingOps', 1000)) as Op[];
  expect(ops.some((o) => o.command === 'incident_restored' && o.entityId === linked.id)).toBe(true);
  return { t, ops };
}

describe('the ops the core writes', () => {
  it('cover every command and each validates against the protocol', async () => {
    const { ops } = await everyCommand();
    const commands = new Set(ops.map((o) => o.command));
    expect([...commands].sort()).toEqual(
      [
        'attach_repeated_call',
        'close',
        'create_incident',
        'incident_restored',
        'log_call',
        'mark_done',
        'mark_duplicate',
        'register_appeal',
        'reject',
        'restore_incident',
        'return_for_rework',
        'take_in_work',
        'transfer',
        'update_incident',
        'verify',
      ].sort(),
    );
    for (const op of ops) {
      const parsed = opSchema.safeParse(op);
      expect(parsed.success ? 'ok' : `${op.command}: ${JSON.stringify(parsed.error.issues)}`).toBe('ok');
    }
    const update = ops.find((o) => o.command === 'update_incident');
    expect(update?.payload).toEqual({ cause: 'Порыв на магистрали', plannedRestoreAt: null, before: { cause: 'Порыв', plannedRestoreAt: null } });
  });

  it('replayed in order through the reducer, end where the workstation is, with nothing rejected', async () => {
    const { t, ops } = await everyCommand();
    const actor: Actor = { userId: 'Петрова', role: 'district_controller', district: 'Октябрьский' };
    const appeals = new Map<string, AppealRecord>();
    const incidents = new Map<string, IncidentRecord>();
    const ctx = { nowMs: t.clock.now, incidentDistricts: ['Октябрьский' as const] };
    for (const op of ops) {
      if (op.entityType === 'appeal') {
        const r = applyAppealOp(appeals.get(op.entityId) ?? null, op, actor, ctx);
        expect(r.kind === 'applied' ? 'applied' : `${op.command}: ${JSON.stringify(r)}`).toBe('applied');
        if (r.kind === 'applied') appeals.set(op.entityId, r.record);
      } else {
        const r = applyIncidentOp(incidents.get(op.entityId) ?? null, op, actor, ctx);
        expect(r.kind === 'applied' ? 'applied' : `${op.command}: ${JSON.stringify(r)}`).toBe('applied');
        if (r.kind === 'applied') incidents.set(op.entityId, r.record);
      }
    }
    for (const [id, record] of appeals) {
      const local = await t.core.handlers.getAppealCard({ id });
      expect({ status: record.fields.status, executorOrgId: record.fields.executorOrgId }).toEqual({
        status: local.appeal.status,
        executorOrgId: local.executorOrgId,
      });
    }
    const [incident] = [...incidents.values()];
    expect(incident?.fields).toMatchObject({ cause: 'Порыв на магистрали' });
    expect(incident?.fields.restoredAt).not.toBeNull();
  });
});
