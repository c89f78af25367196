/**
 * POST /api/test/compliance { org, follow?: [code], map?: [{ sopId, framework, clause, origin }] }
 * — the browser suite seeds the frameworks an organization follows and SOP-to-clause mappings
 * before the pages and the API that write them exist in the same build (lib/test-clock.ts:
 * a 404 unless this process was started with `scripts/server.ts --test-clock`). It writes as
 * the signed-in member, in their transaction, so RLS, the triggers (org from the SOP,
 * suggestions forced to proposed) and the audit trail apply exactly as for the real routes;
 * it can do nothing the member could not do through them.
 */
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { requireApiUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { NO_STORE, toErrorResponse } from '@/lib/http/errors';
import { ZSlug } from '@/lib/orgs/slug';
import { inOrg } from '@/lib/orgs/scope';
import { testClockEnabled } from '@/lib/test-clock';

export const dynamic = 'force-dynamic';

const Code = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/);
const Body = z
  .object({
    org: ZSlug,
    follow: z.array(Code).max(40).default([]),
    map: z.array(z.object({ sopId: z.uuid(), framework: Code, clause: z.string().min(1).max(60), origin: z.enum(['manual', 'references', 'suggested']).default('manual') }).strict()).max(200).default([]),
  })
  .strict();

export async function POST(request: Request): Promise<Response> {
  try {
    if (!testClockEnabled()) throw new AppError('not_found', 'No such API endpoint.');
    const user = await requireApiUser(request);
    const body = Body.parse(await request.json().catch(() => null));
    const ids = await inOrg(user, body.org, undefined, async ({ tx, org }) => {
      for (const code of body.follow) await tx.query('insert into public.org_frameworks (org_id, framework) values ($1, $2) on conflict do nothing', [org.id, code]);
      const out: string[] = [];
      for (const m of body.map) {
        const [row] = await tx.query<{ id: string }>('insert into public.sop_clause_mappings (sop_id, framework, clause_id, origin) values ($1, $2, $3, $4) returning id', [m.sopId, m.framework, m.clause, m.origin]);
        out.push(row!.id);
      }
      return out;
    });
    return NextResponse.json({ mappings: ids }, { status: 201, headers: NO_STORE });
  } catch (err) {
    return toErrorResponse(err);
  }
}
