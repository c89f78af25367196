import type { Metadata } from 'next';
import Link from 'next/link';
import { AsOfForm } from '@/components/point-in-time/as-of-form';
import { AsOfError, formatMoment, InEffectDetails } from '@/components/point-in-time/in-effect';
import { formatUtcSeconds } from '@/lib/format';
import { atParam, localInputValue } from '@/lib/point-in-time/api-schemas';
import { loadAsOfSop } from '@/lib/point-in-time/page-context';
import type { RevisionSpan } from '@/lib/point-in-time/service';

export const metadata: Metadata = { title: 'SOP in effect on a date' };

function Span({ label, span, versionHref }: { label: string; span: RevisionSpan | null; versionHref: (id: string) => string }) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-test={`timeline-${label.toLowerCase()}`}>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      {span ? (
        <p className="mt-1">
          <Link href={versionHref(span.versionId)} prefetch={false} className="font-medium text-brand-700 underline">Revision {span.revisionLabel}</Link>
          <span className="block text-slate-600">effective {formatUtcSeconds(span.effectiveFrom)}</span>
          <span className="block text-slate-500">{span.effectiveUntil ? `until ${formatUtcSeconds(span.effectiveUntil)}` : 'still effective'}</span>
        </p>
      ) : (
        <p className="mt-1 text-slate-500">None.</p>
      )}
    </div>
  );
}

export default async function SopAsOfPage({ params, searchParams }: { params: Promise<{ slug: string; id: string }>; searchParams: Promise<{ at?: string | string[] }> }) {
  const { slug, id } = await params;
  const rawAt = (await searchParams).at;
  const { org, sop, result } = await loadAsOfSop(slug, id, Array.isArray(rawAt) ? rawAt[0] : rawAt);
  const action = `/o/${org.slug}/sops/${sop.id}/as-of`;
  const data = result.state === 'ok' ? result.data : null;
  const versionHref = (versionId: string) => `/o/${org.slug}/sops/${sop.id}/versions/${versionId}`;
  const e = data?.effective ?? null;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 wrap-anywhere">
          <p className="font-mono text-xs text-slate-500">{sop.docNumber}</p>
          <h2 className="text-xl font-semibold" data-test="as-of-heading">
            “{sop.title}” {data ? <>on <span className="whitespace-nowrap">{formatMoment(data.at)}</span></> : 'on a date'}
          </h2>
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          {data ? (
            <Link href={`/o/${org.slug}/sops/as-of?at=${encodeURIComponent(atParam(new Date(data.at)))}`} className="text-brand-700 underline">All SOPs then</Link>
          ) : null}
          <Link href={`/o/${org.slug}/sops/${sop.id}/history`} className="text-brand-700 underline">History</Link>
          <Link href={`/o/${org.slug}/sops/${sop.id}`} className="text-brand-700 underline">Back to the SOP</Link>
        </div>
      </div>

      <AsOfForm action={action} defaultValue={data ? localInputValue(new Date(data.at)) : ''} />

      {result.state === 'error' ? <AsOfError message={result.message} /> : null}
      {result.state === 'ask' ? <p className="text-sm text-slate-600">Choose a date and time (UTC) up to now to see which revision of this SOP was in effect then.</p> : null}

      {data ? (
        <>
          {e ? (
            <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-test="as-of-item">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <h3 className="text-lg font-semibold">In effect</h3>
                <Link href={versionHref(e.versionId)} prefetch={false} className="rounded-full bg-emerald-100 px-2 py-0.5 text-sm font-medium text-emerald-800 underline" data-test="as-of-revision">
                  Revision {e.revisionLabel}
                </Link>
                <span className="text-sm text-slate-500">effective since {formatUtcSeconds(e.effectiveFrom)}</span>
              </div>
              <InEffectDetails item={e} />
            </section>
          ) : (
            <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700" data-test="as-of-none">
              {data.sop.status === 'obsolete'
                ? `This SOP was obsolete by then (made obsolete ${formatUtcSeconds(data.obsoleteAt!)}).`
                : `No revision of this SOP was effective yet at ${formatMoment(data.at)}.`}
            </p>
          )}
          <section className="space-y-2" aria-labelledby="timeline-heading">
            <h3 id="timeline-heading" className="text-lg font-semibold">Revisions around then</h3>
            <div className="grid gap-3 sm:grid-cols-3">
              <Span label="Previous" span={data.previous} versionHref={versionHref} />
              <div className="min-w-0 rounded-lg border border-brand-600 bg-white p-3 text-sm" data-test="timeline-at">
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{formatMoment(data.at)}</p>
                <p className="mt-1 font-medium">{e ? `Revision ${e.revisionLabel} in effect` : data.sop.status === 'obsolete' ? 'Obsolete' : 'Not yet effective'}</p>
              </div>
              <Span label="Next" span={data.next} versionHref={versionHref} />
            </div>
          </section>
        </>
      ) : null}
    </div>
  );
}
