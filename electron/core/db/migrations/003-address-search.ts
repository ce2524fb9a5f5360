// Version 3: a counter that changes whenever what address search shows of a building changes, in
// this process or any other (a CLI import). The DB worker's in-memory address index compares it
// before each search and rebuilds itself when it moved.
export const version = 3;
export const sql = /* sql */ `
CREATE TABLE address_index_state (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  buildings_version INTEGER NOT NULL
) STRICT;
INSERT INTO address_index_state (id, buildings_version) VALUES (1, 0);

CREATE TRIGGER buildings_address_index_insert AFTER INSERT ON buildings
BEGIN UPDATE address_index_state SET buildings_version = buildings_version + 1 WHERE id = 1; END;

CREATE TRIGGER buildings_address_index_delete AFTER DELETE ON buildings
BEGIN UPDATE address_index_state SET buildings_version = buildings_version + 1 WHERE id = 1; END;

CREATE TRIGGER buildings_address_index_update
AFTER UPDATE OF address, district, management_org_id, street_type, street_name, house, korpus, stroenie ON buildings
BEGIN UPDATE address_index_state SET buildings_version = buildings_version + 1 WHERE id = 1; END;

-- Search results show the management organisation's name.
CREATE TRIGGER organisations_address_index_update AFTER UPDATE OF name ON organisations
BEGIN UPDATE address_index_state SET buildings_version = buildings_version + 1 WHERE id = 1; END;
`;
