// Errors as values that cross process boundaries: a stable code, a Russian message for the user,
// an English one for logs, and per-field issues for forms.
export type ApiErrorCode = 'validation' | 'not_found' | 'conflict' | 'unauthorized' | 'internal';

export interface FieldIssue {
  /** Dotted path of the input field, e.g. "buildingId". */
  readonly path: string;
  readonly message: string;
}

export interface ApiErrorData {
  readonly code: ApiErrorCode;
  /** For the user, in Russian. */
  readonly message: string;
  readonly issues?: readonly FieldIssue[];
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: readonly FieldIssue[];
  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.issues = data.issues ?? [];
  }
  toData(): ApiErrorData {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

/** What every transport (IPC, HTTP) carries back for one call. */
export type ApiEnvelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorData };
