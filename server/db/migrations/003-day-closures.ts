// «Закрыть день» (docs/day-closure.md, shared/sync/apply-day-closure.ts): one row per district and
// day signed — the record as the reducer tracks it (fields with their stamps, the applied device
// sequences, the history of signatures and returns). «Отопительный сезон» (apply-heating.ts): one
// row per building with a status. One district's data: district first in the key.
import type { Migration } from './migration.js';

export const dayClosures: Migration = {
  version: 3,
  name: 'day-closures',
  statements: [
    `CREATE TABLE day_closures (
      district text NOT NULL REFERENCES districts (name),
      id text NOT NULL,
      day text NOT NULL,
      version integer NOT NULL,
      record jsonb NOT NULL,
      updated_seq bigint NOT NULL,
      PRIMARY KEY (district, id)
    )`,
    'CREATE UNIQUE INDEX day_closures_id ON day_closures (id)',
    'CREATE INDEX day_closures_day ON day_closures (day, district)',
    // «Отопительный сезон»: a building's heating status as the reducer tracks it (apply-heating.ts).
    `CREATE TABLE building_heating (
      district text NOT NULL REFERENCES districts (name),
      building_id text NOT NULL,
      version integer NOT NULL,
      record jsonb NOT NULL,
      updated_seq bigint NOT NULL,
      PRIMARY KEY (district, building_id)
    )`,
    'CREATE UNIQUE INDEX building_heating_building ON building_heating (building_id)',
  ],
};
