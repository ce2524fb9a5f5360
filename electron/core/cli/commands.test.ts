import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Appeal } from '../../../shared/contract/schemas.js';
import { samaraDate } from '../../../shared/domain/samara-time.js';
import { DATABASE_FILE } from '../core.js';
import { tempDir } from '../test/temp-core.js';
import { runCommand } from './commands.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('the CLI', () => {
  it('loads demo data once and lists appeals as JSON', async () => {
    const dataDir = tempDir('cli');
    const first = capture();
    expect(await runCommand('demo-data', { 'data-dir': dataDir, seed: '7' }, [], first.io)).toBe(0);
    expect(first.out.join('\n')).toMatch(/Загружено: 10500 домов, \d+ организац\S+, \d+ источник\S* тепла, \d+ обращени/);

    const again = capture();
    expect(await runCommand('demo-data', { 'data-dir': dataDir }, [], again.io)).toBe(1);
    expect(again.err.join('\n')).toMatch(/уже есть данные/);

    const list = capture();
    expect(await runCommand('appeals', { 'data-dir': dataDir, json: true }, [], list.io)).toBe(0);
    const appeals = JSON.parse(list.out.join('\n')) as Appeal[];
    expect(appeals.length).toBeGreaterThan(50_000);
    expect(new Set(appeals.map((a) => a.number)).size).toBe(appeals.length);
    expect(appeals[0]).toHaveProperty('address');
  }, 120_000);

  it('demo data is the same for the same seed', async () => {
    // The season ends "now", so the second run may hold a few more appeals and statuses that moved
    // on, and the last hour's fresh calls are drawn anew for each "now" (docs/demo-data.md);
    // everything received before the hour before the first run is the same (unless a Samara
    // midnight passed).
    const started = Date.now();
    const sameBefore = started - 2 * 3_600_000;
    const lists = [];
    for (const dir of [tempDir('cli'), tempDir('cli')]) {
      expect(await runCommand('demo-data', { 'data-dir': dir, seed: '3' }, [], capture().io)).toBe(0);
      const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
      try {
        lists.push(
          db
            .prepare(
              `SELECT a.number, b.address, a.district, a.category, a.channel, a.applicant_name, a.received_at
               FROM appeals a JOIN buildings b ON b.id = a.building_id WHERE a.received_at < ? ORDER BY a.number`,
            )
            .raw()
            .all(sameBefore),
        );
      } finally {
        db.close();
      }
    }
    if (samaraDate(Date.now()) !== samaraDate(started)) return;
    expect(lists[0]?.length).toBeGreaterThan(50_000);
    expect(lists[0]).toEqual(lists[1]);
  }, 120_000);

  it('explains bad usage and exits with 2', async () => {
    const noDir = capture();
    expect(await runCommand('appeals', {}, [], noDir.io)).toBe(2);
    expect(noDir.err[0]).toMatch(/--data-dir/);
    const unknown = capture();
    expect(await runCommand('launch-rockets', { 'data-dir': tempDir('cli') }, [], unknown.io)).toBe(2);
    expect(unknown.err[0]).toMatch(/Неизвестная команда/);
    const badSeed = capture();
    expect(await runCommand('demo-data', { 'data-dir': tempDir('cli'), seed: 'abc' }, [], badSeed.io)).toBe(2);
  });

  it('restores the latest backup, and says so when there is none', async () => {
    const dataDir = tempDir('cli');
    const none = capture();
    expect(await runCommand('restore-backup', { 'data-dir': dataDir }, [], none.io)).toBe(1);
    expect(none.err[0]).toMatch(/Резервных копий нет/);

    await runCommand('demo-data', { 'data-dir': dataDir }, [], capture().io); // the core writes the day's backup at start
    const restored = capture();
    expect(await runCommand('restore-backup', { 'data-dir': dataDir }, [], restored.io)).toBe(0);
    expect(restored.out[0]).toMatch(/База восстановлена/);
    const list = capture();
    expect(await runCommand('appeals', { 'data-dir': dataDir, json: true }, [], list.io)).toBe(0);
  }, 120_000);
});
