'use client';
/** "Export all" on the SOP list: downloads the organization's SOPs as one .zip, with progress. */
import { useState } from 'react';

type State = { kind: 'idle' } | { kind: 'running'; total: number; bytes: number } | { kind: 'done'; total: number } | { kind: 'error'; message: string };

const kb = (n: number) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function BulkExport({ org }: { org: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function run() {
    setState({ kind: 'running', total: 0, bytes: 0 });
    let res: Response;
    try {
      res = await fetch(`/api/v1/orgs/${org}/sops/export.zip`);
    } catch {
      setState({ kind: 'error', message: 'Could not reach the server.' });
      return;
    }
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => ({}))) as { error?: { message: string } };
      setState({ kind: 'error', message: body.error?.message ?? `Export failed (${res.status}).` });
      return;
    }
    const total = Number(res.headers.get('x-document-count') ?? 0);
    const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
      setState({ kind: 'running', total, bytes });
    }
    const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'application/zip' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name ? decodeURIComponent(name) : 'sops.zip';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setState({ kind: 'done', total });
  }

  return (
    <div className="flex items-center gap-3">
      {state.kind === 'running' ? (
        <span role="status" className="flex items-center gap-2 text-sm text-slate-600" data-test="bulk-export-progress">
          <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" />
          Exporting {state.total ? `${state.total} SOPs` : 'SOPs'}… {state.bytes ? kb(state.bytes) : ''}
        </span>
      ) : null}
      {state.kind === 'done' ? <span role="status" className="text-sm text-brand-700" data-test="bulk-export-done">Exported {state.total} SOP{state.total === 1 ? '' : 's'}.</span> : null}
      {state.kind === 'error' ? <span role="alert" className="text-sm text-red-700">{state.message}</span> : null}
      <button type="button" onClick={() => void run()} disabled={state.kind === 'running'} data-test="bulk-export" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:border-brand-600 disabled:opacity-60">
        Export all (.zip)
      </button>
    </div>
  );
}
