/**
 * POST /api/test/clock { seconds } — the browser suite moves the database clock (lib/test-clock.ts).
 * A 404 unless this process was started with `scripts/server.ts --test-clock`.
 */
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { asService } from '@/lib/db/service';
import { AppError } from '@/lib/errors';
import { NO_STORE, toErrorResponse } from '@/lib/http/errors';
import { clockFunctionSql, testClockEnabled } from '@/lib/test-clock';

export const dynamic = 'force-dynamic';

const TEN_YEARS = 10 * 366 * 24 * 3600;
const Body = z.object({ seconds: z.number().int().min(-TEN_YEARS).max(TEN_YEARS) }).strict();

export async function POST(request: Request): Promise<Response> {
  try {
    if (!testClockEnabled()) throw new AppError('not_found', 'No such API endpoint.');
    const body = Body.parse(await request.json().catch(() => null));
    const [row] = await asService(async (tx) => {
      await tx.query(clockFunctionSql(body.seconds));
      return tx.query<{ now: Date }>('select private.clock() as now');
    });
    return NextResponse.json({ now: new Date(row!.now).toISOString() }, { headers: NO_STORE });
  } catch (err) {
    return toErrorResponse(err);
  }
}
