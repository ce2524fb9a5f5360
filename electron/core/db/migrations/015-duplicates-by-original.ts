// Version 15: the duplicates of an appeal, found from the audit trail. «Отметить дубликатом» records
// the original's id in its event (written here, by the demo, or arrived from the server), so the
// original's card lists its duplicates and a duplicate's card links to its original through one
// range of this partial expression index instead of reading every «mark_duplicate» event.
export const version = 15;
export const sql = /* sql */ `
CREATE INDEX appeal_events_duplicate_of ON appeal_events(json_extract(data, '$.originalId'))
  WHERE type = 'mark_duplicate';
`;
