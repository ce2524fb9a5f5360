// «Итоги дня» as the contract gives it: the domain's figures (shared/reports/day-summary.ts) over
// the appeals the repository gathered, with organisations' names, and the appeals behind a figure.
// Runs in the DB worker, so a drill-down never sends thousands of ids across threads.
import type Database from 'better-sqlite3';
import type { DaySummary, DaySummaryAppeals } from '../../../shared/contract/report-schemas.js';
import type { Appeal } from '../../../shared/contract/schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import {
  breakdownKey,
  dayMembers,
  NO_EXECUTOR,
  summarizeDay,
  trendFromCounts,
  type Breakdown,
  type BreakdownRow,
  type ExecutorRank,
  type SummaryFigure,
} from '../../../shared/reports/day-summary.js';
import type { SummaryDay } from '../../../shared/reports/summary-day.js';
import type { AppealsRepository } from './appeals.js';
import { DaySummaryRepository } from './day-summary.js';

export interface DaySummaryAppealsQuery {
  readonly district: District | undefined;
  readonly day: SummaryDay;
  readonly figure: SummaryFigure;
  readonly breakdown?: Breakdown | undefined;
  readonly key?: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

export class DaySummaryReport {
  private readonly gatherer: DaySummaryRepository;

  constructor(
    db: Database.Database,
    private readonly appeals: AppealsRepository,
  ) {
    this.gatherer = new DaySummaryRepository(db);
  }

  summary(district: District | undefined, day: SummaryDay, nowMs: number): DaySummary {
    const trend = trendFromCounts(this.gatherer.trendCounts(district, day), day, nowMs);
    const figures = summarizeDay(this.gatherer.gather(district, day, nowMs), day, nowMs, trend);
    const orgIds = new Set<string>();
    for (const row of figures.byExecutor) if (row.key !== NO_EXECUTOR) orgIds.add(row.key);
    for (const r of [...figures.ranking.byOverdue, ...figures.ranking.byMedianResolve]) orgIds.add(r.executorId);
    const names = this.gatherer.organisationNames([...orgIds]);
    const { controlBuildings, ...rest } = figures;
    const addresses = this.gatherer.buildingAddresses(controlBuildings.map((b) => b.buildingId));
    const controlAddresses = controlBuildings.flatMap((b) => {
      const where = addresses.get(b.buildingId);
      return where ? [{ buildingId: b.buildingId, address: where.address, district: where.district, open: b.open, overdue: b.overdue }] : [];
    });
    const plain = (rows: BreakdownRow[]) => rows.map((r) => ({ ...r, name: null }));
    const ranked = (rows: ExecutorRank[]) => rows.map((r) => ({ ...r, name: names.get(r.executorId) ?? r.executorId }));
    return {
      ...rest,
      controlAddresses,
      district: district ?? null,
      byCategory: plain(figures.byCategory),
      byChannel: plain(figures.byChannel),
      byExecutor: figures.byExecutor.map((r) => ({ ...r, name: r.key === NO_EXECUTOR ? null : (names.get(r.key) ?? r.key) })),
      ranking: { ...figures.ranking, byOverdue: ranked(figures.ranking.byOverdue), byMedianResolve: ranked(figures.ranking.byMedianResolve) },
    };
  }

  /** The appeals behind one figure (optionally one row of a breakdown), the latest received first. */
  appealsBehind(query: DaySummaryAppealsQuery, nowMs: number): DaySummaryAppeals {
    const gathered = this.gatherer.gather(query.district, query.day, nowMs);
    const byId = new Map(gathered.map((a) => [a.id, a]));
    const members = dayMembers(gathered, query.day, nowMs)[query.figure]
      .map((id) => byId.get(id))
      .filter((a) => a !== undefined)
      .filter((a) => !query.breakdown || breakdownKey(a, query.breakdown) === query.key)
      .sort((a, b) => b.receivedAt - a.receivedAt || b.id.localeCompare(a.id));
    const rows = members
      .slice(query.offset, query.offset + query.limit)
      .map((a) => this.appeals.get(a.id))
      .filter((a): a is Appeal => a !== undefined);
    return { rows, total: members.length };
  }
}
