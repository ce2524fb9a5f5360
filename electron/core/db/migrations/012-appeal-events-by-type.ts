// Version 12: the audit trail indexed by event type and time, for «Итоги дня»
// (repositories/day-summary.ts): the appeals closed in a day and every move into or out of a final
// status in the last 14 days are a few ranges of this index, not a scan of millions of events; the
// appeal's id in the index lets the trend count without reading the events. A district's appeals
// received in a day or the trend's 14 days are one range of (district, received_at).
export const version = 12;
export const sql = /* sql */ `
CREATE INDEX appeal_events_type_at ON appeal_events(type, at, appeal_id);
CREATE INDEX appeals_district_received ON appeals(district, received_at);
`;
