// The heating season's figures: «теплом обеспечено N из M домов» by district or by management
// organisation, and which buildings are «без тепла». The rules (docs/heating-season.md):
// - a building with no status yet counts as «не подключён»: until someone says heat is there, it is not;
// - «теплом обеспечено» counts only «подключён»; «частично» is counted apart and is not provided —
//   part of the building is still cold, and its residents still call;
// - «без тепла» is everything else: не подключён (with no status yet), частично, проблема.
import type { HeatingStatus } from './heating-status.js';

/** The status a building counts as: its own, or «не подключён» while it has none. */
export function effectiveStatus(status: HeatingStatus | null): HeatingStatus {
  return status ?? 'not_connected';
}

export const WITHOUT_HEAT_STATUSES: readonly HeatingStatus[] = ['not_connected', 'partial', 'problem'];

export function isWithoutHeat(status: HeatingStatus | null): boolean {
  return WITHOUT_HEAT_STATUSES.includes(effectiveStatus(status));
}

export interface HeatingTally {
  /** M: buildings in the group. */
  readonly total: number;
  /** N: «подключён». */
  readonly connected: number;
  readonly partial: number;
  readonly problem: number;
  /** «не подключён», the buildings with no status yet included. */
  readonly notConnected: number;
  /** Of notConnected, those nobody has given a status yet. */
  readonly noStatus: number;
}

export interface HeatingGroupProgress extends HeatingTally {
  /** The district's name or the organisation's id; null for buildings with no management organisation. */
  readonly key: string | null;
  readonly label: string;
}

export interface HeatingBuildingStatus {
  readonly key: string | null;
  readonly label: string;
  readonly status: HeatingStatus | null;
}

type MutableTally = { -readonly [K in keyof HeatingTally]: HeatingTally[K] };

const emptyTally = (): MutableTally => ({ total: 0, connected: 0, partial: 0, problem: 0, notConnected: 0, noStatus: 0 });

function add(tally: MutableTally, status: HeatingStatus | null): void {
  tally.total++;
  switch (effectiveStatus(status)) {
    case 'connected':
      tally.connected++;
      break;
    case 'partial':
      tally.partial++;
      break;
    case 'problem':
      tally.problem++;
      break;
    case 'not_connected':
      tally.notConnected++;
      if (status === null) tally.noStatus++;
      break;
  }
}

/**
 * How groups are ranked, where the deputy head looks first: districts by the smallest share provided
 * (nine of comparable size); management organisations by the most buildings without heat (a
 * cooperative of one cold house is not the city's first worry, an УК with forty is).
 */
export type HeatingRanking = 'share' | 'withoutHeat';

/** Groups with their tallies, ranked (then by label); and the tally of them all. */
export function heatingProgress(
  buildings: Iterable<HeatingBuildingStatus>,
  ranking: HeatingRanking = 'share',
): { groups: HeatingGroupProgress[]; all: HeatingTally } {
  const groups = new Map<string | null, { label: string; tally: MutableTally }>();
  const all = emptyTally();
  for (const b of buildings) {
    let group = groups.get(b.key);
    if (!group) {
      group = { label: b.label, tally: emptyTally() };
      groups.set(b.key, group);
    }
    add(group.tally, b.status);
    add(all, b.status);
  }
  const list = [...groups].map(([key, g]) => ({ key, label: g.label, ...g.tally }));
  const rank =
    ranking === 'share'
      ? (a: HeatingTally, b: HeatingTally) => a.connected / a.total - b.connected / b.total
      : (a: HeatingTally, b: HeatingTally) => b.total - b.connected - (a.total - a.connected);
  list.sort((a, b) => rank(a, b) || a.label.localeCompare(b.label, 'ru'));
  return { groups: list, all };
}

/** «теплом обеспечено 812 из 1 160 домов». */
export function providedText(tally: Pick<HeatingTally, 'connected' | 'total'>): string {
  const n = tally.total % 100;
  const word = n % 10 === 1 && n !== 11 ? 'дома' : 'домов';
  return `теплом обеспечено ${tally.connected.toLocaleString('ru-RU')} из ${tally.total.toLocaleString('ru-RU')} ${word}`;
}
