'use client';
/**
 * New SOP: the user's own description of the process, industry and frameworks; a live view
 * of what will be redacted before anything leaves for the model; then the streamed draft.
 */
import { useMemo, useState } from 'react';
import { scrub } from '@/lib/ai/scrub';
import { GenerationPanel, RedactionSummary } from './generation-panel';
import { useGeneration } from './use-generation';

interface FrameworkOption {
  code: string;
  name: string;
  clauses: number;
}

const input = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';

export function GenerateForm({ org, frameworks, mode, sensitiveTerms }: { org: string; frameworks: FrameworkOption[]; mode: 'ai' | 'offline'; sensitiveTerms: string[] }) {
  const { state, consume } = useGeneration();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [industry, setIndustry] = useState('');
  const [audience, setAudience] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [detail, setDetail] = useState<'concise' | 'standard' | 'detailed'>('standard');
  const preview = useMemo(() => scrub([title, description, industry, audience].join('\n'), sensitiveTerms).redactions, [title, description, industry, audience, sensitiveTerms]);
  const busy = state.phase === 'starting' || state.phase === 'running';

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const body = { title, processDescription: description, industry: industry || undefined, audience: audience || undefined, frameworks: chosen, detail };
    void consume(fetch(`/api/v1/orgs/${org}/sops/generate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
  }

  if (state.phase !== 'idle' && !(state.phase === 'error' && !state.generationId)) {
    return <GenerationPanel org={org} state={state} />;
  }

  return (
    <form onSubmit={submit} className="space-y-5" data-test="generate-form">
      {state.error ? (
        <div role="alert" data-test="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error.message}
        </div>
      ) : null}
      <div>
        <label htmlFor="title" className="block text-sm font-medium text-slate-800">Title</label>
        <input id="title" name="title" required minLength={3} maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} className={input} placeholder="Cleaning and sanitizing the filling line" />
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
          onChange={(e) => setDescription(e.target.value)}
          className={`${input} font-mono text-sm`}
          placeholder={'Rough notes, a pasted old procedure or a list of steps. One step per line; indent sub-steps.\n1. Operator stops the line and applies lockout\n2. Remove product residue\n   Caution: hot surfaces\n3. QA verifies with ATP swab and records the result in the sanitation log'}
        />
        <p className="mt-1 text-xs text-slate-500">{description.length.toLocaleString()} / 20,000 characters</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="industry" className="block text-sm font-medium text-slate-800">Industry <span className="font-normal text-slate-500">(optional)</span></label>
          <input id="industry" value={industry} maxLength={120} onChange={(e) => setIndustry(e.target.value)} className={input} placeholder="Food manufacturing" />
        </div>
        <div>
          <label htmlFor="audience" className="block text-sm font-medium text-slate-800">Audience <span className="font-normal text-slate-500">(optional)</span></label>
          <input id="audience" value={audience} maxLength={200} onChange={(e) => setAudience(e.target.value)} className={input} placeholder="Line operators" />
        </div>
        <div>
          <label htmlFor="detail" className="block text-sm font-medium text-slate-800">Level of detail</label>
          <select id="detail" value={detail} onChange={(e) => setDetail(e.target.value as typeof detail)} className={input}>
            <option value="concise">Concise</option>
            <option value="standard">Standard</option>
            <option value="detailed">Detailed</option>
          </select>
        </div>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Frameworks to cite</legend>
        <p className="text-xs text-slate-500">References are limited to clauses of these frameworks from SOPwright’s regulation library; anything else is removed.</p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {frameworks.map((f) => (
            <label key={f.code} className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm hover:border-brand-600">
              <input
                type="checkbox"
                name="frameworks"
                value={f.code}
                checked={chosen.includes(f.code)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, f.code] : c.filter((x) => x !== f.code)))}
                className="mt-0.5"
              />
              <span>
                {f.name} <span className="text-slate-500">({f.clauses} clauses)</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {mode === 'ai' ? (
        preview.length ? (
          <RedactionSummary redactions={preview} preview />
        ) : (
          <p className="text-xs text-slate-500" data-test="no-redactions">Nothing to redact found: no emails, phone numbers, ID numbers or your organization’s sensitive terms.</p>
        )
      ) : null}
      <button type="submit" disabled={busy} data-test="generate-submit" className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {mode === 'ai' ? 'Draft with Claude' : 'Create offline draft'}
      </button>
    </form>
  );
}
