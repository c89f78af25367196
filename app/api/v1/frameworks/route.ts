import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/route';
import { frameworkSummaries } from '@/lib/library';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ doc: { summary: 'The regulation library: frameworks with code, name, version and clause count.', responses: { '200': 'Frameworks.' } } }, async () =>
  NextResponse.json({ frameworks: frameworkSummaries() }),
);
