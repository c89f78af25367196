/**
 * What every benchmark shares: the median, timing of interleaved runs, the machine line, the
 * PostgreSQL to benchmark on, and writing a section of BENCHMARKS.md between its
 * `<!-- bench:NAME -->` markers. Pure helpers are unit-tested (tests/unit/bench-report.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const fmtMs = (x: number) => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(x < 10 ? 2 : x < 100 ? 1 : 0)} ms`);
export const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a');

/** `--name=value` from argv. */
export function flag(args: readonly string[], name: string): string | undefined {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

/**
 * Runs each named function `runs` times after `warmup` rounds, interleaved (a, b, a, b …, with
 * the order flipped every other round so neither always goes first), and returns every
 * function's times in ms. With a budget, stops early (after at least one timed round) once the
 * budget is spent, so that a slow path cannot make the run unbounded.
 */
export async function interleaved<K extends string>(fns: Record<K, () => Promise<unknown>>, runs: number, warmup = 2, budgetMs = Infinity): Promise<Record<K, number[]>> {
  const keys = Object.keys(fns) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const start = performance.now();
  for (let i = 0; i < warmup + runs; i++) {
    // Over budget: stop once every function has at least one timed run.
    if (i > warmup && performance.now() - start > budgetMs) break;
    const order = i % 2 ? [...keys].reverse() : keys;
    for (const k of order) {
      const t = performance.now();
      await fns[k]();
      if (i >= warmup) out[k].push(performance.now() - t);
    }
  }
  return out;
}

/** Replace (or append) the section `name` of a BENCHMARKS.md text. */
export function replaceSection(text: string, name: string, markdown: string): string {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end, i);
  return i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
}

export function writeSection(name: string, markdown: string, file = path.join(process.cwd(), 'BENCHMARKS.md')): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nWritten by `npm run bench`; each section is replaced when its benchmark runs again.\n';
  writeFileSync(file, replaceSection(text, name, markdown));
}

export function machineLine(extra: string[] = []): string {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* not a git checkout */
  }
  return [
    `Run ${when} UTC${commit ? ` at commit ${commit}` : ''} on ${os.cpus().length} vCPU (${cpu}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, ${os.type()} ${os.release()}; Node ${process.version}`,
    ...extra,
  ].join('; ') + '. The machine is shared with other work: every figure is a ratio against a baseline measured in the same run, interleaved.';
}

/** The PostgreSQL server to benchmark on: DATABASE_URL, else the local default; null when none answers. */
export function postgresAdminUrl(): string {
  return process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export type Kind = 'postgres' | 'pglite';

/** The command line that reproduces a run, for the section's title. */
export const benchCommand = (name: string, args: readonly string[]) => `npm run bench -- ${name}${args.filter((a) => a.startsWith('--')).map((a) => ` ${a}`).join('')}`;

export const wholeRun = (startedAt: number) => `whole run ${((performance.now() - startedAt) / 60_000).toFixed(1)} min`;

/** fn for PostgreSQL then PGlite (or only the one --only= names), their markdown lines one after the other. */
export async function eachKind(args: readonly string[], fn: (kind: Kind) => Promise<string[]>): Promise<string[]> {
  const only = flag(args, 'only') as Kind | undefined;
  const out: string[] = [];
  for (const kind of only ? [only] : (['postgres', 'pglite'] as const)) out.push(...(await fn(kind)), '');
  return out;
}

/** A markdown table from a header row and rows. */
export function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
