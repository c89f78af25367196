/**
 * The real @supabase/supabase-js client against the emulator, in process (its fetch is the
 * emulator's handler), on a fresh database: the wire behaviour the app relies on.
 */
import { createServerClient } from '@supabase/ssr';
import { createClient } from '@supabase/supabase-js';
import { decodeProtectedHeader } from 'jose';
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { signingKey } from '@/lib/auth-emulator';
import { listOutbox } from '@/lib/email/outbox';
import { realtimeTransport } from '@/lib/supabase/config';
import { KEY, PASSWORD, SITE, sessionStateOf, authHarnessForFile } from '../helpers/auth-harness';

const h = authHarnessForFile();

const client = () => h.client();
const fetchImpl = (input: RequestInfo | URL, init?: RequestInit) => h.emulator.handle(new Request(input, init));

describe(`auth emulator with supabase-js (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('signs up with PKCE, confirms by email link, signs in, verifies claims with the JWKS', async () => {
    const c = client();
    const email = 'ada@example.test';
    const { data, error } = await c.auth.signUp({ email, password: PASSWORD, options: { data: { full_name: 'Ada L' }, emailRedirectTo: `${SITE}/auth/confirm` } });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user?.email).toBe(email);

    const signInEarly = await client().auth.signInWithPassword({ email, password: PASSWORD });
    expect(signInEarly.error?.code).toBe('email_not_confirmed');

    const link = await h.lastLink(email, 'signup');
    expect(link).toContain('token=pkce_');
    const back = await h.follow(link);
    expect(back.pathname).toBe('/auth/confirm');
    const code = back.searchParams.get('code')!;
    const exchanged = await c.auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user?.user_metadata.email_verified).toBe(true);

    // The link is single use.
    const again = await h.follow(link);
    expect(again.hash).toContain('error_code=otp_expired');

    const fresh = client();
    const signed = await fresh.auth.signInWithPassword({ email, password: PASSWORD });
    expect(signed.error).toBeNull();
    const header = decodeProtectedHeader(signed.data.session!.access_token);
    expect(header.alg).toBe('ES256');
    expect(header.kid).toBe((await signingKey(h.t.asService)).kid);

    h.calls.length = 0;
    const claims = await fresh.auth.getClaims();
    expect(claims.error).toBeNull();
    expect(claims.data?.claims).toMatchObject({ sub: signed.data.user!.id, role: 'authenticated', aal: 'aal1', aud: 'authenticated', email });
    expect(h.calls).toContain('GET /auth/v1/.well-known/jwks.json');
    expect(h.calls).not.toContain('GET /auth/v1/user');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await client().auth.signInWithPassword({ email: 'ada@example.test', password: 'not the password 1' });
    const unknown = await client().auth.signInWithPassword({ email: 'nobody@example.test', password: 'not the password 1' });
    expect(wrong.error?.code).toBe('invalid_credentials');
    expect(unknown.error?.code).toBe('invalid_credentials');
    expect(wrong.error?.message).toBe(unknown.error?.message);
    expect(wrong.error?.status).toBe(400);
  });

  it('refuses weak passwords with the reasons', async () => {
    const { error } = await client().auth.signUp({ email: 'weak@example.test', password: 'password123' });
    expect(error?.code).toBe('weak_password');
    expect((error as unknown as { reasons: string[] }).reasons).toEqual(['pwned']);
    const short = await client().auth.signUp({ email: 'weak@example.test', password: 'short' });
    expect((short.error as unknown as { reasons: string[] }).reasons).toEqual(['length']);
  });

  it('rotates refresh tokens, and ends the session when an old one is reused after the reuse interval', async () => {
    const c = client();
    const { data } = await c.auth.signInWithPassword({ email: 'ada@example.test', password: PASSWORD });
    const first = data.session!.refresh_token;
    expect(first).toMatch(/^[a-z2-7]{12}$/);
    const refreshed = await c.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    const second = refreshed.data.session!.refresh_token;
    expect(second).not.toBe(first);
    expect(refreshed.data.session!.user.id).toBe(data.user!.id);
    // Presenting the just-rotated parent again returns the same child (a client that lost a response).
    const replay = await client().auth.refreshSession({ refresh_token: first });
    expect(replay.data.session?.refresh_token).toBe(second);
    const latest = (await c.auth.refreshSession()).data.session!;

    // Reuse of the first token after the 10 s reuse interval: the whole session ends.
    h.advance(30);
    const attacker = client();
    const reuse = await attacker.auth.refreshSession({ refresh_token: first });
    expect(reuse.error?.code).toBe('refresh_token_already_used');
    const victim = await c.auth.refreshSession();
    expect(victim.error).not.toBeNull();
    expect((await client().auth.getUser(latest.access_token)).error).not.toBeNull();
    expect((await sessionStateOf(h.t, latest.access_token)).session_active).toBe(false);
  });

  it('enrolls TOTP, raises the session to aal2, and requires it on the next sign-in', async () => {
    const c = await h.confirmedUser('mfa@example.test');
    const enrolled = await c.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'phone' });
    expect(enrolled.error).toBeNull();
    expect(enrolled.data!.totp.qr_code).toMatch(/^data:image\/svg\+xml/);
    expect(enrolled.data!.totp.uri).toMatch(/^otpauth:\/\/totp\//);
    const secret = enrolled.data!.totp.secret;

    const wrong = await c.auth.mfa.challengeAndVerify({ factorId: enrolled.data!.id, code: '000000' });
    expect(wrong.error?.code).toBe('mfa_verification_failed');
    const ok = await c.auth.mfa.challengeAndVerify({ factorId: enrolled.data!.id, code: generateSync({ secret }) });
    expect(ok.error).toBeNull();
    const aal = await c.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(aal.data).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    const claims = (await c.auth.getClaims()).data!.claims;
    expect((claims.amr as { method: string }[]).map((a) => a.method)).toEqual(['totp', 'email/signup']);

    const next = client();
    await next.auth.signInWithPassword({ email: 'mfa@example.test', password: PASSWORD });
    const level = await next.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(level.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
    const pw = await next.auth.updateUser({ password: 'another strong passphrase 9' });
    expect(pw.error?.code).toBe('insufficient_aal');
  });

  it('signs out by scope: others, local, global', async () => {
    const email = 'scopes@example.test';
    await h.confirmedUser(email);
    const a = client();
    const b = client();
    const cc = client();
    for (const x of [a, b, cc]) await x.auth.signInWithPassword({ email, password: PASSWORD });
    await a.auth.signOut({ scope: 'others' });
    expect((await b.auth.getUser()).error).not.toBeNull();
    expect((await a.auth.getUser()).error).toBeNull();
    await a.auth.signOut({ scope: 'local' });
    expect((await a.auth.getSession()).data.session).toBeNull();
    const d = client();
    const e = client();
    await d.auth.signInWithPassword({ email, password: PASSWORD });
    await e.auth.signInWithPassword({ email, password: PASSWORD });
    await d.auth.signOut({ scope: 'global' });
    expect((await e.auth.getUser()).error).not.toBeNull();
  });

  it('recovers a password through the emailed link, and answers 200 for unknown emails', async () => {
    const email = 'recover@example.test';
    await h.confirmedUser(email);
    const c = client();
    expect((await c.auth.resetPasswordForEmail('nobody-here@example.test')).error).toBeNull();
    h.advance(120); // past the 60 s email frequency limit
    expect((await c.auth.resetPasswordForEmail(email, { redirectTo: `${SITE}/auth/confirm?next=/reset-password` })).error).toBeNull();
    const back = await h.follow(await h.lastLink(email, 'recovery'));
    expect(back.searchParams.get('next')).toBe('/reset-password');
    expect((await c.auth.exchangeCodeForSession(back.searchParams.get('code')!)).error).toBeNull();
    expect((await c.auth.updateUser({ password: PASSWORD })).error?.code).toBe('same_password');
    expect((await c.auth.updateUser({ password: 'a fresh passphrase 77' })).error).toBeNull();
    expect((await client().auth.signInWithPassword({ email, password: 'a fresh passphrase 77' })).error).toBeNull();
  });

  it('needs a reauthentication nonce to change the password of an old session', async () => {
    const email = 'old@example.test';
    await h.confirmedUser(email);
    const c = client();
    await c.auth.signInWithPassword({ email, password: PASSWORD });
    h.advance(25 * 3600);
    await c.auth.refreshSession();
    const denied = await c.auth.updateUser({ password: 'yet another passphrase 5' });
    expect(denied.error?.code).toBe('reauthentication_needed');
    expect((await c.auth.reauthenticate()).error).toBeNull();
    const [mail] = (await listOutbox(h.t.asService, { to: email })).filter((m) => m.kind === 'reauthentication');
    const nonce = /code is (\d{6})/.exec(mail!.text)![1]!;
    expect((await c.auth.updateUser({ password: 'yet another passphrase 5', nonce: '000000' })).error?.code).toBe('reauthentication_not_valid');
    expect((await c.auth.updateUser({ password: 'yet another passphrase 5', nonce })).error).toBeNull();
  });

  it('answers GoTrue errors: bad JSON, SSO disabled, admin only with the secret key', async () => {
    const bad = await h.emulator.handle(new Request(`${SITE}/auth/v1/token?grant_type=password`, { method: 'POST', body: '{nope', headers: { 'X-Supabase-Api-Version': '2024-01-01' } }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad_json' });
    expect(bad.headers.get('x-supabase-api-version')).toBe('2024-01-01');

    const sso = await client().auth.signInWithSSO({ domain: 'acme.example' });
    expect(sso.error?.code).toBe('saml_provider_disabled');

    const user = (await client().auth.signInWithPassword({ email: 'ada@example.test', password: PASSWORD })).data.user!;
    const notAdmin = createClient(SITE, KEY, { global: { fetch: fetchImpl },
    realtime: realtimeTransport, auth: { persistSession: false } });
    expect((await notAdmin.auth.admin.deleteUser(user.id)).error?.code).toBe('not_admin');
    const admin = createClient(SITE, (await signingKey(h.t.asService)).secretKey, { global: { fetch: fetchImpl },
    realtime: realtimeTransport, auth: { persistSession: false } });
    expect((await admin.auth.admin.deleteUser(user.id)).error).toBeNull();
    expect((await client().auth.signInWithPassword({ email: 'ada@example.test', password: PASSWORD })).error?.code).toBe('invalid_credentials');
  });

  it('works the same through @supabase/ssr cookie storage', async () => {
    const jar = new Map<string, string>();
    const ssr = createServerClient(SITE, KEY, {
      global: { fetch: fetchImpl },
    realtime: realtimeTransport,
      cookies: { getAll: () => [...jar].map(([name, value]) => ({ name, value })), setAll: (list) => list.forEach((c) => (c.value ? jar.set(c.name, c.value) : jar.delete(c.name))) },
    });
    const { error } = await ssr.auth.signInWithPassword({ email: 'scopes@example.test', password: PASSWORD });
    expect(error).toBeNull();
    expect([...jar.keys()].some((k) => k.startsWith('sb-localhost-auth-token'))).toBe(true);
    expect((await ssr.auth.getClaims()).data?.claims.email).toBe('scopes@example.test');
  });
});
