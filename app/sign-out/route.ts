/**
 * POST /sign-out: end this session at the auth server and clear its cookies (a form on our
 * own pages; the proxy refuses a cross-origin POST).
 * GET /sign-out?reason=…: where a page sends a browser whose session is already gone
 * server-side (revoked elsewhere, or the account was deleted): clears this browser's cookies
 * and explains why on sign-in. A GET never ends a live session — any site can make a browser
 * send one (an <img src>) — so with a live session it only goes back to the app.
 */
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { currentUser } from '@/lib/auth/session';
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
  const state = await currentUser();
  // Signed in, or signed in and one step short (email confirmation, TOTP): the session lives.
  if ('user' in state || state.problem === 'email_unconfirmed' || state.problem === 'mfa_required') {
    return NextResponse.redirect(`${env().appUrl}/o`, 303);
  }
  await clearAuthCookies();
  const reason = new URL(request.url).searchParams.get('reason');
  const allowed = reason === 'account_deleted' || reason === 'session_ended' ? reason : 'signed_out';
  return NextResponse.redirect(`${env().appUrl}/sign-in?reason=${allowed}`, 303);
}
