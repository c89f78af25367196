/**
 * How many transactions a drafting request opens before its first byte. The route handlers
 * themselves are called as Next calls them, with a Bearer token the auth emulator issued
 * (supabase-js verifies it against the emulator's JWKS), against a database whose
 * transaction() records each transaction it opens and for whom: the user (withUser), or the
 * service (the Postgres rate limiter's buckets). The emulator has its own, uncounted handle
 * on the same database: it is the auth server, not the request path.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authHarnessForFile, SITE, stubAppFetch } from '../helpers/auth-harness';
import { recordingDatabase } from '../helpers/recording-db';
import { claimsFor } from '../helpers/test-db';

const h = authHarnessForFile();
/** The statements of each transaction opened, in the order they were opened. */
const opened: string[][] = [];


/**
 * Who a transaction ran for: the request as the user, the rate limiter as the service, or the
 * background run (it updates the generation: running, a section, finished); its statements say.
 */
function who(statements: string[]): 'user' | 'service' | 'run' {
  if (statements.some((s) => /update public\.generations/.test(s))) return 'run';
  return /set_config\('role', 'authenticated'/.test(statements[0] ?? '') ? 'user' : 'service';
}

let token: string;
let generate: typeof import('@/app/api/v1/orgs/[org]/sops/generate/route');
let events: typeof import('@/app/api/v1/orgs/[org]/generations/[id]/events/route');

beforeAll(async () => {
  process.env.APP_URL = SITE;
  delete process.env.ANTHROPIC_API_KEY; // the offline drafter: no model call to wait for
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(recordingDatabase(h.t.db, opened));
  // The app's own supabase-js client reaches the emulator through fetch, as it does over HTTP.
  stubAppFetch(h);
  const c = await h.confirmedUser('counted@gen.test');
  token = (await c.auth.getSession()).data.session!.access_token;
  const me = (await c.auth.getUser()).data.user!.id;
  await h.t.withUser(claimsFor(me), (tx) => tx.query("select private.create_organization('Counted Foods', 'counted-foods')"));
  generate = await import('@/app/api/v1/orgs/[org]/sops/generate/route');
  events = await import('@/app/api/v1/orgs/[org]/generations/[id]/events/route');
});
afterAll(async () => {
  await (await import('@/lib/generation/runtime')).stopDrafting();
  vi.unstubAllGlobals();
});

/** Call a handler, read its first chunk, and return who the transactions opened until then ran as. */
async function untilFirstByte(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, req: Request, params: Record<string, string>) {
  opened.length = 0;
  const res = await handler(req, { params: Promise.resolve(params) });
  const upToFirstByte = [...opened]; // the handler has returned: its first byte is in the stream
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  expect((await reader.read()).done).toBe(false);
  while (!(await reader.read()).done); // let the run finish (and each transaction say what it did)
  return { before: upToFirstByte.map(who), res };
}

const auth = () => ({ Authorization: `Bearer ${token}` });

describe('transactions before the first byte', () => {
  it('a generate request: the session check and one transaction that resolves the org and records the run (plus the rate limiter’s bucket)', async () => {
    const req = new Request(`${SITE}/api/v1/orgs/counted-foods/sops/generate`, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Counted sanitation', processDescription: '1. Rinse the filler with potable water\n2. Record it in the log', frameworks: ['HACCP'] }),
    });
    const { before, res } = await untilFirstByte(generate.POST, req, { org: 'counted-foods' });
    console.info(`generate: ${before.length} transactions before the first byte (${before.join(', ')})`);
    // The request's own: the session check, the per-person bucket, and the one transaction that
    // resolved the org and recorded the run. The run itself starts once that committed, beside
    // the response, which does not wait for it.
    expect(before.filter((w) => w !== 'run')).toEqual(['user', 'service', 'user']);

    const id = res.headers.get('X-Generation-Id')!;
    const replay = await untilFirstByte(events.GET, new Request(`${SITE}/api/v1/orgs/counted-foods/generations/${id}/events`, { headers: auth() }), { org: 'counted-foods', id });
    console.info(`events: ${replay.before.length} transactions before the first byte (${replay.before.join(', ')})`);
    expect(replay.before).toEqual(['user']); // one: its opening statement checks the session, then it resolves the org and reads the run
  });
});
