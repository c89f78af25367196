/**
 * The import walker of the static boundary tests: every `@/…` and relative import of a module,
 * resolved to its file under the project root, and the graph of modules reachable from a set
 * of entry points. Reads files as text (comments stripped); packages are left out. Type-only
 * imports carry no code: the graph does not follow them, importsOf() lists them on request.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

// `import …`, `export … from`, `import(…)` and a worker's `new URL(…, import.meta.url)`; a `type`
// right after the keyword marks a type-only import.
const IMPORT = /(?:^|[\s;}])(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]*?\s*from\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\bnew URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g;

export const stripComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');

/** A module's text by its path from the project root, or null when there is no such file. */
export type Read = (file: string) => string | null;

export interface Node {
  deps: string[];
  code: string;
}

function resolve(read: Read, from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? path.posix.join(path.posix.dirname(from), spec) : null;
  if (base === null) return null; // a package
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((c) => /\.tsx?$/.test(c) && read(c) !== null) ?? null;
}

export interface ImportOptions {
  /** Type-only imports too (default: no). */
  types?: boolean;
  /** `import(…)` too (default: yes); without them, what a bundler puts in the importer's own chunk. */
  dynamic?: boolean;
}

/** The specifiers `file` imports, as written. */
function specifiersOf(read: Read, file: string, { types = false, dynamic = true }: ImportOptions): string[] {
  const code = stripComments(read(file) ?? '');
  return [...code.matchAll(IMPORT)].filter((m) => (types || !m[1]) && (dynamic || m[3] === undefined)).map((m) => m[2] ?? m[3] ?? m[4]!);
}

/** The project modules `file` imports. */
export function importsOf(read: Read, file: string, options: ImportOptions = {}): string[] {
  return specifiersOf(read, file, options).flatMap((spec) => resolve(read, file, spec) ?? []);
}

/** The packages `file` imports (`@tiptap/react`, `zod`, `node:fs` …), as written. */
export function packagesOf(read: Read, file: string, options: ImportOptions = {}): string[] {
  return specifiersOf(read, file, options).filter((spec) => !spec.startsWith('@/') && !spec.startsWith('.'));
}

/** Every module reachable from the entries, with its imports and its text (comments stripped). */
export function importGraph(read: Read, entries: string[], options: Omit<ImportOptions, 'types'> = {}): Map<string, Node> {
  const graph = new Map<string, Node>();
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (graph.has(file)) continue;
    const deps = importsOf(read, file, options);
    graph.set(file, { deps, code: stripComments(read(file) ?? '') });
    queue.push(...deps);
  }
  return graph;
}

/** A Read over files given as text, for the tests that prove a check can fail. */
export const readFrom = (files: Record<string, string>): Read => (file) => files[file] ?? null;

export const readReal: Read = (file) => {
  const full = path.join(root, file);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : null;
};

/** The .ts/.tsx files under a folder of the project, as paths from the root. */
export const sourcesUnder = (dir: string): string[] =>
  readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    return statSync(path.join(root, rel)).isDirectory() ? sourcesUnder(rel) : /\.tsx?$/.test(name) ? [rel] : [];
  });
