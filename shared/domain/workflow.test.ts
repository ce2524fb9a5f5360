import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, type AppealStatus } from './appeal-vocabulary.js';
import { ROLES, type Actor, type Role } from './roles.js';
import { ACTIONS, availableActions, decide, type ActionData, type WorkflowAction } from './workflow.js';

// The specification, written out by hand: in each status, what each role may do in its own district.
const SPEC: Record<AppealStatus, Partial<Record<Role, WorkflowAction[]>>> = {
  registered: {
    operator: ['transfer', 'mark_duplicate'],
    district_controller: ['transfer', 'reject', 'mark_duplicate'],
    deputy_head: ['transfer', 'reject', 'mark_duplicate'],
  },
  transferred: {
    operator: ['take_in_work', 'mark_duplicate'],
    district_controller: ['take_in_work', 'reject', 'mark_duplicate'],
    deputy_head: ['take_in_work', 'reject', 'mark_duplicate'],
  },
  in_progress: {
    operator: ['mark_done', 'mark_duplicate'],
    district_controller: ['mark_done', 'reject', 'mark_duplicate'],
    deputy_head: ['mark_done', 'reject', 'mark_duplicate'],
  },
  done_by_executor: {
    operator: ['verify'],
    district_controller: ['verify', 'return_for_rework'],
    deputy_head: ['verify', 'return_for_rework'],
    department: ['return_for_rework'],
  },
  verified: {
    operator: ['close'],
    district_controller: ['close', 'return_for_rework'],
    deputy_head: ['close', 'return_for_rework'],
    department: ['return_for_rework'],
  },
  closed: { district_controller: ['return_for_rework'], deputy_head: ['return_for_rework'], department: ['return_for_rework'] },
  rejected: {},
  duplicate: {},
  returned: {
    operator: ['transfer', 'take_in_work'],
    district_controller: ['transfer', 'take_in_work'],
    deputy_head: ['transfer', 'take_in_work'],
  },
};

const NEXT: Record<WorkflowAction, AppealStatus> = {
  transfer: 'transferred',
  take_in_work: 'in_progress',
  mark_done: 'done_by_executor',
  verify: 'verified',
  close: 'closed',
  reject: 'rejected',
  mark_duplicate: 'duplicate',
  return_for_rework: 'returned',
};

const NOW = Date.UTC(2026, 10, 29, 9, 0);
const VALID: Record<WorkflowAction, ActionData> = {
  transfer: { action: 'transfer', executorOrgId: 'uk-1', method: 'phone', contactPerson: 'диспетчер Иванова' },
  take_in_work: { action: 'take_in_work' },
  mark_done: { action: 'mark_done', whatWasDone: 'Стравили воздух', doneAt: NOW - 60_000 },
  verify: { action: 'verify', method: 'call', temperatures: [], note: 'Жительница подтвердила' },
  close: { action: 'close', feedback: 'satisfied', attempts: 1, note: '' },
  reject: { action: 'reject', reason: 'Дом обслуживает другой район' },
  mark_duplicate: { action: 'mark_duplicate', originalId: 'a-0' },
  return_for_rework: { action: 'return_for_rework', reason: 'Жители снова жалуются' },
};

function actor(role: Role, district: Actor['district'] = 'Октябрьский'): Actor {
  return { userId: 'u', role, district: role === 'department' || role === 'admin' ? null : district };
}

describe('the workflow, every status × action × role', () => {
  for (const status of STATUSES) {
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        const allowed = SPEC[status][role]?.includes(action) ?? false;
        it(`${status} × ${action} × ${role}: ${allowed ? NEXT[action] : 'refused'}`, () => {
          const result = decide({ id: 'a-1', status, district: 'Октябрьский' }, VALID[action], actor(role), NOW);
          if (allowed) expect(result).toEqual({ ok: true, to: NEXT[action] });
          else {
            expect(result.ok).toBe(false);
            if (!result.ok) {
              expect(['status', 'role']).toContain(result.rule);
              expect(result.message).toMatch(/[А-Яа-я]/);
            }
          }
        });
      }
    }
  }

  it('lists exactly the allowed actions as the card\'s buttons', () => {
    for (const status of STATUSES) {
      for (const role of ROLES) {
        expect(availableActions({ id: 'a', status, district: 'Октябрьский' }, actor(role)).sort()).toEqual([...(SPEC[status][role] ?? [])].sort());
      }
    }
  });
});

