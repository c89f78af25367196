import { NextResponse } from 'next/server';
import { collectUserExport } from '@/lib/account/export';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ doc: { summary: 'Everything SOPwright holds about you, as a JSON download.', responses: { '200': 'The export.' } } }, async ({ user }) => {
  const data = await withUser(user.claims, (tx) => collectUserExport(tx, user));
  const filename = `sopwright-export-${new Date().toISOString().slice(0, 10)}.json`;
  return new NextResponse(JSON.stringify(data, null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` } });
});
