// Opens the app in Chromium's app mode (a window without browser chrome), with its own profile in
// the data folder so it never touches the user's browsing profile.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(): string | null {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  for (const name of CANDIDATES) {
    const found = spawnSync('which', [name], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

export function openInChromium(url: string, dataDir: string): boolean {
  const binary = findChromium();
  if (!binary) return false;
  const child = spawn(
    binary,
    [
      `--app=${url}`,
      `--user-data-dir=${join(dataDir, 'chromium-profile')}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    { stdio: 'ignore', detached: true },
  );
  child.unref();
  return true;
}
