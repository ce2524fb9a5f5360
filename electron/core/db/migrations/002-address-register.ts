// Version 2: the address register. Buildings get their normalised address parts, register ids and
// physical data; heat sources (boiler houses, central heating substations) appear for mass outages;
// open appeals get an index by building for «Адреса на контроле».
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

-- «Адреса на контроле» and the open appeals of one address: only appeals still on control.
CREATE INDEX appeals_open_by_building ON appeals(building_id, deadline_at)
  WHERE status NOT IN ('closed', 'rejected', 'duplicate');
`;
