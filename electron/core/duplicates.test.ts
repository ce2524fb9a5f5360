// «Отметить дубликатом» links two appeals: the duplicate's card names its original, the original's
// card lists its duplicates; duplicates never chain and never point at themselves.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEnvelope } from '../../shared/contract/errors.js';
import type { Appeal } from '../../shared/contract/schemas.js';
import { DATABASE_FILE } from './core.js';
import { CALL, REGISTER, testCoresWith, type TestCore } from './test/temp-core.js';

const start = testCoresWith(REGISTER, { name: 'Петрова', role: 'district_controller', district: 'Октябрьский' });

async function register(t: TestCore, flat: string): Promise<Appeal> {
  t.clock.now += 60_000;
  return t.core.handlers.registerAppeal({ ...CALL, flat });
}
function markDuplicate(t: TestCore, appeal: Appeal, original: string): Promise<ApiEnvelope<unknown>> {
  t.clock.now += 60_000;
  return t.core.call('appealAction', { appealId: appeal.id, expectedVersion: appeal.version, data: { action: 'mark_duplicate', originalId: original } });
}
function counts(dataDir: string) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(`SELECT (SELECT count(*) FROM appeal_events) AS events, (SELECT count(*) FROM outbox) AS ops,
      (SELECT group_concat(status) FROM (SELECT status FROM appeals ORDER BY id)) AS statuses`).get();
  } finally {
    db.close();
  }
}

describe('duplicates on the card', () => {
  it('a duplicate marked by the original\'s number links to it, and the original lists it', async () => {
    const t = await start();
    const original = await register(t, '15');
    const dup = await register(t, '15');
    const r = await markDuplicate(t, dup, original.number.toLowerCase());
    expect(r.ok).toBe(true);

    const dupCard = await t.core.handlers.getAppealCard({ id: dup.id });
    expect(dupCard.appeal.status).toBe('duplicate');
    expect(dupCard.duplicateOf).toEqual({
      id: original.id,
      number: original.number,
      officialNumber: null,
      status: 'registered',
      receivedAt: original.receivedAt,
      flat: '15',
    });
    expect(dupCard.duplicates).toEqual([]);

    const originalCard = await t.core.handlers.getAppealCard({ id: original.id });
    expect(originalCard.duplicateOf).toBeNull();
    expect(originalCard.duplicates.map((d) => [d.number, d.status])).toEqual([[dup.number, 'duplicate']]);
  });

  it('a duplicate of a duplicate points to the first original: duplicates never chain', async () => {
    const t = await start();
    const a = await register(t, '1');
    const b = await register(t, '2');
    const c = await register(t, '3');
    expect((await markDuplicate(t, b, a.id)).ok).toBe(true);
    expect((await markDuplicate(t, c, b.number)).ok).toBe(true);

    const cCard = await t.core.handlers.getAppealCard({ id: c.id });
    expect(cCard.duplicateOf?.id).toBe(a.id);
    const aCard = await t.core.handlers.getAppealCard({ id: a.id });
    expect(aCard.duplicates.map((d) => d.id)).toEqual([b.id, c.id]);
    expect((await t.core.handlers.getAppealCard({ id: b.id })).duplicates).toEqual([]);
    // The audit event and the op carry the first original, so every replica links the same way.
    const timeline = cCard.events.at(-1)!;
    expect(timeline).toMatchObject({ type: 'mark_duplicate' });
    expect(timeline.data).toMatchObject({ originalId: a.id, originalNumber: a.number });
  });

  it('an appeal cannot be a duplicate of itself, by id or by number: refused at the field, nothing written', async () => {
    const t = await start();
    const a = await register(t, '1');
    const before = counts(t.dataDir);
    for (const ref of [a.id, a.number]) {
      const r = await markDuplicate(t, a, ref);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.issues?.[0]?.path).toBe('data.originalId');
    }
    expect(counts(t.dataDir)).toEqual(before);
  });

  it('an original cannot become a duplicate of its own duplicate; an unknown number is named', async () => {
    const t = await start();
    const a = await register(t, '1');
    const b = await register(t, '2');
    expect((await markDuplicate(t, b, a.id)).ok).toBe(true);
    const before = counts(t.dataDir);
    const loop = await markDuplicate(t, a, b.number);
    expect(loop.ok).toBe(false);
    if (!loop.ok) expect(loop.error.message).toMatch(/дубликат/);
    const unknown = await markDuplicate(t, a, '26-НЕТ-00001');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.issues?.[0]).toEqual({ path: 'data.originalId', message: 'Обращение с таким номером не найдено' });
    expect(counts(t.dataDir)).toEqual(before);
  });
});
