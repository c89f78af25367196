/**
 * What one SOP's revision in effect looked like at a moment: who signed its approval round,
 * who had acknowledged it by then, and who was assigned but had not (overdue marked). Shared
 * by the as-of list and the per-SOP as-of page.
 */
import Link from 'next/link';
import { formatUtc, formatUtcSeconds } from '@/lib/format';
import type { InEffect, NotInEffect } from '@/lib/point-in-time/service';

const MEANING = { authored: 'Submitted', reviewed: 'Reviewed', approved: 'Approved' } as const;

/** A moment to the minute, or to the second when it has seconds ("2026-06-01 14:00 UTC"). */
export function formatMoment(iso: string): string {
  return new Date(iso).getUTCSeconds() || new Date(iso).getUTCMilliseconds() ? formatUtcSeconds(iso) : formatUtc(iso);
}

function Heading({ children, count }: { children: React.ReactNode; count?: number }) {
  return (
    <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
      {children}
      {count === undefined ? null : <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">{count}</span>}
    </h4>
  );
}

export function InEffectDetails({ item }: { item: InEffect }) {
  return (
    <div className="grid gap-4 text-sm md:grid-cols-3">
      <div className="min-w-0 space-y-1" data-test="approvers">
        <Heading>Submitted and approved by</Heading>
        {item.approvers.length === 0 ? <p className="text-slate-500">No signatures recorded.</p> : null}
        <ul className="space-y-1">
          {item.approvers.map((a) => (
            <li key={`${a.signerId}-${a.meaning}`} className="wrap-anywhere">
              <span className="font-medium">{a.name}</span> <span className="text-slate-500">· {MEANING[a.meaning]} {formatUtcSeconds(a.signedAt)}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="min-w-0 space-y-1" data-test="acknowledged">
        <Heading count={item.acknowledged.length}>Acknowledged by then</Heading>
        {item.acknowledged.length === 0 ? <p className="text-slate-500">Nobody yet.</p> : null}
        <ul className="space-y-1">
          {item.acknowledged.map((a) => (
            <li key={a.userId} className="wrap-anywhere">
              <span className="font-medium">{a.name}</span>{' '}
              <span className="text-slate-500">
                · revision {a.revisionLabel ?? '?'}, {formatUtcSeconds(a.acknowledgedAt)}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div className="min-w-0 space-y-1" data-test="not-acknowledged">
        <Heading count={item.notAcknowledged.length}>Assigned, not acknowledged</Heading>
        {item.notAcknowledged.length === 0 ? <p className="text-slate-500">Nobody.</p> : null}
        <ul className="space-y-1">
          {item.notAcknowledged.map((k) => (
            <li key={k.userId} className="wrap-anywhere">
              <span className="font-medium">{k.name}</span>
              {k.formerMember ? <span className="ml-1 text-xs text-slate-500">(no longer a member)</span> : null}{' '}
              <span className="text-slate-500">· due {formatUtc(k.dueAt)}</span>
              {k.overdue ? <span className="ml-1 rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800" data-test="overdue">overdue at that time</span> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The SOPs that had no revision in effect at the moment, and why. */
export function NotInEffectList({ items, sopHref }: { items: NotInEffect[]; sopHref: (sopId: string) => string }) {
  return (
    <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm shadow-sm" data-test="not-in-effect">
      {items.map((s) => (
        <li key={s.sopId} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2">
          <span className="font-mono text-xs">{s.docNumber}</span>
          <Link href={sopHref(s.sopId)} prefetch={false} className="min-w-0 font-medium text-brand-700 wrap-anywhere hover:underline">{s.title}</Link>
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${s.status === 'obsolete' ? 'bg-slate-200 text-slate-600' : 'bg-amber-100 text-amber-800'}`} data-test="not-in-effect-status">
            {s.status === 'obsolete' ? 'obsolete by then' : 'not yet effective'}
          </span>
          <span className="text-slate-500">
            {s.obsoleteAt ? `made obsolete ${formatUtcSeconds(s.obsoleteAt)}` : s.effectiveLater ? `first effective ${formatUtcSeconds(s.effectiveLater)}` : 'not effective to date'}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function AsOfError({ message }: { message: string }) {
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-test="as-of-error">
      {message}
    </p>
  );
}
