// Mass outages («Инциденты»): create, change, restore, link appeals at intake, and the history of a
// building (its periods on control and its heat interruptions). Commands write their effect, an
// incident event (append-only) and an outbox op in the caller's one transaction.
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../../../shared/contract/errors.js';
import type { BuildingHistory } from '../../../shared/contract/building-history-schemas.js';
import type { CreateIncidentInput, HeatSourceHit, Incident, IncidentDetails, UpdateIncidentInput } from '../../../shared/contract/incident-schemas.js';
import type { AppealStatus } from '../../../shared/domain/appeal-vocabulary.js';
import type { District } from '../../../shared/domain/districts.js';
import { heatInterruptionReport } from '../../../shared/domain/heat-interruptions.js';
import {
  checkIncidentActor,
  checkIncidentTimes,
  checkRestore,
  RESTORE_MOVES_FROM,
  RESTORE_MOVES_TO,
  restoredEventText,
  type IncidentRefusal,
} from '../../../shared/domain/incidents.js';
import type { Actor } from '../../../shared/domain/roles.js';
import type { AppealsRepository } from './appeals.js';
import type { DeviceRepository } from './device.js';
import type { OutboxRepository } from './outbox.js';

export interface CreateIncidentCommand {
  readonly input: CreateIncidentInput;
  readonly actor: Actor;
  readonly nowMs: number;
}
export interface UpdateIncidentCommand {
  readonly input: UpdateIncidentInput;
  readonly actor: Actor;
  readonly nowMs: number;
}
export interface RestoreIncidentCommand {
  readonly id: string;
  readonly restoredAt?: number | undefined;
  readonly actor: Actor;
  readonly nowMs: number;
}

interface IncidentRow {
  id: string;
  number: string;
  scope: Incident['scope'];
  heat_source_id: string | null;
  hs_kind: NonNullable<Incident['heatSource']>['kind'] | null;
  hs_name: string | null;
  cause: string;
  started_at: number;
  planned_restore_at: number | null;
  restored_at: number | null;
  room_celsius: number | null;
  created_at: number;
  created_by: string;
  districts: string;
  version: number;
  building_count: number;
  appeal_count: number;
}

const SELECT_INCIDENT = `SELECT i.id, i.number, i.scope, i.heat_source_id, h.kind AS hs_kind, h.name AS hs_name, i.cause,
  i.started_at, i.planned_restore_at, i.restored_at, i.room_celsius, i.created_at, i.created_by, i.districts, i.version,
  (SELECT count(*) FROM incident_buildings ib WHERE ib.incident_id = i.id) AS building_count,
  (SELECT count(*) FROM appeal_incidents ai WHERE ai.incident_id = i.id) AS appeal_count
  FROM incidents i LEFT JOIN heat_sources h ON h.id = i.heat_source_id`;

function toIncident(r: IncidentRow): Incident {
  return {
    id: r.id,
    number: r.number,
    scope: r.scope,
    heatSource: r.heat_source_id && r.hs_kind && r.hs_name ? { id: r.heat_source_id, kind: r.hs_kind, name: r.hs_name } : null,
    cause: r.cause,
    startedAt: r.started_at,
    plannedRestoreAt: r.planned_restore_at,
    restoredAt: r.restored_at,
    roomCelsius: r.room_celsius,
    createdAt: r.created_at,
    createdBy: r.created_by,
    districts: r.districts ? (r.districts.split(',') as District[]) : [],
    buildingCount: r.building_count,
    appealCount: r.appeal_count,
    version: r.version,
  };
}

function refused(r: IncidentRefusal): never {
  throw new ApiError({ code: 'validation', message: r.message, issues: [{ path: r.rule, message: r.message }] });
}

