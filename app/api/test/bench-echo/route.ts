/**
 * PUT /api/test/bench-echo (a JSON body) then GET /api/test/bench-echo — the HTTP benchmark's
 * bare route (lib/bench-routes.ts): GET answers with exactly the JSON that was PUT, with no
 * authentication and no database work. A 404 unless this process was started with
 * `scripts/server.ts --bench`.
 */
import { z } from 'zod';
import { benchEchoBody, benchRoutesEnabled, setBenchEchoBody } from '@/lib/bench-routes';
import { AppError } from '@/lib/errors';
import { NO_STORE, toErrorResponse } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';

const Body = z.string().max(2_000_000).refine((text) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}, 'not JSON');

function enabled(): void {
  if (!benchRoutesEnabled()) throw new AppError('not_found', 'No such API endpoint.');
}

export async function GET(): Promise<Response> {
  try {
    enabled();
    return new Response(benchEchoBody(), { headers: { ...NO_STORE, 'Content-Type': 'application/json' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function PUT(request: Request): Promise<Response> {
  try {
    enabled();
    setBenchEchoBody(Body.parse(await request.text()));
    return new Response(null, { status: 204, headers: NO_STORE });
  } catch (err) {
    return toErrorResponse(err);
  }
}
