/**
 * Next.js 16 proxy (formerly middleware): refreshes the Supabase session (getClaims, new
 * cookies on this same response), and sets a CSP nonce and the security headers on every page
 * and API response. It is not the authorization layer: RLS and the route handlers are.
 *
 * It also answers, before Next routes the request, what Next itself would turn into a 500:
 * a path with broken percent-encoding (400) and a cross-origin form or server-action POST
 * (403; Next's own Origin check throws).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { errorBody, NO_STORE } from '@/lib/http/errors';
import { contentSecurityPolicy, createNonce, securityHeaders, stripeHostedOrigins } from '@/lib/security/csp';
import { refreshSession } from '@/lib/supabase/proxy';

/** The emulator's routes: the proxy only checks their encoding (handleAuthRequest sets their headers). */
const AUTH_EMULATOR = /^\/auth\/v1(\/|$)/;
const API = /^\/api(\/|$)/;

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** Does a POST come from a page of another origin? Mirrors Next's server-action check (Origin vs X-Forwarded-Host or Host), plus APP_URL. */
function crossOriginPost(request: NextRequest, appUrl: string): boolean {
  const origin = request.headers.get('origin');
  if (request.method !== 'POST' || origin === null) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // "null" (sandboxed frames, some redirects) or garbage: not us
  }
  const hosts = [request.headers.get('x-forwarded-host')?.split(',')[0]?.trim(), request.headers.get('host'), new URL(appUrl).host];
  return !hosts.includes(originHost);
}

const BAD_REQUEST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bad request · SOPwright</title></head><body><main><h1>Bad request</h1><p>This address is not valid: part of it is wrongly percent-encoded.</p><p><a href="/">Go to the home page</a></p></main></body></html>`;

function badEncoding(pathname: string): NextResponse {
  const message = 'The path is not valid percent-encoded UTF-8.';
  if (AUTH_EMULATOR.test(pathname)) {
    return NextResponse.json({ code: 'validation_failed', message }, { status: 400, headers: { 'x-sb-error-code': 'validation_failed' } });
  }
  if (API.test(pathname)) return NextResponse.json(errorBody('bad_request', message), { status: 400 });
  return new NextResponse(BAD_REQUEST_PAGE, { status: 400, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

export async function proxy(request: NextRequest) {
  const cfg = env();
  const { pathname } = request.nextUrl;
  const security = securityHeaders({ production: cfg.isProduction });
  if (!decodable(pathname)) return withHeaders(badEncoding(pathname), { ...security, ...NO_STORE });
  if (AUTH_EMULATOR.test(pathname)) return NextResponse.next();
  if (!API.test(pathname) && crossOriginPost(request, cfg.appUrl)) {
    const refused = NextResponse.json(errorBody('forbidden', 'Cross-origin form submissions are refused: submit the form from this site.'), { status: 403 });
    return withHeaders(refused, { ...security, ...NO_STORE });
  }

  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, {
    dev: !cfg.isProduction,
    connect: cfg.auth.mode === 'supabase' ? [cfg.auth.url] : [],
    formAction: cfg.billing.mode === 'stripe' ? stripeHostedOrigins(cfg.billing.apiBaseUrl) : [],
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
  // Not Cache-Control: a header set here wins over the route's (Next keeps the proxy's), and
  // the routes know better (the drafting stream's no-transform, the public OpenAPI document).
  return withHeaders(response, security);
}

export const config = {
  matcher: [
    // Everything except static assets. /auth/v1/* (the auth emulator) only has its encoding
    // checked: refreshing a session there would make the proxy call into itself in embedded mode.
    '/((?!_next/static|_next/image|favicon.ico).*)',
  ],
};
