/**
 * Next.js 16 proxy (formerly middleware): refreshes the Supabase session (getClaims, new
 * cookies on this same response), and sets a CSP nonce and the security headers on every page
 * and API response. It is not the authorization layer: RLS and the route handlers are.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { contentSecurityPolicy, createNonce, securityHeaders } from '@/lib/security/csp';
import { refreshSession } from '@/lib/supabase/proxy';

export async function proxy(request: NextRequest) {
  const cfg = env();
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, {
    dev: !cfg.isProduction,
    connect: cfg.auth.mode === 'supabase' ? [cfg.auth.url] : [],
  });

  const refreshed = await refreshSession(request);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // Where the user was going, for sign-in redirects made from layouts (which get no URL).
  requestHeaders.set('x-sopwright-path', request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set('Content-Security-Policy', csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const c of refreshed.cookies) response.cookies.set(c.name, c.value, c.options);
  for (const [k, v] of Object.entries(refreshed.headers)) response.headers.set(k, v);
  response.headers.set('Content-Security-Policy', csp);
  for (const [k, v] of Object.entries(securityHeaders({ production: cfg.isProduction }))) response.headers.set(k, v);
  return response;
}

export const config = {
  matcher: [
    // Everything except static assets and the auth emulator (which the proxy would otherwise
    // call into itself when refreshing a session in embedded mode).
    '/((?!_next/static|_next/image|favicon.ico|auth/v1/).*)',
  ],
};
