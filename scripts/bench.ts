/**
 * npm run bench [-- <name>] — performance benchmarks; writes the results into BENCHMARKS.md.
 *
 *   export   renderSopDocx on a ~50-page SOP vs pandoc converting the same content as Markdown
 *            to .docx (median of N runs each), plus our peak memory: the first render in the
 *            process, warm renders that lay the pages out, and renders of a version whose page
 *            numbers are kept (lib/export/page-numbers), as the export cache renders them.
 *   draft    time to the first streamed section of a Claude draft vs the whole draft, with the
 *            real SDK against the local Anthropic fake (scripts/bench-draft.ts).
 *   quality  the drafting-quality suite (issue #14) on the offline drafter and on the Claude
 *            path against the fake model (scripts/bench-quality.ts).
 *   db       RLS vs superuser on the SOP read paths, and search in 10k / 50k-SOP organizations,
 *            on PostgreSQL and PGlite (scripts/bench-db.ts; --orgs= --sops= --versions= --big=).
 *   http     GET SOP list API throughput vs a bare route with the same JSON, c = 1/10/50, on the
 *            production server (scripts/bench-http.ts; builds .next when it is stale).
 *   start    cold start to the first 200 on /api/health, fresh and existing database, and the
 *            first SOP list call after it (scripts/bench-start.ts).
 *   bundle   the editor route's first-load JS (gzip) vs the other routes' median (scripts/bench-bundle.ts).
 *   load     50 connections of reads and writes; 0 errors and every write accounted for (scripts/bench-load.ts).
 *
 * Options: --runs=N (default 10). A run of `--child-render` is the benchmark's own helper: it
 * renders once in a fresh process and prints that process's peak RSS.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderSopDocx, renderSopDocxKeeping } from '../lib/export/docx';
import { benchDb } from './bench-db';
import { benchDraft } from './bench-draft';
import { benchHttp } from './bench-http';
import { benchBundle } from './bench-bundle';
import { benchLoad } from './bench-load';
import { benchStart } from './bench-start';
import { benchQuality } from './bench-quality';
import { contentToMarkdown } from '../lib/export/markdown';
import { sampleExportDocument } from '../lib/export/sample';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const RUNS = Number(flag('runs') ?? 10);
const WARMUP = 3;
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** 200 top-level steps (the schema's maximum) with 5 sub-steps each: about 50 pages in LibreOffice. */
const bigSop = () => sampleExportDocument({ steps: 200, substeps: 5, approved: true, pageSize: 'A4' });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => `${x.toFixed(x < 100 ? 1 : 0)} ms`;

async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

function timeSync(fn: () => void, runs: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times;
}

const which = (cmd: string) => (spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout ?? '').trim();

function machine() {
  const cpu = /model name\s*:\s*(.+)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const pandoc = which('pandoc') ? execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0]! : 'not installed';
  return { nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(), cpu, node: process.version, pandoc, memory: MB(os.totalmem()), platform: `${os.type()} ${os.release()}` };
}

/** Pages LibreOffice lays the document out on, when it is installed. */
function libreOfficePages(docx: Buffer, dir: string): number | null {
  const soffice = which('soffice') || which('libreoffice');
  if (!soffice || !which('pdfinfo')) return null;
  const file = path.join(dir, 'bench.docx');
  writeFileSync(file, docx);
  execFileSync(soffice, [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 180_000 });
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path.join(dir, 'bench.pdf')], { encoding: 'utf8' }))?.[1] ?? NaN);
}

/** Peak RSS of a fresh process that imports, builds the sample and renders it once (and of one that stops before rendering). */
function childPeak(render: boolean): number {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--child-render', render ? '--render' : '--no-render'], { encoding: 'utf8', timeout: 120_000 });
  return Number(/maxRSS=(\d+)/.exec(out)![1]) * 1024;
}

async function childRender() {
  const doc = bigSop();
  if (args.includes('--render')) await renderSopDocx(doc);
  console.log(`maxRSS=${process.resourceUsage().maxRSS}`);
}

interface ExportResult {
  markdown: string;
}