describe('districts', () => {
  it('district staff cannot act in another district; the Department can return work anywhere', () => {
    const appeal = { id: 'a', status: 'closed' as const, district: 'Кировский' as const };
    const other = decide(appeal, VALID.return_for_rework, actor('deputy_head', 'Октябрьский'), NOW);
    expect(other).toMatchObject({ ok: false, rule: 'district' });
    expect(decide(appeal, VALID.return_for_rework, actor('department'), NOW)).toEqual({ ok: true, to: 'returned' });
  });
});

describe('the rules of each action', () => {
  const at = (status: AppealStatus) => ({ id: 'a-1', status, district: 'Октябрьский' as const });
  const op = actor('district_controller');

  it('a transfer needs an executor, and by phone who took it', () => {
    expect(decide(at('registered'), { action: 'transfer', executorOrgId: ' ', method: 'system', contactPerson: '' }, op, NOW)).toMatchObject({ rule: 'executor_required' });
    expect(decide(at('registered'), { action: 'transfer', executorOrgId: 'uk', method: 'phone', contactPerson: '' }, op, NOW)).toMatchObject({ rule: 'contact_required' });
    expect(decide(at('registered'), { action: 'transfer', executorOrgId: 'uk', method: 'system', contactPerson: '' }, op, NOW)).toEqual({ ok: true, to: 'transferred' });
  });

  it('marking done needs what was done and a time not in the future', () => {
    expect(decide(at('in_progress'), { action: 'mark_done', whatWasDone: '', doneAt: NOW }, op, NOW)).toMatchObject({ rule: 'what_done_required' });
    expect(decide(at('in_progress'), { action: 'mark_done', whatWasDone: 'x', doneAt: NOW + 3_600_000 }, op, NOW)).toMatchObject({ rule: 'done_at_invalid' });
  });

  it('a measurement below +18 °C (+20 °C in a corner room) fails the check and sends the appeal back to work', () => {
    const measure = (rooms: { corner: boolean; celsius: number }[]) =>
      decide(at('done_by_executor'), { action: 'verify', method: 'measurement', temperatures: rooms.map((r) => ({ room: 'комната', ...r })), note: '' }, op, NOW);
    expect(measure([{ corner: false, celsius: 18 }])).toEqual({ ok: true, to: 'verified' });
    expect(measure([{ corner: false, celsius: 17.9 }])).toEqual({ ok: true, to: 'in_progress', checkFailed: true });
    expect(measure([{ corner: true, celsius: 19.5 }])).toEqual({ ok: true, to: 'in_progress', checkFailed: true });
    expect(measure([{ corner: true, celsius: 20 }, { corner: false, celsius: 21 }])).toEqual({ ok: true, to: 'verified' });
    expect(measure([])).toMatchObject({ rule: 'temperatures_required' });
    expect(measure([{ corner: false, celsius: 99 }])).toMatchObject({ rule: 'temperature_invalid' });
  });

  it('the measurement rule holds for any temperatures', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ corner: fc.boolean(), celsius: fc.double({ min: -30, max: 45, noNaN: true }) }), { minLength: 1, maxLength: 6 }), (rooms) => {
        const result = decide(at('done_by_executor'), { action: 'verify', method: 'measurement', temperatures: rooms.map((r) => ({ room: 'к', ...r })), note: '' }, op, NOW);
        const cold = rooms.some((r) => r.celsius < (r.corner ? 20 : 18));
        expect(result).toEqual(cold ? { ok: true, to: 'in_progress', checkFailed: true } : { ok: true, to: 'verified' });
      }),
    );
  });

  it('closing needs feedback: «не удовлетворён» cannot close, «не дозвонились» after enough attempts', () => {
    expect(decide(at('verified'), { action: 'close', feedback: 'not_satisfied', attempts: 1, note: '' }, op, NOW)).toMatchObject({ rule: 'feedback_not_satisfied' });
    expect(decide(at('verified'), { action: 'close', feedback: 'unreachable', attempts: 2, note: '' }, op, NOW)).toMatchObject({ rule: 'feedback_attempts' });
    expect(decide(at('verified'), { action: 'close', feedback: 'unreachable', attempts: 3, note: '' }, op, NOW)).toEqual({ ok: true, to: 'closed' });
  });

  it('rejecting and returning need a reason; a duplicate needs another appeal', () => {
    expect(decide(at('registered'), { action: 'reject', reason: '  ' }, op, NOW)).toMatchObject({ rule: 'reason_required' });
    expect(decide(at('closed'), { action: 'return_for_rework', reason: '' }, op, NOW)).toMatchObject({ rule: 'reason_required' });
    expect(decide(at('registered'), { action: 'mark_duplicate', originalId: 'a-1' }, op, NOW)).toMatchObject({ rule: 'original_required' });
  });
});
