/** Any /api path without a handler: a JSON 404 in the API's error shape, never an HTML page. */
import { NextResponse } from 'next/server';
import { errorBody, NO_STORE } from '@/lib/http/errors';

function notFound() {
  return NextResponse.json(errorBody('not_found', 'No such API endpoint.'), { status: 404, headers: NO_STORE });
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
