import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZDiffQuery, ZSopParam } from '@/lib/sops/api-schemas';
import { diffContents } from '@/lib/sops/diff';
import { requireVersion } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  { params: ZSopParam, query: ZDiffQuery, doc: { summary: 'Section-by-section diff of two versions (line and word level).', responses: { '200': '`{ from, to, diff }`.' } } },
  async ({ tx, org, params, query }) => {
    const from = await requireVersion(tx, org.id, params.id, query.from);
    const to = await requireVersion(tx, org.id, params.id, query.to);
    return NextResponse.json({ from: from.label, to: to.label, diff: diffContents(from.content, to.content) });
  },
);
