'use client';
/**
 * New SOP: the user's own description of the process, department, industry and frameworks; a
 * live view of what will be redacted before anything leaves for the model; then the streamed
 * draft. What is typed is kept in this tab (use-new-sop-fields.ts) until the SOP exists, and
 * as soon as it exists the page moves to the SOP's own address, where the draft goes on
 * streaming (GenerationWatcher): a reload there shows the draft, never an empty form.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef } from 'react';
import { BusyButton, INPUT_CLASS } from '@/components/ui/form';
import { scrub } from '@/lib/ai/scrub';
import { GenerationPanel, RedactionSummary } from './generation-panel';
import { generateBody, type Detail } from './new-sop-fields';
import { useGeneration } from './use-generation';
import { useNewSopFields } from './use-new-sop-fields';

export interface FrameworkOption {
  code: string;
  name: string;
  clauses: number;
  /** The organization follows it: chosen in an empty form, and listed first. */
  followed?: boolean;
}

const noticeBox = 'flex flex-wrap items-center justify-between gap-3 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-900';
const smallButton = 'rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:border-brand-600';

/** `departments`: the organization's departments, offered as suggestions (any text is accepted). */
export function GenerateForm({ org, frameworks, mode, sensitiveTerms, departments = [] }: { org: string; frameworks: FrameworkOption[]; mode: 'ai' | 'offline'; sensitiveTerms: string[]; departments?: string[] }) {
  const { state, consume } = useGeneration();
  const router = useRouter();
  const codes = useMemo(() => frameworks.map((f) => f.code), [frameworks]);
  const followed = useMemo(() => frameworks.filter((f) => f.followed), [frameworks]);
  const more = useMemo(() => frameworks.filter((f) => !f.followed), [frameworks]);
  const kept = useNewSopFields(
    org,
    codes,
    followed.map((f) => f.code),
  );
  const { title, department, description, industry, audience, detail, frameworks: chosen } = kept.fields;
  const update = kept.update;
  const toggle = (code: string, on: boolean) => update({ frameworks: on ? codes.filter((c) => c === code || chosen.includes(c)) : chosen.filter((x) => x !== code) });
  const preview = useMemo(
    () => scrub([title, description, department, industry, audience].join('\n'), sensitiveTerms).redactions,
    [title, description, department, industry, audience, sensitiveTerms],
  );
  const starting = state.phase === 'starting';
  const request = useRef<AbortController | null>(null);

  // The SOP exists (the stream's first event names it): from now on the address is the SOP's,
  // and this tab's copy of the text says which SOP it became. The run goes on on the server
  // whatever happens to this request, so leaving the page closes it.
  const { sopId } = state;
  const { created } = kept;
  const movedTo = useRef<string | null>(null);
  useEffect(() => {
    if (!sopId || movedTo.current === sopId) return;
    movedTo.current = sopId;
    created(sopId);
    router.push(`/o/${org}/sops/${sopId}`);
  }, [sopId, created, router, org]);
  useEffect(() => () => request.current?.abort(), []);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    request.current?.abort();
    request.current = new AbortController();
    void consume(
      fetch(`/api/v1/orgs/${org}/sops/generate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(generateBody(kept.fields)),
        signal: request.current.signal,
      }),
    );
  }

  if (state.phase !== 'idle' && !starting && !(state.phase === 'error' && !state.generationId)) {
    return <GenerationPanel org={org} state={state} />;
  }

  const notice = kept.notice;
  return (
    <form onSubmit={submit} className="space-y-5" data-test="generate-form" aria-busy={starting}>
      {notice?.kind === 'restored' ? (
        <div role="status" data-test="fields-restored" className={noticeBox}>
          <span>Restored what you typed before reloading or leaving this page.</span>
          <span className="flex gap-2">
            <button type="button" onClick={kept.clear} data-test="clear-fields" className={smallButton}>Clear the form</button>
            <button type="button" onClick={kept.dismiss} className={smallButton}>Keep it</button>
          </span>
        </div>
      ) : null}
      {notice?.kind === 'created' ? (
        <div role="status" data-test="last-draft" className={noticeBox}>
          <span>
            Your text became the SOP <Link href={`/o/${org}/sops/${notice.sopId}`} className="font-semibold underline">{notice.title || 'you started'}</Link>; its draft is there.
          </span>
          <span className="flex gap-2">
            <button type="button" onClick={() => kept.reuse(notice.fields)} data-test="reuse-fields" className={smallButton}>Start another from the same text</button>
            <button type="button" onClick={kept.dismiss} className={smallButton}>Dismiss</button>
          </span>
        </div>
      ) : null}
      {state.error ? (
        <div role="alert" data-test="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error.message}
        </div>
      ) : null}
      <fieldset disabled={starting} className="space-y-5">
        <div className="grid gap-4 sm:grid-cols-[1fr_16rem]">
          <div>
            <label htmlFor="title" className="block text-sm font-medium text-slate-800">Title</label>
            <input id="title" name="title" required minLength={3} maxLength={300} value={title} onChange={(e) => update({ title: e.target.value })} className={INPUT_CLASS} placeholder="Cleaning and sanitizing the filling line" />
          </div>
          <div>
            <label htmlFor="department" className="block text-sm font-medium text-slate-800">Department <span className="font-normal text-slate-500">(optional)</span></label>
            <input id="department" name="department" list={departments.length ? 'department-options' : undefined} maxLength={120} value={department} onChange={(e) => update({ department: e.target.value })} className={INPUT_CLASS} placeholder="Production" autoComplete="off" />
            {departments.length ? (
              <datalist id="department-options" data-test="department-options">
                {departments.map((d) => (
                  <option key={d} value={d} />
                ))}
              </datalist>
            ) : null}
          </div>
        </div>
        <div>
          <label htmlFor="processDescription" className="block text-sm font-medium text-slate-800">Describe the process in your own words</label>
          <textarea
            id="processDescription"
            name="processDescription"
            required
            minLength={20}
            maxLength={20000}
            rows={12}
            value={description}
            onChange={(e) => update({ description: e.target.value })}
            className={`${INPUT_CLASS} font-mono text-sm`}
            placeholder={'Rough notes, a pasted old procedure or a list of steps. One step per line; indent sub-steps.\n1. Operator stops the line and applies lockout\n2. Remove product residue\n   Caution: hot surfaces\n3. QA verifies with ATP swab and records the result in the sanitation log'}
          />
          <p className="mt-1 text-xs text-slate-500">{description.length.toLocaleString()} / 20,000 characters</p>
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <div>
            <label htmlFor="industry" className="block text-sm font-medium text-slate-800">Industry <span className="font-normal text-slate-500">(optional)</span></label>
            <input id="industry" value={industry} maxLength={120} onChange={(e) => update({ industry: e.target.value })} className={INPUT_CLASS} placeholder="Food manufacturing" />
          </div>
          <div>
            <label htmlFor="audience" className="block text-sm font-medium text-slate-800">Audience <span className="font-normal text-slate-500">(optional)</span></label>
            <input id="audience" value={audience} maxLength={200} onChange={(e) => update({ audience: e.target.value })} className={INPUT_CLASS} placeholder="Line operators" />
          </div>
          <div>
            <label htmlFor="detail" className="block text-sm font-medium text-slate-800">Level of detail</label>
            <select id="detail" value={detail} onChange={(e) => update({ detail: e.target.value as Detail })} className={INPUT_CLASS}>
              <option value="concise">Concise</option>
              <option value="standard">Standard</option>
              <option value="detailed">Detailed</option>
            </select>
          </div>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Frameworks to cite</legend>
          <p className="text-xs text-slate-500">References are limited to clauses of these frameworks from SOPwright’s regulation library; anything else is removed.</p>
          {followed.length ? (
            <div className="mt-2 grid gap-2 sm:grid-cols-2" data-test="followed-frameworks">
              {followed.map((f) => (
                <FrameworkBox key={f.code} f={f} checked={chosen.includes(f.code)} onChange={(on) => toggle(f.code, on)} />
              ))}
            </div>
          ) : null}
          {more.length ? (
            // Open when the organization follows none, or when one of these is chosen (a restored form): a chosen box is never hidden.
            <details className="group mt-2 rounded-md border border-slate-200" open={!followed.length || more.some((f) => chosen.includes(f.code)) || undefined} data-test="more-frameworks">
              <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">
                {followed.length ? 'More frameworks' : 'Frameworks'} <span className="font-normal text-slate-500">({more.length}{followed.length ? '' : '; choose the ones your organization follows in Settings to see them first'})</span>
              </summary>
              <div className="grid gap-2 border-t border-slate-200 p-2 sm:grid-cols-2">
                {more.map((f) => (
                  <FrameworkBox key={f.code} f={f} checked={chosen.includes(f.code)} onChange={(on) => toggle(f.code, on)} />
                ))}
              </div>
            </details>
          ) : null}
        </fieldset>
      </fieldset>
      {mode === 'ai' ? (
        preview.length ? (
          <RedactionSummary redactions={preview} preview />
        ) : (
          <p className="text-xs text-slate-500" data-test="no-redactions">Nothing to redact found: no emails, phone numbers, ID numbers or your organization’s sensitive terms.</p>
        )
      ) : null}
      <BusyButton busy={starting} busyText="Starting…" test="generate-submit">
        {mode === 'ai' ? 'Draft with Claude' : 'Create offline draft'}
      </BusyButton>
    </form>
  );
}

function FrameworkBox({ f, checked, onChange }: { f: FrameworkOption; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm hover:border-brand-600">
      <input type="checkbox" name="frameworks" value={f.code} checked={checked} onChange={(e) => onChange(e.target.checked)} className="mt-0.5" />
      <span>
        {f.name} <span className="text-slate-500">({f.clauses ? `${f.clauses} clauses` : 'no clauses in the library yet'})</span>
      </span>
    </label>
  );
}
