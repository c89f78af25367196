/**
 * Worker thread entry: renders export documents off the main event loop (lib/export/render-pool).
 * Receives { id, doc } and answers { id, bytes } or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import { renderSopDocx } from './docx';
import type { ExportDocument } from './types';

parentPort?.on('message', async (msg: { id: number; doc: ExportDocument }) => {
  try {
    const bytes = await renderSopDocx(msg.doc);
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    parentPort!.postMessage({ id: msg.id, bytes: copy }, [copy.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
