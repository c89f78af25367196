/**
 * Which way the layers point, checked on the source text with the walker of the service-role
 * boundary test (tests/helpers/import-graph.ts):
 * - components/ is UI: it never imports from app/ (server actions live in lib/<domain>/actions.ts);
 * - pages, layouts and server actions read and write through the services, never SQL of their
 *   own (tx.query, execScript or a transaction opened by hand);
 * - no module of a domain imports lib/http, except the domain's actions.ts: a form entry point,
 *   like a route, built on lib/http/action.ts.
 */
import { describe, expect, it } from 'vitest';
import { importsOf, readFrom, readReal, sourcesUnder, stripComments, type Read } from '../helpers/import-graph';

const RAW_SQL = /\.query\s*[<(]|\bexecScript\b|\.transaction\s*\(/;
const isAction = (f: string) => /^lib\/[^/]+\/actions\.ts$/.test(f);

/** "file → import" for each import of `files` that `bad` refuses, type-only imports included. */
function importsInto(read: Read, files: string[], bad: (from: string, to: string) => boolean): string[] {
  return files.flatMap((f) => importsOf(read, f, { types: true }).filter((d) => bad(f, d)).map((d) => `${f} → ${d}`));
}

function runningSql(read: Read, files: string[]): string[] {
  return files.filter((f) => RAW_SQL.test(stripComments(read(f) ?? '')));
}

const fromApp = (_from: string, to: string) => to.startsWith('app/');
const domainToHttp = (from: string, to: string) => to.startsWith('lib/http/') && !from.startsWith('lib/http/') && /^lib\/[^/]+\//.test(from) && !isAction(from);

describe('entry-point boundaries', () => {
  const lib = sourcesUnder('lib');
  // Route handlers (route.ts) are the other kind of entry point; everything else under app/ renders.
  const rendered = sourcesUnder('app').filter((f) => !f.endsWith('/route.ts'));
  const actions = lib.filter(isAction);

  it('finds the server actions in their domains', () => {
    expect(actions).toEqual(expect.arrayContaining(['lib/account/actions.ts', 'lib/auth/actions.ts', 'lib/billing/actions.ts', 'lib/orgs/actions.ts']));
    for (const f of actions) expect(readReal(f)!.trimStart().startsWith("'use server';"), f).toBe(true);
  });

  it('components/ never imports from app/', () => {
    expect(importsInto(readReal, sourcesUnder('components'), fromApp)).toEqual([]);
  });

  it('pages, layouts and server actions run no SQL of their own', () => {
    expect(runningSql(readReal, [...rendered, ...actions])).toEqual([]);
  });

  it('no domain module imports lib/http except its actions.ts', () => {
    expect(importsInto(readReal, lib, domainToHttp)).toEqual([]);
  });

  it('would catch each of them (the checks themselves can fail)', () => {
    const read = readFrom({
      'components/a.tsx': "'use client';\nimport type { State } from '@/app/o/actions';",
      'components/b.tsx': "import { x } from '../app/o/actions'; // from app/ — caught",
      'app/o/actions.ts': "'use server';\nexport async function x() {}",
      'app/o/page.tsx': "// tx.query('select 1') in a comment is fine\nexport default async function Page() { return withUser(c, (tx) => tx.query<{ id: string }>('select 1')); }",
      'lib/orgs/actions.ts': "import { orgAction } from '@/lib/http/action';\nconst f = () => db.transaction(async () => {});",
      'lib/orgs/service.ts': "import { errorBody } from '../http/errors';",
      'lib/http/action.ts': '',
      'lib/http/errors.ts': '',
    });
    expect(importsInto(read, ['components/a.tsx', 'components/b.tsx'], fromApp)).toEqual(['components/a.tsx → app/o/actions.ts', 'components/b.tsx → app/o/actions.ts']);
    expect(runningSql(read, ['app/o/page.tsx', 'app/o/actions.ts', 'lib/orgs/actions.ts'])).toEqual(['app/o/page.tsx', 'lib/orgs/actions.ts']);
    expect(importsInto(read, ['lib/orgs/actions.ts', 'lib/orgs/service.ts', 'lib/http/action.ts'], domainToHttp)).toEqual(['lib/orgs/service.ts → lib/http/errors.ts']);
  });
});
