// The demo's appeal histories: every workflow step is one the workflow allows, the events are
// exactly what the real commands write (replayed through LocalStore), the bulk load leaves
// «Адреса на контроле» as the live triggers would have, and the season shows the whole lifecycle.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINAL_STATUSES, STATUSES, type AppealStatus } from '../../../shared/domain/appeal-vocabulary.js';
import { RESTORE_MOVES_FROM, RESTORE_MOVES_TO } from '../../../shared/domain/incidents.js';
import { isCityWide, type Role } from '../../../shared/domain/roles.js';
import { decide, type ActionData } from '../../../shared/domain/workflow.js';
import { openDatabase } from '../db/connection.js';
import { LocalStore } from '../db/store.js';
import { tempDir } from '../test/temp-core.js';
import { DEMO_USER } from './demo-user.js';
import { incidentSeeds } from './incident-plan.js';
import { loadRegisterAndStories } from './load.js';
import { generateRegister, registerSeed } from './register.js';
import { SeasonExtras, seasonEndingAt, seasonTimeline, type AppealStory } from './season.js';

const register = generateRegister({ seed: 11, buildings: 800, organisations: 40, heatSources: 16 });
// A Wednesday afternoon in winter.
const now = Date.UTC(2026, 0, 14, 11, 30);
const extras = new SeasonExtras();
const stories = [...seasonTimeline(register, { seed: 5, appeals: 8_000, ...seasonEndingAt(now, 150) }, extras)];
const byId = new Map(stories.map((s) => [s.appeal.id, s]));

const WORKFLOW_EVENTS = new Set(['transfer', 'take_in_work', 'mark_done', 'verify', 'verify_failed', 'close', 'reject', 'mark_duplicate', 'return_for_rework']);
const STATUS_EVENTS = new Set([...WORKFLOW_EVENTS, 'incident_restored']);

/** The action's data as the command took it: the event's data without what the command added. */
function actionOf(type: string, data: Record<string, unknown>): ActionData {
  const fields = Object.fromEntries(Object.entries(data).filter(([k]) => !['from', 'to', 'role', 'executorName', 'originalNumber'].includes(k)));
  return { action: type === 'verify_failed' ? 'verify' : type, ...fields } as unknown as ActionData;
}

function actorOf(story: AppealStory, by: string, data: Record<string, unknown>) {
  const role = data['role'] as Role;
  return { userId: by, role, district: isCityWide(role) ? null : story.appeal.district };
}

