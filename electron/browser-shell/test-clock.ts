// A movable clock for the end-to-end tests, and for them only. With APPEALS_TEST_CLOCK_FILE set,
// the browser shell's core reads the time as the real time plus the offset in milliseconds written
// in that file (a bare integer; a missing or empty file is 0), re-read whenever the file changes.
// Normal runs never set the variable: the Electron shell does not read it at all, and the browser
// shell says on start that its clock is moved.
import { readFileSync, statSync } from 'node:fs';

export const TEST_CLOCK_ENV = 'APPEALS_TEST_CLOCK_FILE';

export function testClock(file: string | undefined): (() => number) | undefined {
  if (!file) return undefined;
  let seenMtime = -1;
  let offset = 0;
  return () => {
    let mtime = 0;
    try {
      mtime = statSync(file).mtimeMs;
    } catch {
      mtime = 0;
    }
    if (mtime !== seenMtime) {
      seenMtime = mtime;
      const text = mtime === 0 ? '' : readFileSync(file, 'utf8').trim();
      const parsed = text === '' ? 0 : Number(text);
      offset = Number.isSafeInteger(parsed) ? parsed : 0;
    }
    return Date.now() + offset;
  };
}
