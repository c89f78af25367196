'use client';
/**
 * The procedure field as the editor route paints it first. TipTap (./procedure-editor) is not in
 * the route's first-load JS: its chunk is fetched after mount, and until it has arrived the steps
 * show read-only in the same box, with the markup and numbering the editor renders (the
 * `.procedure-editor` styles), so nothing moves when the editor takes over; the toolbar is there,
 * disabled, with a progress line. A chunk that cannot be fetched says so and offers Retry.
 */
import { useEffect, useState, type ComponentProps } from 'react';
import { Spinner } from '@/components/ui/form';
import type { TStep } from '@/lib/sops/content';
import type { ProcedureEditor } from './procedure-editor';
import { loadOnce } from './load-once';
import { CONTENT_AREA, ProcedureFrame } from './procedure-frame';

type Editor = typeof ProcedureEditor;
type Props = ComponentProps<Editor>;

/** TipTap and the editor built on it, fetched after the first paint. */
const editorChunk = loadOnce(() => import('./procedure-editor').then((m) => m.ProcedureEditor));

/** The steps as the editor's document renders them: callouts, then the text, then the sub-steps. */
export function ReadOnlySteps({ steps }: { steps: TStep[] }) {
  return (
    <ol>
      {steps.map((s, i) => (
        <li key={i}>
          {s.callouts.map((c, j) => (
            <aside key={j} data-kind={c.kind} className="procedure-callout">
              {c.text}
            </aside>
          ))}
          <p>{s.text}</p>
          {s.substeps.length ? <ReadOnlySteps steps={s.substeps} /> : null}
        </li>
      ))}
    </ol>
  );
}

export function ProcedureField(props: Props) {
  // Null on the server and at hydration; a later mount (a client navigation back) finds it loaded.
  const [Loaded, setLoaded] = useState<Editor | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const show = (e: Editor) => live && setLoaded(() => e);
    const ready = editorChunk.loaded();
    if (ready) show(ready);
    else editorChunk.load().then(show, () => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [attempt]);

  if (Loaded) return <Loaded {...props} />;
  const status = failed ? (
    <span className="ml-auto flex items-center gap-2 self-center text-xs text-red-700" role="alert">
      The editor could not be loaded (the server cannot be reached).
      <button
        type="button"
        className="font-medium underline"
        onClick={() => {
          setFailed(false);
          setAttempt((n) => n + 1);
        }}
      >
        Retry
      </button>
    </span>
  ) : (
    <span className="ml-auto flex items-center gap-1.5 self-center text-xs text-slate-500" role="status" data-test="procedure-loading">
      <Spinner />
      Loading the editor…
    </span>
  );
  return (
    <ProcedureFrame actions={null} status={status}>
      <div className={CONTENT_AREA}>
        <div className="procedure-editor relative whitespace-break-spaces wrap-break-word" role="group" aria-label="Procedure (loading the editor)" aria-busy="true" data-test="ed-procedure-readonly">
          <ReadOnlySteps steps={props.steps.length ? props.steps : [{ text: '', callouts: [], substeps: [] }]} />
        </div>
      </div>
    </ProcedureFrame>
  );
}
