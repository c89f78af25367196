/**
 * A sign-up link opened in a browser without the sign-up's PKCE verifier: the auth server
 * has confirmed the address, and lib/auth/confirm.ts can tell a real code from a made-up one
 * without the verifier and without creating a session; the code stays redeemable.
 */
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { authCodeExists, confirmWithoutSession, memoryStorage } from '@/lib/auth/confirm';
import { AUTH_COOKIE_NAME, realtimeTransport } from '@/lib/supabase/config';
import { KEY, PASSWORD, SITE, authHarnessForFile } from '../helpers/auth-harness';

const h = authHarnessForFile();
const probeClient = async (verifier?: string) =>
  createClient(SITE, KEY, {
    realtime: realtimeTransport,
    global: { fetch: (input, init) => h.emulator.handle(new Request(input, init)) },
    auth: { flowType: 'pkce', persistSession: true, autoRefreshToken: false, detectSessionInUrl: false, storageKey: AUTH_COOKIE_NAME, storage: memoryStorage(verifier) },
  });

describe(`confirmation link in another browser (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('confirms the address, proves the code real without its verifier, and signs no one in', async () => {
    const email = 'elsewhere@example.test';
    const owner = h.client();
    await owner.auth.signUp({ email, password: PASSWORD, options: { emailRedirectTo: `${SITE}/auth/confirm?flow=signup&next=/email-confirmed` } });
    const back = await h.follow(await h.lastLink(email, 'signup'));
    const code = back.searchParams.get('code')!;
    const sessions = () => h.t.asService((tx) => tx.query('select s.id from auth.sessions s join auth.users u on u.id = s.user_id where u.email = $1', [email]));

    expect(await authCodeExists(code, probeClient)).toBe(true);
    expect(await authCodeExists('00000000-0000-4000-8000-000000000000', probeClient)).toBe(false);
    expect(await authCodeExists('not-a-code', probeClient)).toBe(false);
    expect(await sessions()).toEqual([]);
    const [user] = await h.t.asService((tx) => tx.query<{ confirmed: boolean }>('select email_confirmed_at is not null as confirmed from auth.users where email = $1', [email]));
    expect(user!.confirmed).toBe(true);

    // The browser that holds the verifier can still exchange it.
    expect((await owner.auth.exchangeCodeForSession(code)).error).toBeNull();
    expect(await sessions()).toHaveLength(1);
  });

  it('a token_hash link (Supabase SSR template) opened without a verifier confirms and leaves no session', async () => {
    const email = 'token-hash@example.test';
    await h.client().auth.signUp({ email, password: PASSWORD, options: { emailRedirectTo: `${SITE}/auth/confirm?flow=signup` } });
    const hash = new URL(await h.lastLink(email, 'signup')).searchParams.get('token')!;
    expect(await confirmWithoutSession(hash, 'signup', () => probeClient())).toEqual({ email });
    expect(await h.t.asService((tx) => tx.query('select s.id from auth.sessions s join auth.users u on u.id = s.user_id where u.email = $1', [email]))).toEqual([]);
    expect(await confirmWithoutSession(hash, 'signup', () => probeClient())).toEqual({ error: 'otp_expired' }); // single use
    expect((await h.client().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
  });
});
