'use client';
/**
 * The SOP page's "Gap analysis" panel: choose a framework (the organization's first), run the
 * analysis with Claude or the offline keyword analysis (editors), and read the latest result
 * for that framework (everyone): the gaps with "Improve this section", the addressed clauses
 * with the SOP's own sentence quoted and located, and what the check dropped. A run can take
 * tens of seconds: the button waits with the elapsed time; a failure leaves the page as it
 * was with the reason.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Alert, BusyButton } from '@/components/ui/form';
import type { GapAnalysisView, GapPanelData } from '@/lib/compliance/gap-page-context';
import { formatUtc } from '@/lib/format';

type Running = { engine: 'auto' | 'offline'; since: number } | null;

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return <>{Math.max(0, Math.round((now - since) / 1000))} s</>;
}

function engineLabel(a: GapAnalysisView): string {
  return a.engine === 'claude' ? `Claude ${a.model}` : 'Offline keyword analysis — weaker';
}

function Result({ a, canEdit, currentVersionId }: { a: GapAnalysisView; canEdit: boolean; currentVersionId: string | null }) {
  const { addressed, gaps, flagged } = a.result;
  const clause = (id: string) => (
    <>
      <span className="font-mono font-semibold">{id}</span> {a.titles[id] ? <span className="text-slate-700">{a.titles[id]}</span> : null}
    </>
  );
  return (
    <div className="space-y-4" data-test="gap-result" data-framework={a.framework} data-engine={a.engine}>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600" data-test="gap-meta">
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${a.engine === 'claude' ? 'bg-brand-50 text-brand-800' : 'bg-amber-100 text-amber-900'}`} data-test="gap-engine">
          {engineLabel(a)}
        </span>
        <span>
          {a.frameworkShortName} · run by {a.createdByName} · <time dateTime={a.createdAt}>{formatUtc(a.createdAt)}</time> · {a.versionLabel ? `version ${a.versionLabel}` : 'working draft (no saved version)'}
        </span>
        {a.versionId !== currentVersionId ? <span className="text-amber-800" data-test="gap-stale">The SOP has a newer version since; run it again to analyse that one.</span> : null}
      </p>
      {a.engine === 'offline' ? (
        <p className="text-xs text-slate-600">
          Keyword matches only: a clause counts as addressed when one of its keywords occurs, and as a gap when none does while related clauses are addressed. Use Claude for a reading of the procedure.
        </p>
      ) : null}
      {flagged.length ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" role="note" data-test="gap-flagged">
          <p className="font-semibold">Not verifiable, so left out of this analysis:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {flagged.map((f, i) => (
              <li key={i} className="wrap-anywhere" data-test="gap-flag" data-kind={f.kind}>
                {f.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <section aria-labelledby="gap-gaps-title" className="space-y-2">
        <h4 id="gap-gaps-title" className="text-sm font-semibold text-slate-800">
          Gaps ({gaps.length})
        </h4>
        {gaps.length === 0 ? (
          <p className="text-sm text-slate-600">No gap found among the clauses that apply.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
            {gaps.map((g, i) => (
              <li key={g.clause} className="flex flex-col gap-2 px-4 py-3 text-sm sm:flex-row sm:items-start sm:justify-between sm:gap-3" data-test="gap-item" data-clause={g.clause}>
                <div className="min-w-0 flex-1 wrap-anywhere">
                  <p>{clause(g.clause)}</p>
                  {g.reason ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{g.reason}</p> : null}
                  <p className="mt-1 text-xs text-slate-500">Section: {a.improve[i]?.sectionHeading}</p>
                </div>
                {canEdit && a.improve[i] ? (
                  <Link href={a.improve[i].href} data-test="gap-improve" className="self-start shrink-0 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:border-brand-600">
                    Improve this section
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="gap-addressed-title" className="space-y-2">
        <h4 id="gap-addressed-title" className="text-sm font-semibold text-slate-800">
          Addressed ({addressed.length})
        </h4>
        {addressed.length === 0 ? (
          <p className="text-sm text-slate-600">No clause was found addressed with a sentence of the SOP.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
            {addressed.map((x) => (
              <li key={x.clause} className="space-y-1 px-4 py-3 text-sm wrap-anywhere" data-test="gap-addressed" data-clause={x.clause}>
                <p>{clause(x.clause)}</p>
                <blockquote className="border-l-4 border-brand-200 bg-slate-50 px-3 py-1.5 whitespace-pre-wrap text-slate-800" data-test="gap-quote">
                  {x.quote}
                </blockquote>
                <p className="text-xs text-slate-500" data-test="gap-location">
                  {x.location.label}
                  {x.reason ? ` — ${x.reason}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
        {a.engine === 'claude' && addressed.some((x) => /\[[A-Z]+_\d+\]/.test(x.quote)) ? (
          <p className="text-xs text-slate-500">Text in square brackets such as [TERM_1] stands for personal or confidential data removed before the SOP was sent to Claude.</p>
        ) : null}
      </section>
    </div>
  );
}

export function GapPanel({ slug, sopId, data }: { slug: string; sopId: string; data: GapPanelData }) {
  const router = useRouter();
  const latest = [...data.analyses].sort((x, y) => y.createdAt.localeCompare(x.createdAt))[0];
  const [framework, setFramework] = useState(latest?.framework ?? data.frameworks[0]?.code ?? '');
  const [running, setRunning] = useState<Running>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = data.analyses.find((a) => a.framework === framework);
  const followed = data.frameworks.filter((f) => f.followed);
  const others = data.frameworks.filter((f) => !f.followed);

  async function run(engine: 'auto' | 'offline') {
    setError(null);
    setRunning({ engine, since: Date.now() });
    try {
      const res = await fetch(`/api/v1/orgs/${slug}/sops/${sopId}/gap-analyses`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ framework, engine }) });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        setError(body.error?.message ?? `The server answered ${res.status}. Nothing was stored; try again.`);
        return;
      }
      router.refresh();
    } catch {
      setError('The server cannot be reached. Nothing was stored; try again.');
    } finally {
      setRunning(null);
    }
  }

  const option = (f: GapPanelData['frameworks'][number]) => (
    <option key={f.code} value={f.code}>
      {f.name}
    </option>
  );

  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-test="gap-panel" aria-labelledby="gap-title">
      <div>
        <h3 id="gap-title" className="text-base font-semibold">
          Gap analysis
        </h3>
        <p className="text-sm text-slate-600">Which clauses of a framework that apply to this procedure it does not address, and the sentence that addresses each of the others.</p>
      </div>
      {data.frameworks.length === 0 ? (
        <p className="text-sm text-slate-600">No framework in the library has clauses yet.</p>
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1 basis-64">
            <label htmlFor="gap-framework" className="block text-sm font-medium">
              Framework
            </label>
            <select id="gap-framework" data-test="gap-framework" value={framework} disabled={!!running} onChange={(e) => setFramework(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
              {followed.length ? <optgroup label="Followed by this organization">{followed.map(option)}</optgroup> : null}
              <optgroup label={followed.length ? 'All frameworks with clauses' : 'Frameworks with clauses'}>{others.map(option)}</optgroup>
            </select>
          </div>
          {data.canRun ? (
            <div className="flex flex-wrap gap-2">
              {data.aiOn ? (
                <BusyButton type="button" test="gap-run" busy={running?.engine === 'auto'} busyText="Analysing with Claude…" disabled={!!running || !framework} onClick={() => void run('auto')}>
                  Run gap analysis
                </BusyButton>
              ) : null}
              <BusyButton type="button" test="gap-run-offline" variant={data.aiOn ? 'secondary' : 'primary'} busy={running?.engine === 'offline'} busyText="Analysing keywords…" disabled={!!running || !framework} onClick={() => void run('offline')}>
                Run offline keyword analysis
              </BusyButton>
            </div>
          ) : null}
        </div>
      )}
      {data.canRun ? (
        <p className="text-xs text-slate-500">
          Reads {data.currentVersionLabel ? `the saved version ${data.currentVersionLabel}` : 'the working draft'}; unsaved edits are not included.{' '}
          {data.aiOn ? 'Claude receives the SOP with personal data and your organization’s sensitive terms removed.' : 'AI processing is off, so only the offline keyword analysis is available.'}
        </p>
      ) : null}
      {running ? (
        <p role="status" aria-live="polite" className="flex items-center gap-2 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-900" data-test="gap-progress">
          {running.engine === 'auto' ? 'Claude is reading the SOP against every clause; this can take a minute' : 'Matching the clauses’ keywords'} — <Elapsed since={running.since} />
        </p>
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
      {shown ? (
        <Result a={shown} canEdit={data.canRun} currentVersionId={data.currentVersionId} />
      ) : framework ? (
        <p className="text-sm text-slate-600" data-test="gap-none">
          No gap analysis against {data.frameworks.find((f) => f.code === framework)?.shortName ?? framework} yet.
        </p>
      ) : null}
    </section>
  );
}
