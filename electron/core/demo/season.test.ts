// The season generator: the same appeals for the same seed, data the contract and the database
// accept, and a season that looks like one.
import { describe, expect, it } from 'vitest';
import { registerAppealInput } from '../../../shared/contract/schemas.js';
import { FINAL_STATUSES } from '../../../shared/domain/appeal-vocabulary.js';
import { resolutionDeadline } from '../../../shared/domain/deadlines.js';
import { parseProvisionalNumber } from '../../../shared/domain/registration-number.js';
import { samaraDate, startOfSamaraDay } from '../../../shared/domain/samara-time.js';
import { RESTORE_MOVES_FROM } from '../../../shared/domain/incidents.js';
import { TRANSITIONS } from '../../../shared/domain/workflow.js';
import { Random, WeightedPicker } from './random.js';
import { generateRegister } from './register.js';
import {
  DEMO_WORKSTATIONS,
  HEATING_SEASON_2025_26,
  batches,
  dailyVolume,
  generateSeason,
  registerInputs,
  seasonEndingAt,
  seasonTimeline,
} from './season.js';

const register = generateRegister({ seed: 7, buildings: 600, organisations: 40, heatSources: 20 });

describe('the season generator', () => {
  const options = { seed: 7, appeals: 3_000, avoidWorkstationCodes: ['KRV3'] };
  const appeals = [...generateSeason(register, options)];

  it('is the same for the same seed', () => {
    expect(JSON.stringify([...generateSeason(register, options)])).toBe(JSON.stringify(appeals));
  });

  it('spreads the count over the season, nothing registered after asOf', () => {
    const { from, asOf } = HEATING_SEASON_2025_26;
    // The last day stops at asOf (16:00), so a part of its share never comes.
    expect(appeals.length).toBeGreaterThan(2_980);
    expect(appeals.length).toBeLessThanOrEqual(3_000);
    for (const a of appeals) {
      expect(a.receivedAt).toBeGreaterThanOrEqual(from);
      expect(a.registeredAt).toBeGreaterThanOrEqual(a.receivedAt);
      expect(a.registeredAt).toBeLessThanOrEqual(asOf);
    }
    const days = dailyVolume(from, asOf, 3_000);
    expect(days.reduce((n, d) => n + d.count, 0)).toBe(3_000);
    expect(days.length).toBe(212);
  });

  it('gives unique ids and provisional numbers from the fixed demo workstations, never an avoided code', () => {
    expect(new Set(appeals.map((a) => a.id)).size).toBe(appeals.length);
    expect(new Set(appeals.map((a) => a.number)).size).toBe(appeals.length);
    const fixed = new Set([...Object.values(DEMO_WORKSTATIONS.district), ...DEMO_WORKSTATIONS.department]);
    const codes = new Set(appeals.map((a) => parseProvisionalNumber(a.number)?.code));
    expect(codes.has('KRV3')).toBe(false);
    expect(codes.has(undefined)).toBe(false);
    expect([...codes].filter((c) => !fixed.has(c as string))).toHaveLength(1); // the spare in place of KRV3
  });

  it('keeps each appeal in its building’s district and computes deadlines with the domain rules', () => {
    const buildings = new Map(register.buildings.map((b) => [b.id, b]));
    for (const a of appeals) {
      expect(a.district).toBe(buildings.get(a.buildingId)?.district);
      expect(a.deadlineAt).toBe(resolutionDeadline(a.receivedAt, a.category));
    }
  });

  it('names an executor once transferred: the management organisation or the heat supplier', () => {
    const buildings = new Map(register.buildings.map((b) => [b.id, b]));
    const { asOf } = HEATING_SEASON_2025_26;
    for (const { appeal: a, history } of seasonTimeline(register, options)) {
      const b = buildings.get(a.buildingId);
      // A mass outage's restore may move an appeal never transferred to «Выполнено исполнителем».
      if (!history.some((h) => h.action === 'transfer' && h.at <= asOf)) expect(a.executorOrgId).toBeNull();
      else expect([b?.managementOrgId, b?.heatSupplierOrgId]).toContain(a.executorOrgId);
    }
    expect(appeals.some((a) => a.executorOrgId !== null && a.executorOrgId === buildings.get(a.buildingId)?.heatSupplierOrgId)).toBe(true);
  });

  it('makes register inputs the contract accepts', () => {
    for (const input of registerInputs(register, 200, 7)) expect(registerAppealInput.safeParse(input).success).toBe(true);
  });

  it('writes applicants with a gender-consistent full name and a mobile number', () => {
    for (const a of appeals) {
      const [surname, , patronymic] = a.applicantName.split(' ');
      if (patronymic?.endsWith('вна') || patronymic?.endsWith('чна')) expect(surname).toMatch(/(а|ая|ко|ак|ин)$/);
      if (patronymic?.endsWith('ич')) expect(surname).not.toMatch(/(ова|ева|ёва|ина|ская)$/);
      expect(a.applicantPhone).toMatch(/^(8 9\d\d \d{3}-\d\d-\d\d)?$/);
    }
  });
});