describe('the demo appeals’ histories', () => {
  it('replay through the workflow: every step allowed, in time order, ending in the appeal’s status and version', () => {
    for (const story of stories) {
      const { appeal, events } = story;
      expect(events[0]).toMatchObject({ type: 'registered', at: appeal.registeredAt, by: appeal.registeredBy, data: { number: appeal.number, channel: appeal.channel } });
      let status: AppealStatus = 'registered';
      let version = 1;
      let updatedAt = appeal.registeredAt;
      let failedCalls = 0;
      for (let i = 1; i < events.length; i++) {
        const e = events[i]!;
        expect(e.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
        expect(e.at).toBeLessThanOrEqual(now);
        if (WORKFLOW_EVENTS.has(e.type)) {
          expect(e.data['from']).toBe(status);
          const data = actionOf(e.type, e.data);
          const decision = decide({ id: appeal.id, status, district: appeal.district }, data, actorOf(story, e.by, e.data), e.at);
          expect(decision, `${appeal.number}: ${e.type} from ${status}`).toMatchObject({ ok: true, to: e.data['to'] });
          expect(decision.ok && (decision.checkFailed ?? false)).toBe(e.type === 'verify_failed');
          if (data.action === 'close' && data.feedback === 'unreachable') expect(failedCalls).toBeGreaterThanOrEqual(3);
        } else if (e.type === 'incident_restored') {
          expect(RESTORE_MOVES_FROM).toContain(status);
          expect(e.data).toMatchObject({ from: status, to: RESTORE_MOVES_TO });
        } else if (e.type === 'call') {
          if (e.data['direction'] === 'to_applicant' && e.data['result'] !== 'reached') failedCalls += 1;
        } else if (e.type === 'repeated_call') {
          expect(FINAL_STATUSES).not.toContain(status);
        } else {
          expect(e.type).toBe('incident_linked');
        }
        if (STATUS_EVENTS.has(e.type)) {
          status = e.data['to'] as AppealStatus;
          version += 1;
          updatedAt = e.at;
        }
      }
      expect(status).toBe(appeal.status);
      expect(version).toBe(story.version);
      expect(updatedAt).toBe(story.updatedAt);
    }
  });

  it('links duplicates to their originals, registered before them', () => {
    const duplicates = stories.filter((s) => s.appeal.status === 'duplicate');
    expect(duplicates.length).toBeGreaterThan(10);
    for (const d of duplicates) {
      const mark = d.events.find((e) => e.type === 'mark_duplicate');
      const original = byId.get(mark?.data['originalId'] as string);
      expect(original?.appeal.number).toBe(mark?.data['originalNumber']);
      expect(original?.appeal.buildingId).toBe(d.appeal.buildingId);
      expect(original!.appeal.registeredAt).toBeLessThanOrEqual(d.appeal.registeredAt);
    }
  });

  it('shows the whole lifecycle: every status now, failed checks, returns, reopened, «не дозвонились», calls, repeated calls, mass outages', () => {
    // Every status now or within the last day (returned appeals go back to work within hours).
    const open = new Set(stories.map((s) => s.appeal.status).filter((s) => !FINAL_STATUSES.includes(s)));
    expect(open.size).toBeGreaterThanOrEqual(4);
    const lastDay = new Set(stories.flatMap((s) => Array.from({ length: 8 }, (_, k) => s.history.filter((h) => h.at <= now - k * 3 * 3_600_000).at(-1)?.status)));
    for (const s of STATUSES) expect(lastDay, s).toContain(s);
    const types = new Map<string, number>();
    for (const s of stories) for (const e of s.events) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    for (const t of ['verify_failed', 'return_for_rework', 'reject', 'mark_duplicate', 'call', 'repeated_call', 'incident_linked', 'incident_restored']) {
      expect(types.get(t) ?? 0, t).toBeGreaterThan(0);
    }
    const unreachable = stories.filter((s) => s.events.some((e) => e.type === 'close' && e.data['feedback'] === 'unreachable'));
    expect(unreachable.length).toBeGreaterThan(10);
    const reopened = stories.filter((s) => s.events.some((e) => e.type === 'return_for_rework' && e.data['from'] === 'closed'));
    expect(reopened.length).toBeGreaterThan(0);
    const measured = stories.flatMap((s) => s.events.filter((e) => e.type === 'verify' && e.data['method'] === 'measurement'));
    expect(measured.length).toBeGreaterThan(100);
  });

  it('keeps mass outages active and restored; a restore moves exactly its linked open appeals', () => {
    const recorded = extras.incidents.filter((p) => p.createdAt <= now);
    expect(recorded.filter((p) => p.restoreRecordedAt > now).length).toBeGreaterThanOrEqual(1);
    expect(recorded.filter((p) => p.restoreRecordedAt <= now).length).toBeGreaterThan(5);
    for (const p of recorded) {
      const moved = stories.filter((s) => s.events.some((e) => e.type === 'incident_restored' && e.data['incidentId'] === p.id)).map((s) => s.appeal.id);
      expect([...p.moved].sort()).toEqual(moved.sort());
      for (const id of moved) expect(byId.get(id)?.incidentIds).toContain(p.id);
    }
    for (const s of stories) {
      for (const id of s.incidentIds) {
        const p = extras.incidents.find((x) => x.id === id)!;
        expect(p.createdAt).toBeLessThanOrEqual(s.appeal.registeredAt);
        expect(s.appeal.registeredAt).toBeLessThan(p.restoreRecordedAt);
        expect(p.buildings.some((b) => b.id === s.appeal.buildingId)).toBe(true);
      }
    }
  });

  it('has open appeals due within the hour and later today besides the overdue ones', () => {
    const open = stories.filter((s) => !FINAL_STATUSES.includes(s.appeal.status)).map((s) => s.appeal);
    expect(open.filter((a) => a.deadlineAt < now).length).toBeGreaterThan(0);
    expect(open.filter((a) => a.deadlineAt >= now && a.deadlineAt < now + 3_600_000).length).toBeGreaterThan(0);
    expect(open.filter((a) => a.deadlineAt >= now + 3_600_000).length).toBeGreaterThan(0);
  });
});

describe('the demo history in the database', () => {
  const dir = tempDir('demo-story');
  const seeded = openDatabase({ file: join(dir, 'seeded.sqlite') });
  const store = new LocalStore(seeded);
  // Loaded as the demo loads it: the register, the stories with their histories, the outages and the periods on control.
  beforeAll(async () => {
    await loadRegisterAndStories((data) => store.seed(data), register, stories, extras, now);
  });
  afterAll(() => seeded.close());

  it('writes no outbox ops and stores each appeal’s version and last change', () => {
    expect(store.pendingOps(10)).toEqual([]);
    const row = seeded.prepare<[], { n: number }>(
      'SELECT count(*) AS n FROM appeals a WHERE a.version <> 1 + (SELECT count(*) FROM appeal_events e WHERE e.appeal_id = a.id AND e.type NOT IN (\'registered\', \'call\', \'repeated_call\', \'incident_linked\'))',
    ).get();
    expect(row?.n).toBe(0);
  });

  it('writes exactly the events the real commands write (replayed through LocalStore)', () => {
    const replayDb = openDatabase({ file: join(dir, 'replayed.sqlite') });
    try {
      const replay = new LocalStore(replayDb);
      replay.seed(registerSeed(register));
      // Appeals without mass outages (an incident's number depends on the workstation recording it).
      const sample = stories.filter((s) => s.incidentIds.length === 0 && s.events.length > 6).filter((_, i) => i % 7 === 0).slice(0, 300);
      const duplicatesOf = sample.filter((s) => s.appeal.status === 'duplicate').map((s) => byId.get(s.events.find((e) => e.type === 'mark_duplicate')?.data['originalId'] as string)!);
      const originals = duplicatesOf.filter((o) => !sample.includes(o));
      replay.seed({ appeals: originals.map((o) => o.appeal) });
      for (const story of sample) {
        const { appeal } = story;
        replay.seed({ appeals: [{ ...appeal, status: 'registered', executorOrgId: null }] });
        let version = 1;
        for (const e of story.events.slice(1)) {
          if (WORKFLOW_EVENTS.has(e.type)) {
            replay.applyAppealAction({ appealId: appeal.id, expectedVersion: version, data: actionOf(e.type, e.data), actor: actorOf(story, e.by, e.data), nowMs: e.at });
            version += 1;
          } else if (e.type === 'call') {
            const d = e.data as { direction: 'to_applicant' | 'from_applicant'; result: 'reached' | 'no_answer' | 'busy' | 'wrong_number'; note: string };
            replay.logCall({ appealId: appeal.id, direction: d.direction, result: d.result, note: d.note, at: e.at, userId: e.by, nowMs: e.at });
          } else if (e.type === 'repeated_call') {
            const d = e.data as { applicantName: string; applicantPhone: string; flat: string; channel: typeof appeal.channel; note: string };
            replay.attachRepeatedCall({ appealId: appeal.id, ...d, userId: e.by, nowMs: e.at });
          } else throw new Error(`unexpected ${e.type}`);
        }
        const strip = (list: readonly { type: string; at: number; by: string; data: Record<string, unknown> }[]) => list.map(({ type, at, by, data }) => ({ type, at, by, data }));
        expect(strip(replay.getAppeal(appeal.id).events)).toEqual(strip(store.getAppeal(appeal.id).events));
        const a = replay.getAppeal(appeal.id).appeal;
        const b = store.getAppeal(appeal.id).appeal;
        expect({ status: a.status, version: a.version, executor: a.executorName }).toEqual({ status: b.status, version: b.version, executor: b.executorName });
      }
      expect(sample.length).toBeGreaterThan(100);
    } finally {
      replayDb.close();
    }
  });

  it('records the mass outages with the events the incident commands write (all but the number, which names the workstation)', () => {
    const replayDb = openDatabase({ file: join(dir, 'incidents.sqlite') });
    try {
      const replay = new LocalStore(replayDb);
      replay.seed(registerSeed(register));
      const seeds = incidentSeeds(extras.incidents, now, new Map());
      expect(seeds.some((i) => i.roomCelsius !== null)).toBe(true);
      for (const plan of extras.incidents.filter((p) => p.createdAt <= now)) {
        const actor = { userId: plan.createdBy, role: 'operator' as const, district: null };
        const common = { cause: plan.cause, startedAt: plan.startedAt, plannedRestoreAt: plan.plannedRestoreAt, ...(plan.roomCelsius !== null ? { roomCelsius: plan.roomCelsius } : {}) };
        const input = plan.scope === 'heat_source' ? { scope: 'heat_source' as const, heatSourceId: plan.heatSourceId!, ...common } : { scope: 'buildings' as const, buildingIds: plan.buildings.map((b) => b.id), ...common };
        const created = replay.createIncident({ input, actor, nowMs: plan.createdAt });
        if (plan.update && plan.update.at <= now) {
          const { roomCelsius } = plan.update;
          replay.updateIncident({ input: { id: created.id, cause: plan.cause, plannedRestoreAt: plan.update.plannedRestoreAt, ...(roomCelsius !== undefined ? { roomCelsius } : {}) }, actor: { ...actor, userId: plan.update.by }, nowMs: plan.update.at });
        }
        const seeded = seeds.find((i) => i.id === plan.id)!;
        const real = replay.getIncident(created.id, now);
        const strip = (data: Record<string, unknown>) => ({ ...data, number: undefined });
        expect(real.events.map((e) => ({ type: e.type, at: e.at, by: e.by, data: strip(e.data) }))).toEqual(
          seeded.events.filter((e) => e.type !== 'restored').map((e) => ({ type: e.type, at: e.at, by: e.by, data: strip(JSON.parse(e.data) as Record<string, unknown>) })),
        );
        expect(real.incident).toMatchObject({ roomCelsius: plan.update && plan.update.at <= now && plan.update.roomCelsius !== undefined ? plan.update.roomCelsius : plan.roomCelsius });
      }
    } finally {
      replayDb.close();
    }
  });

  it('leaves «Адреса на контроле» and the periods on control as the live triggers would have', () => {
    // The same season entered live: each registration and status change in time order, the triggers of migration 002 at work.
    const liveDb = openDatabase({ file: join(dir, 'live.sqlite') });
    try {
      const live = new LocalStore(liveDb);
      live.seed(registerSeed(register));
      type Op = { at: number; closing: boolean; run: () => void };
      const ops: Op[] = [];
      const setStatus = liveDb.prepare('UPDATE appeals SET status = ?, updated_at = ? WHERE id = ?');
      for (const s of stories) {
        ops.push({ at: s.appeal.registeredAt, closing: false, run: () => live.seed({ appeals: [{ ...s.appeal, status: 'registered', executorOrgId: null }] }) });
        for (const step of s.history.slice(1)) {
          if (step.at > now) break;
          ops.push({ at: step.at, closing: FINAL_STATUSES.includes(step.status), run: () => setStatus.run(step.status, step.at, s.appeal.id) });
        }
      }
      ops.sort((a, b) => a.at - b.at || Number(a.closing) - Number(b.closing));
      liveDb.transaction(() => ops.forEach((op) => op.run()))();
      const controlOf = (db: typeof liveDb) => ({
        addresses: db.prepare('SELECT building_id, open_count, oldest_received_at, nearest_deadline_at, on_control_since FROM control_addresses ORDER BY building_id').all(),
        periods: db.prepare('SELECT building_id, started_at, ended_at FROM control_periods ORDER BY building_id, started_at, ended_at').all(),
      });
      const expected = controlOf(liveDb);
      expect(expected.periods.length).toBeGreaterThan(1000);
      expect(expected.addresses.length).toBeGreaterThan(10);
      expect(controlOf(seeded)).toEqual(expected);
    } finally {
      liveDb.close();
    }
  });

  it('lists the incidents, active first, with their appeals; «Сроки» has overdue, within the hour and later today', () => {
    const incidents = store.listIncidents({ activeOnly: false, limit: 100 });
    expect(incidents[0]?.restoredAt).toBeNull();
    expect(incidents.some((i) => i.restoredAt !== null && i.appealCount > 0)).toBe(true);
    for (const district of [undefined, DEMO_USER.district ?? undefined]) {
      const counts = store.dueCounts(district, now);
      expect(counts.overdue, district).toBeGreaterThan(0);
      expect(counts.withinHour, district).toBeGreaterThan(0);
      expect(counts.today, district).toBeGreaterThan(0);
    }
  });
});
