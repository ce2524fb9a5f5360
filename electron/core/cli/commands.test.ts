import { describe, expect, it } from 'vitest';
import type { Appeal } from '../../../shared/contract/schemas.js';
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
    expect(first.out.join('\n')).toMatch(/Загружено: \d+ домов, \d+ обращений/);

    const again = capture();
    expect(await runCommand('demo-data', { 'data-dir': dataDir }, [], again.io)).toBe(1);
    expect(again.err.join('\n')).toMatch(/уже есть данные/);

    const list = capture();
    expect(await runCommand('appeals', { 'data-dir': dataDir, json: true }, [], list.io)).toBe(0);
    const appeals = JSON.parse(list.out.join('\n')) as Appeal[];
    expect(appeals.length).toBeGreaterThan(100);
    expect(new Set(appeals.map((a) => a.number)).size).toBe(appeals.length);
    expect(appeals[0]).toHaveProperty('address');
  });

  it('demo data is the same for the same seed', async () => {
    const lists = [];
    for (const dir of [tempDir('cli'), tempDir('cli')]) {
      await runCommand('demo-data', { 'data-dir': dir, seed: '3' }, [], capture().io);
      const c = capture();
      await runCommand('appeals', { 'data-dir': dir, json: true }, [], c.io);
      lists.push((JSON.parse(c.out.join('\n')) as Appeal[]).map((a) => [a.number, a.address, a.category, a.status]));
    }
    expect(lists[0]).toEqual(lists[1]);
  });

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
  });
});
