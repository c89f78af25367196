/**
 * Security headers for every response the proxy touches. Scripts run only from our origin
 * with this request's nonce ('strict-dynamic' lets Next's nonce'd loader pull its chunks);
 * no inline or eval'd script in production. `next dev` needs eval for React's dev tooling and
 * a websocket for HMR, so those two are added in development only.
 *
 * form-action also covers where a form submission is redirected (Chrome enforces it): a form
 * submitted before hydration, or without JavaScript, posts to our server action, which
 * answers with a redirect to Stripe's hosted Checkout or portal, so those origins are listed
 * when billing is on (`formAction`).
 */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; connect?: string[]; formAction?: string[] }): string {
  const connect = ["'self'", ...(opts.connect ?? []), ...(opts.dev ? ['ws:', 'wss:'] : [])];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': connect,
    'frame-ancestors': ["'none'"],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'", ...(opts.formAction ?? [])],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** Where Stripe's hosted Checkout and customer portal live (or the one origin of a Stripe-compatible fake). */
export function stripeHostedOrigins(apiBaseUrl: string | undefined): string[] {
  return apiBaseUrl ? [new URL(apiBaseUrl).origin] : ['https://checkout.stripe.com', 'https://billing.stripe.com'];
}

export function securityHeaders(opts: { production: boolean }): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(opts.production ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload' } : {}),
  };
}
