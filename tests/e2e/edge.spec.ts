/**
 * The edge of the app over HTTP against the production build: which client address the
 * server sees, the headers of every answer, cookies, sign-out, the local mailbox, and the
 * requests that used to answer 500 before any handler ran.
 */
import { expect, test, type APIResponse, type Browser } from '@playwright/test';
import { PASSWORD, signIn, signUpAndConfirm, uniqueEmail } from './support/auth';
import { createOrg } from './support/orgs';
import { hiddenFields, multipart, ownLoopbackAddress, randomIp, rawRequest } from './support/http';

const AUTH_HEADERS = { 'X-Supabase-Api-Version': '2024-01-01', apikey: 'sb_publishable_sopwright_embedded' };
const AUTH_COOKIE = 'sb-sopwright-auth-token';
/** Seven days: the session lifetime (lib/supabase/config.ts SESSION_LIFETIME_SECONDS). */
const SESSION_LIFETIME_SECONDS = 7 * 24 * 3600;

/** Every header a client could send to pass for another address, each with a fresh random value. */
function spoofedAddressHeaders(): Record<string, string> {
  return {
    'x-forwarded-for': `${randomIp()}, ${randomIp()}`,
    'x-real-ip': randomIp(),
    'cf-connecting-ip': randomIp(),
    'x-sopwright-socket-address': randomIp(),
    'x-sopwright-client-address': randomIp(),
    'x-sopwright-client-address-sig': `${Math.floor(Date.now() / 1000)}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
  };
}

test.describe('client address', () => {
  test('rotating X-Forwarded-For, X-Real-IP and the private address headers still ends in 429 at /auth/v1/token', async () => {
    const from = ownLoopbackAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 150 && !statuses.includes(429); i++) {
      const res = await rawRequest('/auth/v1/token?grant_type=password', {
        method: 'POST',
        localAddress: from,
        headers: { ...AUTH_HEADERS, ...spoofedAddressHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ email: uniqueEmail('xff'), password: `wrong password ${i}` }),
      });
      statuses.push(res.status);
    }
    // The per-IP bucket holds 60 (refilled at one a second): the first 60 are plain wrong passwords.
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  test('rotating X-Forwarded-For still ends in "Too many attempts" in the sign-in form (server action)', async () => {
    const from = ownLoopbackAddress();
    const page = await rawRequest('/sign-in', { localAddress: from });
    expect(page.status).toBe(200);
    const fields = hiddenFields(page.body, 'sign-in-form');
    expect(Object.keys(fields).some((k) => k.startsWith('$ACTION_'))).toBe(true);
    let limitedAt = -1;
    for (let i = 0; i < 100 && limitedAt < 0; i++) {
      const { body, contentType } = await multipart({ ...fields, email: uniqueEmail('xff-form'), password: `wrong password ${i}` });
      const res = await rawRequest('/sign-in', { method: 'POST', localAddress: from, headers: { ...spoofedAddressHeaders(), 'content-type': contentType }, body });
      expect(res.status).toBe(200);
      if (res.body.includes('Too many attempts')) limitedAt = i;
      else expect(res.body).toContain('That email and password do not match an account');
    }
    // The form's per-IP bucket holds 30.
    expect(limitedAt).toBeGreaterThanOrEqual(30);
  });
});

test('the session list shows the address the sign-in came from, not the one its headers claimed', async ({ browser }) => {
  const email = uniqueEmail('where');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpAndConfirm(page, email);
  await page.request.post('/sign-out'); // so the list holds only the session below
  await context.close();

  // Sign in with the no-JS form from an address of its own, claiming others in every header.
  const from = ownLoopbackAddress();
  const fields = hiddenFields((await rawRequest('/sign-in', { localAddress: from })).body, 'sign-in-form');
  const { body, contentType } = await multipart({ ...fields, email, password: PASSWORD });
  const spoofed = spoofedAddressHeaders();
  const signedInAnswer = await rawRequest('/sign-in', { method: 'POST', localAddress: from, headers: { ...spoofed, 'content-type': contentType }, body });
  const cookie = [signedInAnswer.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .filter((c) => c.startsWith(AUTH_COOKIE) && !c.endsWith('='))
    .join('; ');
  expect(cookie).not.toBe('');

  const security = await rawRequest('/settings/security', { localAddress: from, headers: { cookie } });
  expect(security.status).toBe(200);
  const shown = [...security.body.matchAll(/<td class="py-2 pr-4 font-mono text-xs">([^<]*)<\/td>/g)].map((m) => m[1]);
  expect(shown).toEqual([from]);
  for (const v of Object.values(spoofed)) for (const ip of v.split(', ')) expect(security.body).not.toContain(ip);
});

test('the production build answers 404 on /dev/mailbox, even with SOPWRIGHT_MAILBOX=1', async ({ request }) => {
  // scripts/run-e2e.ts sets SOPWRIGHT_MAILBOX=1 on purpose.
  const res = await request.get('/dev/mailbox');
  expect(res.status()).toBe(404);
  expect(await res.text()).not.toContain('emails are kept here instead of being sent');
});

function expectSecurityHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
  expect(h['permissions-policy']).toContain('camera=()');
  expect(h['strict-transport-security']).toMatch(/max-age=\d+/);
}

test('/auth/v1 answers carry the security headers and Cache-Control: no-store', async ({ request }) => {
  const answers = [
    await request.get('/auth/v1/settings', { headers: AUTH_HEADERS }),
    await request.get('/auth/v1/health', { headers: AUTH_HEADERS }),
    await request.post('/auth/v1/token?grant_type=password', { headers: AUTH_HEADERS, data: { email: uniqueEmail('hdr'), password: 'not this one' } }),
    await request.get('/auth/v1/user', { headers: AUTH_HEADERS }),
    await request.get('/auth/v1/no-such-endpoint', { headers: AUTH_HEADERS }),
  ];
  expect(answers.map((r) => r.status())).toEqual([200, 200, 400, 401, 404]);
  for (const res of answers) {
    expectSecurityHeaders(res);
    expect(res.headers()['cache-control']).toBe('no-store');
  }
  // The public signing keys stay cacheable (as Supabase serves them), with the same headers.
  const jwks = await request.get('/auth/v1/.well-known/jwks.json');
  expectSecurityHeaders(jwks);
  expect(jwks.headers()['cache-control']).toMatch(/^public, max-age=\d+$/);
});

/** A fresh confirmed account, signed in in its own browser context. */
async function signedIn(browser: Browser) {
  const email = uniqueEmail('edge');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpAndConfirm(page, email);
  return { email, context, page };
}

test('the session cookie lives as long as the session (Max-Age), not 400 days', async ({ browser }) => {
  const { email, context, page } = await signedIn(browser);
  await context.clearCookies();
  const signInAnswer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/o$/);
  const setCookie = (await (await signInAnswer).headerValue('set-cookie')) ?? '';
  const authCookies = setCookie.split('\n').filter((c) => c.startsWith(AUTH_COOKIE));
  expect(authCookies.length).toBeGreaterThan(0);
  for (const c of authCookies) {
    expect(c).toContain(`Max-Age=${SESSION_LIFETIME_SECONDS}`);
    expect(c).toMatch(/HttpOnly/i);
  }
  await context.close();
});

test('every /api/v1 answer, success or error, carries Cache-Control: no-store (the OpenAPI document may be cached)', async ({ browser }) => {
  const { context, page } = await signedIn(browser);
  const api = page.request;
  const answers = [
    await api.get('/api/v1/orgs'),
    await api.get('/api/v1/frameworks'),
    await api.post('/api/v1/orgs', { data: { name: '' } }),
    await api.post('/api/v1/orgs', { headers: { 'content-type': 'text/plain' }, data: 'x' }),
    await api.get('/api/v1/orgs/no-such-org/sops'),
    await api.get('/api/v1/no-such-endpoint'),
  ];
  expect(answers.map((r) => r.status())).toEqual([200, 200, 400, 415, 404, 404]);
  for (const res of answers) expect(res.headers()['cache-control']).toBe('no-store');
  const signedOut = await rawRequest('/api/v1/orgs');
  expect(signedOut.status).toBe(401);
  expect(signedOut.headers['cache-control']).toBe('no-store');
  expect((await api.get('/api/v1/openapi.json')).headers()['cache-control']).toMatch(/^public, max-age=\d+$/);
  await context.close();
});

test('GET /sign-out never ends a live session; POST does; GET still clears the cookies of a dead one', async ({ browser }) => {
  const { email, context, page } = await signedIn(browser);
  const api = page.request;
  // What a cross-site <img src> can make the browser send, with or without a reason.
  for (const path of ['/sign-out', '/sign-out?reason=session_ended', '/sign-out?reason=account_deleted']) {
    await api.get(path);
    expect((await api.get('/api/v1/orgs')).status(), path).toBe(200);
  }

  // A dead session (signed out from another browser holding the same cookies): a page sends
  // this browser to GET /sign-out, which clears its cookies and says why.
  const other = await browser.newContext({ storageState: await context.storageState() });
  expect((await other.request.get('/api/v1/orgs')).status()).toBe(200);
  expect((await other.request.post('/sign-out', { maxRedirects: 0 })).status()).toBe(303);
  expect((await other.request.get('/api/v1/orgs')).status()).toBe(401);
  await page.goto('/o');
  await expect(page).toHaveURL(/\/sign-in\?reason=session_ended/);
  expect((await context.cookies()).filter((c) => c.name.startsWith(AUTH_COOKIE))).toEqual([]);

  // POST /sign-out ends a live session.
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/o$/);
  const out = await api.post('/sign-out', { maxRedirects: 0 });
  expect(out.status()).toBe(303);
  expect(out.headers()['location']).toMatch(/\/sign-in\?reason=signed_out$/);
  expect((await api.get('/api/v1/orgs')).status()).toBe(401);
  await context.close();
  await other.close();
});

test('without JavaScript (a click before hydration), Upgrade and Manage billing still reach Stripe: CSP form-action allows its hosted pages', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await signedIn(browser);
  const slug = await createOrg(page, `No JS ${randomIp()}`);
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  const plain = await noJs.newPage();
  const blocked: string[] = [];
  plain.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) blocked.push(m.text());
  });
  await plain.goto(`/o/${slug}/billing`);
  await plain.getByTestId('upgrade-pro').getByRole('button', { name: 'Upgrade to Pro' }).click();
  await expect(plain).toHaveURL(/\/checkout\/cs_/);
  await plain.getByRole('button', { name: 'Pay' }).click();
  await expect(plain).toHaveURL(new RegExp(`/o/${slug}/billing\\?checkout=success`));
  await plain.getByTestId('manage-billing').getByRole('button', { name: 'Manage billing' }).click();
  await expect(plain).toHaveURL(/\/portal\/bps_/);
  expect(blocked).toEqual([]);
  await noJs.close();
  await context.close();
});

test('a cross-origin server-action POST is refused with 403 and the JSON error shape', async ({ request }) => {
  const fetchAction = await request.post('/sign-in', {
    headers: { 'Next-Action': '607462f2b02f2fbcb10b57475e0bc70d4afbecf8ef', Origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
    data: '[]',
  });
  expect(fetchAction.status()).toBe(403);
  expect(await fetchAction.json()).toMatchObject({ error: { code: 'forbidden' } });

  // The no-JS form submission of the same action from another site.
  const signInPage = await rawRequest('/sign-in');
  const { body, contentType } = await multipart({ ...hiddenFields(signInPage.body, 'sign-in-form'), email: uniqueEmail('csrf'), password: 'whatever it is' });
  for (const origin of ['https://evil.example', 'null']) {
    const res = await rawRequest('/sign-in', { method: 'POST', headers: { origin, 'content-type': contentType }, body });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'forbidden' } });
  }
  // Signing out from another site too.
  const out = await request.post('/sign-out', { headers: { Origin: 'https://evil.example' }, maxRedirects: 0 });
  expect(out.status()).toBe(403);
});

test('bad percent-encoding in a path: 400 with the JSON error shape on /api and /auth/v1, a 400 page elsewhere', async () => {
  for (const path of ['/api/v1/orgs/%C0%AE/sops', '/api/v1/orgs/%E0%A4%A/sops', '/api/v1/orgs/%zz/sops', '/api/v1/%zz']) {
    const res = await rawRequest(path);
    expect(res.status, path).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
  }
  for (const path of ['/auth/v1/%zz', '/auth/v1/factors/%E0%A4%A/verify']) {
    const res = await rawRequest(path, { headers: AUTH_HEADERS });
    expect(res.status, path).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
  }
  for (const path of ['/o/%zz/sops', '/o/%C0%AE', '/%E0%A4%A']) {
    const res = await rawRequest(path);
    expect(res.status, path).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Bad request');
  }
});

test.describe('malformed tokens', () => {
  function b64url(value: unknown): string {
    return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  }

  async function badTokens(kid: string): Promise<Record<string, string>> {
    const payload = b64url({ sub: '00000000-0000-4000-8000-000000000001', role: 'authenticated', aud: 'authenticated', exp: 4102444800, session_id: '00000000-0000-4000-8000-000000000002' });
    return {
      'alg none': `${b64url({ alg: 'none', typ: 'JWT', kid })}.${payload}.`,
      'alg none without kid': `${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      'garbage in JWT form': 'YWJj.YWJj.YWJj',
      garbage: 'not a token at all',
      'RS256 header on an ES256 key': `${b64url({ alg: 'RS256', kid })}.${payload}.c2ln`,
      'null payload': `${b64url({ alg: 'ES256', kid })}.${b64url('null')}.c2ln`,
    };
  }

  function sessionCookie(accessToken: string): string {
    const session = { access_token: accessToken, refresh_token: 'abcdefabcdef', expires_at: 4102444800, expires_in: 3600, token_type: 'bearer', user: { id: '00000000-0000-4000-8000-000000000001' } };
    return `${AUTH_COOKIE}=base64-${Buffer.from(JSON.stringify(session)).toString('base64')}`;
  }

  /** The answer deletes the session cookie, and sets no other value for it (an empty session cookie left behind counts as not cleared). */
  const clears = (setCookie: string | string[] | undefined) => {
    const session = [setCookie ?? []].flat().filter((c) => c.startsWith(`${AUTH_COOKIE}=`));
    return session.length > 0 && session.every((c) => /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c));
  };

  test('as a Bearer token or a cookie: 401 JSON from the API, signed out (and the cookie cleared) on pages', async ({ request }) => {
    const jwks = (await (await request.get('/auth/v1/.well-known/jwks.json')).json()) as { keys: { kid: string }[] };
    const tokens = await badTokens(jwks.keys[0]!.kid);
    for (const [name, token] of Object.entries(tokens)) {
      const bearer = await rawRequest('/api/v1/orgs', { headers: { authorization: `Bearer ${token}` } });
      expect(bearer.status, `Bearer ${name}`).toBe(401);
      expect(JSON.parse(bearer.body), `Bearer ${name}`).toMatchObject({ error: { code: 'unauthorized' } });

      const cookie = sessionCookie(token);
      const api = await rawRequest('/api/v1/orgs', { headers: { cookie } });
      expect(api.status, `cookie ${name} on the API`).toBe(401);
      expect(JSON.parse(api.body)).toMatchObject({ error: { code: 'unauthorized' } });
      expect(clears(api.headers['set-cookie']), `cookie ${name} cleared by the API answer`).toBe(true);

      const page = await rawRequest('/o/some-org/sops', { headers: { cookie } });
      expect(page.status, `cookie ${name} on a page`).toBe(307);
      expect(page.headers.location).toMatch(/\/sign-in\?next=%2Fo%2Fsome-org%2Fsops$/);
      expect(clears(page.headers['set-cookie']), `cookie ${name} cleared by the page answer`).toBe(true);
    }
  });
});
