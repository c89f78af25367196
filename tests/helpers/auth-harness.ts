/**
 * The auth emulator in process on a fresh database, for tests/db/auth-*.test.ts: real
 * supabase-js clients whose fetch is the emulator's handler, a settable clock, and the
 * local outbox for the emailed links and codes.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { createAuthEmulator, defaultConfig } from '@/lib/auth-emulator';
import { markVerified, type JwtClaims } from '@/lib/db/claims';
import { listOutbox, writeToOutbox } from '@/lib/email/outbox';
import { EMBEDDED_PUBLISHABLE_KEY, realtimeTransport } from '@/lib/supabase/config';
import { createTestDb, type TestDb } from './test-db';

export const SITE = 'http://localhost:3999';
export const KEY = 'sb_publishable_test';
export const PASSWORD = 'correct horse battery staple 42';

export interface AuthHarness {
  t: TestDb;
  emulator: ReturnType<typeof createAuthEmulator>;
  /** Every request the clients made, as "METHOD /path". */
  calls: string[];
  /** Move the emulator's clock this many seconds ahead of the real one (0: real time). */
  advance(seconds: number): void;
  client(): SupabaseClient;
  /** A raw request to /auth/v1<path>, in the modern API version. */
  raw(method: string, path: string, init?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<Response>;
  /** The emails of this kind sent to the address, newest first. */
  mails(email: string, kind: string): Promise<{ text: string; subject: string }[]>;
  /** Every emailed /verify link of this kind for the address, newest first. */
  links(email: string, kind: string): Promise<string[]>;
  lastLink(email: string, kind: string): Promise<string>;
  lastCode(email: string, kind: string): Promise<string>;
  follow(link: string): Promise<URL>;
  confirmedUser(email: string, password?: string): Promise<SupabaseClient>;
  close(): Promise<void>;
}

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

export async function startAuthHarness(): Promise<AuthHarness> {
  const t = await createTestDb();
  let offsetMs = 0;
  const emulator = createAuthEmulator({
    asService: t.asService,
    config: defaultConfig(SITE, KEY),
    mailer: { send: (m) => writeToOutbox(t.asService, m) },
    now: () => new Date(Date.now() + offsetMs),
  });
  const calls: string[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    calls.push(`${req.method} ${new URL(req.url).pathname}`);
    return emulator.handle(req);
  };
  const mails = async (email: string, kind: string) => (await listOutbox(t.asService, { to: email })).filter((m) => m.kind === kind);

  const h: AuthHarness = {
    t,
    emulator,
    calls,
    mails,
    advance(seconds) {
      offsetMs = seconds * 1000;
    },
    client() {
      return createClient(SITE, KEY, {
        global: { fetch: fetchImpl },
        realtime: realtimeTransport,
        auth: { persistSession: true, storage: memoryStorage(), flowType: 'pkce', autoRefreshToken: false, detectSessionInUrl: false },
      });
    },
    raw(method, path, init = {}) {
      const headers: Record<string, string> = { 'X-Supabase-Api-Version': '2024-01-01', apikey: KEY, ...init.headers };
      if (init.token) headers.Authorization = `Bearer ${init.token}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['Content-Type'] = 'application/json';
      }
      return emulator.handle(new Request(`${SITE}/auth/v1${path}`, { method, headers, body }));
    },
    async links(email, kind) {
      return (await mails(email, kind)).flatMap((m) => /(http\S+\/auth\/v1\/verify\S+)/.exec(m.text)?.[1] ?? []);
    },
    async lastLink(email, kind) {
      const [link] = await h.links(email, kind);
      if (!link) throw new Error(`no ${kind} link for ${email}`);
      return link;
    },
    async lastCode(email, kind) {
      const [mail] = await mails(email, kind);
      const code = /code is (\d{6})/.exec(mail?.text ?? '')?.[1];
      if (!code) throw new Error(`no ${kind} code for ${email}`);
      return code;
    },
    async follow(link) {
      const res = await emulator.handle(new Request(link));
      expect(res.status).toBe(303);
      return new URL(res.headers.get('location')!);
    },
    async confirmedUser(email, password = PASSWORD) {
      const c = h.client();
      const { error } = await c.auth.signUp({ email, password, options: { emailRedirectTo: `${SITE}/auth/confirm` } });
      expect(error).toBeNull();
      const back = await h.follow(await h.lastLink(email, 'signup'));
      const { error: exErr } = await c.auth.exchangeCodeForSession(back.searchParams.get('code')!);
      expect(exErr).toBeNull();
      return c;
    },
    close: () => t.close(),
  };
  return h;
}

/**
 * The harness for one test file: started before its tests, closed after them, the clock
 * back to real time after each test. The object is filled in by beforeAll.
 */
export function authHarnessForFile(): AuthHarness {
  const h = {} as AuthHarness;
  beforeAll(async () => {
    Object.assign(h, await startAuthHarness());
  });
  afterAll(async () => {
    await h.close?.();
  });
  afterEach(() => h.advance?.(0));
  return h;
}

/** What the app's per-request check (private.current_session_state()) says about an access token. */
export async function sessionStateOf(t: TestDb, accessToken: string) {
  const claims = markVerified(decodeJwt(accessToken) as JwtClaims);
  const [row] = await t.withUser(claims, (tx) => tx.query<{ session_active: boolean; account_deleted: boolean }>('select * from private.current_session_state()'));
  return row!;
}

/**
 * For tests that call route handlers as Next calls them: the app's own supabase-js client
 * reaches the emulator through fetch, as it does over HTTP (undo with vi.unstubAllGlobals()).
 */
export function routeAuthThroughEmulator(h: AuthHarness): void {
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    if (!req.url.startsWith(`${SITE}/auth/v1/`)) return realFetch(req);
    const headers = new Headers(req.headers);
    if (headers.get('apikey') === EMBEDDED_PUBLISHABLE_KEY) headers.set('apikey', KEY);
    return h.emulator.handle(new Request(req, { headers }));
  });
}
