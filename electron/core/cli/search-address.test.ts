import { describe, expect, it } from 'vitest';
import { createCore } from '../core.js';
import { silentLogger } from '../log.js';
import { tempDir } from '../test/temp-core.js';
import { runCommand } from './commands.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

async function registerIn(dataDir: string): Promise<void> {
  const core = await createCore({ dataDir, shell: 'cli', log: silentLogger() });
  try {
    await core.db.call('seed', {
      organisations: [{ id: 'uk-1', kind: 'uk', name: 'ООО «УК Тест»' }],
      buildings: [
        { id: 'b-106a', district: 'Октябрьский', address: 'ул. Ново-Садовая, д. 106А', managementOrgId: 'uk-1' },
        { id: 'b-106', district: 'Октябрьский', address: 'ул. Ново-Садовая, д. 106' },
        { id: 'b-s106', district: 'Ленинский', address: 'ул. Садовая, д. 106' },
        { id: 'b-k322', district: 'Кировский', address: 'пр-кт Кирова, д. 322' },
      ],
    });
  } finally {
    await core.close();
  }
}

describe('npm run cli -- search-address', () => {
  it('prints the ranked buildings as JSON: id, display address, district, score', async () => {
    const dataDir = tempDir('cli-search');
    await registerIn(dataDir);
    const c = capture();
    expect(await runCommand('search-address', { 'data-dir': dataDir, json: true }, ['ново садовя 106 а кв 5'], c.io)).toBe(0);
    const hits = JSON.parse(c.out.join('\n')) as { id: string; address: string; district: string; score: number }[];
    expect(hits[0]).toEqual({ id: 'b-106a', address: 'ул. Ново-Садовая, д. 106А', district: 'Октябрьский', score: expect.any(Number) });
    expect(hits.map((h) => h.id)).toEqual(['b-106a', 'b-106']);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score as number);

    const limited = capture();
    expect(await runCommand('search-address', { 'data-dir': dataDir, json: true, limit: '1' }, ['садовая 106'], limited.io)).toBe(0);
    expect(JSON.parse(limited.out.join('\n'))).toEqual([expect.objectContaining({ id: 'b-s106' })]);

    const none = capture();
    expect(await runCommand('search-address', { 'data-dir': dataDir, json: true }, ['Ленина 5'], none.io)).toBe(0);
    expect(JSON.parse(none.out.join('\n'))).toEqual([]);
  });

  it('prints a readable table without --json, and takes an unquoted query', async () => {
    const dataDir = tempDir('cli-search');
    await registerIn(dataDir);
    const c = capture();
    expect(await runCommand('search-address', { 'data-dir': dataDir }, ['кирова', '322'], c.io)).toBe(0);
    expect(c.out[0]).toMatch(/^Оценка\s+Адрес\s+Район\s+Код дома$/);
    expect(c.out[1]).toMatch(/^\d+\.\d{3}\s+пр-кт Кирова, д\. 322\s+Кировский\s+b-k322$/);
    const none = capture();
    expect(await runCommand('search-address', { 'data-dir': dataDir }, ['Ленина 5'], none.io)).toBe(0);
    expect(none.out).toEqual(['Ничего не найдено']);
  });

  it('explains bad input in Russian and exits with 2', async () => {
    const dataDir = tempDir('cli-search');
    await registerIn(dataDir);
    const cases: [Record<string, string | boolean>, string[], RegExp][] = [
      [{ 'data-dir': dataDir }, [], /Укажите, что искать/],
      [{ 'data-dir': dataDir }, ['   '], /Укажите, что искать/],
      [{ 'data-dir': dataDir, limit: '0' }, ['садовая'], /--limit должен быть целым числом от 1 до 50, получено: 0/],
      [{ 'data-dir': dataDir, limit: 'много' }, ['садовая'], /--limit должен быть целым числом/],
      [{ 'data-dir': dataDir, limit: '51' }, ['садовая'], /--limit/],
      [{ 'data-dir': dataDir }, ['а'.repeat(201)], /200/],
      [{ 'data-dir': tempDir('cli-empty') }, ['садовая'], /нет базы данных/],
      [{}, ['садовая'], /--data-dir/],
    ];
    for (const [flags, positionals, message] of cases) {
      const c = capture();
      expect(await runCommand('search-address', flags, positionals, c.io), String(positionals[0])).toBe(2);
      expect(c.err.join('\n')).toMatch(message);
      expect(c.out).toEqual([]);
    }
  });
});
