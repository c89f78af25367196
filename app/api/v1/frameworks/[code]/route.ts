import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { publicRoute } from '@/lib/http/route';
import { frameworkDetail, getFramework } from '@/lib/library';
import { MAX_QUERY_LENGTH, searchFramework } from '@/lib/library/search';

export const dynamic = 'force-dynamic';

const ZCode = z.object({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'A framework code is upper-case letters, digits and dashes, e.g. ISO9001 (GET /api/v1/frameworks lists them).'),
});
const ZQuery = z.object({ q: z.string().max(MAX_QUERY_LENGTH, `q: at most ${MAX_QUERY_LENGTH} characters.`).optional() });

export const GET = publicRoute(
  {
    params: ZCode,
    query: ZQuery,
    doc: {
      summary: 'One framework of the regulation library with its clauses (id, title, group heading, withdrawn with its replacement, keywords). `q` keeps only the clauses whose id or title contains every word of it. Public: no sign-in needed.',
      responses: { '200': 'The framework.', '400': 'Not a framework code, or q too long.', '404': 'No framework has this code.' },
    },
  },
  async ({ params, query }) => {
    const f = getFramework(params.code);
    if (!f) throw new AppError('not_found', `No framework has the code ${params.code}: GET /api/v1/frameworks lists them.`);
    const q = query.q?.trim();
    return NextResponse.json({ framework: frameworkDetail(f, q ? searchFramework(f, q) : f.clauses), ...(q && { query: q }) });
  },
);
