// A refusal the server answers with: an HTTP status, a stable code, a Russian message for the user
// and, for logs, the English reason.
import type { ServerError, ServerErrorCode } from '../shared/server-api/identity.js';

const STATUS: Record<ServerErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  device_revoked: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

export class ServerFailure extends Error {
  readonly status: number;
  constructor(
    readonly code: ServerErrorCode,
    /** Russian, shown to the user. */
    readonly userMessage: string,
    options: { readonly reason?: string; readonly retryAfterSeconds?: number; readonly issues?: ServerError['issues'] } = {},
  ) {
    super(options.reason ?? userMessage);
    this.name = 'ServerFailure';
    this.status = STATUS[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.issues = options.issues;
  }
  readonly retryAfterSeconds: number | undefined;
  readonly issues: ServerError['issues'];

  toBody(): ServerError {
    return { code: this.code, message: this.userMessage, ...(this.issues ? { issues: this.issues } : {}) };
  }
}
