'use client';
/**
 * State of one drafting run in the browser, fed by its Server-Sent Events (from the POST that
 * starts it, or GET …/events when a page reopens it).
 */
import { useCallback, useRef, useState } from 'react';
import type { Redaction } from '@/lib/ai/scrub';
import type { TCitation } from '@/lib/sops/content';
import { readEventStream } from '@/lib/sse-client';

export interface GenerationState {
  phase: 'idle' | 'starting' | 'running' | 'done' | 'error';
  generationId: string | null;
  sopId: string | null;
  versionId: string | null;
  source: 'ai' | 'offline' | null;
  redactions: Redaction[];
  sections: { key: string; heading: string; html: string }[];
  removed: TCitation[];
  error: { code: string; message: string } | null;
  firstSectionMs: number | null;
}

const INITIAL: GenerationState = {
  phase: 'idle',
  generationId: null,
  sopId: null,
  versionId: null,
  source: null,
  redactions: [],
  sections: [],
  removed: [],
  error: null,
  firstSectionMs: null,
};

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  try {
    const body = (await res.json()) as { error?: { code: string; message: string } };
    if (body.error) return body.error;
  } catch {
    // not JSON
  }
  return { code: `http_${res.status}`, message: `The server answered ${res.status}. Try again.` };
}

export function useGeneration() {
  const [state, setState] = useState<GenerationState>(INITIAL);
  const started = useRef(0);

  /** Follows the stream to its end; resolves with how it ended. */
  const consume = useCallback(async (responsePromise: Promise<Response>): Promise<GenerationState['phase']> => {
    let ended: GenerationState['phase'] = 'error';
    started.current = performance.now();
    setState({ ...INITIAL, phase: 'starting' });
    let res: Response;
    try {
      res = await responsePromise;
    } catch {
      setState((s) => ({ ...s, phase: 'error', error: { code: 'network', message: 'Could not reach the server. Check your connection; nothing was started.' } }));
      return 'error';
    }
    if (!res.ok || !res.body) {
      const error = await errorOf(res);
      setState((s) => ({ ...s, phase: 'error', error }));
      return 'error';
    }
    try {
      await readEventStream(res.body, ({ event, data }) => {
        const d = JSON.parse(data) as Record<string, unknown>;
        if (event === 'done') ended = 'done';
        setState((s) => {
          switch (event) {
            case 'generation':
              return { ...s, phase: 'running', generationId: d.id as string, sopId: d.sopId as string, source: d.source as 'ai' | 'offline' };
            case 'redactions':
              return { ...s, redactions: d.redactions as Redaction[] };
            case 'section': {
              const section = d as { key: string; heading: string; html: string };
              const sections = [...s.sections.filter((x) => x.key !== section.key), section];
              return { ...s, sections, firstSectionMs: s.firstSectionMs ?? Math.round(performance.now() - started.current) };
            }
            case 'citations_removed':
              return { ...s, removed: d.removed as TCitation[] };
            case 'done':
              return { ...s, phase: 'done', versionId: d.versionId as string, sopId: d.sopId as string };
            case 'error':
              return { ...s, phase: 'error', versionId: (d.versionId as string | null) ?? null, error: { code: d.code as string, message: d.message as string } };
            default:
              return s;
          }
        });
      });
    } catch {
      // The connection dropped; the run goes on on the server.
      setState((s) => (s.phase === 'running' ? { ...s, error: { code: 'disconnected', message: 'Lost the connection. Drafting continues on the server; reload this page to see it.' } } : s));
    }
    return ended;
  }, []);

  return { state, consume };
}
