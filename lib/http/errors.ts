/**
 * The HTTP side of lib/errors: route handlers map every error once (toErrorResponse) to
 * `{ error: { code, message } }` with its status; anything that is not an AppError or a
 * ZodError becomes a 500 with a generic message, so raw Postgres/SDK messages and stack
 * traces never reach a client.
 * API answers are never stored by a browser or a shared cache (NO_STORE).
 */
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { AppError } from '@/lib/errors';
import { logError } from '@/lib/log';

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

export function errorBody(code: string, message: string, details: Record<string, string> = {}) {
  return { error: { ...details, code, message } };
}

export function toErrorResponse(err: unknown): NextResponse {
  if (err instanceof AppError) {
    return NextResponse.json(errorBody(err.code, err.message, err.details), { status: err.status, headers: { ...NO_STORE, ...err.headers } });
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
