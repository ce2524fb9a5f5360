// The core: one Node library behind both shells and the CLI. It opens the local database in its
// worker, builds the services, and answers contract calls arriving from any transport.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type ApiHandlers, isApiMethod } from '../../shared/contract/api.js';
import { ApiError, type ApiEnvelope } from '../../shared/contract/errors.js';
import type { AppInfo, ChangeEvent } from '../../shared/contract/schemas.js';
import { parseApiInput } from '../../shared/contract/validate.js';
import type { WorkstationUser } from '../../shared/contract/workstation-schemas.js';
import type { Actor } from '../../shared/domain/roles.js';
import pkg from '../../package.json' with { type: 'json' };
import { DbClient } from './db/db-client.js';
import { createLogger, type Logger } from './log.js';
import { AddressService } from './services/address-service.js';
import { AlertsService } from './services/alerts-service.js';
import { AppealsService } from './services/appeals-service.js';
import { DeadlinesService } from './services/deadlines-service.js';
import { ExportService } from './exports/export-jobs.js';
import { savePrintedPdf } from './exports/printed-pdf.js';
import { HeatingService } from './services/heating-service.js';
import { LifecycleService } from './services/lifecycle-service.js';
import { IncidentsService } from './services/incidents-service.js';
import { RegisterService } from './services/register-service.js';
import { ReportsService } from './services/reports-service.js';
import { DayClosureService } from './services/day-closure-service.js';
import { ServerLinkService } from './services/server-link-service.js';
import { FileSecretStore, type SecretStore } from './server-link/secret-store.js';
import { ServerLink } from './server-link/server-link.js';
import { SyncService } from './sync/sync-service.js';

export interface CoreOptions {
  readonly dataDir: string;
  readonly shell: AppInfo['shell'];
  /** Who works at this workstation when «Рабочее место» has not been filled in (tests, the CLI). */
  readonly operator?: string;
  /** The acting user for tests and the CLI; otherwise the one stated in «Рабочее место». */
  readonly actor?: Actor;
  /** Injectable time, for tests that move the clock. */
  readonly clock?: () => number;
  readonly nativeBinding?: string;
  readonly workerScript?: string;
  readonly log?: Logger;
  /** Where server tokens and offline-login verifiers are kept: safeStorage in Electron; by default 0600 files in DATA/secrets. */
  readonly secrets?: SecretStore;
  /** Electron shell: the Downloads folder, where a finished export is saved (electron/core/exports/). */
  readonly downloadsDir?: string;
  /** Electron shell: shows a saved file in the file manager. */
  readonly revealFile?: (path: string) => void;
  /** Electron shell: the main window's page as an A4 PDF («Сводка за день» → «Сохранить PDF»). */
  readonly printToPdf?: () => Promise<Uint8Array>;
}

export interface Core {
  readonly handlers: ApiHandlers;
  /** Validates and runs one contract call from an untrusted transport; never throws. */
  call(method: string, input: unknown): Promise<ApiEnvelope<unknown>>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  readonly db: DbClient;
  readonly log: Logger;
  /** Who acts now: role and district decide what the workflow allows. */
  actor(): Actor;
  /** The link to the central endpoint (the sync client takes its access token here). */
  readonly serverLink: ServerLink;
  /** Sync with the central endpoint (electron/core/sync/): runs by itself except in the CLI. */
  readonly sync: SyncService;
  /** Document exports; the browser shell serves their finished files. */
  readonly exports: ExportService;
  close(): Promise<void>;
}

const BACKUP_CHECK_MS = 60 * 60 * 1000;

export const DATABASE_FILE = 'appeals.sqlite';

