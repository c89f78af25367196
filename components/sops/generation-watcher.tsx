'use client';
/** Reattaches a page to a drafting run that is still going (e.g. after the tab was closed) and refreshes when it ends. */
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { GenerationPanel } from './generation-panel';
import { useGeneration } from './use-generation';

export function GenerationWatcher({ org, generationId }: { org: string; generationId: string }) {
  const { state, consume } = useGeneration();
  const router = useRouter();
  useEffect(() => {
    void consume(fetch(`/api/v1/orgs/${org}/generations/${generationId}/events`));
  }, [org, generationId, consume]);
  useEffect(() => {
    if (state.phase === 'done' || state.phase === 'error') router.refresh();
  }, [state.phase, router]);
  return <GenerationPanel org={org} state={state} onSopPage />;
}

/** Retry a stopped draft on the same SOP, streamed in place. */
export function RetryGeneration({ org, generationId }: { org: string; generationId: string }) {
  const { state, consume } = useGeneration();
  const router = useRouter();
  useEffect(() => {
    if (state.phase === 'done') router.refresh();
  }, [state.phase, router]);
  if (state.phase !== 'idle') return <GenerationPanel org={org} state={state} />;
  return (
    <button
      type="button"
      data-test="retry-generation"
      onClick={() => void consume(fetch(`/api/v1/orgs/${org}/generations/${generationId}/retry`, { method: 'POST' }))}
      className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
    >
      Retry drafting
    </button>
  );
}
