import { describe, expect, it } from 'vitest';
import { alertMessage } from './alert-message.js';

describe('alertMessage', () => {
  it('names one appeal', () => {
    expect(alertMessage([{ kind: 'overdue', number: '2026-01-00001', address: 'ул. Садовая, д. 12' }])).toEqual({
      title: 'Просрочено обращение',
      body: '№ 2026-01-00001 — ул. Садовая, д. 12',
      overdue: true,
    });
  });

  it('counts many and lists the first three', () => {
    const lines = Array.from({ length: 5 }, (_, i) => ({ kind: i < 2 ? ('due_within_hour' as const) : ('overdue' as const), number: `N${i}`, address: 'A' }));
    const m = alertMessage(lines);
    expect(m.title).toBe('Просрочено обращений: 3; Срок истекает в течение часа: 2');
    expect(m.body.split('\n')).toEqual(['№ N0 — A', '№ N1 — A', '№ N2 — A', 'и ещё 2']);
  });

  it('names the deadline when the alert says which one', () => {
    const m = alertMessage([{ kind: 'overdue', deadlineKind: 'reaction', number: 'N1', address: 'ул. Садовая, д. 12' }]);
    expect(m.body).toBe('№ N1 — ул. Садовая, д. 12 (передать исполнителю)');
  });
});
