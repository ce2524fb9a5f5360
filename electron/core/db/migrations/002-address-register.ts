// Version 2: the address register. Buildings get their normalised address parts, register ids and
// physical data; heat sources (boiler houses, central heating substations) appear for mass outages;
// «Адреса на контроле» is kept by triggers (the appeals' own building index serves them).
export const version = 2;
export const sql = /* sql */ `
CREATE TABLE heat_sources (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('boiler_house', 'substation', 'chp', 'other')),
  name            TEXT NOT NULL,
  supplier_org_id TEXT REFERENCES organisations(id),
  district        TEXT
) STRICT;

ALTER TABLE buildings ADD COLUMN street_type TEXT NOT NULL DEFAULT '';
ALTER TABLE buildings ADD COLUMN street_name TEXT NOT NULL DEFAULT '';
ALTER TABLE buildings ADD COLUMN house TEXT NOT NULL DEFAULT '';
ALTER TABLE buildings ADD COLUMN korpus TEXT NOT NULL DEFAULT '';
ALTER TABLE buildings ADD COLUMN stroenie TEXT NOT NULL DEFAULT '';
-- The normalised identity of the address (shared/domain/address.ts addressKey): one building per key.
ALTER TABLE buildings ADD COLUMN address_key TEXT;
ALTER TABLE buildings ADD COLUMN fias_guid TEXT;
ALTER TABLE buildings ADD COLUMN heat_supplier_org_id TEXT REFERENCES organisations(id);
ALTER TABLE buildings ADD COLUMN heat_source_id TEXT REFERENCES heat_sources(id);
ALTER TABLE buildings ADD COLUMN year_built INTEGER;
ALTER TABLE buildings ADD COLUMN floors INTEGER;
ALTER TABLE buildings ADD COLUMN flats INTEGER;
ALTER TABLE buildings ADD COLUMN latitude REAL;
ALTER TABLE buildings ADD COLUMN longitude REAL;
ALTER TABLE buildings ADD COLUMN heating_status TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE buildings ADD COLUMN heating_status_at INTEGER;
ALTER TABLE buildings ADD COLUMN updated_at INTEGER;

CREATE UNIQUE INDEX buildings_address_key ON buildings(address_key) WHERE address_key IS NOT NULL;
CREATE UNIQUE INDEX buildings_fias_guid ON buildings(fias_guid) WHERE fias_guid IS NOT NULL;
CREATE INDEX buildings_management_org ON buildings(management_org_id);
CREATE INDEX buildings_heat_source ON buildings(heat_source_id);

CREATE INDEX organisations_inn ON organisations(inn) WHERE inn IS NOT NULL;

-- «Адреса на контроле»: one row per building with at least one open appeal, kept in step with the
-- appeals by triggers, so the list never scans appeals. Its district and management organisation
-- are copied from the building for filtering. The table stays small (open addresses only), so one
-- index serves every filter: fewer pages to write in each registration's transaction.
CREATE TABLE control_addresses (
  building_id         TEXT PRIMARY KEY REFERENCES buildings(id),
  district            TEXT NOT NULL,
  management_org_id   TEXT,
  open_count          INTEGER NOT NULL,
  oldest_received_at  INTEGER NOT NULL,
  nearest_deadline_at INTEGER NOT NULL,
  on_control_since    INTEGER NOT NULL
) STRICT;
CREATE INDEX control_addresses_deadline ON control_addresses(nearest_deadline_at);

-- Finished periods on control: written when an address's last open appeal closes. The current
-- period, if any, is control_addresses.on_control_since.
CREATE TABLE control_periods (
  id          INTEGER PRIMARY KEY,
  building_id TEXT NOT NULL REFERENCES buildings(id),
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX control_periods_building ON control_periods(building_id, started_at);

CREATE TRIGGER appeals_control_insert AFTER INSERT ON appeals
WHEN NEW.status NOT IN ('closed', 'rejected', 'duplicate')
BEGIN
  INSERT INTO control_addresses (building_id, district, management_org_id, open_count, oldest_received_at, nearest_deadline_at, on_control_since)
    SELECT NEW.building_id, b.district, b.management_org_id, 1, NEW.received_at, NEW.deadline_at, NEW.received_at
    FROM buildings b WHERE b.id = NEW.building_id
  ON CONFLICT (building_id) DO UPDATE SET
    open_count = open_count + 1,
    oldest_received_at = min(oldest_received_at, excluded.oldest_received_at),
    nearest_deadline_at = min(nearest_deadline_at, excluded.nearest_deadline_at);
END;

CREATE TRIGGER appeals_control_update AFTER UPDATE OF status, deadline_at, building_id ON appeals
BEGIN
  -- Addresses left with no open appeal come off control: their period is recorded, the row goes.
  INSERT INTO control_periods (building_id, started_at, ended_at)
    SELECT c.building_id, c.on_control_since, NEW.updated_at FROM control_addresses c
    WHERE c.building_id IN (OLD.building_id, NEW.building_id)
      AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.building_id = c.building_id AND a.status NOT IN ('closed', 'rejected', 'duplicate'));
  DELETE FROM control_addresses
    WHERE building_id IN (OLD.building_id, NEW.building_id)
      AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.building_id = control_addresses.building_id AND a.status NOT IN ('closed', 'rejected', 'duplicate'));
  -- The others get fresh figures; an address coming back on control starts a new period.
  INSERT INTO control_addresses (building_id, district, management_org_id, open_count, oldest_received_at, nearest_deadline_at, on_control_since)
    SELECT a.building_id, b.district, b.management_org_id, count(*), min(a.received_at), min(a.deadline_at), NEW.updated_at
    FROM appeals a JOIN buildings b ON b.id = a.building_id
    WHERE a.building_id IN (OLD.building_id, NEW.building_id) AND a.status NOT IN ('closed', 'rejected', 'duplicate')
    GROUP BY a.building_id
  ON CONFLICT (building_id) DO UPDATE SET
    open_count = excluded.open_count,
    oldest_received_at = excluded.oldest_received_at,
    nearest_deadline_at = excluded.nearest_deadline_at;
END;

-- A building's organisation changes (register import): the control list follows it.
CREATE TRIGGER buildings_control_org AFTER UPDATE OF management_org_id, district ON buildings
BEGIN
  UPDATE control_addresses SET management_org_id = NEW.management_org_id, district = NEW.district
    WHERE building_id = NEW.id;
END;
`;
