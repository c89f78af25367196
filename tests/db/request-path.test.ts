/**
 * The request path of an org route, counted statement by statement (the list route as Next
 * calls it, with a Bearer token the auth emulator issued): a read is one transaction whose
 * opening statement sets the role and the claims and checks the session; a revoked session
 * is refused by that statement before the handler runs; a rate-limited write still checks
 * the session before it spends the user's tokens.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { markVerified, type JwtClaims } from '@/lib/db/claims';
import { authHarnessForFile, PASSWORD, stubAppFetch, SITE } from '../helpers/auth-harness';
import { recordingDatabase } from '../helpers/recording-db';

const h = authHarnessForFile();
/** Every statement sent, by transaction. */
const transactions: string[][] = [];
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let sops: { GET: Handler; POST: Handler };


beforeAll(async () => {
  process.env.APP_URL = SITE;
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(recordingDatabase(h.t.db, transactions));
  stubAppFetch(h);
  const c = await h.confirmedUser('reader@request-path.test');
  const token = (await c.auth.getSession()).data.session!.access_token;
  await h.t.withUser(markVerified(decodeJwt(token) as JwtClaims), (tx) => tx.query("select private.create_organization('Path Labs', 'path-labs')"));
  sops = await import('@/app/api/v1/orgs/[org]/sops/route');
});
afterAll(() => {
  vi.unstubAllGlobals();
});

async function signedIn() {
  const c = h.client();
  const { data, error } = await c.auth.signInWithPassword({ email: 'reader@request-path.test', password: PASSWORD });
  expect(error).toBeNull();
  return { client: c, token: data.session!.access_token };
}

function send(handler: Handler, token: string, init: { method?: string; json?: unknown } = {}) {
  transactions.length = 0;
  return handler(
    new Request(`${SITE}/api/v1/orgs/path-labs/sops`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${token}`, ...(init.json !== undefined && { 'Content-Type': 'application/json' }) },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    }),
    { params: Promise.resolve({ org: 'path-labs' }) },
  );
}

const opensAsUser = (s: string | undefined) => /set_config\('role', 'authenticated', true\).*set_config\('request\.jwt\.claims', \$1, true\)/s.test(s ?? '');
const checksSession = (s: string | undefined) => /private\.current_session_state\(\)/.test(s ?? '');

describe(`request path (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('a read is one transaction: its opening statement sets role and claims and checks the session', async () => {
    const { token } = await signedIn();
    const res = await send(sops.GET, token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ items: [] });
    expect(transactions).toHaveLength(1);
    const [statements] = transactions;
    expect(opensAsUser(statements![0]) && checksSession(statements![0])).toBe(true);
    // Nothing after it sets the role or the claims again, or checks the session again.
    expect(statements!.slice(1).filter((s) => /set_config|set local|current_session_state/.test(s))).toEqual([]);
  });

  it('the opening expression runs as the user, with the claims already set', async () => {
    const { token } = await signedIn();
    const claims = markVerified(decodeJwt(token) as JwtClaims);
    const seen = await h.t.withUserAnd<string, string>(claims, "select current_user || ' ' || (select auth.uid())::text", async (_tx, v) => v);
    expect(seen).toBe(`authenticated ${claims.sub}`);
  });

  it('a revoked session is refused by the opening statement: the handler never runs', async () => {
    const { client, token } = await signedIn();
    expect((await send(sops.GET, token)).status).toBe(200);
    await client.auth.signOut({ scope: 'local' });
    const res = await send(sops.GET, token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect(transactions.flat()).toHaveLength(1);
    expect(checksSession(transactions[0]![0])).toBe(true);
  });

  it('a rate-limited write checks the session before it takes a token; a revoked session takes none', async () => {
    const { client, token } = await signedIn();
    const created = await send(sops.POST, token, { method: 'POST', json: { title: 'Path SOP' } });
    expect(created.status).toBe(201);
    const order = transactions.map((t) => (checksSession(t[0]) ? 'session' : t.some((s) => s.includes('take_tokens')) ? 'tokens' : 'work'));
    expect(order).toEqual(['session', 'tokens', 'work']);
    await client.auth.signOut({ scope: 'local' });
    expect((await send(sops.POST, token, { method: 'POST', json: { title: 'Path SOP 2' } })).status).toBe(401);
    expect(transactions.flat().filter((s) => s.includes('take_tokens'))).toEqual([]);
  });
});
