/**
 * The app's one error type, owned by the domain: services throw AppError(code, message) with
 * a message written for people; lib/http maps it once to `{ error: { code, message } }` and
 * its status, and form actions show the message. Nothing here knows about HTTP frameworks.
 *
 * Database refusals are translated once per call site with databaseError(): the SQLSTATEs a
 * statement can raise by design (42501 RLS/privilege, 23505 unique, 23514 check, P0001 a
 * guard's raise) map to the AppError the caller names; anything else is rethrown unchanged,
 * so an unexpected database failure stays a 500 with a generic message.
 */

export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payment_required'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable'
  | 'internal_error';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  payment_required: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
};

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Extra fields of the error body beside code and message, for clients to act on (e.g. which factor to ask for again). */
  readonly details: Record<string, string>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { status?: number; headers?: Record<string, string>; details?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = options.status ?? STATUS[code];
    this.headers = options.headers ?? {};
    this.details = options.details ?? {};
  }
}

/** The SQLSTATE of a database error ('23505', '42501' …), if it is one (PGlite and postgres.js alike). */
export function pgErrorCode(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

/** The AppError a database error stands for at this call site, or the error itself when it is not one of them. */
export function databaseError(err: unknown, known: Partial<Record<string, AppError>>): unknown {
  const code = pgErrorCode(err);
  return (code && known[code]) || err;
}
