import { NextResponse } from 'next/server';
import { publicRoute } from '@/lib/http/route';
import { frameworkSummaries } from '@/lib/library';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(
  { doc: { summary: 'The regulation library: frameworks with code, name, version, coverage and clause count. Public: no sign-in needed.', responses: { '200': 'Frameworks.' } } },
  async () => NextResponse.json({ frameworks: frameworkSummaries() }),
);
