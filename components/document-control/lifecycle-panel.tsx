/**
 * The SOP page's document-control panel: the latest version's state with a link to its page
 * (where it is read, diffed, signed or submitted), and the effective version with its
 * signatures, manifested.
 */
import Link from 'next/link';
import type { SopLifecycle } from '@/lib/document-control/page-context';
import { formatUtc } from '@/lib/format';
import { LifecycleActions } from './lifecycle-actions';
import { SignatureList } from './signature-list';
import { StateBadge } from './state-badge';

export function LifecyclePanel({ slug, sopId, data }: { slug: string; sopId: string; data: SopLifecycle }) {
  const page = (versionId: string) => `/o/${slug}/sops/${sopId}/versions/${versionId}`;
  const { latest, effective } = data;
  const latestIsEffective = latest && effective && latest.versionId === effective.versionId;
  const submittable = latest && ['draft', 'withdrawn'].includes(latest.lifecycle.state);
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-test="lifecycle-panel" aria-labelledby="lifecycle-title">
      <h3 id="lifecycle-title" className="text-base font-semibold">Document control</h3>
      {effective ? (
        <div className="space-y-2" data-test="effective-version">
          <p className="text-sm">
            Effective: <Link href={page(effective.versionId)} className="font-semibold text-brand-700 underline" data-test="effective-link">version {effective.label}{effective.revisionLabel ? `, revision ${effective.revisionLabel}` : ''}</Link>
            {effective.history.at(-1)?.toState === 'effective' ? <span className="text-slate-600"> since {formatUtc(effective.history.at(-1)!.at)}</span> : null}
          </p>
          <SignatureList signatures={effective.signatures} />
        </div>
      ) : (
        <p className="text-sm text-slate-600" data-test="no-effective">No effective version yet.</p>
      )}
      {latest && !latestIsEffective ? (
        <p className="flex flex-wrap items-center gap-2 text-sm" data-test="latest-version">
          Latest: <Link href={page(latest.versionId)} className="font-semibold text-brand-700 underline" data-test="latest-link">version {latest.label}</Link>
          <StateBadge lifecycle={latest.lifecycle} />
          {submittable ? <Link href={`${page(latest.versionId)}#submit`} className="text-brand-700 underline" data-test="submit-link">Submit for review…</Link> : null}
        </p>
      ) : null}
      {!latest ? <p className="text-sm text-slate-600">Save a version to submit it for review and approval.</p> : null}
      <LifecycleActions versionUrl="" sopUrl={`/api/v1/orgs/${slug}/sops/${sopId}`} withdraw={false} makeEffective={false} obsolete={data.canObsolete} />
    </section>
  );
}
