// Every server migration, in order. A step's version is its position; never edit a released step,
// add a new one. The sync tables (ops, change log, appeals…) come in the next steps.
import { identity } from './001-identity.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [identity];
