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
import { freshDatabase, seed } from './bench-seed';
import { ensureBuild, serverDbOf, sessionCookie, setBenchPasswords, startServer, waitFor200 } from './bench-server';

const KiB = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

interface RouteJs {
  route: string;
  status: number;
  files: { src: string; gzip: number; raw: number }[];
  gzip: number;
  raw: number;
}

export function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
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
  const t = await freshDatabase('pglite');
  const s = await seed(t, { orgs: 1, sops: 5, versions: 1, big: [] });
  await setBenchPasswords(t);
  const [sop] = await t.asService((tx) => tx.query<{ id: string }>('select id from public.sops order by number limit 1'));
  await t.db.close();
  const server = await startServer(serverDbOf(t));
  try {
    await waitFor200(`${server.url}/api/health`, server.process, performance.now());
    const org = s.orgs[0]!;
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
        `Every \`<script src>\` of the server-rendered HTML, fetched from the production server signed in as the organization's owner, gzipped at level 6 and summed. Goal: the editor ≤ 180 KiB gzip.`,
        '',
        `**Editor (\`${anon(editor)}\`): ${KiB(ed.gzip)} gzip** (${KiB(ed.raw)} raw, ${ed.files.length} files); the other ${ok.length} routes' median: ${KiB(med)} → **${(ed.gzip / med).toFixed(2)}×**.`,
        '',
        table(['route', 'status', 'files', 'gzip', 'raw'], [ed, ...rest].map((r) => [`\`${anon(r.route)}\``, String(r.status), String(r.files.length), KiB(r.gzip), KiB(r.raw)])),
        '',
        `Files only the editor loads (largest first): ${own.slice(0, 8).map((f) => `\`${f.src.split('/').pop()}\` ${KiB(f.gzip)}`).join(', ') || 'none'}.`,
      ].join('\n'),
    };
  } catch (err) {
    console.error(server.log().slice(-4000));
    throw err;
  } finally {
    await server.stop();
    await t.close();
  }
}
