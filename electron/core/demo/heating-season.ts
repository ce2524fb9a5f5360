// The demo's heating season as of late November: most buildings connected in the second half of
// October, a district or two lagging, some partial or with a problem since (with the reasons
// suppliers give), a few still not connected. Deterministic for a seed.
import { samaraDate, SAMARA_OFFSET_MS } from '../../../shared/domain/samara-time.js';
import type { GeneratedRegister } from '../../../shared/demo/register.js';
import type { District } from '../../../shared/domain/districts.js';
import { Random } from '../../../shared/demo/random.js';
import type { HeatingStatusChange } from '../repositories/heating.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEMO_HEATING_BY = 'Диспетчер ТСО (демо)';

const PARTIAL_REASONS = [
  'Не прогревается верхний этаж',
  'Завоздушен стояк, 3-й подъезд',
  'Нет циркуляции по одному из стояков',
  'Не включена ветка на 2-й подъезд',
  'Ремонт задвижки в ИТП',
];
const PROBLEM_REASONS = [
  'Порыв на вводе теплосети',
  'Авария на внутридомовой системе отопления',
  'Течь в подвале, система отключена',
  'Неисправен элеваторный узел',
  'Замена участка трубопровода теплосети',
];
const NOT_CONNECTED_REASONS = [
  'Не подписан акт готовности к отопительному сезону',
  'Задолженность управляющей организации',
  'Не завершена опрессовка',
  '',
];

/** Districts where connection went slower this year (the demo's story). */
const LAGGING: ReadonlySet<District> = new Set(['Красноглинский', 'Куйбышевский']);

/** The day the season started: 15 October of the season that asOf falls in. */
function seasonStart(asOf: number): number {
  const date = new Date(asOf + SAMARA_OFFSET_MS);
  const year = date.getUTCMonth() >= 9 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return Date.UTC(year, 9, 15) - SAMARA_OFFSET_MS;
}

function samaraMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - SAMARA_OFFSET_MS;
}

/** Each building's changes, oldest first: connected, then for some a later partial or problem. */
export function demoHeatingStatuses(register: GeneratedRegister, seed: number, asOf: number): HeatingStatusChange[] {
  const random = new Random(seed).fork('heating-season');
  const start = seasonStart(asOf);
  const today = samaraDate(asOf);
  const day = (from: number, spread: number) => {
    const d = samaraDate(from + random.int(0, spread) * DAY_MS);
    return d > today ? today : d;
  };
  const changes: HeatingStatusChange[] = [];
  for (const b of register.buildings) {
    const lag = LAGGING.has(b.district) ? 2.5 : 1;
    const roll = random.next();
    const connectedOn = day(start, LAGGING.has(b.district) ? 25 : 12);
    // Recorded at 10:00 Samara time of its day (or now, for today's).
    const at = (date: string) => Math.min(asOf, samaraMidnight(date) + 10 * 60 * 60 * 1000);
    const change = (status: HeatingStatusChange['status'], date: string, reason: string): HeatingStatusChange => ({
      buildingId: b.id,
      status,
      statusDate: date,
      reason,
      by: DEMO_HEATING_BY,
      at: at(date),
      source: 'demo',
    });
    if (roll < 0.02 * lag) {
      changes.push(change('not_connected', day(start, 5), random.pick(NOT_CONNECTED_REASONS)));
      continue;
    }
    changes.push(change('connected', connectedOn, ''));
    const since = samaraMidnight(connectedOn) + DAY_MS;
    const spread = Math.max(0, Math.floor((asOf - since) / DAY_MS));
    if (roll < 0.055 * lag) changes.push(change('partial', day(since, spread), random.pick(PARTIAL_REASONS)));
    else if (roll < 0.075 * lag) changes.push(change('problem', day(since, spread), random.pick(PROBLEM_REASONS)));
  }
  return changes;
}
