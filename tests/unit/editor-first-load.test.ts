/**
 * The SOP editor's first paint carries no rich-text editor and no content schema: TipTap /
 * ProseMirror, zod (the SOP schema and zText), the regulation library and the diff are loaded
 * after it (components/sops/editor/procedure-field.tsx, use-autosave.ts, the conflict panel).
 * Checked on the module graph, the way a bundler splits it: from every 'use client' module the
 * route's page and layouts reach, the static imports (`import … from`) are in the route's
 * first-load JS; an `import(…)` is a chunk of its own. Sizes are a benchmark (npm run bench),
 * not this test.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, packagesOf, readFrom, readReal, type Read } from '../helpers/import-graph';

const PAGE = 'app/(app)/o/[slug]/sops/[id]/edit/page.tsx';

/** The page and every layout above it, as the App Router renders them. */
function routeEntries(page: string): string[] {
  const layouts: string[] = [];
  for (let dir = path.posix.dirname(page); dir !== '.'; dir = path.posix.dirname(dir)) {
    for (const ext of ['tsx', 'ts']) if (existsSync(path.join(__dirname, '../..', dir, `layout.${ext}`))) layouts.push(`${dir}/layout.${ext}`);
  }
  return [page, ...layouts];
}

const isClient = (code: string) => /^\s*['"]use client['"]/.test(code);

const HEAVY_PACKAGE = /^(@tiptap\/|prosemirror-|zod$|zod\/|diff$|isomorphic-dompurify$|dompurify$)/;
const HEAVY_MODULE = /^lib\/(sops\/content\.ts|security\/sanitize\.ts|library\/)/;
// DOMPurify is on the page only for the rewrite panel (the SOP page has it too); it is allowed here.
const ALLOWED_PACKAGE = /^isomorphic-dompurify$/;

/** Each heavy module or package the route's first-load JS would carry, as the import chain from a client module that reaches it. */
function firstLoadHeavy(read: Read, entries: string[]): string[] {
  const server = importGraph(read, entries, { dynamic: false });
  const clientEntries = [...server].filter(([, node]) => isClient(node.code)).map(([file]) => file);
  const via = new Map<string, string | null>(clientEntries.map((f) => [f, null]));
  const queue = [...clientEntries];
  const found: string[] = [];
  const chain = (file: string) => {
    const c = [file];
    for (let up = via.get(file); up; up = via.get(up)) c.unshift(up);
    return c.join(' → ');
  };
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (HEAVY_MODULE.test(file)) {
      found.push(chain(file));
      continue;
    }
    for (const pkg of packagesOf(read, file, { dynamic: false })) if (HEAVY_PACKAGE.test(pkg) && !ALLOWED_PACKAGE.test(pkg)) found.push(`${chain(file)} → ${pkg}`);
    for (const dep of importGraph(read, [file], { dynamic: false }).get(file)!.deps.filter((d) => !via.has(d))) {
      via.set(dep, file);
      queue.push(dep);
    }
  }
  return found;
}

describe('the editor route’s first-load JS', () => {
  const entries = routeEntries(PAGE);

  it('finds the page, its layouts and the editor', () => {
    expect(readReal(PAGE)).not.toBeNull();
    expect(entries).toEqual(expect.arrayContaining(['app/layout.tsx', 'app/(app)/o/[slug]/layout.tsx']));
    expect([...importGraph(readReal, entries, { dynamic: false }).keys()]).toContain('components/sops/editor/sop-editor.tsx');
  });

  it('carries no TipTap, zod, SOP schema, regulation library or diff: each is imported with import(…) where it is needed', () => {
    expect(firstLoadHeavy(readReal, entries)).toEqual([]);
  });

  it('still reaches them, lazily: the editor has not lost TipTap or the schema', () => {
    const all = importGraph(readReal, ['components/sops/editor/sop-editor.tsx']);
    const packages = [...all.keys()].flatMap((f) => packagesOf(readReal, f));
    expect(packages).toEqual(expect.arrayContaining(['@tiptap/react', '@tiptap/core', 'zod']));
    expect([...all.keys()]).toEqual(expect.arrayContaining(['components/sops/editor/procedure-editor.tsx', 'components/sops/editor/form-check.ts', 'lib/sops/content.ts', 'components/sops/editor/conflict-panel.tsx']));
  });

  it('would catch a static import of any of them (the check itself can fail)', () => {
    const files = {
      'app/x/page.tsx': "import { Editor } from '@/components/x/editor';\nimport { z } from 'zod'; // the server side may use zod",
      'components/x/editor.tsx': "'use client';\nimport { Field } from './field';\nimport { HEADINGS } from './headings';\nconst later = () => import('./rich');",
      'components/x/field.tsx': "import { useEditor } from '@tiptap/react';",
      'components/x/headings.ts': "import { SECTIONS } from '@/lib/sops/content';",
      'components/x/rich.tsx': "import { z } from 'zod';\nimport { Editor } from '@tiptap/core';",
      'lib/sops/content.ts': "import { z } from 'zod';",
    };
    expect(firstLoadHeavy(readFrom(files), ['app/x/page.tsx'])).toEqual([
      'components/x/editor.tsx → components/x/field.tsx → @tiptap/react',
      'components/x/editor.tsx → components/x/headings.ts → lib/sops/content.ts',
    ]);
  });
});
