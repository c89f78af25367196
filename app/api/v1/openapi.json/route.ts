/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 document (public), built from the route modules and their zod schemas. */
import { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { apiDocument } from '../routes';

// Dynamic: the server URL in the document is this deployment's APP_URL at run time.
export const dynamic = 'force-dynamic';

export function GET() {
  return NextResponse.json(apiDocument(env().appUrl), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
