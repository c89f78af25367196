/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 document (public), generated from its zod schemas. */
import { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { openApiDocument } from '@/lib/http/openapi';

export const dynamic = 'force-static';

export function GET() {
  return NextResponse.json(openApiDocument(env().appUrl), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
