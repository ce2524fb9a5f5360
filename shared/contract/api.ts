// The one contract between the renderer and the core. Every method is declared here once, with its
// input schema and output schema; the Electron preload and IPC handlers, the browser shell's routes
// and the renderer's client are all derived from this object.
import { z } from 'zod';
import {
  appealDetailsSchema,
  appealListSchema,
  appealSchema,
  appInfoSchema,
  buildingHitSchema,
  getAppealInput,
  listAppealsInput,
  registerAppealInput,
  searchBuildingsInput,
} from './schemas.js';
import {
  buildingCardSchema,
  controlAddressListSchema,
  getBuildingCardInput,
  importProgressSchema,
  importRegisterInput,
  importResultSchema,
  listControlAddressesInput,
  listOrganisationsInput,
  organisationListSchema,
} from './register-schemas.js';
import { workstationUserSchema } from './workstation-schemas.js';
import {
  deadlineRuleRowSchema,
  deadlineRulesListSchema,
  importCalendarInput,
  importCalendarResultSchema,
  previewDeadlinesInput,
  previewDeadlinesSchema,
  updateDeadlineRuleInput,
} from './deadline-schemas.js';
import {
  createIncidentInput,
  getIncidentInput,
  heatSourceHitSchema,
  incidentDetailsSchema,
  incidentSchema,
  incidentsAtBuildingInput,
  listIncidentsInput,
  restoreIncidentInput,
  restoreIncidentResultSchema,
  searchHeatSourcesInput,
  updateIncidentInput,
} from './incident-schemas.js';
import {
  appealActionInput,
  appealCardSchema,
  attachRepeatedCallInput,
  bulkResultSchema,
  buildingRepeatedCallsInput,
  buildingRepeatedCallsSchema,
  bulkTransferInput,
  getAppealCardInput,
  logCallInput,
} from './lifecycle-schemas.js';
import { checkAlertsOutput, dueCountsInput, dueCountsSchema, dueListSchema, listDueInput } from './alerts-schemas.js';
import { checkServerOutput, connectToServerInput, logInInput, logInOutput, serverLinkStateSchema } from './server-link-schemas.js';
import {
  listSyncConflictsInput,
  rejectedOpListSchema,
  reviewSyncItemInput,
  syncConflictListSchema,
  syncStatusSchema,
} from './sync-schemas.js';
import {
  exportJobInput,
  exportPermissionsSchema,
  exportStatusSchema,
  savedExportSchema,
  savePrintedPdfInput,
  startExportInput,
  startExportOutput,
} from './export-schemas.js';

import { daySummaryAppealsInput, daySummaryAppealsSchema, daySummaryInput, daySummarySchema } from './report-schemas.js';
import {
  buildingHeatingInput,
  buildingHeatingSchema,
  heatingImportProgressSchema,
  heatingProgressInput,
  heatingProgressSchema,
  importHeatingInput,
  importHeatingResultSchema,
  listWithoutHeatInput,
  setHeatingStatusInput,
  withoutHeatListSchema,
} from './heating-schemas.js';
import {
  carryOverInput,
  carryOverOutput,
  dayClosureInput,
  dayClosureSchema,
  dayClosuresInput,
  dayClosuresSchema,
  returnDayInput,
  signDayInput,
} from './day-closure-schemas.js';

// Messages of zod's own checks (wrong types and the like) in Russian, like ours.
z.config(z.locales.ru());

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output } as const;
}

