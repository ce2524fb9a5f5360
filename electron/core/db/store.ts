// The local store as the DB worker exposes it: every request the core can make of the database,
// one method each. Commands run in one transaction with their audit event and their outbox op.
import type { DaySignOffState } from '../../../shared/exports/day-summary-document.js';
import { dayClosureId } from '../../../shared/sync/apply-day-closure.js';
import { DayClosureRows } from '../repositories/day-closure-rows.js';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../../../shared/contract/errors.js';
import type { BuildingCard, ControlAddress, Organisation, OrganisationKind } from '../../../shared/contract/register-schemas.js';
import type { DeadlineAlert } from '../../../shared/contract/alert-event-schema.js';
import type { DueCounts, DueList } from '../../../shared/contract/alerts-schemas.js';
import type { WorkstationUser } from '../../../shared/contract/workstation-schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import type {
  Appeal,
  AppealDetails,
  AppealList,
  BuildingHit,
  RegisterAppealInput,
} from '../../../shared/contract/schemas.js';
import { defaultPriority } from '../../../shared/domain/appeal-vocabulary.js';
import { deadlinesByKind } from '../../../shared/domain/deadline-rules.js';
import { provisionalNumber } from '../../../shared/domain/registration-number.js';
import { endOfSamaraDay, samaraYear } from '../../../shared/domain/samara-time.js';
import { AddressSearchRepository } from '../repositories/address-search.js';
import { AppealsRepository, type AppealFilter, type AppealQuery, type NewAppeal } from '../repositories/appeals.js';
import { AppealExportRepository, type AppealExportPage, type AppealExportPageQuery } from '../repositories/appeal-export.js';
import type { BuildingRecord, HeatSourceRecord, OrganisationRecord } from '../../../shared/domain/register-records.js';
import { BuildingsRepository } from '../repositories/buildings.js';
import { ControlRepository, type ControlQuery } from '../repositories/control.js';
import { DeviceRepository } from '../repositories/device.js';
import { DeadlinesRepository } from '../repositories/deadlines.js';
import type { AppealDeadlineInput, DeadlineRule } from '../../../shared/domain/deadline-rules.js';
import { deadlineProgress } from '../../../shared/domain/deadline-progress.js';
import type { AppealDeadlineView, DeadlineRuleRow, DeadlineRulesList, ImportCalendarResult } from '../../../shared/contract/deadline-schemas.js';
import {
  LifecycleRepository,
  type AppealActionCommand,
  type BulkTransferCommand,
  type LogCallCommand,
  type RepeatedCallCommand,
} from '../repositories/lifecycle.js';
import type { Actor } from '../../../shared/domain/roles.js';
import { DueRepository, type DueQuery } from '../repositories/due.js';
import { DaySummaryReport, type DaySummaryAppealsQuery } from '../repositories/day-summary-report.js';
import type { SummaryDay } from '../../../shared/reports/summary-day.js';
import { OutboxRepository } from '../repositories/outbox.js';
import { DemoSeedRepository, type SeedAppealHistory, type SeedControl, type SeedIncident } from '../repositories/demo-seed.js';
import { IncidentsRepository, type CreateIncidentCommand, type RestoreIncidentCommand, type UpdateIncidentCommand } from '../repositories/incidents.js';
import { SyncRepository, type PagePosition } from '../repositories/sync.js';
import { HeatingRepository, type HeatingStatusChange, type WithoutHeatQuery } from '../repositories/heating.js';
import { DayClosureRepository, type CarryOverCommand, type ReturnDayCommand, type SignDayCommand } from '../repositories/day-closure.js';
import type { BuildingHeating } from '../../../shared/contract/heating-schemas.js';
import { heatingRefusal } from '../../../shared/heating/heating-rights.js';
import type { Change, OpAnswer } from '../../../shared/sync/protocol.js';
import { LATEST_SCHEMA_VERSION } from './migrate.js';
import { withStatementCache } from './statement-cache.js';

type ControlAddressList = { rows: ControlAddress[]; total: number };

