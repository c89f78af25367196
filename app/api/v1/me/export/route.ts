/** GET /api/v1/me/export — everything SOPwright holds about the caller, as a JSON download. */
import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { toErrorResponse } from '@/lib/http/errors';
import { collectUserExport } from '@/lib/account/export';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  try {
    const user = await requireApiUser(request);
    const data = await withUser(user.claims, (tx) => collectUserExport(tx, user));
    return new NextResponse(JSON.stringify(data, null, 2), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="sopwright-export-${new Date().toISOString().slice(0, 10)}.json"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (err) {
    return toErrorResponse(err);
  }
}
