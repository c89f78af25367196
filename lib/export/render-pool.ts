/**
 * Renders exports in a worker thread, so that laying out a long SOP (hundreds of ms to
 * seconds of synchronous work in docx/layout) does not stall every other request of the
 * server. One worker, started on first use; requests are answered in order. Where no worker
 * can run (its entry cannot be loaded, e.g. under a test runner that transforms TypeScript
 * itself), rendering falls back to this thread, and nothing is lost: requests that were
 * waiting on a worker that died are rendered here.
 */
import { Worker } from 'node:worker_threads';
import { logInfo, logWarn } from '@/lib/log';
import { renderSopDocxKeeping } from './docx';
import type { KeptPageNumbers } from './page-numbers';
import type { ExportDocument } from './types';

/** The .docx bytes, and the page numbers laid out for them when the kept ones did not fit. */
export interface RenderedExport {
  bytes: Buffer;
  pageNumbers?: KeptPageNumbers;
}

type Pending = { doc: ExportDocument; kept?: KeptPageNumbers; resolve: (r: RenderedExport) => void; reject: (e: unknown) => void };

const KEY = Symbol.for('sopwright.export-worker');
type State = { worker: Worker | null; usable: boolean; answered: boolean; next: number; pending: Map<number, Pending> };
const state: State = ((globalThis as Record<symbol, unknown>)[KEY] as State | undefined) ??
  (((globalThis as Record<symbol, unknown>)[KEY] = { worker: null, usable: true, answered: false, next: 1, pending: new Map() }) as State);

function inThisThread(p: Pending) {
  renderSopDocxKeeping(p.doc, p.kept).then(p.resolve, p.reject);
}

function startWorker(): Worker | null {
  if (state.worker || !state.usable) return state.worker;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./render-worker.ts', import.meta.url));
  } catch {
    state.usable = false;
    logWarn('worker threads are unavailable; exports render on the main thread');
    return null;
  }
  worker.unref();
  worker.on('message', (msg: { id: number; bytes?: Uint8Array; pageNumbers?: KeptPageNumbers; error?: string }) => {
    if (!state.answered) logInfo('exports render in a worker thread');
    state.answered = true;
    const p = state.pending.get(msg.id);
    if (!p) return;
    state.pending.delete(msg.id);
    if (msg.bytes) p.resolve({ bytes: Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength), pageNumbers: msg.pageNumbers });
    else p.reject(new Error(msg.error ?? 'export render failed'));
  });
  const gone = () => {
    if (state.worker !== worker) return;
    state.worker = null;
    // A worker that never answered cannot be loaded here: stop trying.
    if (!state.answered) {
      state.usable = false;
      logWarn('the export worker could not start; exports render on the main thread');
    }
    const waiting = [...state.pending.values()];
    state.pending.clear();
    waiting.forEach(inThisThread);
  };
  worker.on('error', gone);
  worker.on('exit', gone);
  state.worker = worker;
  return worker;
}

/** Renders the default export (page numbers laid out, or taken from `kept` where they fit). */
export function renderInWorker(doc: ExportDocument, kept?: KeptPageNumbers): Promise<RenderedExport> {
  return new Promise<RenderedExport>((resolve, reject) => {
    const p: Pending = { doc, kept, resolve, reject };
    const worker = startWorker();
    if (!worker) return inThisThread(p);
    const id = state.next++;
    state.pending.set(id, p);
    worker.postMessage({ id, doc, kept });
  });
}

/** Whether exports currently render off the main thread (for the health report and tests). */
export function renderWorkerActive(): boolean {
  return state.worker !== null && state.answered;
}