export interface RegisterAppealCommand {
  readonly input: Required<Pick<RegisterAppealInput, 'buildingId' | 'applicantName' | 'channel' | 'category' | 'description'>> &
    Pick<RegisterAppealInput, 'flat' | 'applicantPhone' | 'receivedAt' | 'priority'>;
  readonly userId: string;
  readonly nowMs: number;
}

export class LocalStore {
  private readonly device: DeviceRepository;
  private readonly outbox: OutboxRepository;
  private readonly appeals: AppealsRepository;
  private readonly buildings: BuildingsRepository;
  private readonly control: ControlRepository;
  private readonly addressSearch: AddressSearchRepository;
  private readonly deadlines: DeadlinesRepository;
  private readonly incidents: IncidentsRepository;
  private readonly lifecycle: LifecycleRepository;
  private readonly due: DueRepository;
  private readonly daySummaryReport: DaySummaryReport;
  private readonly demoSeed: DemoSeedRepository;
  private readonly sync: SyncRepository;
  private readonly appealExport: AppealExportRepository;
  /** Also the heating import's (db/worker.ts): its changes go to the outbox like the hand-set ones. */
  readonly heating: HeatingRepository;
  private readonly dayClosureRows: DayClosureRows;
  private readonly closing: DayClosureRepository;

  constructor(private readonly db: Database.Database) {
    this.device = new DeviceRepository(db);
    this.outbox = new OutboxRepository(db, this.device);
    this.appeals = new AppealsRepository(db);
    this.buildings = new BuildingsRepository(db);
    this.control = new ControlRepository(db);
    this.addressSearch = new AddressSearchRepository(db);
    this.deadlines = new DeadlinesRepository(db);
    this.incidents = new IncidentsRepository(db, this.device, this.appeals, this.outbox);
    this.lifecycle = new LifecycleRepository(db, this.appeals, this.outbox);
    this.due = new DueRepository(db);
    this.daySummaryReport = new DaySummaryReport(db, this.appeals);
    this.demoSeed = new DemoSeedRepository(db);
    // Applying a pulled page prepares its statements per change: remembered, not compiled again.
    this.sync = new SyncRepository(withStatementCache(db), this.device);
    this.appealExport = new AppealExportRepository(db);
    this.heating = new HeatingRepository(db, this.outbox);
    this.closing = new DayClosureRepository(db, this.appeals, this.outbox, this.daySummaryReport);
    this.dayClosureRows = new DayClosureRows(db);
  }

  /** The local user as stated in «Рабочее место», or null before the first time. */
  getWorkstationUser(): WorkstationUser | null {
    const row = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'workstation_user'").get();
    return row ? (JSON.parse(row.value) as WorkstationUser) : null;
  }

