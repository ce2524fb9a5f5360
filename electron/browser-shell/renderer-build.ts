// Builds the renderer for the browser shell when its sources are newer than the last build. The
// build goes to a fresh folder that then replaces the served one, so a shell already serving the
// old build (or a second shell building at the same time) never sees a half-written folder.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const RENDERER_SOURCES = ['renderer', 'shared'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function rendererBuildIsCurrent(root: string, outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return RENDERER_SOURCES.every((dir) => newestMtime(join(root, dir)) <= built);
}

export async function buildRenderer(root: string, outDir: string): Promise<void> {
  const { build } = await import('vite');
  const fresh = `${outDir}.building-${process.pid}`;
  await build({ configFile: join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(fresh, outDir);
  rmSync(old, { recursive: true, force: true });
}
