/**
 * npm run bench -- bundle
 *
 * First-load JavaScript of the SOP editor route against the other signed-in routes: the
 * production server's HTML of each page (signed in with a real session cookie, on a small
 * seeded PGlite database), every `<script src>` in it fetched from the server, each file's
 * size gzipped (zlib, level 6, what a gzip-compressing server sends), summed per route.
 * Ratio = the editor's KiB / the median of the other routes'.
 */
import { gzipSync } from 'node:zlib';
import { machineLine, median, table } from './bench-report';
import { openPglite } from '../lib/db/pglite';
import { ensureBuild, seededForServer, serverDbOf, sessionCookie, withServer } from './bench-server';

const KiB = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

interface RouteJs {
  route: string;
  status: number;
  files: { src: string; gzip: number; raw: number }[];
  gzip: number;
  raw: number;
}

/** The src of every `<script src>` a modern browser loads (not the `noModule` polyfills, which only browsers without modules fetch). */
export function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/\bnomodule\b/i.test(tag))
    .flatMap((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1]?.replace(/&amp;/g, '&') ?? []);
}

async function routeJs(base: string, route: string, cookie: string, cache: Map<string, { gzip: number; raw: number }>): Promise<RouteJs> {
  const res = await fetch(`${base}${route}`, { headers: { cookie }, redirect: 'manual' });
  const html = await res.text();
  const files = [];
  for (const src of [...new Set(scriptSources(html))]) {
    let size = cache.get(src);
    if (!size) {
      const buf = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
      size = { gzip: gzipSync(buf, { level: 6 }).length, raw: buf.length };
      cache.set(src, size);
    }
    files.push({ src, ...size });
  }
  return { route, status: res.status, files, gzip: files.reduce((a, f) => a + f.gzip, 0), raw: files.reduce((a, f) => a + f.raw, 0) };
}

export async function benchBundle(): Promise<{ markdown: string }> {
  const log = (s: string) => console.log(s);
  const started = performance.now();
  const build = ensureBuild(log);
  const seeded = await seededForServer('pglite', { orgs: 1, sops: 5, versions: 1, big: [] });
  if (seeded.skipped !== undefined) throw new Error(seeded.skipped);
  const { t, s } = seeded;
  const org = s.orgs[0]!;
  const [sop] = await (async () => {
    const db = await openPglite(t.dataDir!);
    try {
      return await db.transaction((tx) => tx.query<{ id: string }>('select id from public.sops where org_id = $1 order by number limit 1', [org.id]));
    } finally {
      await db.close();
    }
  })();
  try {
    return await withServer(serverDbOf(t), async (server) => {
      const cookie = await sessionCookie(server.url, org.ownerEmail);
      const o = `/o/${org.slug}`;
      const editor = `${o}/sops/${sop!.id}/edit`;
      const others = [o, `${o}/sops`, `${o}/sops/new`, `${o}/sops/${sop!.id}`, `${o}/sops/${sop!.id}/history`, `${o}/tasks`, `${o}/training`, `${o}/members`, `${o}/settings`, `${o}/audit`, `${o}/compliance`, '/settings', '/settings/security', '/library'];
      const cache = new Map<string, { gzip: number; raw: number }>();
      const ed = await routeJs(server.url, editor, cookie, cache);
      const rest = [];
      for (const r of others) rest.push(await routeJs(server.url, r, cookie, cache));
      const bad = [ed, ...rest].filter((r) => r.status !== 200);
      if (bad.length) log(`bundle: not 200: ${bad.map((r) => `${r.route} ${r.status}`).join(', ')}`);
      const ok = rest.filter((r) => r.status === 200);
      const med = median(ok.map((r) => r.gzip));
      log(`bundle: editor ${KiB(ed.gzip)} gzip (${ed.files.length} files) vs the other routes' median ${KiB(med)} → ${(ed.gzip / med).toFixed(2)}×`);
      const shared = new Set(ok.flatMap((r) => r.files.map((f) => f.src)));
      const own = ed.files.filter((f) => !shared.has(f.src)).sort((a, b) => b.gzip - a.gzip);
      const anon = (r: string) => r.replace(org.slug, '{org}').replace(sop!.id, '{id}');
      return {
        markdown: [
          `## Editor first-load JS (\`npm run bench -- bundle\`)`,
          '',
          machineLine([`whole run ${((performance.now() - started) / 60_000).toFixed(1)} min`, build]),
          '',
          `Every \`<script src>\` of the server-rendered HTML (except Next's \`noModule\` polyfills, which browsers with modules never fetch), fetched from the production server signed in as the organization's owner, gzipped at level 6 and summed. Goal: the editor ≤ 180 KiB gzip.`,
          '',
          `**Editor (\`${anon(editor)}\`): ${KiB(ed.gzip)} gzip** (${KiB(ed.raw)} raw, ${ed.files.length} files); the other ${ok.length} routes' median: ${KiB(med)} → **${(ed.gzip / med).toFixed(2)}×**.`,
          '',
          table(['route', 'status', 'files', 'gzip', 'raw'], [ed, ...rest].map((r) => [`\`${anon(r.route)}\``, String(r.status), String(r.files.length), KiB(r.gzip), KiB(r.raw)])),
          '',
          `Files only the editor loads (largest first): ${own.slice(0, 8).map((f) => `\`${f.src.split('/').pop()}\` ${KiB(f.gzip)}`).join(', ') || 'none'}.`,
        ].join('\n'),
      };
    });
  } finally {
    await t.close();
  }
}
