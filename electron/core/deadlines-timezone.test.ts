// The deadline rules and the production calendar give the same answers whatever the PC's time zone
// (shared/ may not touch node: modules, so this test lives beside the core).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('whatever the PC time zone', () => {
  it('no calendar or rule code reads local time', () => {
    for (const file of ['production-calendar.ts', 'calendar-file-formats.ts', 'deadline-rules.ts', 'samara-time.ts']) {
      const src = readFileSync(fileURLToPath(new URL(`../../shared/domain/${file}`, import.meta.url)), 'utf8');
      expect(src).not.toMatch(/\.(getHours|getDate|getDay|getMonth|getFullYear|getTimezoneOffset|setHours|setDate|toLocale\w*)\(/);
    }
  });

  it('gives the same deadlines in Los Angeles and in Samara (a child process with TZ set)', () => {
    const script = `
      import { computeDeadlines, DEFAULT_DEADLINE_RULES } from './shared/domain/deadline-rules.js';
      import { ProductionCalendar } from './shared/domain/production-calendar.js';
      const cal = ProductionCalendar.builtIn();
      const out = [];
      for (let t = Date.UTC(2025, 11, 25, 19, 59); t < Date.UTC(2026, 0, 20); t += 7_777_777)
        for (const [category, priority] of [['no_heating', 'emergency'], ['low_temperature', 'normal'], ['other', 'normal']])
          out.push(computeDeadlines({ receivedAt: t, category, priority, channel: 'email' }, DEFAULT_DEADLINE_RULES, cal).map((d) => d.at));
      console.log(JSON.stringify(out));`;
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const run = (tz: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
    const la = run('America/Los_Angeles');
    expect(la).toBe(run('Europe/Samara'));
    expect(la).toBe(run('Asia/Kamchatka'));
  }, 30_000);
});