export class IncidentsRepository {
  private readonly byId: Database.Statement<[string], IncidentRow>;
  private readonly activeAt: Database.Statement<[string, number], IncidentRow>;
  private readonly insertEvent: Database.Statement;
  private readonly link: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly device: DeviceRepository,
    private readonly appeals: AppealsRepository,
    private readonly outbox: OutboxRepository,
  ) {
    this.byId = db.prepare(`${SELECT_INCIDENT} WHERE i.id = ?`);
    this.activeAt = db.prepare(`${SELECT_INCIDENT}
      WHERE i.id IN (SELECT incident_id FROM incident_buildings WHERE building_id = ?)
        AND i.restored_at IS NULL AND i.started_at <= ? ORDER BY i.started_at`);
    this.insertEvent = db.prepare('INSERT INTO incident_events (id, incident_id, type, at, by, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.link = db.prepare('INSERT OR IGNORE INTO appeal_incidents (appeal_id, incident_id, linked_at) VALUES (?, ?, ?)');
  }

  get(id: string): Incident {
    const row = this.byId.get(id);
    if (!row) throw new ApiError({ code: 'not_found', message: 'Инцидент не найден' });
    return toIncident(row);
  }

  private event(incidentId: string, type: string, at: number, by: string, data: Record<string, unknown>): void {
    this.insertEvent.run(uuidv7({ msecs: at }), incidentId, type, at, by, JSON.stringify(data));
  }

  create(cmd: CreateIncidentCommand): Incident {
    const { input, actor, nowMs } = cmd;
    const times = checkIncidentTimes({ startedAt: input.startedAt, plannedRestoreAt: input.plannedRestoreAt }, nowMs);
    if (!times.ok) refused(times);
    let buildingIds: string[];
    if (input.scope === 'heat_source') {
      const source = this.db.prepare<[string], { id: string }>('SELECT id FROM heat_sources WHERE id = ?').get(input.heatSourceId);
      if (!source) throw new ApiError({ code: 'validation', message: 'Источник тепла не найден', issues: [{ path: 'heatSourceId', message: 'Источник тепла не найден' }] });
      buildingIds = this.db
        .prepare<[string], { id: string }>('SELECT id FROM buildings WHERE heat_source_id = ?')
        .all(input.heatSourceId)
        .map((r) => r.id);
    } else {
      const known = this.db.prepare<[string], { id: string }>('SELECT id FROM buildings WHERE id = ?');
      buildingIds = [...new Set(input.buildingIds)].filter((b) => known.get(b));
    }
    if (buildingIds.length === 0) {
      refused({ ok: false, rule: 'no_buildings', message: 'Ни одного дома в реестре не затронуто: выберите источник тепла с домами или дома' });
    }
    const districts = this.districtsOf(buildingIds);
    const allowed = checkIncidentActor(actor, districts);
    if (!allowed.ok) refused(allowed);
    const id = uuidv7({ msecs: nowMs });
    return this.db
      .transaction(() => {
        const count = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM incidents').get()?.n ?? 0;
        const number = `И-${this.device.code}-${count + 1}`;
        this.db
          .prepare(`INSERT INTO incidents (id, number, scope, heat_source_id, cause, started_at, planned_restore_at, restored_at,
            created_at, created_by, districts, version, updated_at, room_celsius) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 1, ?, ?)`)
          .run(id, number, input.scope, input.scope === 'heat_source' ? input.heatSourceId : null, input.cause, input.startedAt,
            input.plannedRestoreAt, nowMs, actor.userId, districts.join(','), nowMs, input.roomCelsius ?? null);
        const addBuilding = this.db.prepare('INSERT INTO incident_buildings (incident_id, building_id) VALUES (?, ?)');
        for (const b of buildingIds) addBuilding.run(id, b);
        const data = { number, scope: input.scope, heatSourceId: input.scope === 'heat_source' ? input.heatSourceId : null, cause: input.cause,
          startedAt: input.startedAt, plannedRestoreAt: input.plannedRestoreAt, buildingIds,
          // Only when measured: ops and events of incidents recorded without it stay as they were.
          ...(input.roomCelsius != null ? { roomCelsius: input.roomCelsius } : {}) };
        this.event(id, 'created', nowMs, actor.userId, data);
        this.outbox.append({ command: 'create_incident', entityType: 'incident', entityId: id, baseVersion: 0, userId: actor.userId, payload: data }, nowMs);
        return this.get(id);
      })
      .immediate();
  }

  update(cmd: UpdateIncidentCommand): Incident {
    const { input, actor, nowMs } = cmd;
    const current = this.get(input.id);
    const allowed = checkIncidentActor(actor, current.districts);
    if (!allowed.ok) refused(allowed);
    if (current.restoredAt !== null) refused({ ok: false, rule: 'restored', message: 'Подача тепла по этому инциденту уже восстановлена' });
    // The room temperature goes into the event and the op only when this update sends it.
    const withRoom = input.roomCelsius !== undefined;
    const next = {
      cause: input.cause ?? current.cause,
      plannedRestoreAt: input.plannedRestoreAt === undefined ? current.plannedRestoreAt : input.plannedRestoreAt,
      ...(withRoom ? { roomCelsius: input.roomCelsius ?? null } : {}),
    };
    const times = checkIncidentTimes({ startedAt: current.startedAt, plannedRestoreAt: next.plannedRestoreAt }, nowMs);
    if (!times.ok) refused(times);
    return this.db
      .transaction(() => {
        this.db
          .prepare('UPDATE incidents SET cause = ?, planned_restore_at = ?, room_celsius = ?, version = version + 1, updated_at = ? WHERE id = ?')
          .run(next.cause, next.plannedRestoreAt, withRoom ? (input.roomCelsius ?? null) : current.roomCelsius, nowMs, current.id);
        const before = { cause: current.cause, plannedRestoreAt: current.plannedRestoreAt, ...(withRoom ? { roomCelsius: current.roomCelsius } : {}) };
        this.event(current.id, 'updated', nowMs, actor.userId, { before, after: next });
        // `before` lets the server merge field by field: only what this user changed is theirs (shared/sync/apply.ts).
        this.outbox.append({ command: 'update_incident', entityType: 'incident', entityId: current.id, baseVersion: current.version, userId: actor.userId, payload: { ...next, before } }, nowMs);
        return this.get(current.id);
      })
      .immediate();
  }

  /** Sets restored_at and moves the linked open, not-yet-done appeals to checking (shared/domain/incidents.ts). */
  restore(cmd: RestoreIncidentCommand): { incident: Incident; movedAppealIds: string[] } {
    const { actor, nowMs } = cmd;
    const restoredAt = cmd.restoredAt ?? nowMs;
    return this.db
      .transaction(() => {
        const current = this.get(cmd.id);
        const allowed = checkIncidentActor(actor, current.districts);
        if (!allowed.ok) refused(allowed);
        const ok = checkRestore(current, restoredAt, nowMs);
        if (!ok.ok) refused(ok);
        this.db.prepare('UPDATE incidents SET restored_at = ?, version = version + 1, updated_at = ? WHERE id = ?').run(restoredAt, nowMs, current.id);
        const linked = this.db
          .prepare<[string], { id: string; status: AppealStatus; version: number }>(
            'SELECT a.id, a.status, a.version FROM appeal_incidents ai JOIN appeals a ON a.id = ai.appeal_id WHERE ai.incident_id = ? ORDER BY a.id',
          )
          .all(current.id);
        const move = this.db.prepare('UPDATE appeals SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?');
        const text = restoredEventText(current.number);
        const movedAppealIds: string[] = [];
        for (const a of linked) {
          if (!RESTORE_MOVES_FROM.includes(a.status)) continue;
          move.run(RESTORE_MOVES_TO, nowMs, a.id, a.version);
          const data = { text, incidentId: current.id, incidentNumber: current.number, from: a.status, to: RESTORE_MOVES_TO, restoredAt };
          this.appeals.appendEvent(a.id, 'incident_restored', nowMs, actor.userId, data);
          this.outbox.append({ command: 'incident_restored', entityType: 'appeal', entityId: a.id, baseVersion: a.version, userId: actor.userId, payload: data }, nowMs);
          movedAppealIds.push(a.id);
        }
        this.event(current.id, 'restored', nowMs, actor.userId, { restoredAt, movedAppealIds });
        this.outbox.append(
          { command: 'restore_incident', entityType: 'incident', entityId: current.id, baseVersion: current.version, userId: actor.userId, payload: { restoredAt } },
          nowMs,
        );
        return { incident: this.get(current.id), movedAppealIds };
      })
      .immediate();
  }

  /** Active incidents at a building now: the intake banner, and the links made at registration. */
  activeAtBuilding(buildingId: string, nowMs: number): Incident[] {
    return this.activeAt.all(buildingId, nowMs).map(toIncident);
  }

  /** Inside registerAppeal's transaction: links a new appeal to the building's active incidents. */
  linkAtIntake(appealId: string, buildingId: string, atMs: number, nowMs: number, userId: string): Incident[] {
    const active = this.activeAtBuilding(buildingId, Math.max(atMs, nowMs));
    for (const incident of active) {
      this.link.run(appealId, incident.id, nowMs);
      this.appeals.appendEvent(appealId, 'incident_linked', nowMs, userId, {
        text: `Связано с массовым отключением (инцидент ${incident.number})`,
        incidentId: incident.id,
        incidentNumber: incident.number,
      });
    }
    return active;
  }

  list(query: { activeOnly: boolean; limit: number }): Incident[] {
    const where = query.activeOnly ? 'WHERE i.restored_at IS NULL' : '';
    return this.db
      .prepare<[number], IncidentRow>(`${SELECT_INCIDENT} ${where} ORDER BY (i.restored_at IS NULL) DESC, i.started_at DESC LIMIT ?`)
      .all(query.limit)
      .map(toIncident);
  }

  details(id: string, nowMs: number): IncidentDetails {
    const incident = this.get(id);
    const buildings = this.db
      .prepare<[string], { id: string; address: string; district: District }>(
        'SELECT b.id, b.address, b.district FROM incident_buildings ib JOIN buildings b ON b.id = ib.building_id WHERE ib.incident_id = ? ORDER BY b.address LIMIT 1000',
      )
      .all(id);
    const intervals = this.db
      .prepare<[string], { building_id: string; started_at: number; restored_at: number | null; room_celsius: number | null }>(
        `SELECT ib2.building_id, i.started_at, i.restored_at, i.room_celsius FROM incident_buildings ib
         JOIN incident_buildings ib2 ON ib2.building_id = ib.building_id JOIN incidents i ON i.id = ib2.incident_id
         WHERE ib.incident_id = ?`,
      )
      .all(id);
    const byBuilding = new Map<string, { start: number; end: number | null; roomCelsius: number | null }[]>();
    for (const r of intervals) {
      const list = byBuilding.get(r.building_id) ?? [];
      list.push({ start: r.started_at, end: r.restored_at, roomCelsius: r.room_celsius });
      byBuilding.set(r.building_id, list);
    }
    const rows = buildings
      .map((b) => ({ ...b, interruptions: toPlain(heatInterruptionReport(byBuilding.get(b.id) ?? [], nowMs)) }))
      .sort((a, b) => b.interruptions.warnings.length - a.interruptions.warnings.length);
    const appealIds = this.db
      .prepare<[string], { appeal_id: string }>(
        'SELECT ai.appeal_id FROM appeal_incidents ai JOIN appeals a ON a.id = ai.appeal_id WHERE ai.incident_id = ? ORDER BY a.received_at DESC LIMIT 1000',
      )
      .all(id);
    const appeals = appealIds.flatMap((r) => {
      const a = this.appeals.get(r.appeal_id);
      return a ? [a] : [];
    });
    const events = this.db
      .prepare<[string], { id: string; type: string; at: number; by: string; data: string }>(
        'SELECT id, type, at, by, data FROM incident_events WHERE incident_id = ? ORDER BY at, rowid',
      )
      .all(id)
      .map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> }));
    return { incident, buildings: rows, appeals, events };
  }

  /** Heat sources whose name has every typed word (SQLite's lower() knows no Cyrillic, so JS filters). */
  searchHeatSources(query: string, limit: number): HeatSourceHit[] {
    const words = query.toLocaleLowerCase('ru').replace(/ё/g, 'е').split(/\s+/).filter(Boolean);
    const rows = this.db
      .prepare<[], HeatSourceHit>(
        `SELECT h.id, h.kind, h.name, h.district, count(b.id) AS buildingCount
         FROM heat_sources h LEFT JOIN buildings b ON b.heat_source_id = h.id GROUP BY h.id ORDER BY h.name`,
      )
      .all();
    const hits = rows.filter((h) => {
      const name = `${h.name} ${h.district ?? ''}`.toLocaleLowerCase('ru').replace(/ё/g, 'е');
      return words.every((w) => name.includes(w));
    });
    return hits.slice(0, limit);
  }

  /** The address card's history: periods on control (migration 002) and heat interruptions. */
  buildingHistory(buildingId: string, nowMs: number): BuildingHistory {
    const current = this.db
      .prepare<[string], { since: number }>('SELECT on_control_since AS since FROM control_addresses WHERE building_id = ?')
      .get(buildingId);
    const past = this.db
      .prepare<[string], { startedAt: number; endedAt: number }>(
        'SELECT started_at AS startedAt, ended_at AS endedAt FROM control_periods WHERE building_id = ? ORDER BY started_at DESC LIMIT 100',
      )
      .all(buildingId);
    const intervals = this.db
      .prepare<[string], { start: number; end: number | null; roomCelsius: number | null }>(
        `SELECT i.started_at AS start, i.restored_at AS "end", i.room_celsius AS roomCelsius FROM incident_buildings ib JOIN incidents i ON i.id = ib.incident_id WHERE ib.building_id = ?`,
      )
      .all(buildingId);
    return {
      controlPeriods: [...(current ? [{ startedAt: current.since, endedAt: null }] : []), ...past],
      interruptions: toPlain(heatInterruptionReport(intervals, nowMs)),
    };
  }

  private districtsOf(buildingIds: readonly string[]): District[] {
    const stmt = this.db.prepare<[string], { district: District }>('SELECT district FROM buildings WHERE id = ?');
    const set = new Set<District>();
    for (const b of buildingIds) {
      const d = stmt.get(b)?.district;
      if (d) set.add(d);
    }
    return [...set].sort();
  }
}

function toPlain(r: ReturnType<typeof heatInterruptionReport>) {
  return { months: [...r.months], warnings: [...r.warnings] };
}
