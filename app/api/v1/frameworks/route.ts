/** GET /api/v1/frameworks — the regulation library's frameworks (code, name, version, clause count). */
import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/route';
import { frameworkSummaries } from '@/lib/library';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({}, async () => NextResponse.json({ frameworks: frameworkSummaries() }));
