// Sync (docs/sync-protocol.md): the reference data every workstation receives (organisations, heat
// sources, buildings with their district: the same fields as the workstation's register), appeals
// and incidents as the reducer tracks them (current values + each field's stamp, the applied device
// sequences and the lost writes), their append-only events, conflicts, rejected ops, the answers
// given to every op (deduplication), the change log with its global position, and the per-year
// counter of official numbers. Tables of one district's data carry `district` and have it first in
// their keys, so they can be distributed by district later (docs/scaling.md).
import type { Migration } from './migration.js';

const appendOnly = (table: string) => [
  `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
];

export const sync: Migration = {
  version: 2,
  name: 'sync',
  statements: [
    `CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END $$`,
    // ——— reference data (the same on every workstation; Citus: reference tables) ———
    `CREATE TABLE organisations (
      id text PRIMARY KEY,
      kind text NOT NULL,
      name text NOT NULL,
      inn text,
      phone text,
      dispatcher_phone text,
      email text,
      version integer NOT NULL DEFAULT 1,
      updated_seq bigint NOT NULL
    )`,
    `CREATE TABLE heat_sources (
      id text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('boiler_house', 'substation', 'chp', 'other')),
      name text NOT NULL,
      supplier_org_id text REFERENCES organisations (id),
      district text REFERENCES districts (name),
      version integer NOT NULL DEFAULT 1,
      updated_seq bigint NOT NULL
    )`,
    `CREATE TABLE buildings (
      id text PRIMARY KEY,
      district text NOT NULL REFERENCES districts (name),
      address text NOT NULL,
      street_type text NOT NULL DEFAULT '',
      street_name text NOT NULL DEFAULT '',
      house text NOT NULL DEFAULT '',
      korpus text NOT NULL DEFAULT '',
      stroenie text NOT NULL DEFAULT '',
      address_key text UNIQUE,
      fias_guid text UNIQUE,
      management_org_id text REFERENCES organisations (id),
      heat_supplier_org_id text REFERENCES organisations (id),
      heat_source_id text REFERENCES heat_sources (id),
      year_built integer,
      floors integer,
      flats integer,
      latitude double precision,
      longitude double precision,
      version integer NOT NULL DEFAULT 1,
      updated_seq bigint NOT NULL
    )`,
    'CREATE INDEX buildings_district ON buildings (district)',
    // ——— appeals: one district's data ———
    `CREATE TABLE appeals (
      district text NOT NULL REFERENCES districts (name),
      id text NOT NULL,
      version integer NOT NULL,
      -- «2026-ОКТ-000123», given on the first push of the registration; the city-wide counter keeps it unique.
      official_number text,
      -- The workstation's provisional number («26-7KQ2-00042»): a resident may have been told either.
      number text NOT NULL,
      building_id text NOT NULL,
      status text NOT NULL,
      executor_org_id text,
      received_at bigint NOT NULL,
      registration jsonb NOT NULL,
      stamps jsonb NOT NULL,
      applied jsonb NOT NULL,
      lost jsonb NOT NULL,
      updated_seq bigint NOT NULL,
      PRIMARY KEY (district, id)
    )`,
    'CREATE INDEX appeals_id ON appeals (id)',
    'CREATE UNIQUE INDEX appeals_official_number ON appeals (district, official_number) WHERE official_number IS NOT NULL',
    'CREATE INDEX appeals_official_number_search ON appeals (official_number)',
    'CREATE INDEX appeals_number ON appeals (number)',
    'CREATE INDEX appeals_open ON appeals (district, received_at)',
    `CREATE TABLE appeal_events (
      district text NOT NULL,
      -- The op's id: one event per accepted op.
      id text NOT NULL,
      appeal_id text NOT NULL,
      type text NOT NULL,
      at bigint NOT NULL,
      by_user text NOT NULL,
      hlc text NOT NULL,
      device_id text NOT NULL,
      data jsonb NOT NULL,
      server_seq bigint NOT NULL,
      PRIMARY KEY (district, id)
    )`,
    'CREATE INDEX appeal_events_appeal ON appeal_events (district, appeal_id, hlc)',
    ...appendOnly('appeal_events'),
    // ——— incidents: an outage may cross district lines, so they carry every district they touch ———
    `CREATE TABLE incidents (
      id text PRIMARY KEY,
      -- The first of its districts (where it is distributed); districts: all it touches (scope).
      district text NOT NULL,
      districts text[] NOT NULL,
      version integer NOT NULL,
      cause text NOT NULL,
      planned_restore_at bigint,
      restored_at bigint,
      creation jsonb NOT NULL,
      stamps jsonb NOT NULL,
      applied jsonb NOT NULL,
      lost jsonb NOT NULL,
      updated_seq bigint NOT NULL
    )`,
    `CREATE TABLE incident_events (
      id text PRIMARY KEY,
      incident_id text NOT NULL REFERENCES incidents (id),
      districts text[] NOT NULL,
      type text NOT NULL,
      at bigint NOT NULL,
      by_user text NOT NULL,
      hlc text NOT NULL,
      device_id text NOT NULL,
      data jsonb NOT NULL,
      server_seq bigint NOT NULL
    )`,
    'CREATE INDEX incident_events_incident ON incident_events (incident_id, hlc)',
    ...appendOnly('incident_events'),
    // ——— conflicts: one row per (entity, field, losing device), upserted (shared/sync/answers.ts conflictId) ———
    `CREATE TABLE conflicts (
      id text PRIMARY KEY,
      district text,
      districts text[] NOT NULL,
      entity_type text NOT NULL CHECK (entity_type IN ('appeal', 'incident')),
      entity_id text NOT NULL,
      field text NOT NULL,
      winner jsonb NOT NULL,
      loser jsonb NOT NULL,
      detected_at bigint NOT NULL,
      reviewed_by text,
      reviewed_at bigint,
      server_seq bigint NOT NULL
    )`,
    'CREATE INDEX conflicts_open ON conflicts (district, detected_at) WHERE reviewed_at IS NULL',
    // ——— what every op got: deduplication by (device, sequence) and by op id ———
    `CREATE TABLE processed_ops (
      device_id uuid NOT NULL,
      device_seq bigint NOT NULL,
      op_id text NOT NULL,
      user_id text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      -- The first answer (applied, merged or rejected), given again to every retry.
      answer jsonb NOT NULL,
      answered_at timestamptz NOT NULL,
      PRIMARY KEY (device_id, device_seq)
    )`,
    'CREATE INDEX processed_ops_op ON processed_ops (op_id)',
    `CREATE TABLE rejected_ops (
      op_id text PRIMARY KEY,
      device_id uuid NOT NULL,
      device_seq bigint NOT NULL,
      user_id text NOT NULL,
      -- The entity's district when the server knows it (for the district's own review).
      district text,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      command text NOT NULL,
      op jsonb NOT NULL,
      code text NOT NULL,
      message text NOT NULL,
      rejected_at timestamptz NOT NULL
    )`,
    'CREATE INDEX rejected_ops_device ON rejected_ops (device_id, device_seq)',
    // ——— the change log: what pull serves, in one global order ———
    'CREATE SEQUENCE change_log_seq AS bigint',
    `CREATE TABLE change_log (
      server_seq bigint PRIMARY KEY,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      version integer NOT NULL,
      -- The district whose data this is (null: reference data, or an incident, see districts).
      district text,
      -- Who may receive it: null for reference data (everybody), else the districts (scope.ts).
      districts text[],
      -- The op whose effect this is (null for reference data): one op's changes never split across pull pages.
      op_id text,
      -- The record as of this change, before the personal-data projection (done per reader).
      data jsonb NOT NULL,
      at timestamptz NOT NULL
    )`,
    'CREATE INDEX change_log_district ON change_log (district, server_seq)',
    // The oldest position still in the log (compaction moves it; a cursor before it must refetch).
    `CREATE TABLE sync_state (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      compacted_through bigint NOT NULL DEFAULT 0
    )`,
    'INSERT INTO sync_state DEFAULT VALUES',
    // ——— official numbers: the city's counter per year (official-number.ts) ———
    `CREATE TABLE official_number_counters (
      year integer PRIMARY KEY,
      last_value bigint NOT NULL
    )`,
  ],
};
