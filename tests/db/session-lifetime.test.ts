/**
 * The embedded auth time-boxes sessions to SESSION_LIFETIME_SECONDS, the session cookie's
 * Max-Age: the real supabase-js client against the emulator, in process, with a clock.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthEmulator, defaultConfig } from '@/lib/auth-emulator';
import { listOutbox, writeToOutbox } from '@/lib/email/outbox';
import { realtimeTransport, SESSION_LIFETIME_SECONDS } from '@/lib/supabase/config';
import { createTestDb, type TestDb } from '../helpers/test-db';

const SITE = 'http://localhost:3998';
const KEY = 'sb_publishable_test';
const PASSWORD = 'correct horse battery staple 42';

let t: TestDb;
let clock = Date.now();
let emulator: ReturnType<typeof createAuthEmulator>;

beforeAll(async () => {
  t = await createTestDb();
  emulator = createAuthEmulator({
    asService: t.asService,
    config: defaultConfig(SITE, KEY),
    mailer: { send: (m) => writeToOutbox(t.asService, m) },
    now: () => new Date(clock),
  });
});
afterAll(async () => {
  await t?.close();
});

function client(): SupabaseClient {
  const m = new Map<string, string>();
  return createClient(SITE, KEY, {
    global: { fetch: (input, init) => emulator.handle(new Request(input, init)) },
    realtime: realtimeTransport,
    auth: {
      persistSession: true,
      storage: { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) },
      flowType: 'pkce',
      autoRefreshToken: false,
      detectSessionInUrl: false,
    },
  });
}

async function signedIn(email: string): Promise<SupabaseClient> {
  const c = client();
  expect((await c.auth.signUp({ email, password: PASSWORD, options: { emailRedirectTo: `${SITE}/auth/confirm` } })).error).toBeNull();
  const [mail] = await listOutbox(t.asService, { to: email });
  const link = /(http\S+\/auth\/v1\/verify\S+)/.exec(mail?.text ?? '')?.[1];
  const back = new URL((await emulator.handle(new Request(link!))).headers.get('location')!);
  expect((await c.auth.exchangeCodeForSession(back.searchParams.get('code')!)).error).toBeNull();
  return c;
}

describe('session lifetime', () => {
  it('is seven days, as the session cookie Max-Age', () => {
    expect(SESSION_LIFETIME_SECONDS).toBe(7 * 24 * 3600);
  });

  it('refreshes within the lifetime and refuses with session_expired after it', async () => {
    const started = Date.now();
    clock = started;
    const c = await signedIn('timebox@example.test');
    clock = started + (SESSION_LIFETIME_SECONDS - 60) * 1000;
    const early = await c.auth.refreshSession();
    expect(early.error).toBeNull();
    expect(early.data.session?.refresh_token).toBeTruthy();

    clock = started + (SESSION_LIFETIME_SECONDS + 60) * 1000;
    const late = await c.auth.refreshSession();
    expect(late.error?.code).toBe('session_expired');
    expect(late.data.session).toBeNull();
  });
});
