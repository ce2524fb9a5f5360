// Test fixtures: each test gets its own data folder and a browser shell on demo data; `restart`
// brings the shell back on the same folder, as after closing the app or a power cut.
import { rmSync } from 'node:fs';
import { test as base, type Page } from '@playwright/test';
import type { ApiEnvelope } from '../../shared/contract/errors.js';
import { newDataDir, startShell, type RunningShell } from './browser-shell.js';

interface AppFixtures {
  app: AppUnderTest;
}

export class AppUnderTest {
  constructor(
    public shell: RunningShell,
    private readonly page: Page,
  ) {}

  /** Opens the app by its launch URL (the per-launch key becomes the page's session cookie). */
  async open(): Promise<void> {
    await this.page.goto(this.shell.url);
  }

  get origin(): string {
    return new URL(this.shell.url).origin;
  }

  async restart(how: 'stop' | 'kill'): Promise<void> {
    if (how === 'stop') {
      // SIGTERM: the shell closes the host and the database and exits cleanly.
      const code = await this.shell.stop();
      if (code !== 0) throw new Error(`the browser shell exited with ${code} on SIGTERM`);
    } else await this.shell.kill();
    this.shell = await startShell(this.shell.dataDir);
    await this.open();
  }

  /** A raw contract call from inside the page, as any script in it could make. */
  call(method: string, input: unknown): Promise<ApiEnvelope<unknown>> {
    return this.page.evaluate(
      async ([m, i]) => {
        const r = await fetch(`/api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(i) });
        return (await r.json()) as ApiEnvelope<unknown>;
      },
      [method, input] as const,
    );
  }

  async appealCount(): Promise<number> {
    const result = await this.call('listAppeals', { limit: 1 });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { total: number }).total;
  }
}

export const test = base.extend<AppFixtures>({
  // auto: every test starts with its own shell and the app open, whether it names `app` or not.
  app: [
    async ({ page }, use, testInfo) => {
      const dataDir = newDataDir(testInfo.title.replace(/\W+/g, '-').slice(0, 30));
      const shell = await startShell(dataDir, { demo: true });
      const app = new AppUnderTest(shell, page);
      await app.open();
      await use(app);
      await app.shell.stop();
      // Each folder holds a copy of the demo (~200 MB): left behind, a day of runs fills the disk.
      for (const dir of new Set([dataDir, app.shell.dataDir])) rmSync(dir, { recursive: true, force: true });
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
