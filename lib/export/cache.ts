/**
 * Rendered exports, remembered: the same export document (same version content, same
 * controlled-document facts, same org settings) always renders to the same bytes, and versions
 * are immutable, so the many people who download the SOP in effect get it from memory instead
 * of another layout pass (~0.2–0.5 s of synchronous CPU for a typical SOP, seconds for a very
 * long one). Keyed by a SHA-256 of the whole document; least recently used entries go first,
 * bounded by count and bytes.
 */
import { createHash } from 'node:crypto';
import { renderInWorker } from './render-pool';
import type { ExportDocument } from './types';

const MAX_ENTRIES = 100;
const MAX_BYTES = 64 * 1024 * 1024;

const KEY = Symbol.for('sopwright.export-cache');
type Cache = { entries: Map<string, Buffer>; bytes: number; hits: number; misses: number };
const cache: Cache = ((globalThis as Record<symbol, unknown>)[KEY] as Cache | undefined) ??
  (((globalThis as Record<symbol, unknown>)[KEY] = { entries: new Map(), bytes: 0, hits: 0, misses: 0 }) as Cache);

export function exportKey(doc: ExportDocument): string {
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex');
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
  const bytes = await renderInWorker(doc);
  cache.entries.set(key, bytes);
  cache.bytes += bytes.byteLength;
  for (const [k, v] of cache.entries) {
    if (cache.entries.size <= MAX_ENTRIES && cache.bytes <= MAX_BYTES) break;
    cache.entries.delete(k);
    cache.bytes -= v.byteLength;
  }
  return bytes;
}

export function exportCacheStats(): { entries: number; bytes: number; hits: number; misses: number } {
  return { entries: cache.entries.size, bytes: cache.bytes, hits: cache.hits, misses: cache.misses };
}
