/**
 * POST /sign-out: end this session at the auth server and clear its cookies.
 * GET /sign-out?reason=…: only clears this browser's cookies (the session is already gone
 * server-side: revoked elsewhere, or the account was deleted) and explains why on sign-in.
 */
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { AUTH_COOKIE_NAME } from '@/lib/supabase/config';
import { createClient } from '@/lib/supabase/server';

export const dynamic = 'force-dynamic';

async function clearAuthCookies() {
  const store = await cookies();
  for (const c of store.getAll()) if (c.name.startsWith(AUTH_COOKIE_NAME)) store.delete(c.name);
}

export async function POST() {
  const supabase = await createClient();
  await supabase.auth.signOut({ scope: 'local' });
  await clearAuthCookies();
  return NextResponse.redirect(`${env().appUrl}/sign-in?reason=signed_out`, 303);
}

export async function GET(request: Request) {
  const reason = new URL(request.url).searchParams.get('reason');
  await clearAuthCookies();
  const allowed = reason === 'account_deleted' || reason === 'session_ended' ? reason : 'signed_out';
  return NextResponse.redirect(`${env().appUrl}/sign-in?reason=${allowed}`, 303);
}
