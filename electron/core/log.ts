// Structured logs (pino, JSON lines) to a size-rotated file in the data folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

export type { Logger };

export function createLogger(dataDir: string, name: string): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const stream = createStream(`${name}.log`, { path: dir, size: '5M', maxFiles: 5 });
  return pino({ name, level: process.env['APPEALS_LOG_LEVEL'] ?? 'info' }, stream);
}

/** A logger that writes nowhere: for benchmarks and tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
