// Builds the renderer once before the shells start, so parallel tests do not build it each, and
// loads the demo once into a template data folder that each test's `--demo` shell starts from a copy
// of (browser-shell.ts): the demo season with every appeal's history takes several seconds to make.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { DEMO_TEMPLATE_ENV, newDataDir, ROOT, startShell } from './browser-shell.js';

export default async function globalSetup(): Promise<() => void> {
  execFileSync('npm', ['run', '-s', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
  const template = newDataDir('demo-template');
  const shell = await startShell(template, { demo: true, startTimeoutMs: 300_000 });
  // The shell installs its SIGTERM handler just after printing its URL: give it that moment.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const code = await shell.stop();
  if (code !== 0) throw new Error(`the demo template's shell exited with ${code}`);
  process.env[DEMO_TEMPLATE_ENV] = template;
  // The teardown: the template goes when the run ends.
  return () => rmSync(template, { recursive: true, force: true });
}
