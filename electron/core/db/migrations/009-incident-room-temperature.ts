// Version 9: the room temperature measured in an incident's buildings, °C (null: not measured). The
// lower single-interruption limits of ПП РФ № 354 (прил. 1, п. 15) depend on it:
// shared/domain/heat-interruptions.ts. It may change while the incident is active.
export const version = 9;
export const sql = /* sql */ `
ALTER TABLE incidents ADD COLUMN room_celsius REAL;
`;
