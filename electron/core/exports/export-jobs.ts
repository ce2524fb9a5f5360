// Export jobs: a document is written in the core, off the UI, into DATA/exports/<job>.xlsx.part and
// renamed to <job>.xlsx only once complete, so a cancelled, failed or crashed export never leaves a
// half file under the final name (and the .part files of a crash are removed at the next start).
// Progress goes out as 'export' change events and through exportStatus; the shells hand the file on.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ApiOutput, ApiParsedInput } from '../../../shared/contract/api.js';
import { ApiError } from '../../../shared/contract/errors.js';
import type { ExportDocument, ExportPermissions, ExportStatus, SavedExport } from '../../../shared/contract/export-schemas.js';
import type { ChangeEvent } from '../../../shared/contract/schemas.js';
import { ROLE_LABELS, type Actor } from '../../../shared/domain/roles.js';
import { seesPersonalData } from '../../../shared/sync/personal-data.js';
import type { DbClient } from '../db/db-client.js';
import type { Logger } from '../log.js';
import { prepareAppealsWorkbook } from './appeals-workbook.js';
import { prepareDaySummaryWorkbook, type DaySignOffSource, type DaySummarySource } from './day-summary-workbook.js';
import type { PreparedDocument } from './document.js';
import { prepareHeatingWorkbook, type HeatingSource } from './heating-workbook.js';

/** Progress events at most this often: the dialog's bar needs no more, and every event crosses to the renderer. */
const PROGRESS_EVENT_MS = 200;
/** Finished jobs kept (with their files) for «Скачать»; older ones are forgotten and their files removed. */
const KEPT_JOBS = 10;

export interface ExportServiceOptions {
  readonly db: DbClient;
  /** DATA/exports: emptied at start, since jobs live only as long as the core. */
  readonly dir: string;
  readonly actor: () => Actor;
  readonly clock: () => number;
  readonly announce: (event: ChangeEvent) => void;
  readonly log: Logger;
  /** Electron shell: the user's Downloads folder, where «Скачать» copies the file. */
  readonly downloadsDir?: string | undefined;
  /** Electron shell: shows a file in the system's file manager («Открыть папку»). */
  readonly revealFile?: ((path: string) => void) | undefined;
  /** «Сводка за день» takes its figures from «Итоги дня» itself (ReportsService.daySummary). */
  readonly daySummary: DaySummarySource;
  /** «Сводка за день»: a district's sign-off of the day, once «Закрыть день» provides it; absent: «нет сведений». */
  readonly daySignOff?: DaySignOffSource | undefined;
  /** «Отопительный сезон»: the heating service's progress and list, in the user's scope. */
  readonly heating: HeatingSource;
}

interface Job {
  readonly id: string;
  readonly document: ExportDocument;
  state: ExportStatus['state'];
  written: number;
  readonly total: number;
  readonly fileName: string;
  error?: string;
  readonly file: string;
  readonly abort: AbortController;
  done: Promise<void>;
  savedPath?: string;
}