export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? createLogger(options.dataDir, 'core');
  const clock = options.clock ?? Date.now;
  const events = new EventEmitter();
  const announce = (event: ChangeEvent) => events.emit('change', event);

  const db = await DbClient.open({
    file: join(options.dataDir, DATABASE_FILE),
    backupDir: join(options.dataDir, 'backups'),
    nativeBinding: options.nativeBinding,
    workerScript: options.workerScript,
    log,
    onExternalChange: () => announce({ entity: 'appeal', ids: [] }),
  });
  const device = await db.call('deviceInfo');
  let user: WorkstationUser = (await db.call('getWorkstationUser')) ?? {
    name: options.actor?.userId ?? options.operator ?? 'Оператор',
    role: options.actor?.role ?? 'operator',
    district: options.actor?.district ?? null,
  };
  const serverLink = new ServerLink({
    dataDir: options.dataDir,
    secrets: options.secrets ?? new FileSecretStore(join(options.dataDir, 'secrets')),
    deviceId: device.deviceId,
    deviceName: user.name,
    now: clock,
    onSessionEnded: () => announce({ entity: 'serverLink', ids: [] }),
    onSessionStarted: () => announce({ entity: 'serverLink', ids: [] }),
  });
  const link = new ServerLinkService(serverLink, announce, log);
  const workstationActor = (): Actor => ({ userId: user.name, role: user.role, district: user.district });
  // Connected to a server: the logged-in server user; standalone: «Рабочее место» (docs/server.md).
  const actor = (): Actor => options.actor ?? link.serverActor() ?? workstationActor();
  /** For the alert check, which runs while nobody is logged in too: it only reads the district. */
  const scopeActor = (): Actor => {
    const state = link.state();
    if (options.actor) return options.actor;
    return state.mode === 'server' && state.user ? actor() : workstationActor();
  };
  log.info({ dataDir: options.dataDir, shell: options.shell, deviceId: device.deviceId }, 'core started');

  const runBackup = () =>
    db.call('backup', clock()).then(
      (file) => file && log.info({ file }, 'daily backup written'),
      (err: unknown) => log.error({ err }, 'daily backup failed'),
    );
  let backupInFlight = runBackup();
  const backupTimer = setInterval(() => {
    backupInFlight = runBackup();
  }, BACKUP_CHECK_MS);
  backupTimer.unref();

  const appeals = new AppealsService(db, () => actor().userId, clock, announce);
  const addresses = new AddressService(db);
  const deadlines = new DeadlinesService(db, actor, clock, announce);
  const register = new RegisterService(db, announce, clock);
  const incidents = new IncidentsService(db, actor, clock, announce);
  const lifecycle = new LifecycleService(db, actor, clock, announce);
  const alerts = new AlertsService(db, scopeActor, clock, announce, log);
  const reports = new ReportsService(db, scopeActor, clock);
  const heating = new HeatingService(db, actor, clock, announce);
  const dayClosure = new DayClosureService(db, actor, clock, announce);
  const sync = new SyncService({ db, deviceId: device.deviceId, serverLink, actor, clock, log, announce });
  events.on('change', (event: ChangeEvent) => sync.observe(event));
  const exportJobs = new ExportService({
    db,
    dir: join(options.dataDir, 'exports'),
    actor,
    clock,
    announce,
    log,
    downloadsDir: options.downloadsDir,
    revealFile: options.revealFile,
    daySummary: (input) => reports.daySummary(input),
    // «Закрыть день»: the district's sign-off goes on the summary's first sheet.
    daySignOff: (district, date) => db.call('daySignOff', district, date),
    heating: { progress: (groupBy) => heating.progressBy({ groupBy }), withoutHeat: (input) => heating.withoutHeat(input) },
  });

  const handlers: ApiHandlers = {
    appInfo: () =>
      Promise.resolve({
        version: pkg.version,
        schemaVersion: device.schemaVersion,
        dataDir: options.dataDir,
        deviceId: device.deviceId,
        workstationCode: device.workstationCode,
        operator: scopeActor().userId,
        shell: options.shell,
      }),
    getWorkstationUser: () => Promise.resolve(user),
    setWorkstationUser: async (input) => {
      user = await db.call('setWorkstationUser', input);
      // The acting user changed: every screen (and the frame's user) asks again, as after a login.
      announce({ entity: 'serverLink', ids: [] });
      return user;
    },
    registerAppeal: (input) => appeals.register(input),
    listAppeals: (input) => appeals.list(input),
    getAppeal: (input) => appeals.get(input),
    searchBuildings: (input) => addresses.search(input),
    getBuildingCard: (input) => register.card(input),
    listControlAddresses: (input) => register.controlAddresses(input),
    listOrganisations: (input) => register.organisations(input),
    importRegister: (input) => register.importFile(input),
    importProgress: () => Promise.resolve(register.importProgress()),
    listDeadlineRules: () => deadlines.list(),
    updateDeadlineRule: (input) => deadlines.update(input),
    importCalendar: (input) => deadlines.importCalendar(input),
    previewDeadlines: (input) => deadlines.preview(input),
    listIncidents: (input) => incidents.list(input),
    getIncident: (input) => incidents.get(input),
    createIncident: (input) => incidents.create(input),
    updateIncident: (input) => incidents.update(input),
    restoreIncident: (input) => incidents.restore(input),
    incidentsAtBuilding: (input) => incidents.atBuilding(input),
    searchHeatSources: (input) => incidents.searchHeatSources(input),
    appealAction: (input) => lifecycle.action(input),
    logCall: (input) => lifecycle.logCall(input),
    attachRepeatedCall: (input) => lifecycle.attachRepeatedCall(input),
    bulkTransfer: (input) => lifecycle.bulkTransfer(input),
    getAppealCard: (input) => lifecycle.card(input),
    buildingRepeatedCalls: (input) => lifecycle.buildingRepeatedCalls(input),
    listDue: (input) => alerts.listDue(input),
    dueCounts: (input) => alerts.dueCounts(input),
    checkAlerts: () => alerts.check(),
    serverLinkState: () => Promise.resolve(link.state()),
    chooseStandalone: () => Promise.resolve(link.chooseStandalone()),
    connectToServer: (input) => link.connect(input),
    logIn: (input) => link.logIn(input),
    logOut: () => link.logOut(),
    checkServer: () => link.checkServer(),
    syncStatus: () => sync.status(),
    syncNow: () => sync.syncNow(),
    listSyncConflicts: (input) => sync.conflicts(input),
    listRejectedOps: (input) => sync.rejected(input),
    markSyncReviewed: (input) => sync.markReviewed(input),
    daySummary: (input) => reports.daySummary(input),
    daySummaryAppeals: (input) => reports.daySummaryAppeals(input),
    startExport: (input) => exportJobs.start(input),
    exportPermissions: () => Promise.resolve(exportJobs.permissions()),
    exportStatus: (input) => exportJobs.status(input),
    cancelExport: (input) => exportJobs.cancel(input),
    saveExport: (input) => exportJobs.save(input),
    showExportInFolder: (input) => exportJobs.showInFolder(input),
    savePrintedPdf: (input) => savePrintedPdf({ downloadsDir: options.downloadsDir, printToPdf: options.printToPdf, log }, input),
    setHeatingStatus: (input) => heating.set(input),
    buildingHeating: (input) => heating.building(input),
    heatingProgress: (input) => heating.progressBy(input),
    listWithoutHeat: (input) => heating.withoutHeat(input),
    importHeating: (input) => heating.importFile(input),
    heatingImportProgress: () => Promise.resolve(heating.importProgress()),
    carryOver: (input) => dayClosure.carryOver(input),
    dayClosure: (input) => dayClosure.dayClosure(input),
    signDay: (input) => dayClosure.signDay(input),
    returnDay: (input) => dayClosure.returnDay(input),
    dayClosures: (input) => dayClosure.dayClosures(input),
  };

  // The CLI shows no alerts, so it must not mark them as raised.
  if (options.shell !== 'cli') alerts.start();
  if (options.shell !== 'cli') sync.start();

  async function call(method: string, input: unknown): Promise<ApiEnvelope<unknown>> {
    try {
      if (!isApiMethod(method)) throw new ApiError({ code: 'not_found', message: `Неизвестный метод: ${method}` });
      const parsed = parseApiInput(method, input);
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed) };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toData() };
      log.error({ err: error, method }, 'call failed');
      return { ok: false, error: { code: 'internal', message: 'Внутренняя ошибка программы; подробности в журнале' } };
    }
  }

  return {
    handlers,
    call,
    onChange(listener) {
      events.on('change', listener);
      return () => events.off('change', listener);
    },
    db,
    log,
    actor,
    serverLink,
    sync,
    exports: exportJobs,
    async close() {
      clearInterval(backupTimer);
      await exportJobs.stop();
      await sync.stop();
      await alerts.stop();
      await backupInFlight;
      await db.close();
      log.info('core stopped');
    },
  };
}

