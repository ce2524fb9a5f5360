// A movable clock for the end-to-end tests, and for them only. With APPEALS_TEST_CLOCK_FILE set,
// the browser shell's core reads the time as the real time plus the offset in milliseconds written
// in that file (a bare integer; a missing or empty file is 0), re-read whenever the file changes.
// Normal runs never set the variable: the Electron shell does not read it at all, and the browser
// shell says on start that its clock is moved.
import { readFileSync, statSync } from 'node:fs';

export const TEST_CLOCK_ENV = 'APPEALS_TEST_CLOCK_FILE';

export function testClock(file: string | undefined): (() => number) | undefined {
  if (!file) return undefined;
  let seen = '';
  let offset = 0;
  return () => {
    // Modification time and size: a rewrite within the same millisecond still changes the size.
    let version = 'missing';
    try {
      const st = statSync(file);
      version = `${st.mtimeMs}:${st.size}`;
    } catch {
      version = 'missing';
    }
    if (version !== seen) {
      seen = version;
      const text = version === 'missing' ? '' : readFileSync(file, 'utf8').trim();
      const parsed = text === '' ? 0 : Number(text);
      offset = Number.isSafeInteger(parsed) ? parsed : 0;
    }
    return Date.now() + offset;
  };
}
