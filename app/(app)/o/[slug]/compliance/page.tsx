import type { Metadata } from 'next';
import Link from 'next/link';
import { CoverageChart } from '@/components/compliance/coverage-chart';
import { loadCompliancePage } from '@/lib/compliance/coverage-page-context';
import { formatUtc } from '@/lib/format';

export const metadata: Metadata = { title: 'Compliance' };

export default async function CompliancePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org, frameworks, canPick } = await loadCompliancePage(slug);
  return (
    <div className="space-y-4">
      <div className="max-w-3xl">
        <h2 className="text-xl font-semibold">Compliance coverage</h2>
        <p className="mt-1 text-sm text-slate-600">
          For each framework your organization follows: how many of its clauses an effective SOP addresses (an accepted mapping to a SOP with an effective version), how many only drafts address, and how many nothing does yet. Suggestions count once someone accepts them.
          {frameworks[0] ? ` As of ${formatUtc(frameworks[0].asOf)}.` : ''}
        </p>
      </div>
      {frameworks.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center" data-test="compliance-empty">
          <p className="text-lg font-medium">Your organization follows no framework yet</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-slate-600">
            Owners and admins pick frameworks in Settings. Coverage is then counted here, clause by clause, from the SOPs mapped to each clause.
          </p>
          {canPick ? (
            <Link href={`/o/${org.slug}/settings`} className="mt-4 inline-block text-sm text-brand-700 underline">Go to Settings</Link>
          ) : (
            <p className="mt-4 text-sm text-slate-600">Ask an owner or an admin to pick them.</p>
          )}
        </div>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2" data-test="compliance-frameworks">
          {frameworks.map((c) => (
            <li key={c.framework.code} className="min-w-0">
              <section aria-labelledby={`fw-${c.framework.code}`} className="flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-test="framework-card" data-code={c.framework.code}>
                <h3 id={`fw-${c.framework.code}`} className="text-base font-semibold">
                  <Link href={`/o/${org.slug}/compliance/${c.framework.code}`} className="text-slate-900 underline decoration-slate-300 underline-offset-2 hover:decoration-brand-600">
                    {c.framework.shortName}
                  </Link>
                  {c.framework.version ? <span className="ml-2 text-sm font-normal text-slate-500">{c.framework.version}</span> : null}
                </h3>
                <p className="mt-0.5 text-xs text-slate-600 wrap-anywhere">{c.framework.name}</p>
                <div className="mt-4 flex-1">
                  <CoverageChart summary={c.summary} test={`chart-${c.framework.code}`} />
                </div>
                {c.summary.uncounted ? <p className="mt-2 text-xs text-slate-600">{c.summary.uncounted} mapping{c.summary.uncounted === 1 ? '' : 's'} to clause ids not in the library, not counted.</p> : null}
                <p className="mt-3 border-t border-slate-100 pt-3 text-sm">
                  <Link href={`/o/${org.slug}/compliance/${c.framework.code}`} className="text-brand-700 underline">
                    Clause by clause<span className="sr-only"> for {c.framework.shortName}</span> →
                  </Link>
                </p>
              </section>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