describe('a season that ends now', () => {
  // A Wednesday afternoon in winter.
  const now = Date.UTC(2026, 0, 14, 11, 30);
  const period = seasonEndingAt(now, 150);
  const timeline = [...seasonTimeline(register, { seed: 3, appeals: 20_000, ...period })];
  const appeals = timeline.map((t) => t.appeal);

  it('starts at a Samara midnight and ends at now', () => {
    expect(period.from).toBe(startOfSamaraDay(now) - 149 * 86_400_000);
    expect(Math.max(...appeals.map((a) => a.registeredAt))).toBeLessThanOrEqual(now);
    expect(appeals.filter((a) => samaraDate(a.receivedAt) === samaraDate(now)).length).toBeGreaterThan(20);
  });

  it('closes most appeals, most of them the day they arrive', () => {
    const closed = timeline.filter((t) => t.appeal.status === 'closed');
    expect(closed.length / appeals.length).toBeGreaterThan(0.9);
    const sameDay = closed.filter((t) => samaraDate(t.history.find((h) => h.status === 'closed')?.at ?? 0) === samaraDate(t.appeal.receivedAt));
    expect(sameDay.length / closed.length).toBeGreaterThan(0.5);
  });

  it('keeps a realistic share open in every working status, many of them overdue', () => {
    const open = appeals.filter((a) => !FINAL_STATUSES.includes(a.status));
    expect(open.length / appeals.length).toBeGreaterThan(0.002);
    expect(open.length / appeals.length).toBeLessThan(0.03);
    const statuses = new Set(open.map((a) => a.status));
    for (const s of ['transferred', 'in_progress', 'done_by_executor', 'verified'] as const) expect(statuses).toContain(s);
    expect(open.filter((a) => a.deadlineAt < now).length).toBeGreaterThan(open.length / 4);
    expect(appeals.some((a) => a.status === 'rejected')).toBe(true);
    expect(appeals.some((a) => a.status === 'duplicate')).toBe(true);
  });

  it('walks every appeal through the workflow’s own transitions, in time order', () => {
    // story.test.ts replays every event through decide(); here the statuses and their acts.
    for (const { appeal, history, incidentIds } of timeline) {
      expect(history[0]).toEqual({ status: 'registered', at: appeal.registeredAt });
      for (let i = 1; i < history.length; i++) {
        const step = history[i]!;
        const from = history[i - 1]!.status;
        expect(step.at).toBeGreaterThanOrEqual(history[i - 1]!.at);
        if (step.action === 'verify_failed') expect([from, step.status]).toEqual(['done_by_executor', 'in_progress']);
        else if (step.action === 'incident_restored') expect(RESTORE_MOVES_FROM).toContain(from);
        else {
          const t = TRANSITIONS[step.action!];
          expect(t.from).toContain(from);
          expect(t.to).toBe(step.status);
        }
      }
      // Only appeals linked to a mass outage still active stay open for good.
      if (incidentIds.length === 0) expect(['closed', 'rejected', 'duplicate']).toContain(history.at(-1)?.status);
    }
  });

  it('calls more in the evening than at night', () => {
    const hour = (t: number) => new Date(t + 4 * 3_600_000).getUTCHours();
    const evening = appeals.filter((a) => hour(a.receivedAt) >= 18 && hour(a.receivedAt) < 21).length;
    const night = appeals.filter((a) => hour(a.receivedAt) >= 1 && hour(a.receivedAt) < 4).length;
    expect(evening).toBeGreaterThan(8 * night);
  });

  it('does not change earlier appeals when now moves on the same day', () => {
    const later = [...generateSeason(register, { seed: 3, appeals: 20_000, ...seasonEndingAt(now + 3 * 3_600_000, 150) })];
    const key = (a: (typeof appeals)[number]) => [a.id, a.number, a.buildingId, a.category, a.channel, a.receivedAt].join(' ');
    // Except the few fresh calls of the last hour before each "now".
    const earlier = (a: (typeof appeals)[number]) => a.receivedAt < now - 3_600_000;
    const before = appeals.filter(earlier).map(key);
    expect(later.filter((a) => a.registeredAt <= now && earlier(a)).map(key)).toEqual(before);
    expect(later.length).toBeGreaterThan(appeals.length);
  });
});

describe('helpers', () => {
  it('batches a stream', () => {
    expect([...batches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('picks by weight', () => {
    const random = new Random(1);
    const picker = new WeightedPicker(['a', 'b'], [1, 3]);
    const picks = Array.from({ length: 4_000 }, () => picker.pick(random));
    const share = picks.filter((p) => p === 'b').length / picks.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });

  it('formats UUIDs of the right versions', () => {
    const random = new Random(2);
    expect(random.uuidV4()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const v7 = random.uuidV7(Date.UTC(2026, 0, 1));
    expect(v7).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(v7.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 0, 1));
  });
});
