// The demo's mass outages: about one every nine days over the season at a boiler house or a central
// heating substation (every house it heats) or at a few houses on one street, most restored within
// hours, some after more than 16; one restored yesterday; and two still active "now" — one at a
// heat source since yesterday evening, one at a few houses since shortly after midnight — outside
// Октябрьский, the demo user's district. The plan depends on the seed and on the day of `asOf`
// only (not its time of day); what happens after `asOf` is simply not written.
import { DISTRICTS, type District } from '../../../shared/domain/districts.js';
import { startOfSamaraDay } from '../../../shared/domain/samara-time.js';
import type { SeedEventRow, SeedIncident } from '../repositories/demo-seed.js';
import { BUILDINGS_OUTAGE_CAUSES, SOURCE_OUTAGE_CAUSES } from './lifecycle-vocabulary.js';
import type { Random } from './random.js';
import type { GeneratedBuilding, GeneratedRegister } from './register.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface IncidentPlan {
  readonly id: string;
  /** `И-<workstation>-<n>`, n in the order of recording, as `IncidentsRepository.create` numbers them. */
  number: string;
  readonly scope: 'heat_source' | 'buildings';
  readonly heatSourceId: string | null;
  readonly buildings: readonly GeneratedBuilding[];
  readonly districts: readonly District[];
  readonly cause: string;
  readonly startedAt: number;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly station: string;
  readonly plannedRestoreAt: number;
  /** Room temperature measured when it was recorded, °C (null: not measured). */
  readonly roomCelsius: number | null;
  /** The planned restore moved once, recorded at `at`, sometimes with a room temperature measured by then. */
  readonly update: { readonly at: number; readonly by: string; readonly plannedRestoreAt: number; readonly roomCelsius?: number } | null;
  /** When heat came back and when that was recorded; null/Infinity while it has not. */
  readonly restoredAt: number | null;
  readonly restoreRecordedAt: number;
  readonly restoredBy: string;
  /** Appeals its restore moved to «Выполнено исполнителем» (filled while the season is generated). */
  readonly moved: string[];
}

export interface IncidentStations {
  readonly district: Readonly<Record<District, { readonly code: string; readonly operators: readonly string[] }>>;
}

/** Districts the active outages are placed in: not the demo user's, whose screens the tests drive. */
const ACTIVE_DISTRICTS: readonly District[] = DISTRICTS.filter((d) => d !== 'Октябрьский');

