// Every server migration, in order. A step's version is its position; never edit a released step,
// add a new one.
import { identity } from './001-identity.js';
import { sync } from './002-sync.js';
import { dayClosures } from './003-day-closures.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [identity, sync, dayClosures];
