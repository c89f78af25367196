/**
 * The signing routes' answers to a refused ceremony: the usual `{ error: { code, message } }`,
 * plus `needs` on a 401 (which factor to ask for again: 'password' or 'totp') and `lockedUntil`
 * on a 423 (ISO 8601 UTC, also sent as Retry-After), so that a client can act on them.
 */
import 'server-only';
import { NextResponse } from 'next/server';
import { NO_STORE } from '@/lib/http/errors';
import { DocumentControlError } from './errors';

export async function withRefusalDetails(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof DocumentControlError) || !(err.needs || err.lockedUntil)) throw err;
    const extra = err.needs ? { needs: err.needs } : { lockedUntil: err.lockedUntil };
    return NextResponse.json({ error: { code: err.code, message: err.message, ...extra } }, { status: err.status, headers: { ...NO_STORE, ...err.headers } });
  }
}
