/**
 * One error type for the whole app. Route handlers map it once (toErrorResponse) to
 * `{ error: { code, message } }` with its HTTP status; anything else becomes a 500 with a
 * generic message, so raw Postgres/SDK messages and stack traces never reach a client.
 * API answers are never stored by a browser or a shared cache (NO_STORE).
 */
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { logError } from '@/lib/log';

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
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { status?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = options.status ?? STATUS[code];
    this.headers = options.headers ?? {};
  }
  readonly headers: Record<string, string>;
}

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function toErrorResponse(err: unknown): NextResponse {
  if (err instanceof AppError) {
    return NextResponse.json(errorBody(err.code, err.message), { status: err.status, headers: { ...NO_STORE, ...err.headers } });
  }
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
    return NextResponse.json(errorBody('validation_failed', `${where}${issue?.message ?? 'invalid input'}`), { status: 400, headers: NO_STORE });
  }
  logError('unhandled error in route handler', err);
  return NextResponse.json(errorBody('internal_error', 'Something went wrong on our side. Please try again.'), {
    status: 500,
    headers: NO_STORE,
  });
}
