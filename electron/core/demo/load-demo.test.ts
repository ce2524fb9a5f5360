// The demo set loads into an empty database through the core, once, in a few seconds, and the
// database agrees with itself afterwards.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../core.js';
import { openTestCore } from '../test/temp-core.js';
import { describeDemoLoad, loadDemoData } from './load-demo.js';

describe('loading the demo set', () => {
  it('fills an empty database with the city and a season, and refuses a second time', async () => {
    const { core, dataDir, clock } = await openTestCore();
    let workstationCode: string;
    try {
      workstationCode = (await core.handlers.appInfo({})).workstationCode;
      const result = await loadDemoData(core, 1, clock.now);
      expect(result.loaded).toBe(true);
      expect(result.buildings).toBe(10_500);
      expect(result.organisations).toBe(154);
      expect(result.heatSources).toBe(80);
      expect(result.appeals).toBeGreaterThan(59_000);
      expect(result.appeals).toBeLessThanOrEqual(60_000);
      expect(result.incidents).toBeGreaterThan(5);
      expect(describeDemoLoad(result)).toMatch(/^Загружено: 10500 домов, 154 организации, 80 источников тепла, \d+ обращени(е|я|й) за \d+,\d с$/);

      const again = await loadDemoData(core, 1, clock.now);
      expect(again.loaded).toBe(false);

      const found = await core.call('searchBuildings', { query: 'Ново-Садовая 1' });
      expect(found.ok && (found.value as unknown[]).length).toBeGreaterThan(0);
      const onControl = await core.call('listControlAddresses', {});
      expect(onControl.ok && (onControl.value as { total: number }).total).toBeGreaterThan(0);
    } finally {
      await core.close();
    }

    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const one = <T>(sql: string) => db.prepare(sql).get() as T;
      expect(one<{ n: number }>('SELECT count(*) AS n FROM appeals a JOIN buildings b ON b.id = a.building_id WHERE a.district <> b.district').n).toBe(0);
      expect(one<{ n: number }>('SELECT count(*) AS n FROM buildings WHERE heat_source_id IS NULL OR address_key IS NULL OR fias_guid IS NULL').n).toBe(0);
      expect(one<{ n: number }>("SELECT count(*) AS n FROM appeals WHERE number LIKE '%-' || ? || '-%'".replace('?', `'${workstationCode}'`)).n).toBe(0);
      expect(one<{ n: number }>('SELECT count(*) AS n FROM outbox').n).toBe(0);
      // Each appeal with its history (story.test.ts checks it event by event), mass outages active and restored.
      const events = one<{ n: number }>('SELECT count(*) AS n FROM appeal_events').n;
      expect(events).toBeGreaterThan(5 * one<{ n: number }>('SELECT count(*) AS n FROM appeals').n);
      expect(one<{ n: number }>('SELECT count(*) AS n FROM incidents WHERE restored_at IS NULL').n).toBeGreaterThanOrEqual(1);
      expect(one<{ n: number }>('SELECT count(*) AS n FROM incidents WHERE restored_at IS NOT NULL').n).toBeGreaterThan(5);
      expect(one<{ n: number }>('SELECT count(*) AS n FROM appeal_incidents').n).toBeGreaterThan(50);
      expect(one<{ n: number }>('SELECT count(*) AS n FROM control_periods').n).toBeGreaterThan(10_000);
      // The heating season (demo/heating-season.ts): every building has a status.
      expect(one<{ n: number }>('SELECT count(*) AS n FROM heating_statuses').n).toBe(10_500);
    } finally {
      db.close();
    }
  }, 180_000); // a whole city and season: ~10 s on a quiet machine, up to a minute or more with the rest of the suite beside it
});
