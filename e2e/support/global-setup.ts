// Builds the renderer once before the shells start, so parallel tests do not build it each.
import { execFileSync } from 'node:child_process';
import { ROOT } from './browser-shell.js';

export default function globalSetup(): void {
  execFileSync('npm', ['run', '-s', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
}
