import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZVersionParam } from '@/lib/sops/api-schemas';
import { requireVersion } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  { params: ZVersionParam, doc: { summary: 'One version: content, sanitized HTML, source, model, token usage.', responses: { '200': '`{ version }`.', '404': 'Not found.' } } },
  async ({ tx, org, params }) => NextResponse.json({ version: await requireVersion(tx, org.id, params.id, params.versionId) }),
);