export class ExportService {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly options: ExportServiceOptions) {
    rmSync(options.dir, { recursive: true, force: true });
    mkdirSync(options.dir, { recursive: true });
  }

  /** The rule of shared/sync/personal-data.ts: only roles that talk to residents get their names and phones. */
  permissions(): ExportPermissions {
    const { role } = this.options.actor();
    return seesPersonalData(role)
      ? { mayIncludePersonalData: true, reason: null }
      : {
          mayIncludePersonalData: false,
          reason: `Роль «${ROLE_LABELS[role]}» не даёт права выгружать ФИО и телефоны заявителей: это персональные данные (152-ФЗ).`,
        };
  }

  async start(input: ApiParsedInput<'startExport'>): Promise<ApiOutput<'startExport'>> {
    const actor = this.options.actor();
    const allowed = this.permissions();
    if (input.document === 'appeals' && input.includePersonalData && allowed.reason !== null) {
      throw new ApiError({ code: 'unauthorized', message: `${allowed.reason} Снимите отметку «Включить ФИО и телефоны заявителей».` });
    }
    if ([...this.jobs.values()].some((j) => j.state === 'running')) {
      throw new ApiError({ code: 'conflict', message: 'Выгрузка уже идёт: дождитесь её окончания или отмените её' });
    }
    const prepared = await this.prepare(input);
    const id = randomUUID();
    const job: Job = {
      id,
      document: input.document,
      state: 'running',
      written: 0,
      total: prepared.total,
      fileName: prepared.fileName,
      file: join(this.options.dir, `${id}.xlsx`),
      abort: new AbortController(),
      done: Promise.resolve(),
    };
    this.jobs.set(id, job);
    this.forgetOldJobs();
    this.options.log.info({ jobId: id, document: input.document, total: job.total, personalData: input.document === 'appeals' && input.includePersonalData, by: actor.userId }, 'export started');
    job.done = this.run(job, prepared);
    this.announce(job);
    return { jobId: id };
  }

  /** The document module of each kind of document. */
  private prepare(input: ApiParsedInput<'startExport'>): Promise<PreparedDocument> {
    switch (input.document) {
      case 'appeals':
        return prepareAppealsWorkbook(this.options.db, {
          filters: input.filters,
          withPersonalData: input.includePersonalData,
          nowMs: this.options.clock(),
        });
      case 'day_summary':
        return prepareDaySummaryWorkbook(this.options.daySummary, this.options.daySignOff, {
          day: input.day,
          district: input.district,
          actor: this.options.actor(),
          nowMs: this.options.clock(),
        });
      case 'heating':
        return prepareHeatingWorkbook(
          this.options.heating,
          { district: input.district, managementOrgId: input.managementOrgId, status: input.status },
          this.options.clock(),
        );
    }
  }

  status(input: ApiParsedInput<'exportStatus'>): Promise<ApiOutput<'exportStatus'>> {
    return Promise.resolve(toStatus(this.job(input.jobId)));
  }

  async cancel(input: ApiParsedInput<'cancelExport'>): Promise<ApiOutput<'cancelExport'>> {
    const job = this.job(input.jobId);
    if (job.state === 'running') {
      job.abort.abort();
      await job.done;
    }
    return toStatus(job);
  }

  /** The finished file of a job, for the browser shell's download route; null unless it is done. */
  finishedFile(jobId: string): { path: string; fileName: string } | null {
    const job = this.jobs.get(jobId);
    return job && job.state === 'done' && existsSync(job.file) ? { path: job.file, fileName: job.fileName } : null;
  }

  /** Electron shell: copies the finished file into Downloads under its Russian name, never over another file. */
  save(input: ApiParsedInput<'saveExport'>): Promise<SavedExport> {
    const { downloadsDir } = this.options;
    if (!downloadsDir) {
      throw new ApiError({ code: 'conflict', message: 'Здесь файл сохраняется кнопкой «Скачать» браузера' });
    }
    const job = this.finishedJob(input.jobId);
    mkdirSync(downloadsDir, { recursive: true });
    const target = freeName(downloadsDir, job.fileName);
    copyFileSync(job.file, target);
    job.savedPath = target;
    this.options.log.info({ jobId: job.id, path: target }, 'export saved');
    return Promise.resolve({ path: target, fileName: basename(target) });
  }

  showInFolder(input: ApiParsedInput<'showExportInFolder'>): Promise<Record<string, never>> {
    const job = this.finishedJob(input.jobId);
    if (!job.savedPath || !this.options.revealFile) {
      throw new ApiError({ code: 'conflict', message: 'Файл ещё не сохранён в папку «Загрузки»' });
    }
    this.options.revealFile(job.savedPath);
    return Promise.resolve({});
  }

  /** Core shutdown: running jobs stop and remove their files. */
  async stop(): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => j.state === 'running');
    for (const job of running) job.abort.abort();
    await Promise.all(running.map((j) => j.done));
  }

  private async run(job: Job, prepared: PreparedDocument): Promise<void> {
    const part = `${job.file}.part`;
    let lastEvent = 0;
    try {
      await prepared.write({
        file: part,
        signal: job.abort.signal,
        onProgress: ({ written }) => {
          job.written = written;
          const now = Date.now();
          if (now - lastEvent >= PROGRESS_EVENT_MS) {
            lastEvent = now;
            this.announce(job);
          }
        },
      });
      if (job.abort.signal.aborted) {
        rmSync(part, { force: true });
        job.state = 'cancelled';
        this.options.log.info({ jobId: job.id, written: job.written }, 'export cancelled');
      } else {
        renameSync(part, job.file);
        job.state = 'done';
        this.options.log.info({ jobId: job.id, written: job.written }, 'export done');
      }
    } catch (err) {
      rmSync(part, { force: true });
      job.state = 'failed';
      job.error = err instanceof ApiError ? err.message : 'Не удалось записать файл; подробности в журнале';
      this.options.log.error({ err, jobId: job.id }, 'export failed');
    }
    this.announce(job);
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new ApiError({ code: 'not_found', message: 'Выгрузка не найдена: возможно, программа была перезапущена. Запустите выгрузку снова.' });
    return job;
  }

  private finishedJob(jobId: string): Job {
    const job = this.job(jobId);
    if (job.state !== 'done') throw new ApiError({ code: 'conflict', message: 'Файл ещё не готов' });
    return job;
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEPT_JOBS))) {
      rmSync(job.file, { force: true });
      this.jobs.delete(job.id);
    }
  }

  private announce(job: Job): void {
    this.options.announce({ entity: 'export', ids: [job.id] });
  }
}

function toStatus(job: Job): ExportStatus {
  return {
    jobId: job.id,
    document: job.document,
    state: job.state,
    written: job.written,
    total: job.total,
    fileName: job.fileName,
    ...(job.error ? { error: job.error } : {}),
  };
}

/** «name.xlsx», or «name (2).xlsx» and so on when the folder already has one. */
export function freeName(dir: string, fileName: string): string {
  const ext = extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? fileName : `${stem} (${n})${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}
