/**
 * The routes under /api/jobs that a scheduler calls in hosted mode (e.g. Vercel Cron, which
 * calls GET), guarded by `Authorization: Bearer $CRON_SECRET`, compared in constant time.
 * Without CRON_SECRET configured they are disabled (404); a missing or wrong token is 401.
 */
import { timingSafeEqual } from 'node:crypto';
import { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { toErrorResponse } from './errors';

function authorized(request: Request, secret: string): boolean {
  const got = Buffer.from(request.headers.get('authorization') ?? '');
  const want = Buffer.from(`Bearer ${secret}`);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The handler of one job's route: checks the bearer token, runs the job, answers what it did as JSON (or the Response it made). */
export function cronRoute(job: () => Promise<unknown>) {
  return async function run(request: Request): Promise<Response> {
    try {
      const secret = env().cronSecret;
      if (!secret) throw new AppError('not_found', 'No such API endpoint.');
      if (!authorized(request, secret)) throw new AppError('unauthorized', 'A valid job token is required.');
      const result = await job();
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
