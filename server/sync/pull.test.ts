import { beforeEach, describe, expect, it } from 'vitest';
import { pullResponseSchema, snapshotPageSchema, SNAPSHOT_SECTIONS, syncErrorSchema, type Change } from '../../shared/sync/protocol.js';
import { encodeCursor } from '../../shared/sync/scope.js';
import { runAdminCommand } from '../admin-commands.js';
import { TRANSFER, type Workstation } from '../test/sync-fixture.js';
import { useSyncServer } from '../test/use-sync-server.js';

const START = 'c1.0.00000000';

describe('POST /sync/pull and /sync/snapshot', () => {
  const server = useSyncServer();
  let operator: Workstation;
  beforeEach(async () => {
    operator = await server.workstation('ivanova', 'operator', 'Октябрьский');
  });

  /** A cursor at the very start, for this workstation's scope. */
  const startOf = async (w: Workstation): Promise<string> => {
    const first = await w.pull(START);
    expect(first.mustRefetch?.reason).toBe('scope_changed');
    const pages = await w.snapshot();
    return pages[0]!.cursor.replace(/^c1\.\d+\./, 'c1.0.');
  };

  const pullAll = async (w: Workstation, cursor: string, limit?: number) => {
    const changes: Change[] = [];
    let pages = 0;
    for (;;) {
      const page = pullResponseSchema.parse(await w.pull(cursor, limit));
      expect(page.mustRefetch).toBeNull();
      changes.push(...page.changes);
      cursor = page.nextCursor;
      pages++;
      if (!page.hasMore) return { changes, cursor, pages };
    }
  };

  it('serve reference data to everybody and a district’s appeals only to that district and the city-wide roles', async () => {
    const okt = operator.register({ buildingId: 'b-okt-1' });
    await operator.push([okt]);
    const kirov = await server.workstation('kirova', 'district_controller', 'Кировский');
    const kirAppeal = kirov.register({ buildingId: 'b-kir-1', district: 'Кировский' });
    await kirov.push([kirAppeal]);

    const seenByKirov = await pullAll(kirov, await startOf(kirov));
    const kirovIds = seenByKirov.changes.map((c) => `${c.entityType}:${c.id}`);
    expect(kirovIds).toEqual(expect.arrayContaining(['building:b-okt-1', 'building:b-kir-1', 'organisation:uk-1', 'heat_source:hs-1', `appeal:${kirAppeal.entityId}`]));
    expect(kirovIds.some((id) => id.includes(okt.entityId))).toBe(false);
    expect(seenByKirov.changes.filter((c) => c.entityType === 'appeal_event')).toHaveLength(1);

    const department = await server.workstation('dept', 'department', null);
    const seenByDepartment = await pullAll(department, await startOf(department));
    expect(seenByDepartment.changes.filter((c) => c.entityType === 'appeal').map((c) => c.id).sort()).toEqual([okt.entityId, kirAppeal.entityId].sort());

    const snapshot = (await kirov.snapshot()).flatMap((p) => p.items);
    expect(snapshot.some((c) => c.id === okt.entityId)).toBe(false);
    expect(snapshot.some((c) => c.id === kirAppeal.entityId)).toBe(true);

    // Writing is refused the same way: a district user's op on another district's appeal.
    const intrusion = await kirov.push([kirov.op('transfer', okt.entityId, TRANSFER('uk-1'))]);
    expect(intrusion.results[0]).toMatchObject({ result: 'rejected', code: 'district' });
  });

  it('hide residents’ names and phones from the Department, in the appeal, in repeated calls and in the snapshot; keep them for the district', async () => {
    const registration = operator.register({ applicantName: 'Петров Пётр', applicantPhone: '89270000000' });
    const repeated = operator.op('attach_repeated_call', registration.entityId, {
      applicantName: 'Петрова Анна',
      applicantPhone: '89271111111',
      flat: '16',
      channel: 'district_hotline',
      note: '',
    });
    await operator.push([registration, repeated]);
    const department = await server.workstation('dept', 'department', null);
    const pulled = await pullAll(department, await startOf(department));
    const text = JSON.stringify(pulled.changes);
    expect(text).not.toContain('Петров');
    expect(text).not.toContain('8927');
    const appeal = pulled.changes.find((c) => c.entityType === 'appeal');
    expect(appeal?.entityType === 'appeal' && 'data' in appeal ? appeal.data.personalDataHidden : undefined).toBe(true);
    const snapshot = JSON.stringify((await department.snapshot()).flatMap((p) => p.items));
    expect(snapshot).toContain(registration.entityId);
    expect(snapshot).not.toContain('Петров');
    expect(snapshot).not.toContain('8927');

    const controller = await server.workstation('petrova', 'district_controller', 'Октябрьский');
    const forDistrict = JSON.stringify((await pullAll(controller, await startOf(controller))).changes);
    expect(forDistrict).toContain('Петров Пётр');
    expect(forDistrict).toContain('Петрова Анна');
  });

  it('send each role the same events in the snapshot as by pull, residents’ names projected alike (the Department’s own registrations too)', async () => {
    const department = await server.workstation('dept-own', 'department', null);
    const own = department.register({ registeredBy: department.userId, applicantName: 'Сидоров Иван', applicantPhone: '89272222222' });
    const ownCall = department.op('attach_repeated_call', own.entityId, { applicantName: 'Сидорова Мария', applicantPhone: '89273333333', flat: '1', channel: 'district_hotline', note: '' });
    expect((await department.push([own, ownCall])).results.map((r) => r.result)).toEqual(['applied', 'applied']);
    const other = operator.register({ applicantName: 'Кузнецов Олег', applicantPhone: '89274444444' });
    const otherCall = operator.op('attach_repeated_call', other.entityId, { applicantName: 'Кузнецова Ольга', applicantPhone: '89275555555', flat: '2', channel: 'district_hotline', note: '' });
    await operator.push([other, otherCall]);
    const controller = await server.workstation('petrova-own', 'district_controller', 'Октябрьский');
    for (const viewer of [department, controller]) {
      const pages = await viewer.snapshot(1);
      for (const page of pages) expect(snapshotPageSchema.parse(page)).toEqual(page);
      const byId = (changes: Change[]) => new Map(changes.filter((c) => c.entityType === 'appeal_event').map((c) => [c.id, 'data' in c ? c.data : null]));
      const snapshotEvents = byId(pages.flatMap((p) => p.items));
      const pulledEvents = byId((await pullAll(viewer, await startOf(viewer))).changes);
      expect(snapshotEvents.size).toBeGreaterThanOrEqual(4);
      for (const [id, data] of snapshotEvents) expect(data).toEqual(pulledEvents.get(id));
    }
    const forController = JSON.stringify((await controller.snapshot()).flatMap((p) => p.items));
    expect(forController).toContain('Кузнецова Ольга');
  });

  it('page the log without splitting an op’s changes, and end at the newest position', async () => {
    const ops = [operator.register(), operator.register(), operator.register()];
    await operator.push(ops);
    const cursor = await startOf(operator);
    const whole = await pullAll(operator, cursor);
    const paged = await pullAll(operator, cursor, 1);
    expect(paged.pages).toBeGreaterThan(3);
    expect(paged.changes).toEqual(whole.changes);
    expect(paged.cursor).toBe(whole.cursor);
    const seqs = paged.changes.map((c) => c.serverSeq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    // With limit 1 each registration's appeal and event still came together.
    const first = await operator.pull(encodeCursor(Number(/^c1\.(\d+)/.exec(whole.cursor)![1]) - 2, { userId: '', role: 'operator', district: 'Октябрьский' }), 1);
    expect(first.changes.map((c) => c.entityType)).toEqual(['appeal', 'appeal_event']);
    const nothing = await operator.pull(whole.cursor);
    expect(nothing).toEqual({ changes: [], nextCursor: whole.cursor, hasMore: false, mustRefetch: null });
  });

  it('tell a client to refetch when its cursor is unreadable, of another scope, newer than the server or older than the log', async () => {
    await operator.push([operator.register()]);
    const cursor = (await operator.snapshot())[0]!.cursor;
    expect((await operator.pull('garbage')).mustRefetch?.reason).toBe('cursor_invalid');
    const kirovCursor = encodeCursor(1, { userId: '', role: 'operator', district: 'Кировский' });
    expect((await operator.pull(kirovCursor)).mustRefetch).toMatchObject({ reason: 'scope_changed', message: expect.stringContaining('Изменились ваши район или роль') });
    const future = cursor.replace(/^c1\.\d+\./, 'c1.999999.');
    expect((await operator.pull(future)).mustRefetch?.reason).toBe('cursor_invalid');
    await server.database.db.query('UPDATE sync_state SET compacted_through = 5');
    const old = cursor.replace(/^c1\.\d+\./, 'c1.1.');
    const refetch = await operator.pull(old);
    expect(refetch).toEqual({
      changes: [],
      nextCursor: old,
      hasMore: false,
      mustRefetch: { reason: 'cursor_too_old', message: 'Рабочее место долго не синхронизировалось: данные будут загружены заново' },
    });
  });

  it('compact the change log with the admin CLI: a cursor from before it must refetch; a new snapshot and pull carry on', async () => {
    const registration = operator.register();
    await operator.push([registration]);
    const oldCursor = (await operator.snapshot())[0]!.cursor;
    // As if run 100 days later (the workstation's token stays valid: the server's clock stands).
    const later = operator.op('transfer', registration.entityId, TRANSFER('uk-2'));
    const out: string[] = [];
    const compact = (keepDays = '90') => runAdminCommand(server.database.db, 'compact-log', { keepDays }, { out: (s) => out.push(s), err: () => undefined }, { now: () => server.clock.now + 100 * 24 * 3_600_000 });
    expect(await compact()).toBe(0);
    expect(out[0]).toMatch(/^Change log compacted: \d+ rows removed; positions up to \d+ are gone$/);
    // Compacted to nothing, the log still stands at its mark: a cursor there reads on.
    expect((await operator.pull(oldCursor)).mustRefetch).toBeNull();
    expect((await operator.push([later])).results[0]?.result).toBe('applied');
    const oldCursorAfterCompaction = oldCursor.replace(/^c1\.\d+\./, 'c1.1.');
    expect((await operator.pull(oldCursorAfterCompaction)).mustRefetch?.reason).toBe('cursor_too_old');
    expect((await operator.pull(oldCursor)).changes.map((c) => c.id)).toEqual([registration.entityId, later.opId]);
    const fresh = await operator.snapshot();
    const appeal = fresh.flatMap((p) => p.items).find((i) => i.id === registration.entityId);
    expect(appeal && 'data' in appeal && appeal.entityType === 'appeal' ? appeal.data.fields.executorOrgId : null).toBe('uk-2');
    expect((await operator.pull(fresh[0]!.cursor)).mustRefetch).toBeNull();
    expect(await compact('200')).toBe(0);
    expect(out[1]).toMatch(/^Change log compacted: 0 rows removed/);
    expect(await compact('0')).toBe(2);
  });

  it('serve a snapshot in resumable pages that ends with the cursor to pull from', async () => {
    const registration = operator.register();
    await operator.push([registration, operator.op('transfer', registration.entityId, TRANSFER('uk-2'))]);
    const pages = await operator.snapshot(2);
    for (const page of pages) expect(snapshotPageSchema.parse(page)).toEqual(page);
    const sections = [...new Set(pages.filter((p) => p.items.length > 0).map((p) => p.section))];
    expect(sections).toEqual(['organisations', 'heat_sources', 'buildings', 'appeals', 'appeal_events']);
    const items = pages.flatMap((p) => p.items);
    expect(items.filter((i) => i.entityType === 'building')).toHaveLength(3);
    expect(items.filter((i) => i.entityType === 'appeal_event')).toHaveLength(2);
    const appeal = items.find((i) => i.entityType === 'appeal');
    expect(appeal && 'data' in appeal && appeal.entityType === 'appeal' ? appeal.data.fields.executorOrgId : null).toBe('uk-2');
    expect(new Set(pages.map((p) => p.cursor)).size).toBe(1);
    expect(pages.at(-1)?.nextPageToken).toBeNull();
    expect(pages.at(-1)?.progress).toEqual({ sectionsDone: SNAPSHOT_SECTIONS.length, sections: SNAPSHOT_SECTIONS.length });

    // A break: the same token again gives the same page.
    const second = pages[0]!.nextPageToken!;
    const again = await operator.snapshotPage(second, 2);
    expect(again.json()).toEqual(pages[1]);

    // What changed after the snapshot's moment comes by pull from its cursor.
    const later = operator.op('take_in_work', registration.entityId, { action: 'take_in_work', checkFailed: false });
    const department = await server.workstation('dept', 'department', null);
    await operator.push([later]);
    const pulled = await operator.pull(pages[0]!.cursor);
    expect(pulled.changes.map((c) => c.id)).toEqual([registration.entityId, later.opId]);

    // Another scope cannot continue this snapshot.
    const foreign = await department.snapshotPage(second, 2);
    expect(foreign.statusCode).toBe(410);
    expect(syncErrorSchema.parse(foreign.json()).code).toBe('snapshot_expired');
  });
});
