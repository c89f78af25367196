/** GET /api/health — is the database reachable, and which migration is it on. No secrets. */
import { NextResponse } from 'next/server';
import { describeModes } from '@/lib/env';
import { getDb } from '@/lib/db/connection';
import { latestMigration } from '@/lib/db/migrate';
import { logError } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function GET() {
  const started = performance.now();
  try {
    const db = await getDb();
    await db.transaction((tx) => tx.query('select 1'));
    const latest = await latestMigration(db);
    return NextResponse.json(
      {
        status: 'ok',
        database: { ok: true, kind: db.kind, latestMigration: latest, latencyMs: Math.round(performance.now() - started) },
        modes: describeModes(),
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (err) {
    logError('health check failed', err);
    return NextResponse.json(
      { status: 'error', database: { ok: false }, error: { code: 'database_unavailable', message: 'The database is not reachable.' } },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
