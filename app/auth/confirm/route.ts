/**
 * Where email links land after the auth server has checked them: exchange the PKCE code for
 * a session (cookies set on this response), then go on to `next` (a same-site path only).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { safeNextPath } from '@/lib/auth/redirects';
import { env } from '@/lib/env';
import { createClient } from '@/lib/supabase/server';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const url = request.nextUrl;
  const base = env().appUrl;
  const next = safeNextPath(url.searchParams.get('next')) ?? '/o';
  const code = url.searchParams.get('code');
  const errorCode = url.searchParams.get('error_code');
  if (errorCode || !code) {
    return NextResponse.redirect(`${base}/sign-in?error=${encodeURIComponent(errorCode ?? 'otp_expired')}`, 303);
  }
  const supabase = await createClient();
  const { error } = await supabase.auth.exchangeCodeForSession(code);
  if (error) return NextResponse.redirect(`${base}/sign-in?error=${encodeURIComponent(error.code ?? 'otp_expired')}`, 303);
  return NextResponse.redirect(`${base}${next}`, 303);
}
