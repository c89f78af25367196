/**
 * Where email links land (lib/auth/confirm.ts says how each shape is checked). With this
 * browser's PKCE verifier: exchange the code for a session (cookies set on this response) and
 * go on to `next` (a same-site path only). A sign-up link opened in another browser confirms
 * the address and asks the person to sign in; it never signs that browser in.
 */
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { authCodeExists, confirmedElsewhereUrl, confirmWithoutSession, hasCodeVerifier, OTHER_BROWSER_ERRORS } from '@/lib/auth/confirm';
import { safeNextPath } from '@/lib/auth/redirects';
import { env } from '@/lib/env';
import { supabaseConfig } from '@/lib/supabase/config';
import { createClient } from '@/lib/supabase/server';

export const dynamic = 'force-dynamic';

const redirect = (to: string) => NextResponse.redirect(to, 303);

export async function GET(request: NextRequest) {
  const url = request.nextUrl;
  const base = env().appUrl;
  const rawNext = safeNextPath(url.searchParams.get('next'));
  const next = rawNext ?? '/o';
  const signup = url.searchParams.get('flow') === 'signup';
  // Only for prefilling the sign-in form (never shown as what was confirmed).
  const hinted = z.email().max(255).safeParse(url.searchParams.get('email'));
  const emailHint = hinted.success ? hinted.data : undefined;
  const signInError = (code: string) => redirect(`${base}/sign-in?error=${encodeURIComponent(code)}`);

  // Supabase's SSR template: ?token_hash=…&type=signup
  const tokenHash = url.searchParams.get('token_hash');
  const type = url.searchParams.get('type');
  if (tokenHash && (type === 'signup' || type === 'email')) {
    const names = (await cookies()).getAll().map((c) => c.name);
    if (hasCodeVerifier(names)) {
      // This browser started a sign-up: let the auth server's link and the PKCE exchange decide.
      const back = new URL(`${base}/auth/confirm`);
      back.searchParams.set('flow', 'signup');
      if (emailHint) back.searchParams.set('email', emailHint);
      if (rawNext) back.searchParams.set('next', rawNext);
      const verify = new URL(`${supabaseConfig().url}/auth/v1/verify`);
      verify.search = new URLSearchParams({ token: tokenHash, type, redirect_to: back.toString() }).toString();
      return redirect(verify.toString());
    }
    const confirmed = await confirmWithoutSession(tokenHash, type);
    if ('error' in confirmed) return signInError(confirmed.error);
    return redirect(confirmedElsewhereUrl(base, confirmed.email, rawNext));
  }

  const code = url.searchParams.get('code');
  const errorCode = url.searchParams.get('error_code');
  if (errorCode || !code) return signInError(errorCode ?? 'otp_expired');
  const supabase = await createClient();
  const { error } = await supabase.auth.exchangeCodeForSession(code);
  if (!error) return redirect(`${base}${next}`);
  // Opened elsewhere (or after the 5-minute exchange window): the auth server confirmed the
  // address before it revealed this code. Say so, once the code is known to be real.
  if (signup && OTHER_BROWSER_ERRORS.has(error.code ?? '') && (error.code !== 'pkce_code_verifier_not_found' || (await authCodeExists(code)))) {
    return redirect(confirmedElsewhereUrl(base, emailHint, rawNext));
  }
  return signInError(error.code ?? 'otp_expired');
}
