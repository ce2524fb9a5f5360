import { describe, expect, it } from 'vitest';
import { samaraDate } from '../../../shared/domain/samara-time.js';
import { heatingProgress } from '../../../shared/heating/heating-progress.js';
import type { HeatingStatus } from '../../../shared/heating/heating-status.js';
import { demoRegister } from './demo-data.js';
import { demoHeatingStatuses } from './heating-season.js';

describe('the demo heating season', () => {
  const asOf = Date.UTC(2026, 10, 28, 8, 0);
  const register = demoRegister(1);
  const changes = demoHeatingStatuses(register, 1, asOf);

  it('gives late November a believable picture: most connected, some partial or with a problem, a few not connected', () => {
    const last = new Map<string, HeatingStatus>();
    for (const c of changes) last.set(c.buildingId, c.status);
    expect(last.size).toBe(register.buildings.length);
    const { all, groups } = heatingProgress(register.buildings.map((b) => ({ key: b.district, label: b.district, status: last.get(b.id) ?? null })));
    expect(all.connected / all.total).toBeGreaterThan(0.85);
    expect(all.connected / all.total).toBeLessThan(0.97);
    for (const n of [all.partial, all.problem, all.notConnected]) expect(n).toBeGreaterThan(50);
    // A lagging district comes first.
    expect(['Красноглинский', 'Куйбышевский']).toContain(groups[0]?.label);
  });

  it('dates every change in the season, never after today, and gives a problem its reason', () => {
    const today = samaraDate(asOf);
    for (const c of changes) {
      expect(c.statusDate >= '2026-10-15' && c.statusDate <= today).toBe(true);
      expect(c.at).toBeLessThanOrEqual(asOf);
      if (c.status === 'problem' || c.status === 'partial') expect(c.reason).not.toBe('');
    }
  });

  it('is the same for the same seed', () => {
    expect(demoHeatingStatuses(register, 1, asOf)).toEqual(changes);
  });
});
