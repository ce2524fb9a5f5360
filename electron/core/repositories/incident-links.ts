// Links between appeals and mass outages when either comes from another workstation. At intake a
// workstation links a new appeal to the incidents active at its building (incidents.ts
// linkAtIntake), without an op: every replica derives the same links by the same rule instead —
// an appeal is linked to an incident at its building that existed and had started by the appeal's
// registration and was not restored before it. So a restore on any workstation moves the appeals
// registered on the others too (their `incident_restored` ops go through the server's checks).
import type Database from 'better-sqlite3';

/** The rule, with `a` an appeal and `i` an incident sharing a building through `ib`. */
const ACTIVE_AT_REGISTRATION = 'i.started_at <= a.registered_at AND i.created_at <= a.registered_at AND (i.restored_at IS NULL OR i.restored_at > a.registered_at)';

export class IncidentLinks {
  private readonly forAppeal: Database.Statement<[number, string]>;
  private readonly forIncident: Database.Statement<[number, string]>;

  constructor(db: Database.Database) {
    this.forAppeal = db.prepare(`INSERT OR IGNORE INTO appeal_incidents (appeal_id, incident_id, linked_at)
      SELECT a.id, i.id, ? FROM appeals a
      JOIN incident_buildings ib ON ib.building_id = a.building_id
      JOIN incidents i ON i.id = ib.incident_id
      WHERE a.id = ? AND ${ACTIVE_AT_REGISTRATION}`);
    this.forIncident = db.prepare(`INSERT OR IGNORE INTO appeal_incidents (appeal_id, incident_id, linked_at)
      SELECT a.id, i.id, ? FROM incidents i
      JOIN incident_buildings ib ON ib.incident_id = i.id
      JOIN appeals a ON a.building_id = ib.building_id
      WHERE i.id = ? AND ${ACTIVE_AT_REGISTRATION}`);
  }

  /** An appeal new here (pulled): linked to the local incidents it falls in. Returns how many links. */
  linkAppeal(appealId: string, nowMs: number): number {
    return this.forAppeal.run(nowMs, appealId).changes;
  }

  /** An incident new here (pulled), its buildings stored: the local appeals that fall in it linked. */
  linkIncident(incidentId: string, nowMs: number): number {
    return this.forIncident.run(nowMs, incidentId).changes;
  }
}
