// The sync routes (docs/sync-protocol.md): push, pull, snapshot and the SSE poke stream, each behind
// the bearer check (user, password generation, unrevoked workstation of the user's district), with
// the protocol's own error body (code, Russian message and what the user can do).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  reviewConflictsRequestSchema,
  reviewConflictsResponseSchema,
  snapshotPageSchema,
  snapshotRequestSchema,
  SYNC_ERROR_CODES,
  syncErrorSchema,
  type SyncError,
  type SyncErrorCode,
} from '../../shared/sync/protocol.js';
import type { Database } from '../db/database.js';
import { ServerFailure } from '../errors.js';
import type { IdentityService } from '../identity/identity-service.js';
import { sessionGuard } from '../identity/session-guard.js';
import { PokeHub } from './poke.js';
import { pull, snapshot, viewerOf } from './pull.js';
import { push, requireDevice } from './push.js';
import { isCityWide } from '../../shared/domain/roles.js';
import { notifyPoke } from './poke.js';
import { latestPosition, reviewConflicts } from './store.js';
import { SyncFailure, USER_ACTIONS } from './sync-failure.js';

export interface SyncRoutesOptions {
  readonly db: Database;
  readonly identity: IdentityService;
  readonly now: () => number;
  readonly hub: PokeHub;
}

const errors = { 400: syncErrorSchema, 401: syncErrorSchema, 403: syncErrorSchema, 409: syncErrorSchema, 410: syncErrorSchema };

export async function syncRoutes(app: FastifyInstance, options: SyncRoutesOptions): Promise<void> {
  const { db, identity, now, hub } = options;
  app.setErrorHandler(handleSyncError);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { protectedRoute, sessionOf } = sessionGuard(identity);
  const security = [{ bearer: [] }];

  api.post(
    '/sync/push',
    {
      ...protectedRoute,
      bodyLimit: 8 * 1024 * 1024,
      schema: { summary: 'Отправить операции рабочего места', security, body: pushRequestSchema, response: { 200: pushResponseSchema, ...errors } },
    },
    async (request) => push(db, { now }, sessionOf(request), request.body),
  );

  api.post(
    '/sync/pull',
    { ...protectedRoute, schema: { summary: 'Изменения после отметки, в своей области видимости', security, body: pullRequestSchema, response: { 200: pullResponseSchema, ...errors } } },
    async (request) => pull(db, sessionOf(request), request.body),
  );

  api.post(
    '/sync/snapshot',
    {
      ...protectedRoute,
      schema: { summary: 'Начальная загрузка данных, по страницам', security, body: snapshotRequestSchema, response: { 200: snapshotPageSchema, ...errors } },
      // A page is thousands of records the server has just built from its own tables: encoding each
      // through the zod schema again cost more than the query. The schema stays for the API's
      // description; the workstation checks every page against it (sync-client.ts), and the tests
      // check the server's pages.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => snapshot(db, sessionOf(request), request.body, now()),
  );

  api.post(
    '/sync/conflicts/review',
    {
      ...protectedRoute,
      schema: { summary: 'Отметить конфликты просмотренными', security, body: reviewConflictsRequestSchema, response: { 200: reviewConflictsResponseSchema, ...errors } },
    },
    async (request) => {
      const session = sessionOf(request);
      requireDevice(session);
      const { user } = session;
      if (user.role === 'admin') {
        throw new SyncFailure({ code: 'forbidden', message: 'Конфликты просматривают сотрудники районов и Департамента', userAction: USER_ACTIONS.forbidden });
      }
      const result = await reviewConflicts(db, request.body.ids, { login: user.login, district: isCityWide(user.role) ? null : user.district }, now());
      const last = result.changed.at(-1);
      if (last) {
        const districts = [...new Set(result.changed.flatMap((c) => c.districts))];
        await notifyPoke(db, db, last.serverSeq, districts);
      }
      const { latest } = await latestPosition(db);
      return { reviewed: result.reviewed, unknown: result.unknown, serverSeq: latest };
    },
  );

  api.get(
    '/sync/events',
    { ...protectedRoute, schema: { summary: 'Поток SSE: «синхронизируйтесь сейчас» (event: poke)', security } },
    async (request, reply) => {
      const session = sessionOf(request);
      requireDevice(session);
      const { latest } = await latestPosition(db);
      reply.hijack();
      hub.open(reply.raw, viewerOf(session), latest);
    },
  );
}

function handleSyncError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof SyncFailure) {
    request.log.info({ code: error.body.code, reason: error.message }, 'sync request refused');
    send(reply, error.status, error.body);
    return;
  }
  if (error instanceof ServerFailure) {
    request.log.info({ code: error.code, reason: error.message }, 'sync request refused');
    const code: SyncErrorCode = (SYNC_ERROR_CODES as readonly string[]).includes(error.code) ? (error.code as SyncErrorCode) : 'forbidden';
    if (error.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(error.retryAfterSeconds));
    send(reply, error.status, { code, message: error.userMessage, userAction: USER_ACTIONS[code], ...(error.issues ? { issues: error.issues } : {}) });
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: issue.message ?? 'Неверное значение',
    }));
    send(reply, 400, { code: 'validation', message: `Запрос синхронизации не прошёл проверку: ${issues[0]?.path ?? ''} ${issues[0]?.message ?? ''}`.trim(), userAction: USER_ACTIONS.validation, issues });
    return;
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.info({ err: error }, 'bad sync request');
    send(reply, error.statusCode, { code: 'validation', message: 'Запрос не разобран: ожидается JSON.', userAction: USER_ACTIONS.validation });
    return;
  }
  request.log.error({ err: error }, 'sync request failed');
  send(reply, 500, { code: 'internal', message: 'Внутренняя ошибка сервера при синхронизации', userAction: USER_ACTIONS.internal });
}

function send(reply: FastifyReply, status: number, body: SyncError): void {
  void reply.code(status).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

/** Creates the process's poke hub (LISTEN on the database) and the routes; the hub stops with the app. */
export async function registerSync(app: FastifyInstance, options: Omit<SyncRoutesOptions, 'hub'>): Promise<PokeHub> {
  const hub = new PokeHub(options.db);
  await hub.start();
  app.addHook('preClose', async () => {
    await hub.stop();
  });
  await app.register(syncRoutes, { ...options, hub });
  return hub;
}
