// A district's day signed elsewhere reaches this workstation by pull: stored as the server's record,
// written to day_closures for the screens, announced as a dayClosure change; an older copy does not
// replace a newer one.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/roles.js';
import { applyDayClosureOp, dayClosureId, type DayClosureRecord } from '../../../shared/sync/apply-day-closure.js';
import { SCHEMA_VERSION } from '../../../shared/sync/op.js';
import type { Change } from '../../../shared/sync/protocol.js';
import { DATABASE_FILE, type Core } from '../core.js';
import { openTestCore } from '../test/temp-core.js';

const NOW = Date.UTC(2026, 10, 29, 17, 0);
const DEPUTY: Actor = { userId: 'zam', role: 'deputy_head', district: 'Октябрьский' };
const DEPARTMENT: Actor = { userId: 'dep', role: 'department', district: null };
const ID = dayClosureId('Октябрьский', '2026-11-29');
const DEVICE = '00000000-0000-4000-8000-0000000000a1';

function op(command: 'sign_day' | 'return_day', seq: number, at: number, payload: Record<string, unknown>, userId: string) {
  return {
    opId: `019ac5a0-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    deviceId: DEVICE,
    deviceSeq: seq,
    hlc: `${at}-00000-ZAM1`,
    userId,
    entityType: 'day_closure' as const,
    entityId: ID,
    baseVersion: seq - 1,
    schemaVersion: SCHEMA_VERSION,
    command,
    payload,
  };
}

function ok(r: ReturnType<typeof applyDayClosureOp>): DayClosureRecord {
  if (r.kind !== 'applied') throw new Error(JSON.stringify(r));
  return r.record;
}

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

describe('a district’s day by pull', () => {
  it('is written for the screens and announced; an older copy does not replace a newer one', async () => {
    const { core, dataDir } = await openTestCore(undefined, NOW);
    cores.push(core);
    const signed = ok(
      applyDayClosureOp(null, op('sign_day', 1, NOW - 60_000, { district: 'Октябрьский', day: '2026-11-29', comment: 'Отработано', figures: { received: 5, closed: 2, open: 9, overdue: 1 }, carriedOver: 9 }, 'zam'), DEPUTY, { nowMs: NOW }),
    );
    const returned = ok(applyDayClosureOp(signed, op('return_day', 2, NOW, { reason: 'Не перенесены аварийные' }, 'dep'), DEPARTMENT, { nowMs: NOW }));
    const change = (record: DayClosureRecord, serverSeq: number): Change => ({ serverSeq, entityType: 'day_closure', id: ID, version: record.version, data: record }) as unknown as Change;

    const first = await core.db.call('syncApplyPage', [change(signed, 10)], { kind: 'pull', cursor: 'c1.10.x' }, DEPARTMENT, NOW);
    expect(first.dayClosureIds).toEqual([ID]);
    await core.db.call('syncApplyPage', [change(returned, 11)], { kind: 'pull', cursor: 'c1.11.x' }, DEPARTMENT, NOW);
    // A late copy of the older record (a retried page) changes nothing.
    await core.db.call('syncApplyPage', [change(signed, 10)], { kind: 'pull', cursor: 'c1.11.x' }, DEPARTMENT, NOW);

    // «Сводка за день» states the sign-off from it.
    expect(await core.db.call('daySignOff', 'Октябрьский', '2026-11-29')).toEqual({
      signedBy: 'zam',
      signedAt: NOW - 60_000,
      comment: 'Отработано',
      returnedReason: 'Не перенесены аварийные',
    });
    expect(await core.db.call('daySignOff', 'Октябрьский', '2026-11-28')).toBeNull();

    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const row = db.prepare('SELECT district, day, state, comment, signed_by, return_reason, returned_by, figures FROM day_closures WHERE id = ?').get(ID);
      expect(row).toEqual({
        district: 'Октябрьский',
        day: '2026-11-29',
        state: 'returned',
        comment: 'Отработано',
        signed_by: 'zam',
        return_reason: 'Не перенесены аварийные',
        returned_by: 'dep',
        figures: JSON.stringify({ received: 5, closed: 2, open: 9, overdue: 1 }),
      });
    } finally {
      db.close();
    }
  });
});
