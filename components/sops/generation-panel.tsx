'use client';
/** Live view of a drafting run: what was redacted, each section as it is written, Cancel, the outcome. */
import Link from 'next/link';
import { useState } from 'react';
import { BusyButton } from '@/components/ui/form';
import type { GenerationState } from './use-generation';
import { SopHtml } from './sop-html';

export const BODY_SECTIONS = 9;

export function RedactionSummary({ redactions, preview = false }: { redactions: { kind: string; placeholder: string; count: number }[]; preview?: boolean }) {
  if (redactions.length === 0) return null;
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-test="redactions">
      <p className="font-medium">{preview ? 'Will be replaced by placeholders before anything is sent to the model:' : 'Redacted before sending to the model:'}</p>
      <ul className="mt-1 flex flex-wrap gap-2">
        {redactions.map((r) => (
          <li key={r.placeholder} className="rounded bg-white px-2 py-0.5 font-mono text-xs">
            {r.placeholder} ×{r.count}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** `onSopPage`: shown on the page of the SOP being drafted, which needs no link to itself. */
export function GenerationPanel({ org, state, onSopPage = false }: { org: string; state: GenerationState; onSopPage?: boolean }) {
  const [cancelling, setCancelling] = useState(false);
  const running = state.phase === 'starting' || state.phase === 'running';
  const progress = Math.min(100, Math.round((state.sections.length / BODY_SECTIONS) * 100));

  async function cancel() {
    if (!state.generationId) return;
    setCancelling(true);
    await fetch(`/api/v1/orgs/${org}/generations/${state.generationId}/cancel`, { method: 'POST' }).catch(() => undefined);
  }

  return (
    <div className="space-y-4" data-test="generation-panel">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3 text-sm" role="status" aria-live="polite" data-test="generation-status">
          {running ? <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" /> : null}
          <span>
            {state.phase === 'starting' && 'Starting…'}
            {state.phase === 'running' && `Drafting${state.source === 'offline' ? ' (offline drafter)' : ' with Claude'}: ${state.sections.length} of ${BODY_SECTIONS} sections written`}
            {state.phase === 'done' && 'Draft saved.'}
            {state.phase === 'error' && (state.error?.code === 'cancelled' ? 'Cancelled.' : 'Drafting stopped.')}
          </span>
        </div>
        {running && state.generationId ? (
          <BusyButton type="button" variant="secondary" busy={cancelling} busyText="Cancelling…" onClick={() => void cancel()} test="cancel-generation">
            Cancel
          </BusyButton>
        ) : null}
      </div>
      <div className="h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${state.phase === 'done' ? 100 : progress}%` }} />
      </div>
      <RedactionSummary redactions={state.redactions} />
      {state.removed.length ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-test="removed-citations">
          <p className="font-medium">Removed: not a verifiable clause</p>
          <ul className="mt-1 list-disc pl-5">
            {state.removed.map((c) => (
              <li key={`${c.framework}-${c.clause}`}>
                {c.framework} {c.clause}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {state.error && state.phase === 'error' ? (
        <div role="alert" data-test="generation-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error.message}
          {state.versionId ? ' What was written is kept as an incomplete draft.' : ''}
        </div>
      ) : null}
      {state.sopId && (state.phase === 'done' || state.phase === 'error') ? (
        <div className="flex flex-wrap gap-2">
          {onSopPage ? null : (
            <Link href={`/o/${org}/sops/${state.sopId}`} data-test="open-sop" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
              Open the SOP
            </Link>
          )}
          {state.versionId ? (
            <Link href={`/o/${org}/sops/${state.sopId}/edit`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:border-brand-600">
              Edit
            </Link>
          ) : null}
        </div>
      ) : null}
      <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-test="streamed-sections">
        {state.sections.length === 0 ? <p className="text-sm text-slate-500">Sections appear here as they are written.</p> : null}
        {state.sections.map((s) => (
          <div key={s.key} data-test={`streamed-${s.key}`}>
            <SopHtml html={s.html} />
          </div>
        ))}
      </div>
    </div>
  );
}