  setWorkstationUser(user: WorkstationUser): WorkstationUser {
    this.db
      .prepare("INSERT INTO meta(key, value) VALUES ('workstation_user', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify(user));
    return user;
  }

  deviceInfo(): { deviceId: string; workstationCode: string; schemaVersion: number } {
    return { deviceId: this.device.deviceId, workstationCode: this.device.code, schemaVersion: LATEST_SCHEMA_VERSION };
  }

  registerAppeal(cmd: RegisterAppealCommand): Appeal {
    const { input, userId, nowMs } = cmd;
    const building = this.buildings.get(input.buildingId);
    if (!building) {
      throw new ApiError({
        code: 'validation',
        message: 'Адрес не найден в реестре: выберите его из списка',
        issues: [{ path: 'buildingId', message: 'Адрес не найден в реестре' }],
      });
    }
    const receivedAt = input.receivedAt ?? nowMs;
    if (receivedAt > nowMs + 5 * 60_000) {
      throw new ApiError({
        code: 'validation',
        message: 'Время поступления не может быть в будущем',
        issues: [{ path: 'receivedAt', message: 'Время поступления не может быть в будущем' }],
      });
    }
    const id = uuidv7({ msecs: nowMs });
    const priority = input.priority ?? defaultPriority(input.category);
    // Every deadline from the rules table and the production calendar (repositories/deadlines.ts);
    // they stay as computed now, whatever the rules say later.
    const deadlines = this.deadlines.compute({ receivedAt, category: input.category, priority, channel: input.channel });
    const at = deadlinesByKind(deadlines);
    return this.db
      .transaction(() => {
        const appeal: NewAppeal = {
          id,
          number: provisionalNumber(samaraYear(receivedAt), this.device.code, this.device.nextCounter('appeal_number')),
          buildingId: building.id,
          district: building.district,
          flat: input.flat ?? '',
          applicantName: input.applicantName,
          applicantPhone: input.applicantPhone ?? '',
          channel: input.channel,
          category: input.category,
          priority,
          description: input.description,
          status: 'registered',
          executorOrgId: null,
          receivedAt,
          registeredAt: nowMs,
          registeredBy: userId,
          deadlineAt: at.resolution ?? endOfSamaraDay(receivedAt),
          reactionDeadlineAt: at.reaction,
          checkDeadlineAt: at.check,
          feedbackDeadlineAt: at.feedback,
          answerDeadlineAt: at.answer,
        };
        this.appeals.insert(appeal);
        // The rules each deadline came from, as they were: the card shows them.
        const rules = deadlines.filter((d) => d.at !== null).map(({ kind, amount, unit, source }) => ({ kind, amount, unit, source }));
        this.appeals.appendEvent(id, 'registered', nowMs, userId, { number: appeal.number, channel: appeal.channel, deadlineRules: rules });
        this.outbox.append(
          { command: 'register_appeal', entityType: 'appeal', entityId: id, baseVersion: 0, userId, payload: appeal },
          nowMs,
        );
        // Mass outages: an appeal at a building with an active incident is linked to it.
        this.incidents.linkAtIntake(id, building.id, receivedAt, nowMs, userId);
        const created = this.appeals.get(id);
        if (!created) throw new Error(`appeal ${id} vanished inside its own transaction`);
        return created;
      })
      .immediate();
  }

  /** A workflow action: decided and applied in one transaction (repositories/lifecycle.ts). */
  applyAppealAction(cmd: AppealActionCommand): Appeal {
    return this.lifecycle.apply(cmd);
  }

  logCall(cmd: LogCallCommand): Appeal {
    return this.lifecycle.logCall(cmd);
  }

  attachRepeatedCall(cmd: RepeatedCallCommand): Appeal {
    return this.lifecycle.attachRepeatedCall(cmd);
  }

  bulkTransfer(cmd: BulkTransferCommand) {
    return this.lifecycle.bulkTransfer(cmd);
  }

  getAppealCard(id: string, actor: Actor, nowMs: number) {
    return { ...this.lifecycle.card(id, actor), deadlines: this.appealDeadlines(id, nowMs) };
  }

  /** The card's deadlines: each applicable one with its state (shared/domain/deadline-progress.ts) and its rule. */
  private appealDeadlines(id: string, nowMs: number): AppealDeadlineView[] {
    const details = this.appeals.details(id);
    const stored = this.appeals.deadlines(id);
    if (!details || !stored) throw new ApiError({ code: 'not_found', message: 'Обращение не найдено' });
    const { appeal, events } = details;
    const recorded = (events.find((e) => e.type === 'registered')?.data['deadlineRules'] ?? []) as { kind: string; source: string }[];
    const current = this.deadlines.compute(appeal);
    return deadlineProgress(stored.status, stored, events, nowMs).map((p) => {
      const own = recorded.find((r) => r.kind === p.kind);
      return {
        ...p,
        source: own?.source ?? current.find((c) => c.kind === p.kind)?.source ?? '',
        sourceIsCurrent: own === undefined,
      };
    });
  }

  buildingRepeatedCalls(buildingId: string): number {
    return this.lifecycle.buildingRepeatedCalls(buildingId);
  }

  /** «Сроки и календарь»: the rules table and the calendar years stored. */
  listDeadlineRules(): DeadlinesList {
    return this.deadlines.list();
  }

  /** Adds or replaces one deadline rule: the admin only. */
  updateDeadlineRule(rule: DeadlineRule, actor: { userId: string; role: string }, nowMs: number): DeadlineRuleRow {
    requireAdmin(actor.role, 'менять правила сроков');
    return this.deadlines.upsert(rule, actor.userId, nowMs);
  }

  /** Imports production-calendar years from a calendar file (parseCalendarFile reads its format): the admin only; a file with errors changes nothing. */
  importCalendar(text: string, source: string, actor: { role: string }): ImportCalendarResult {
    requireAdmin(actor.role, 'загружать производственный календарь');
    return this.deadlines.importCalendar(text, source);
  }

  /** The deadlines an appeal would get, for the intake form. */
  previewDeadlines(input: AppealDeadlineInput) {
    return this.deadlines.compute(input);
  }

  listAppeals(query: AppealQuery): AppealList {
    return this.appeals.list(query);
  }

  /** How many appeals a document export of the list will write. */
  countAppealsForExport(filter: AppealFilter): number {
    return this.appealExport.count(filter);
  }

  /** One page of the list for a document export, after the previous page's cursor. */
  appealsForExport(query: AppealExportPageQuery): AppealExportPage {
    return this.appealExport.page(query);
  }

  getAppeal(id: string): AppealDetails {
    const details = this.appeals.details(id);
    if (!details) throw new ApiError({ code: 'not_found', message: 'Обращение не найдено' });
    return details;
  }

  /** Ranked, typo-tolerant search as you type (repositories/address-search.ts). */
  searchBuildings(query: string, limit: number): BuildingHit[] {
    return this.addressSearch.search(query, limit);
  }

  /**
   * Rebuilds the address search index at once. Search notices changed buildings by itself (a
   * counter kept by triggers), so this only spares the next keystroke the rebuild: call it after
   * an import.
   */
  refreshAddressIndex(): { buildings: number; ms: number } {
    return this.addressSearch.refresh();
  }

  getBuildingCard(id: string, nowMs: number = Date.now()): BuildingCard {
    const details = this.buildings.details(id);
    if (!details) throw new ApiError({ code: 'not_found', message: 'Дом не найден в реестре' });
    const { appeals, openCount, totalCount } = this.appeals.forBuilding(id, 200);
    return {
      building: details.building,
      managementOrg: this.buildings.organisation(details.managementOrgId),
      heatSupplier: this.buildings.organisation(details.heatSupplierOrgId),
      onControl: openCount > 0,
      openCount,
      totalCount,
      appeals,
      history: this.incidents.buildingHistory(id, nowMs),
    };
  }

  createIncident(cmd: CreateIncidentCommand) {
    return this.incidents.create(cmd);
  }

  updateIncident(cmd: UpdateIncidentCommand) {
    return this.incidents.update(cmd);
  }

  /** Restores heat: the incident and its linked appeals in one transaction (repositories/incidents.ts). */
  restoreIncident(cmd: RestoreIncidentCommand) {
    return this.incidents.restore(cmd);
  }

  listIncidents(query: { activeOnly: boolean; limit: number }) {
    return this.incidents.list(query);
  }

  getIncident(id: string, nowMs: number) {
    return this.incidents.details(id, nowMs);
  }

  incidentsAtBuilding(buildingId: string, nowMs: number) {
    return this.incidents.activeAtBuilding(buildingId, nowMs);
  }

  searchHeatSources(query: string, limit: number) {
    return this.incidents.searchHeatSources(query, limit);
  }

  listControlAddresses(query: ControlQuery): ControlAddressList {
    return this.control.list(query);
  }

  /** «Итоги дня» of a district (or the city: undefined) for a Samara day, as of nowMs (docs/reports.md). */
  daySummary(district: District | undefined, day: SummaryDay, nowMs: number) {
    return this.daySummaryReport.summary(district, day, nowMs);
  }

  /** The appeals behind one figure of «Итоги дня». */
  daySummaryAppeals(query: DaySummaryAppealsQuery, nowMs: number) {
    return this.daySummaryReport.appealsBehind(query, nowMs);
  }

  /** «Закрыть день»: carries open appeals over (repositories/day-closure.ts), all or none. */
  carryOver(cmd: CarryOverCommand) {
    return this.closing.carryOver(cmd);
  }

  /** «Закрыть день»: a district's day as the deputy head sees it. */
  dayClosure(district: District, day: SummaryDay, actor: Actor, nowMs: number) {
    return this.closing.view(district, day, actor, nowMs);
  }

  signDay(cmd: SignDayCommand) {
    return this.closing.sign(cmd);
  }

  returnDay(cmd: ReturnDayCommand) {
    return this.closing.returnDay(cmd);
  }

  /** The nine districts' state of a day, for the Department. */
  dayClosures(day: SummaryDay, actor: Actor) {
    return this.closing.states(day, actor);
  }

  /** The sign-off of a district's day as «Сводка за день» states it (null: not signed). */
  daySignOff(district: District, date: string): DaySignOffState | null {
    const record = this.dayClosureRows.get(dayClosureId(district, date));
    if (!record) return null;
    const f = record.fields;
    return { signedBy: f.signedBy, signedAt: f.signedAt, comment: f.comment || null, returnedReason: f.state === 'returned' ? f.returnReason : null };
  }

  /** «Сроки»: open appeals in one deadline bucket at nowMs (repositories/due.ts). */
  listDue(query: DueQuery, nowMs: number): DueList {
    return { ...this.due.list(query, nowMs), now: nowMs };
  }

  dueCounts(district: District | undefined, nowMs: number): DueCounts {
    return { ...this.due.counts(district, nowMs), now: nowMs };
  }

  /** Records and returns the deadline alerts not raised before (once per appeal and kind). */
  raiseDeadlineAlerts(district: District | undefined, nowMs: number): DeadlineAlert[] {
    return this.due.raiseAlerts(district, nowMs);
  }

  listOrganisations(query: { kinds?: readonly OrganisationKind[] | undefined; district?: District | undefined }): Organisation[] {
    return this.buildings.organisations(query.kinds, query.district);
  }

  buildingCount(): number {
    return this.buildings.count();
  }

  pendingOps(limit: number) {
    return this.outbox.pending(limit);
  }

  // ——— sync (repositories/sync.ts, electron/core/sync/) ———

  /** The oldest pending ops with what each saw (`seenServerSeq`), to push. */
  syncPushBatch(limit: number) {
    return this.sync.pushBatch(limit);
  }

  syncRecordAnswers(answers: readonly OpAnswer[], actor: Actor, nowMs: number) {
    return this.sync.recordAnswers(answers, actor, nowMs);
  }

  /** One pulled page (or snapshot page) in one transaction, pending ops replayed over it. */
  syncApplyPage(changes: readonly Change[], position: PagePosition, actor: Actor, nowMs: number) {
    return this.sync.applyPage(changes, position, actor, nowMs);
  }

  /** Pending ops stamped while the clock was ahead, restamped once it is set right (repositories/sync.ts). */
  syncRestampIfAhead(nowMs: number, toleranceMs: number): number {
    return this.sync.restampIfAhead(nowMs, toleranceMs);
  }

  syncForgetCursor(): void {
    this.sync.forgetCursor();
  }

  syncCounts() {
    return this.sync.counts();
  }

  syncNoteResult(nowMs: number, error: { message: string; userAction: string } | null): void {
    this.sync.noteSyncResult(nowMs, error);
  }

  listSyncConflicts(includeReviewed: boolean) {
    return this.sync.listConflicts(includeReviewed);
  }

  listRejectedOps(includeReviewed: boolean) {
    return this.sync.listRejected(includeReviewed);
  }

  markSyncReviewed(kind: 'conflict' | 'rejected', id: string, by: string, nowMs: number): boolean {
    return this.sync.markReviewed(kind, id, by, nowMs);
  }

  /** Conflict reviews made here that the server has not taken yet. */
  syncPendingReviews(limit: number): string[] {
    return this.sync.pendingReviews(limit);
  }

  syncReviewsSent(ids: readonly string[]): void {
    this.sync.reviewsSent(ids);
  }

  // ——— the heating season (repositories/heating.ts, docs/heating-season.md) ———

  /** One building's status set by hand, refused unless the actor may set it there. */
  setHeatingStatus(change: HeatingStatusChange, actor: Actor): BuildingHeating {
    const building = this.heating.building(change.buildingId);
    if (!building) throw new ApiError({ code: 'not_found', message: 'Дом не найден в реестре' });
    const refusal = heatingRefusal(actor, building.district);
    if (refusal) throw new ApiError({ code: 'unauthorized', message: refusal.message });
    const source = change.source;
    if (source === 'demo') throw new ApiError({ code: 'validation', message: 'Источник «demo» только у демонстрационных данных' });
    this.db.transaction(() => this.heating.applyLocalChange({ ...change, source })).immediate();
    return this.buildingHeating(change.buildingId, actor);
  }

  buildingHeating(buildingId: string, actor: Actor): BuildingHeating {
    const building = this.heating.building(buildingId);
    if (!building) throw new ApiError({ code: 'not_found', message: 'Дом не найден в реестре' });
    const refusal = heatingRefusal(actor, building.district);
    return {
      buildingId,
      current: this.heating.current(buildingId),
      history: this.heating.history(buildingId, 50),
      permission: { canSet: refusal === null, refusal: refusal?.message ?? null },
    };
  }

  /** Every building of the scope with its group and status; the figures are shared/heating's. */
  heatingStatuses(groupBy: 'district' | 'organisation', district: District | undefined) {
    return this.heating.statuses(groupBy, district);
  }

  listWithoutHeat(query: WithoutHeatQuery) {
    return this.heating.withoutHeat(query);
  }

  /** The demo's statuses, in one transaction through the one write; no ops, like `seed`. */
  seedHeatingStatuses(changes: readonly HeatingStatusChange[]): void {
    this.db.transaction(() => {
      for (const change of changes) this.heating.applyChange(change);
    })();
  }

  /** Loads reference data and historic appeals in bulk (demo data, benchmarks); no ops are written. */
  seed(data: {
    organisations?: readonly OrganisationRecord[];
    heatSources?: readonly HeatSourceRecord[];
    buildings?: readonly BuildingRecord[];
    appeals?: readonly NewAppeal[];
    /** Appeals with their whole history (the demo): the row, then its events, version and last change. */
    stories?: readonly { readonly appeal: NewAppeal; readonly history: SeedAppealHistory }[];
    /** After every appeal: mass outages with their links and events, then the addresses' periods on control. */
    incidents?: readonly SeedIncident[];
    control?: SeedControl;
  }): void {
    if (data.stories) this.demoSeed.largeCache();
    this.db.transaction(() => {
      this.buildings.addOrganisations(data.organisations ?? []);
      this.buildings.addHeatSources(data.heatSources ?? []);
      this.buildings.addBuildings(data.buildings ?? []);
      for (const a of data.appeals ?? []) {
        this.appeals.insert(a.reactionDeadlineAt === undefined ? this.withRuleDeadlines(a) : a);
        this.appeals.appendEvent(a.id, 'registered', a.registeredAt, a.registeredBy, { number: a.number, channel: a.channel });
      }
      // Each appeal's events go in before its row (foreign keys checked at commit), so the row's
      // insert triggers see its whole history once rather than each event updating the row.
      if (data.stories) this.db.pragma('defer_foreign_keys = ON');
      for (const { appeal: a, history } of data.stories ?? []) {
        this.demoSeed.events(history);
        this.appeals.insert(a.reactionDeadlineAt === undefined ? this.withRuleDeadlines(a) : a);
        this.demoSeed.version(history);
      }
      if (data.incidents) this.demoSeed.incidents(data.incidents);
      if (data.control) this.demoSeed.control(data.control);
    })();
  }

  /** A loaded appeal without its other deadlines gets them from the rules, as at registration. */
  private withRuleDeadlines(a: NewAppeal): NewAppeal {
    const at = deadlinesByKind(this.deadlines.compute(a));
    return { ...a, reactionDeadlineAt: at.reaction, checkDeadlineAt: at.check, feedbackDeadlineAt: at.feedback, answerDeadlineAt: at.answer };
  }

  /** Bumps when another connection (another process) has committed since the last call. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  checkpointAndClose(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

type DeadlinesList = DeadlineRulesList;

function requireAdmin(role: string, what: string): void {
  if (role !== 'admin') throw new ApiError({ code: 'unauthorized', message: `Только администратор может ${what}` });
}
