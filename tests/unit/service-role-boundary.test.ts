/**
 * asService() bypasses RLS. This walks the import graph from every entry point of the app
 * (each .ts/.tsx under app/ — pages, layouts, route handlers — plus proxy.ts and
 * instrumentation.ts), through every `@/…` and relative import of the components, the server
 * actions they bind and the other lib modules they reach, and fails when a module that
 * touches the service role is not in SERVICE_MODULES below, naming the chain of imports that
 * reaches it. Touching means importing lib/db/service or an admin client, or naming asService
 * or the service-role key. The walker is tests/helpers/import-graph.ts.
 * Type-only imports carry no code and are not followed.
 */
import { describe, expect, it } from 'vitest';
import { importGraph, readFrom, readReal, sourcesUnder, type Node } from '../helpers/import-graph';

const EMULATOR = ['app', 'context', 'keys', 'mfa', 'router', 'sessions', 'signup', 'token', 'user', 'verify'];

/** The modules that may touch the service role, each with why. */
const SERVICE_MODULES: Record<string, string> = {
  'lib/db/scopes.ts': 'builds withUser, withAnon and asService over a connection; the app takes asService only through lib/db/service.ts',
  'lib/db/service.ts': 'the one asService over the app connection, in a file of its own so its importers are easy to audit',
  'lib/env.ts': 'declares the SUPABASE_SERVICE_ROLE_KEY setting; builds no client from it',
  ...Object.fromEntries(EMULATOR.map((m) => [`lib/auth-emulator/${m}.ts`, 'the auth emulator is the auth server: it owns auth.* and the signing keys, which no user role may reach'])),
  'lib/billing/sync.ts': 'the Stripe webhook records events and subscription state that no user may write',
  'lib/email/index.ts': 'queues outgoing mail in the outbox, which no user may read',
  'lib/email/outbox.ts': 'reads and writes the outbox with the asService its caller passes in',
  'lib/email/sender.ts': 'writes to the outbox with the asService its caller passes in',
  'lib/ratelimit/index.ts': 'rate-limit counters are shared by all users (Postgres mode)',
  'lib/ratelimit/postgres.ts': 'counts hits with the asService its caller passes in',
  'lib/jobs/purge.ts': 'the scheduled purge of deleted accounts acts for no user',
  'app/api/jobs/purge/route.ts': 'the endpoint the scheduler calls to run the purge (job secret, no user)',
  'lib/jobs/effective-dates.ts': 'the scheduled job that makes approved versions effective on their date acts for no user',
  'app/api/jobs/effective-dates/route.ts': 'the endpoint the scheduler calls to run the effective dates (job secret, no user)',
  'app/api/jobs/run/route.ts': 'the endpoint the scheduler calls to run every job (job secret, no user)',
  'lib/jobs/run.ts': 'runs every scheduled job with the service scope of the job context it is given',
  'lib/jobs/notices.ts': 'the scheduled jobs remember the emails they sent in private.notices_sent, which no user may read or write',
  'lib/jobs/training-reminders.ts': 'the scheduled read-and-understood emails read every organization\'s open and overdue tasks and their owners and admins, for no user',
  'lib/jobs/review-reminders.ts': 'the scheduled periodic-review reminders read every organization\'s review schedule and its owners and admins, for no user',
  'lib/generation/worker.ts': 'claims a queued run and writes its heartbeat (generations.worker_id, heartbeat_at: no user grant) with the service scope; the run itself writes as its starter',
  'app/api/test/clock/route.ts': 'moves the database clock for the browser suite, only in a server started with --test-clock (lib/test-clock.ts)',
  'app/dev/mailbox/page.tsx': 'the development mailbox lists the outbox (development only)',
  'lib/supabase/admin.ts': 'the auth admin API (service-role key, or the embedded auth secret key): removes a lost authenticator once the server has verified a recovery code',
  'lib/auth/actions.ts': 'the MFA step: after a recovery code matched and was marked used, deletes the user\'s own TOTP factor through lib/supabase/admin.ts',
};

/** Imports that hand out the service role. */
const SERVICE_IMPORTS = ['lib/db/service.ts', 'lib/supabase/admin.ts'];
const SERVICE_NAMES = /\b(asService|serviceRoleKey|SUPABASE_SERVICE_ROLE_KEY)\b/;
const touchesService = (node: Node) => SERVICE_NAMES.test(node.code) || node.deps.some((d) => SERVICE_IMPORTS.includes(d));

/** Each module outside `allowed` that touches the service role, as the shortest import chain from an entry. */
function violations(graph: Map<string, Node>, entries: string[], allowed: Set<string>): string[] {
  const via = new Map<string, string | null>(entries.map((e) => [e, null]));
  const queue = [...entries];
  const found: string[] = [];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const node = graph.get(file)!;
    if (touchesService(node) && !allowed.has(file)) {
      const chain = [file];
      for (let up = via.get(file); up; up = via.get(up)) chain.unshift(up);
      found.push(chain.join(' → '));
    }
    for (const dep of node.deps.filter((d) => !via.has(d))) {
      via.set(dep, file);
      queue.push(dep);
    }
  }
  return found.sort();
}

describe('service-role boundary', () => {
  const entries = [...sourcesUnder('app'), 'proxy.ts', 'instrumentation.ts'];
  const graph = importGraph(readReal, entries);

  it('walks past app/ into the components and lib modules the entry points import', () => {
    expect(graph.has('app/(app)/o/[slug]/sops/[id]/edit/page.tsx')).toBe(true);
    expect(graph.has('components/sops/editor/sop-editor.tsx')).toBe(true);
    expect(graph.has('lib/export/render-worker.ts')).toBe(true); // started as a worker, not imported
    expect(graph.get('app/api/jobs/purge/route.ts')!.deps).toContain('lib/db/service.ts');
    expect(graph.get('app/api/jobs/effective-dates/route.ts')!.deps).toContain('lib/db/service.ts');
  });

  it('lets only the listed modules touch the service role, through any chain of imports', () => {
    expect(violations(graph, entries, new Set(Object.keys(SERVICE_MODULES)))).toEqual([]);
  });

  it('lists no module that no longer touches the service role', () => {
    expect(Object.keys(SERVICE_MODULES).filter((m) => !(graph.has(m) && touchesService(graph.get(m)!)))).toEqual([]);
  });

  it('would catch a page that reaches asService through a component and a lib module (the check itself can fail)', () => {
    const read = readFrom({
      'app/o/page.tsx': "import { Panel } from '@/components/panel';\nimport type { Row } from '@/lib/typed';",
      'components/panel.tsx': "'use client';\nimport { load } from '../lib/load';\n// asService is mentioned in this comment only",
      'lib/load.ts': "import { asService } from '@/lib/db/service';\nexport const load = () => asService(async () => 1);",
      'lib/typed.ts': "import { asService } from '@/lib/db/service';\nexport type Row = { id: string };",
      'lib/db/service.ts': 'export const asService = () => {};',
    });
    const synthetic = importGraph(read, ['app/o/page.tsx']);
    expect(violations(synthetic, ['app/o/page.tsx'], new Set(['lib/db/service.ts']))).toEqual(['app/o/page.tsx → components/panel.tsx → lib/load.ts']);
    expect(violations(synthetic, ['app/o/page.tsx'], new Set(['lib/db/service.ts', 'lib/load.ts']))).toEqual([]);
  });
});
