// The ordered list of schema migrations. Add a numbered file and list it here; versions only go up.
import * as m001 from './001-initial.js';
import * as m002 from './002-address-register.js';
import * as m003 from './003-address-search.js';
import * as m004 from './004-deadlines.js';
import * as m006 from './006-incidents.js';
import * as m007 from './007-deadline-alerts.js';
import * as m008 from './008-priority-and-pending-deadline.js';
import * as m009 from './009-incident-room-temperature.js';
import * as m010 from './010-sync-state.js';
import * as m011 from './011-conflict-review-sent.js';
import * as m012 from './012-appeal-events-by-type.js';
import * as m013 from './013-heating-season.js';
import * as m014 from './014-day-closures.js';
import * as m015 from './015-duplicates-by-original.js';

export interface Migration {
  readonly version: number;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