async function benchExport(): Promise<ExportResult> {
  const doc = bigSop();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sop-bench-'));
  try {
    console.log(`export: rendering a 200-step SOP, ${WARMUP} warm-up + ${RUNS} timed runs each…`);
    let size = 0;
    const coldStart = performance.now();
    await renderSopDocx(doc);
    const cold = performance.now() - coldStart;
    const oursTimes = await timeAsync(async () => (size = (await renderSopDocx(doc)).length), RUNS, WARMUP);
    const noEstimateTimes = await timeAsync(() => renderSopDocx(doc, { estimatePageNumbers: false }), RUNS, WARMUP);
    // A version rendered before: its page numbers are kept (as stored, a JSON copy), and written in without a layout.
    const keptStart = performance.now();
    const { pageNumbers } = await renderSopDocxKeeping(doc);
    const keepFirst = performance.now() - keptStart;
    const kept = JSON.parse(JSON.stringify(pageNumbers)) as typeof pageNumbers;
    let keptLaidOut = 0;
    const keptTimes = await timeAsync(async () => (keptLaidOut += (await renderSopDocxKeeping(doc, kept)).pageNumbers ? 1 : 0), RUNS, WARMUP);
    if (keptLaidOut) throw new Error('the kept page numbers did not fit the document: it was laid out again');
    const inProcessPeak = process.resourceUsage().maxRSS * 1024;
    const ours = median(oursTimes);
    const oursNoEstimate = median(noEstimateTimes);
    const oursKept = median(keptTimes);
    console.log(`  ours: median ${ms(ours)} (${(size / 1024).toFixed(0)} KiB; first, cold render ${ms(cold)}); page numbers kept ${ms(oursKept)} (the render that keeps them ${ms(keepFirst)}); without page-number layout ${ms(oursNoEstimate)}`);

    const peak = childPeak(true);
    const baseline = childPeak(false);
    console.log(`  peak RSS: ${MB(peak)} for one render in a fresh process (${MB(baseline)} before rendering); ${MB(inProcessPeak)} in this process after all runs`);

    const pages = libreOfficePages(await renderSopDocx(doc), dir);
    console.log(`  LibreOffice lays it out on ${pages ?? 'n/a (soffice not installed)'} pages`);

    const markdown = contentToMarkdown(doc);
    const md = path.join(dir, 'bench.md');
    writeFileSync(md, markdown);
    let pandocLine = '| pandoc | not installed: skipped | | |';
    let ratioLine = 'pandoc is not installed, so there is no ratio.';
    if (which('pandoc')) {
      const out = path.join(dir, 'pandoc.docx');
      const pandocTimes = timeSync(() => execFileSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', out, md]), RUNS, 1);
      const spawnTimes = timeSync(() => execFileSync('pandoc', ['--version']), RUNS, 1);
      const pandocPeak = Number(/(\d+)\s*$/.exec(spawnSync('/usr/bin/time', ['-f', '%M', 'pandoc', '-f', 'markdown', '-t', 'docx', '-o', out, md], { encoding: 'utf8' }).stderr ?? '')?.[1] ?? NaN) * 1024;
      const p = median(pandocTimes);
      const spawn = median(spawnTimes);
      console.log(`  pandoc: median ${ms(p)} (process start alone: ${ms(spawn)}), peak RSS ${Number.isNaN(pandocPeak) ? 'n/a' : MB(pandocPeak)}`);
      console.log(`  ratio ours/pandoc: cold ${(cold / p).toFixed(2)}, warm ${(ours / p).toFixed(2)} (${(ours / (p - spawn)).toFixed(2)} against pandoc minus its process start), page numbers kept ${(oursKept / p).toFixed(2)}`);
      pandocLine = `| pandoc \`-f markdown -t docx\` (same content as Markdown) | ${ms(p)} | ${Number.isNaN(pandocPeak) ? 'n/a' : MB(pandocPeak)} (\`/usr/bin/time -f %M\`) | includes process start: \`pandoc --version\` alone takes ${ms(spawn)} |`;
      ratioLine = [
        `**Ratio ours / pandoc, with TOC page numbers: ${(oursKept / p).toFixed(2)} for a version whose page numbers are kept** (median ${ms(oursKept)} / ${ms(p)});`,
        `**${(ours / p).toFixed(2)} for a render that lays the pages out** (warm median ${ms(ours)}), ${(cold / p).toFixed(2)} for the first render in a process (${ms(cold)}).`,
        `Without page-number layout: ${(oursNoEstimate / p).toFixed(2)}.`,
        `Counting pandoc without its process start (${ms(spawn)}, which every pandoc call pays but an in-process render does not): ${(ours / (p - spawn)).toFixed(2)}.`,
      ].join(' ');
    }

    const m = machine();
    const lines = [
      `## Word export (\`npm run bench -- export\`)`,
      '',
      `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${m.nproc} vCPU (${m.cpu}), ${m.memory} RAM, ${m.platform}; Node ${m.node}; ${m.pandoc}.`,
      '',
      `Document: \`sampleExportDocument({ steps: 200, substeps: 5 })\` — the offline drafter's CIP procedure enlarged to 200 steps (the schema's maximum) with 5 sub-steps each, sub-sub-steps and callouts; ${pages ? `${pages} pages in LibreOffice (A4)` : 'page count not measured (LibreOffice not installed)'}. ${WARMUP} warm-up runs, then the median of ${RUNS}.`,
      '',
      '| What | Median | Peak memory | Notes |',
      '|---|---|---|---|',
      `| \`renderSopDocx\` (default: TOC page numbers laid out by \`docx/layout\`) | ${ms(ours)} | ${MB(peak)} RSS for one render in a fresh process (${MB(baseline)} of it before rendering) | in-process, no spawn; first (cold) render in the process ${ms(cold)}; ${(size / 1024).toFixed(0)} KiB .docx |`,
      `| \`renderSopDocxKeeping(doc, kept)\` (default, page numbers kept for the version) | ${ms(oursKept)} | — | what the export cache renders once a version's page numbers are laid out (in memory, keyed by the export document and the layout revision); byte-for-byte the default file but for bookmark ids and the creation time |`,
      `| \`renderSopDocx(doc, { estimatePageNumbers: false })\` | ${ms(oursNoEstimate)} | — | TOC page numbers left for Word to fill in |`,
      pandocLine,
      '',
      ratioLine,
      '',
      'Which one a user gets: the first export of a version in a server process lays its pages out (cold or warm row); every later one is a file-cache hit (no render), or, once the file has left that cache (100 files / 64 MB), a render with the kept page numbers. The kept page numbers live in memory (5000 versions), not in the database: a restart lays each version out again once.',
      '',
      'Notes: the render is synchronous CPU work, in a worker thread in the server (docx builds and zips in memory; the page layout is most of it). Pandoc is a separate process per conversion, so its time includes process start, and its output has none of the controlled-document frame (header/footer fields, approvals, TOC, styles, list numbering definitions) — it is a lower bound for "Markdown to Word", not a like-for-like document.',
    ];
    return { markdown: lines.join('\n') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BENCHMARKS: Record<string, () => Promise<{ markdown: string }>> = {
  export: benchExport,
  draft: () => benchDraft(),
  quality: benchQuality,
  db: () => benchDb(args),
  http: () => benchHttp(args),
  start: () => benchStart(args),
  bundle: () => benchBundle(),
  load: () => benchLoad(args),
};

function writeSection(name: string, markdown: string) {
  const file = path.join(process.cwd(), 'BENCHMARKS.md');
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nWritten by `npm run bench`; each section is replaced when its benchmark runs again.\n';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  text = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

async function main() {
  if (args.includes('--child-render')) return childRender();
  const selected = args.filter((a) => !a.startsWith('--'));
  const unknown = selected.filter((n) => !BENCHMARKS[n]);
  if (unknown.length) throw new Error(`Unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(BENCHMARKS).join(', ')}`);
  const failed: string[] = [];
  for (const name of selected.length ? selected : Object.keys(BENCHMARKS)) {
    const started = performance.now();
    try {
      const { markdown } = await BENCHMARKS[name]!();
      writeSection(name, markdown);
      console.log(`${name}: written to BENCHMARKS.md (${((performance.now() - started) / 60_000).toFixed(1)} min)`);
    } catch (err) {
      // One benchmark failing leaves its section as it was; the others still run.
      console.error(`${name} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      failed.push(name);
    }
  }
  if (failed.length) throw new Error(`failed: ${failed.join(', ')}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