export function planIncidents(random: Random, register: GeneratedRegister, stations: IncidentStations, period: { from: number; asOf: number }): IncidentPlan[] {
  const bySource = new Map<string, GeneratedBuilding[]>();
  for (const b of register.buildings) {
    const list = bySource.get(b.heatSourceId);
    if (list) list.push(b);
    else bySource.set(b.heatSourceId, [b]);
  }
  const sources = register.heatSources.filter((s) => (bySource.get(s.id)?.length ?? 0) >= 3);
  if (sources.length === 0) return [];
  const lastDay = startOfSamaraDay(period.asOf);
  const days = Math.round((lastDay - period.from) / DAY) + 1;
  const plans: IncidentPlan[] = [];

  const make = (o: {
    scope: 'heat_source' | 'buildings';
    sourceId: string | null;
    buildings: GeneratedBuilding[];
    startedAt: number;
    hours: number | null;
    plannedHours: number;
    delayedTo: number | null;
    roomCelsius?: number | null;
    measuredLater?: number;
  }) => {
    const districts = [...new Set(o.buildings.map((b) => b.district))].sort();
    const home = (districts[0] ?? 'Октябрьский') as District;
    const station = stations.district[home];
    const source = o.sourceId ? register.heatSources.find((s) => s.id === o.sourceId) : undefined;
    const cause = source
      ? random.pick(SOURCE_OUTAGE_CAUSES).replace('{source}', source.name.replace('Котельная', 'котельной').replace('ЦТП', 'ЦТП'))
      : random.pick(BUILDINGS_OUTAGE_CAUSES);
    const createdAt = Math.round(o.startedAt + 15 * MINUTE + random.next() * 20 * MINUTE);
    const restoredAt = o.hours === null ? null : Math.round(o.startedAt + o.hours * HOUR);
    const plannedRestoreAt = Math.round(o.startedAt + o.plannedHours * HOUR);
    const update =
      o.delayedTo !== null
        ? {
            at: Math.round(Math.min(plannedRestoreAt, restoredAt ?? Infinity) - 30 * MINUTE),
            by: random.pick(station.operators),
            plannedRestoreAt: o.delayedTo,
            ...(o.measuredLater !== undefined ? { roomCelsius: o.measuredLater } : {}),
          }
        : null;
    plans.push({
      id: random.uuidV7(createdAt),
      number: '',
      scope: o.scope,
      heatSourceId: o.sourceId,
      buildings: o.buildings,
      districts,
      cause,
      startedAt: Math.round(o.startedAt),
      createdAt,
      createdBy: random.pick(station.operators),
      station: station.code,
      plannedRestoreAt,
      roomCelsius: o.roomCelsius ?? null,
      update: update && update.at > createdAt ? update : null,
      restoredAt,
      restoreRecordedAt: restoredAt === null ? Number.POSITIVE_INFINITY : restoredAt + Math.round(10 * MINUTE + random.next() * 30 * MINUTE),
      restoredBy: random.pick(station.operators),
      moved: [],
    });
  };
  const atSource = (districts: readonly District[] = DISTRICTS) => {
    const list = sources.filter((s) => districts.includes(s.district));
    const source = random.pick(list.length > 0 ? list : sources);
    return { sourceId: source.id, buildings: bySource.get(source.id) ?? [] };
  };
  const onStreet = (districts: readonly District[] = DISTRICTS) => {
    const list = register.buildings.filter((b) => districts.includes(b.district));
    const first = random.pick(list.length > 0 ? list : register.buildings);
    const street = register.buildings.filter((b) => b.streetName === first.streetName && b.district === first.district && b.id !== first.id);
    return [first, ...random.shuffle(street).slice(0, random.int(2, 4))];
  };

  // Restored ones over the season, about every nine days.
  for (let day = 6 + random.int(0, 4); day < days - 3; day += 7 + random.int(0, 5)) {
    const startedAt = period.from + day * DAY + random.int(0, 23) * HOUR + random.int(0, 59) * MINUTE;
    const hours = Math.min(40, Math.exp(Math.log(7) + 0.7 * random.normal()) + 1);
    const plannedHours = Math.max(2, Math.round(hours * (0.5 + random.next() * 0.6)));
    const delayed = hours > plannedHours + 1 && random.chance(0.6) ? Math.round(startedAt + (hours + 1) * HOUR) : null;
    // Sometimes the district measured the rooms: +8…+14 °C on a frosty day.
    const roomCelsius = random.chance(0.35) ? Math.round((8 + random.next() * 6) * 10) / 10 : null;
    if (random.chance(0.75)) make({ scope: 'heat_source', ...atSource(), startedAt, hours, plannedHours, delayedTo: delayed, roomCelsius });
    else make({ scope: 'buildings', sourceId: null, buildings: onStreet(), startedAt, hours, plannedHours, delayedTo: delayed });
  }
  if (days >= 3) {
    // Restored yesterday afternoon.
    make({ scope: 'heat_source', ...atSource(), startedAt: lastDay - DAY + 9 * HOUR + random.int(0, 50) * MINUTE, hours: 5 + random.next() * 3, plannedHours: 6, delayedTo: null });
    // Active since yesterday evening: the planned restore was put off once.
    const startedAt = lastDay - DAY + 21 * HOUR + random.int(0, 40) * MINUTE;
    // Measured overnight: +11 °C in the flats, so at most 8 h at once (ПП РФ № 354, прил. 1, п. 15).
    make({ scope: 'heat_source', ...atSource(ACTIVE_DISTRICTS), startedAt, hours: null, plannedHours: 8, delayedTo: lastDay + DAY + 12 * HOUR, measuredLater: 11 });
  }
  // Active since shortly after midnight, at a few houses.
  make({ scope: 'buildings', sourceId: null, buildings: onStreet(ACTIVE_DISTRICTS), startedAt: lastDay + 20 * MINUTE + random.int(0, 20) * MINUTE, hours: null, plannedHours: 10, delayedTo: null });

  plans.sort((a, b) => a.createdAt - b.createdAt);
  plans.forEach((p, i) => {
    p.number = `И-${p.station}-${i + 1}`;
  });
  return plans;
}

