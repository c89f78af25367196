/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 document (public), generated from its zod schemas. */
import { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { openApiDocument } from '@/lib/http/openapi';

// Dynamic: the server URL in the document is this deployment's APP_URL at run time.
export const dynamic = 'force-dynamic';

export function GET() {
  return NextResponse.json(openApiDocument(env().appUrl), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
