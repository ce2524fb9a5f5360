// The generators give the same data for the same seed, and data the database will take.
import { describe, expect, it } from 'vitest';
import { registerAppealInput } from '../../shared/contract/schemas.js';
import { FINAL_STATUSES } from '../../shared/domain/appeal-vocabulary.js';
import { resolutionDeadline } from '../../shared/domain/deadlines.js';
import { DISTRICTS } from '../../shared/domain/districts.js';
import { parseProvisionalNumber } from '../../shared/domain/registration-number.js';
import { batches, dailyVolume, generateSeason, HEATING_SEASON_2025_26, registerInputs } from './generate-appeals.js';
import { generateRegister, registerSeed } from './generate-register.js';
import { Random, WeightedPicker } from '../../electron/core/demo/random.js';

const small = { seed: 7, buildings: 600, organisations: 40 };

describe('the register generator', () => {
  const register = generateRegister(small);

  it('is the same for the same seed and differs for another', () => {
    expect(JSON.stringify(generateRegister(small))).toBe(JSON.stringify(register));
    expect(generateRegister({ ...small, seed: 8 }).buildings[0]?.address).not.toBe(register.buildings[0]?.address);
  });

  it('makes unique buildings with Samara-style addresses in all nine districts', () => {
    expect(register.buildings).toHaveLength(600);
    expect(new Set(register.buildings.map((b) => b.address)).size).toBe(600);
    expect(new Set(register.buildings.map((b) => b.id)).size).toBe(600);
    expect(new Set(register.buildings.map((b) => b.district))).toEqual(new Set(DISTRICTS));
    for (const b of register.buildings) expect(b.address).toMatch(/, д\. \d+[АБВ]?(, (к|стр)\. \d)?$/);
  });

  it('makes organisations of every kind, each building managed by one that exists or by none', () => {
    expect(register.organisations).toHaveLength(40);
    expect(new Set(register.organisations.map((o) => o.name)).size).toBe(40);
    const city = generateRegister({ seed: 7, buildings: 100, organisations: 150 });
    expect(new Set(city.organisations.map((o) => o.kind))).toEqual(new Set(['tso', 'uk', 'tszh', 'zhsk', 'tsn']));
    const ids = new Set(register.organisations.map((o) => o.id));
    for (const b of register.buildings) if (b.managementOrgId) expect(ids.has(b.managementOrgId)).toBe(true);
    for (const d of DISTRICTS) expect(register.heatSuppliers[d].length).toBeGreaterThan(0);
  });

  it('hands the seed request only the columns it knows', () => {
    const seed = registerSeed(register);
    expect(Object.keys(seed.buildings[0] ?? {}).sort()).toEqual(['address', 'district', 'id', 'managementOrgId']);
  });
});

describe('the season generator', () => {
  const register = generateRegister(small);
  const options = { seed: 7, appeals: 3_000, avoidWorkstationCodes: ['AAAA'] };
  const appeals = [...generateSeason(register, options)];

  it('is the same for the same seed', () => {
    expect(JSON.stringify([...generateSeason(register, options)])).toBe(JSON.stringify(appeals));
  });

  it('spreads the count over the season and keeps arrival order', () => {
    expect(appeals).toHaveLength(3_000);
    const { from, asOf } = HEATING_SEASON_2025_26;
    for (let i = 0; i < appeals.length; i++) {
      const a = appeals[i]!;
      expect(a.receivedAt).toBeGreaterThanOrEqual(from);
      expect(a.receivedAt).toBeLessThan(asOf);
      expect(a.registeredAt).toBeGreaterThanOrEqual(a.receivedAt);
      expect(a.registeredAt).toBeLessThanOrEqual(asOf);
      if (i > 0) expect(a.receivedAt).toBeGreaterThanOrEqual(appeals[i - 1]!.receivedAt);
    }
    const days = dailyVolume(from, asOf, 3_000);
    expect(days.reduce((n, d) => n + d.count, 0)).toBe(3_000);
    expect(days.length).toBe(212);
  });

  it('gives unique ids and provisional numbers, never with an avoided workstation code', () => {
    expect(new Set(appeals.map((a) => a.id)).size).toBe(3_000);
    expect(new Set(appeals.map((a) => a.number)).size).toBe(3_000);
    for (const a of appeals) expect(parseProvisionalNumber(a.number)?.code).not.toBe('AAAA');
  });

  it('computes deadlines with the domain rules and keeps most of the season closed', () => {
    for (const a of appeals) expect(a.deadlineAt).toBe(resolutionDeadline(a.receivedAt, a.category));
    const open = appeals.filter((a) => !FINAL_STATUSES.includes(a.status)).length;
    expect(open / appeals.length).toBeGreaterThan(0.005);
    expect(open / appeals.length).toBeLessThan(0.1);
    for (const a of appeals) if (a.status === 'registered') expect(a.executorOrgId).toBeNull();
  });

  it('makes register inputs the contract accepts', () => {
    for (const input of registerInputs(register, 200, 7)) expect(registerAppealInput.safeParse(input).success).toBe(true);
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