/** Each building's planned incidents. */
export function incidentsByBuilding(plans: readonly IncidentPlan[]): Map<string, IncidentPlan[]> {
  const map = new Map<string, IncidentPlan[]>();
  for (const p of plans) {
    for (const b of p.buildings) {
      const list = map.get(b.id);
      if (list) list.push(p);
      else map.set(b.id, [p]);
    }
  }
  return map;
}

/** The incidents a new appeal at the building is linked to at registration: recorded and not yet restored. */
export function incidentsAtRegistration(byBuilding: ReadonlyMap<string, readonly IncidentPlan[]>, buildingId: string, registeredAt: number): IncidentPlan[] {
  return (byBuilding.get(buildingId) ?? []).filter((p) => p.createdAt <= registeredAt && registeredAt < p.restoreRecordedAt);
}

/** The incidents recorded by `asOf` as `LocalStore.seed` takes them, with the events their commands write. */
export function incidentSeeds(
  plans: readonly IncidentPlan[],
  asOf: number,
  links: ReadonlyMap<string, readonly { readonly appealId: string; readonly linkedAt: number }[]>,
): SeedIncident[] {
  return plans
    .filter((p) => p.createdAt <= asOf)
    .map((p) => {
      const buildingIds = p.buildings.map((b) => b.id);
      const events: SeedEventRow[] = [];
      const event = (type: string, at: number, by: string, data: Record<string, unknown>) => events.push({ type, at, by, data: JSON.stringify(data) });
      // As IncidentsRepository.create and .update write them: the temperature only when measured or sent.
      event('created', p.createdAt, p.createdBy, {
        number: p.number,
        scope: p.scope,
        heatSourceId: p.scope === 'heat_source' ? p.heatSourceId : null,
        cause: p.cause,
        startedAt: p.startedAt,
        plannedRestoreAt: p.plannedRestoreAt,
        buildingIds,
        ...(p.roomCelsius !== null ? { roomCelsius: p.roomCelsius } : {}),
      });
      let version = 1;
      let updatedAt = p.createdAt;
      let plannedRestoreAt = p.plannedRestoreAt;
      let roomCelsius = p.roomCelsius;
      if (p.update && p.update.at <= asOf) {
        const measured = p.update.roomCelsius;
        event('updated', p.update.at, p.update.by, {
          before: { cause: p.cause, plannedRestoreAt: p.plannedRestoreAt, ...(measured !== undefined ? { roomCelsius: p.roomCelsius } : {}) },
          after: { cause: p.cause, plannedRestoreAt: p.update.plannedRestoreAt, ...(measured !== undefined ? { roomCelsius: measured } : {}) },
        });
        plannedRestoreAt = p.update.plannedRestoreAt;
        if (measured !== undefined) roomCelsius = measured;
        version += 1;
        updatedAt = p.update.at;
      }
      const restored = p.restoredAt !== null && p.restoreRecordedAt <= asOf;
      if (restored) {
        event('restored', p.restoreRecordedAt, p.restoredBy, { restoredAt: p.restoredAt, movedAppealIds: [...p.moved].sort() });
        version += 1;
        updatedAt = p.restoreRecordedAt;
      }
      return {
        id: p.id,
        number: p.number,
        scope: p.scope,
        heatSourceId: p.scope === 'heat_source' ? p.heatSourceId : null,
        cause: p.cause,
        startedAt: p.startedAt,
        plannedRestoreAt,
        restoredAt: restored ? p.restoredAt : null,
        roomCelsius,
        createdAt: p.createdAt,
        createdBy: p.createdBy,
        districts: p.districts.join(','),
        version,
        updatedAt,
        buildingIds,
        events,
        appeals: links.get(p.id) ?? [],
      };
    });
}
