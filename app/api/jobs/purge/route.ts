/**
 * POST /api/jobs/purge — the scheduled purge for hosted mode (e.g. a Vercel cron), guarded by
 * `Authorization: Bearer $CRON_SECRET`. Without CRON_SECRET configured it is disabled (404).
 */
import { timingSafeEqual } from 'node:crypto';
import { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { asService } from '@/lib/db/service';
import { AppError } from '@/lib/errors';
import { toErrorResponse } from '@/lib/http/errors';
import { purgeDeletedAccounts } from '@/lib/jobs/purge';

export const dynamic = 'force-dynamic';

function authorized(request: Request, secret: string): boolean {
  const got = Buffer.from(request.headers.get('authorization') ?? '');
  const want = Buffer.from(`Bearer ${secret}`);
  return got.length === want.length && timingSafeEqual(got, want);
}

async function run(request: Request) {
  try {
    const secret = env().cronSecret;
    if (!secret) throw new AppError('not_found', 'No such API endpoint.');
    if (!authorized(request, secret)) throw new AppError('unauthorized', 'A valid job token is required.');
    return NextResponse.json(await purgeDeletedAccounts(asService));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export const POST = run;
export const GET = run; // Vercel Cron calls GET