export const apiContract = {
  appInfo: method(z.strictObject({}), appInfoSchema),
  getWorkstationUser: method(z.strictObject({}), workstationUserSchema),
  setWorkstationUser: method(
    workstationUserSchema.refine((u) => u.role === 'department' || u.role === 'admin' || u.district !== null, {
      message: 'Укажите район',
      path: ['district'],
    }),
    workstationUserSchema,
  ),
  registerAppeal: method(registerAppealInput, appealSchema),
  listAppeals: method(listAppealsInput, appealListSchema),
  getAppeal: method(getAppealInput, appealDetailsSchema),
  searchBuildings: method(searchBuildingsInput, z.array(buildingHitSchema)),
  getBuildingCard: method(getBuildingCardInput, buildingCardSchema),
  listControlAddresses: method(listControlAddressesInput, controlAddressListSchema),
  listOrganisations: method(listOrganisationsInput, organisationListSchema),
  importRegister: method(importRegisterInput, importResultSchema),
  /** Polled by the import screen while importRegister runs. */
  importProgress: method(z.strictObject({}), importProgressSchema),
  /** «Сроки и календарь»: the rules table and the stored calendar years. */
  listDeadlineRules: method(z.strictObject({}), deadlineRulesListSchema),
  /** Admin only: adds or replaces the rule of one kind × category × channel. */
  updateDeadlineRule: method(updateDeadlineRuleInput, deadlineRuleRowSchema),
  /** Admin only: production-calendar years from a CSV/JSON file; a file with errors changes nothing. */
  importCalendar: method(importCalendarInput, importCalendarResultSchema),
  /** The deadlines an appeal would get (the intake form shows them once the category is chosen). */
  previewDeadlines: method(previewDeadlinesInput, previewDeadlinesSchema),
  /** «Инциденты»: mass outages, active first. */
  listIncidents: method(listIncidentsInput, z.array(incidentSchema)),
  /** The incident card: buildings with their interruption hours, linked appeals, its events. */
  getIncident: method(getIncidentInput, incidentDetailsSchema),
  createIncident: method(createIncidentInput, incidentSchema),
  /** Planned restore time and cause, while the incident is active. */
  updateIncident: method(updateIncidentInput, incidentSchema),
  /** Heat restored: linked open appeals not yet done move to checking, in the same transaction. */
  restoreIncident: method(restoreIncidentInput, restoreIncidentResultSchema),
  /** Active incidents at an address now (the intake banner). */
  incidentsAtBuilding: method(incidentsAtBuildingInput, z.array(incidentSchema)),
  searchHeatSources: method(searchHeatSourcesInput, z.array(heatSourceHitSchema)),
  /** A workflow action (shared/domain/workflow.ts) on one appeal, refused unless the version is the one seen. */
  appealAction: method(appealActionInput, appealSchema),
  /** «Звонок заявителю»: a call to or from the applicant, logged on the appeal. */
  logCall: method(logCallInput, appealSchema),
  /** A repeated call about an open appeal: the caller joins its feedback list. */
  attachRepeatedCall: method(attachRepeatedCallInput, appealSchema),
  /** «Передать исполнителям» / «Назначить исполнителя» for many appeals; a result per appeal. */
  bulkTransfer: method(bulkTransferInput, bulkResultSchema),
  /** The appeal card: details, timeline, the actions allowed now, calls and repeated calls. */
  getAppealCard: method(getAppealCardInput, appealCardSchema),
  /** Repeated calls about the appeals of one building (the address card). */
  buildingRepeatedCalls: method(buildingRepeatedCallsInput, buildingRepeatedCallsSchema),
  /** «Сроки»: open appeals overdue, due within the hour or due today, at the core's clock. */
  listDue: method(listDueInput, dueListSchema),
  /** The counts for the badge in the app frame. */
  dueCounts: method(dueCountsInput, dueCountsSchema),
  /** Runs the deadline alert check now (it also runs every 30 s); the alerts it raised. */
  checkAlerts: method(z.strictObject({}), checkAlertsOutput),
  /** The link to the central endpoint: unset (first run), standalone, or a server and who is logged in. */
  serverLinkState: method(z.strictObject({}), serverLinkStateSchema),
  /** First run: work without a server; «Рабочее место» says who acts. */
  chooseStandalone: method(z.strictObject({}), serverLinkStateSchema),
  /** First run: check the server, log in, register this workstation; nothing is kept unless all succeed. */
  connectToServer: method(connectToServerInput, serverLinkStateSchema),
  /** Online; when the server cannot be reached, with the password of an earlier online login here. */
  logIn: method(logInInput, logInOutput),
  logOut: method(z.strictObject({}), serverLinkStateSchema),
  /** Whether the server answers now: the login screen tells an offline login in advance. */
  checkServer: method(z.strictObject({}), checkServerOutput),
  /** Sync with the server as the app frame shows it: online or not, what waits, the last sync and error. */
  syncStatus: method(z.strictObject({}), syncStatusSchema),
  /** «Синхронизировать сейчас»: one whole sync (push, then pull); the status after it. */
  syncNow: method(z.strictObject({}), syncStatusSchema),
  /** «Конфликты»: concurrent changes where one value stands and the other was kept for review. */
  listSyncConflicts: method(listSyncConflictsInput, syncConflictListSchema),
  /** Ops the server refused, with the reason and what the user can do: never dropped. */
  listRejectedOps: method(listSyncConflictsInput, rejectedOpListSchema),
  /** Marks a conflict or a rejected op as reviewed by the acting user. */
  markSyncReviewed: method(reviewSyncItemInput, syncStatusSchema),
  /** «Экспорт в Excel»: starts writing a document in the core; progress arrives as 'export' change events. */
  startExport: method(startExportInput, startExportOutput),
  /** Whether the acting user may include residents' names and phones, and why not. */
  exportPermissions: method(z.strictObject({}), exportPermissionsSchema),
  exportStatus: method(exportJobInput, exportStatusSchema),
  /** Stops a running export; nothing of its file is left. */
  cancelExport: method(exportJobInput, exportStatusSchema),
  /** Electron shell: copies the finished file into the user's Downloads folder (the browser shell downloads it over GET /exports/<jobId>). */
  saveExport: method(exportJobInput, savedExportSchema),
  /** Electron shell: «Открыть папку» shows the saved file in the file manager. */
  showExportInFolder: method(exportJobInput, z.object({})),
  /** Electron shell: the window's print view (e.g. «Сводка за день») as an A4 PDF in Downloads; refused in the browser shell, which prints itself. */
  savePrintedPdf: method(savePrintedPdfInput, savedExportSchema),
  /** «Итоги дня»: a district's or the city's figures for a Samara day (today unless named), docs/reports.md. */
  daySummary: method(daySummaryInput, daySummarySchema),
  /** The appeals behind one figure of «Итоги дня» (optionally one row of a breakdown); total equals the figure. */
  daySummaryAppeals: method(daySummaryAppealsInput, daySummaryAppealsSchema),
  /** «Отопительный сезон»: one building's status set by hand (address card, the list); docs/heating-season.md. */
  setHeatingStatus: method(setHeatingStatusInput, buildingHeatingSchema),
  /** A building's heating status, its history and whether the acting user may set it. */
  buildingHeating: method(buildingHeatingInput, buildingHeatingSchema),
  /** «Теплом обеспечено N из M домов» by district or management organisation, in the user's scope. */
  heatingProgress: method(heatingProgressInput, heatingProgressSchema),
  /** The buildings without heat (не подключён, частично, проблема; no status counts as не подключён). */
  listWithoutHeat: method(listWithoutHeatInput, withoutHeatListSchema),
  /** A supplier's CSV/XLSX «Адрес», «Статус», «Дата» (, «Причина»): all rows or none. */
  importHeating: method(importHeatingInput, importHeatingResultSchema),
  /** Polled by the import dialog while importHeating runs. */
  heatingImportProgress: method(z.strictObject({}), heatingImportProgressSchema),
  /** «Закрыть день»: open appeals carried past a day with a reason and a new control date, all or none (docs/day-closure.md). */
  carryOver: method(carryOverInput, carryOverOutput),
  /** A district's day: signed or not, its figures now and as signed, the open appeals to handle, later changes. */
  dayClosure: method(dayClosureInput, dayClosureSchema),
  /** The deputy head signs the day off once every open appeal is closed or carried over. */
  signDay: method(signDayInput, dayClosureSchema),
  /** The Department returns a signed day to its district with a reason. */
  returnDay: method(returnDayInput, dayClosureSchema),
  /** The nine districts' state of a day, for the Department. */
  dayClosures: method(dayClosuresInput, dayClosuresSchema),
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export const API_METHODS = Object.keys(apiContract) as ApiMethod[];

export type ApiInput<M extends ApiMethod> = z.input<ApiContract[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<ApiContract[M]['output']>;

/** The calls as the renderer sees them (window.api). */
export type ApiCalls = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> };

/** The implementation side: handlers receive already validated input. */
export type ApiHandlers = { [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> };

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiContract, name);
}
