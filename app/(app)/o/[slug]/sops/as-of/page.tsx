import type { Metadata } from 'next';
import Link from 'next/link';
import { AsOfForm } from '@/components/point-in-time/as-of-form';
import { AsOfError, formatMoment, InEffectDetails, NotInEffectList } from '@/components/point-in-time/in-effect';
import { formatUtcSeconds } from '@/lib/format';
import { atParam, localInputValue } from '@/lib/point-in-time/api-schemas';
import { loadAsOfList } from '@/lib/point-in-time/page-context';

export const metadata: Metadata = { title: 'SOPs in effect on a date' };

export default async function SopsAsOfPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ at?: string | string[] }> }) {
  const { slug } = await params;
  const rawAt = (await searchParams).at;
  const { org, result } = await loadAsOfList(slug, Array.isArray(rawAt) ? rawAt[0] : rawAt);
  const action = `/o/${org.slug}/sops/as-of`;
  const data = result.state === 'ok' ? result.data : null;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-xl font-semibold" data-test="as-of-heading">
            {data ? (
              <>
                In effect on <span className="whitespace-nowrap">{formatMoment(data.at)}</span>
              </>
            ) : (
              'What was in effect on a date'
            )}
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Which revision of each SOP was effective at that moment, who approved it, and who had acknowledged it (read and understood) by then — from the recorded history, not today&apos;s state.
          </p>
        </div>
        <Link href={`/o/${org.slug}/sops`} className="text-sm text-brand-700 underline">Back to the SOPs</Link>
      </div>

      <AsOfForm action={action} defaultValue={data ? localInputValue(new Date(data.at)) : ''} />

      {result.state === 'error' ? <AsOfError message={result.message} /> : null}
      {result.state === 'ask' ? <p className="text-sm text-slate-600">Choose a date and time (UTC) up to now.</p> : null}

      {data ? (
        <>
          <section className="space-y-3" aria-labelledby="in-effect-heading">
            <h3 id="in-effect-heading" className="text-lg font-semibold">
              In effect <span className="text-sm font-normal text-slate-500">({data.items.length} SOP{data.items.length === 1 ? '' : 's'})</span>
            </h3>
            {data.items.length === 0 ? (
              <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600" data-test="as-of-empty">
                No SOP had an effective revision at {formatMoment(data.at)}.
              </p>
            ) : (
              <ul className="space-y-3" data-test="as-of-list">
                {data.items.map((item) => (
                  <li key={item.sopId} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-test="as-of-item">
                    <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                      <span className="font-mono text-xs text-slate-500">{item.docNumber}</span>
                      <Link href={`/o/${org.slug}/sops/${item.sopId}/as-of?at=${encodeURIComponent(atParam(new Date(data.at)))}`} prefetch={false} className="min-w-0 font-semibold text-brand-700 wrap-anywhere hover:underline" data-test="as-of-sop-link">
                        {item.title}
                      </Link>
                      <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800" data-test="as-of-revision">
                        Revision {item.revisionLabel}
                      </span>
                      <span className="text-sm text-slate-500">effective since {formatUtcSeconds(item.effectiveFrom)}</span>
                    </div>
                    <InEffectDetails item={item} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          {data.notInEffect.length ? (
            <section className="space-y-2" aria-labelledby="not-in-effect-heading">
              <h3 id="not-in-effect-heading" className="text-lg font-semibold">Not in effect then</h3>
              <NotInEffectList items={data.notInEffect} sopHref={(id) => `/o/${org.slug}/sops/${id}/as-of?at=${encodeURIComponent(atParam(new Date(data.at)))}`} />
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
