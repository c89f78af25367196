/**
 * Rendered exports, remembered: the same export document (same version content, same
 * controlled-document facts, same org settings) always renders to the same bytes, and versions
 * are immutable, so the many people who download the SOP in effect get it from memory instead
 * of another layout pass (~0.2–0.5 s of synchronous CPU for a typical SOP, seconds for a very
 * long one). Keyed by a SHA-256 of the whole document; least recently used entries go first,
 * bounded by count and bytes.
 *
 * Behind the files, their laid-out page numbers (lib/export/page-numbers) are kept too, about a
 * kilobyte each, so many more of them (in this process only): when a file has left the cache,
 * its render writes them in (a tenth of the time) instead of laying the pages out again.
 */
import { createHash } from 'node:crypto';
import { LAYOUT_REVISION, type KeptPageNumbers } from './page-numbers';
import { renderInWorker } from './render-pool';
import { NUMBERING_CONFIG, STYLES } from './styles';
import type { ExportDocument } from './types';

const MAX_ENTRIES = 100;
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_PAGE_NUMBERS = 5000;

const KEY = Symbol.for('sopwright.export-cache');
type Cache = { entries: Map<string, Buffer>; bytes: number; hits: number; misses: number; pageNumbers: Map<string, KeptPageNumbers>; laidOut: number };
const cache: Cache = ((globalThis as Record<symbol, unknown>)[KEY] as Cache | undefined) ??
  (((globalThis as Record<symbol, unknown>)[KEY] = { entries: new Map(), bytes: 0, hits: 0, misses: 0, pageNumbers: new Map(), laidOut: 0 }) as Cache);

export function exportKey(doc: ExportDocument): string {
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex');
}

const LAYOUT = `${LAYOUT_REVISION}\0${JSON.stringify({ STYLES, NUMBERING_CONFIG })}\0`;

/** What a document's page numbers are kept under: the document, the styles and the layout's revision. */
export function pageNumbersKey(doc: ExportDocument): string {
  return createHash('sha256').update(LAYOUT).update(JSON.stringify(doc)).digest('hex');
}

/** Renders with the page numbers kept for the document, and keeps the ones it had to lay out. */
async function renderKeepingPageNumbers(doc: ExportDocument): Promise<Buffer> {
  const key = pageNumbersKey(doc);
  const kept = cache.pageNumbers.get(key);
  const { bytes, pageNumbers } = await renderInWorker(doc, kept);
  if (pageNumbers) {
    cache.laidOut++;
    cache.pageNumbers.delete(key);
    cache.pageNumbers.set(key, pageNumbers);
    for (const k of cache.pageNumbers.keys()) {
      if (cache.pageNumbers.size <= MAX_PAGE_NUMBERS) break;
      cache.pageNumbers.delete(k);
    }
  }
  return bytes;
}

/** Forgets the rendered files but not the page numbers (for the benchmark and tests). */
export function dropRenderedFiles(): void {
  cache.entries.clear();
  cache.bytes = 0;
}

export async function renderSopDocxCached(doc: ExportDocument): Promise<Buffer> {
  const key = exportKey(doc);
  const hit = cache.entries.get(key);
  if (hit) {
    cache.hits++;
    cache.entries.delete(key);
    cache.entries.set(key, hit); // most recently used last
    return hit;
  }
  cache.misses++;
  const bytes = await renderKeepingPageNumbers(doc);
  cache.entries.set(key, bytes);
  cache.bytes += bytes.byteLength;
  for (const [k, v] of cache.entries) {
    if (cache.entries.size <= MAX_ENTRIES && cache.bytes <= MAX_BYTES) break;
    cache.entries.delete(k);
    cache.bytes -= v.byteLength;
  }
  return bytes;
}

/** laidOut: renders that had to lay the pages out (no kept page numbers fitted). */
export function exportCacheStats(): { entries: number; bytes: number; hits: number; misses: number; pageNumbers: number; laidOut: number } {
  return { entries: cache.entries.size, bytes: cache.bytes, hits: cache.hits, misses: cache.misses, pageNumbers: cache.pageNumbers.size, laidOut: cache.laidOut };
}
