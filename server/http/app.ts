// The central endpoint's HTTP surface: Fastify with every route's input validated by its zod schema
// (Russian messages per field), errors answered as ServerError, the OpenAPI document generated from
// the same schemas, and a bearer-token check (user, password generation, workstation) on every
// protected route.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  deviceIdParams,
  deviceSchema,
  healthOutput,
  loginInput,
  loginOutput,
  meOutput,
  refreshInput,
  refreshOutput,
  registerDeviceInput,
  serverErrorSchema,
  type ServerError,
} from '../../shared/server-api/identity.js';
import type { Database } from '../db/database.js';
import { ServerFailure } from '../errors.js';
import type { IdentityService } from '../identity/identity-service.js';
import { sessionGuard } from '../identity/session-guard.js';
import { registerSync } from '../sync/routes.js';

export interface AppOptions {
  readonly db: Database;
  readonly identity: IdentityService;
  /** Structured logs; none in tests. */
  readonly logger?: Logger;
  /** Behind a load balancer: trust its X-Forwarded-For for the client address (rate limits). */
  readonly trustProxy?: boolean | string;
  /** The server's clock for sync (clock check, official numbers); Date.now unless a test moves it. */
  readonly now?: () => number;
}

const errors = {
  400: serverErrorSchema,
  401: serverErrorSchema,
  403: serverErrorSchema,
  429: serverErrorSchema,
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, identity } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((_request, reply) => {
    sendError(reply, 404, { code: 'not_found', message: 'Такого адреса нет на сервере.' });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Контроль обращений — центральный сервер', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  const { protectedRoute, sessionOf } = sessionGuard(identity);

  api.get('/healthz', { schema: { summary: 'Сервер и база данных в порядке', response: { 200: healthOutput, 503: serverErrorSchema } } }, async (_request, reply) => {
    try {
      const { rows } = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      return { status: 'ok' as const, database: db.kind, schemaVersion: rows[0]?.version ?? 0 };
    } catch (error) {
      app.log.error({ err: error }, 'health check: database unavailable');
      return reply.code(503).send({ code: 'internal', message: 'База данных недоступна.' });
    }
  });

  api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  api.post(
    '/auth/login',
    { schema: { summary: 'Вход: логин, пароль и рабочее место', body: loginInput, response: { 200: loginOutput, ...errors } } },
    async (request) => identity.login(request.body, request.ip),
  );

  api.post(
    '/auth/refresh',
    { schema: { summary: 'Новая пара токенов по токену обновления', body: refreshInput, response: { 200: refreshOutput, ...errors } } },
    async (request) => identity.refresh(request.body.refreshToken),
  );

  api.post(
    '/auth/logout',
    { schema: { summary: 'Завершить сеанс токена обновления', body: refreshInput, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await identity.logout(request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/me',
    { ...protectedRoute, schema: { summary: 'Пользователь и рабочее место сеанса', security: [{ bearer: [] }], response: { 200: meOutput, ...errors } } },
    async (request) => identity.me(sessionOf(request)),
  );

  api.post(
    '/devices/register',
    {
      ...protectedRoute,
      schema: {
        summary: 'Зарегистрировать рабочее место (один раз)',
        security: [{ bearer: [] }],
        body: registerDeviceInput,
        response: { 200: deviceSchema, 201: deviceSchema, 409: serverErrorSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { device, created } = await identity.registerDevice(sessionOf(request), request.body);
      return reply.code(created ? 201 : 200).send(device);
    },
  );

  api.post(
    '/devices/:id/revoke',
    {
      ...protectedRoute,
      schema: {
        summary: 'Отключить рабочее место (администратор, Департамент)',
        security: [{ bearer: [] }],
        params: deviceIdParams,
        response: { 200: deviceSchema, 404: serverErrorSchema, ...errors },
      },
    },
    async (request) => identity.revokeDevice(sessionOf(request), request.params.id),
  );

  await registerSync(app, { db, identity, now: options.now ?? Date.now });

  return app;
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ServerFailure) {
    request.log.info({ code: error.code, reason: error.message }, 'request refused');
    if (error.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(error.retryAfterSeconds));
    sendError(reply, error.status, error.toBody());
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => {
      const keys = (issue.params as { keys?: unknown }).keys;
      const message = issue.keyword === 'unrecognized_keys' && Array.isArray(keys) ? `Лишние поля: ${keys.join(', ')}` : (issue.message ?? 'Неверное значение');
      return { path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'), message };
    });
    sendError(reply, 400, { code: 'validation', message: `Проверьте данные: ${issues[0]?.message ?? 'неверный запрос'}`, issues });
    return;
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own refusals: a body that is not JSON, too large, a wrong content type.
    request.log.info({ err: error }, 'bad request');
    sendError(reply, error.statusCode, { code: 'validation', message: 'Запрос не разобран: ожидается JSON.' });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  sendError(reply, 500, { code: 'internal', message: 'Внутренняя ошибка сервера. Повторите позже.' });
}

function sendError(reply: FastifyReply, status: number, body: ServerError): void {
  // Errors bypass the routes' response serializers: one shape for every status.
  void reply.code(status).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}
