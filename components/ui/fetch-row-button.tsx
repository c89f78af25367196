'use client';
/**
 * The small button of a row's action that calls the API (remove an assignment, accept or
 * reject a suggestion …): an optional confirmation, a spinner and busy text while it waits, the
 * server's message beside it on a refusal, and the page refreshed on success.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { call } from '@/components/sops/editor/api';

export function FetchRowButton({
  url,
  method,
  confirm,
  label,
  text,
  busyText,
  test,
  primary = false,
}: {
  url: string;
  method: 'POST' | 'DELETE';
  /** Asked first; nothing happens unless the person agrees. */
  confirm?: string;
  /** The accessible name, e.g. "Remove Department: QA". */
  label: string;
  text: string;
  busyText: string;
  test: string;
  primary?: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    if (confirm && !window.confirm(confirm)) return;
    setBusy(true);
    setError(null);
    const a = await call(url, { method });
    setBusy(false);
    if (!a.ok) return setError(a.error.message);
    router.refresh();
  }
  return (
    <span className="inline-flex items-center gap-2">
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
      <button
        type="button"
        onClick={() => void run()}
        disabled={busy}
        aria-busy={busy}
        aria-label={label}
        data-test={test}
        className={`inline-flex items-center gap-1.5 rounded-md border px-2 py-0.5 text-xs font-medium disabled:opacity-60 ${primary ? 'border-brand-600 bg-brand-600 text-white hover:bg-brand-700' : 'border-slate-300 hover:border-red-600 hover:text-red-700'}`}
      >
        {busy ? <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" /> : null}
        {busy ? busyText : text}
      </button>
    </span>
  );
}
