/**
 * The route handlers under a folder of app/, as "method /path" with Next's [param] written
 * {param} and a catch-all [...name] written {name}: what the OpenAPI test and the route fuzz
 * test compare their route lists with, so that a new route file cannot go unnoticed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function routeHandlers(folder: string): string[] {
  const root = path.join(process.cwd(), folder);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'route.ts') {
        const rel = path.relative(root, dir).split(path.sep).filter(Boolean).map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, '{$1}'));
        for (const m of readFileSync(p, 'utf8').matchAll(/export (?:const|async function|function) (GET|POST|PATCH|DELETE|PUT)\b/g)) out.push(`${m[1]!.toLowerCase()} /${rel.join('/')}`);
      }
    }
  };
  walk(root);
  return out.sort();
}
