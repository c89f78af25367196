/**
 * Worker thread entry: renders export documents off the main event loop (lib/export/render-pool).
 * Receives { id, doc, kept } and answers { id, bytes, pageNumbers } or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import { renderSopDocxKeeping } from './docx';
import type { KeptPageNumbers } from './page-numbers';
import type { ExportDocument } from './types';

parentPort?.on('message', async (msg: { id: number; doc: ExportDocument; kept?: KeptPageNumbers }) => {
  try {
    const { bytes, pageNumbers } = await renderSopDocxKeeping(msg.doc, msg.kept);
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    parentPort!.postMessage({ id: msg.id, bytes: copy, pageNumbers }, [copy.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
