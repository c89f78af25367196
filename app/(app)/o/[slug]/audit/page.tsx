import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditEvents } from '@/components/audit/audit-events';
import { AuditFilters } from '@/components/audit/audit-filters';
import { loadAuditPage, type AuditSearch } from '@/lib/audit/page-context';

export const metadata: Metadata = { title: 'Audit trail' };

const button = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:border-brand-600';

export default async function AuditPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<AuditSearch> }) {
  const { slug } = await params;
  const ctx = await loadAuditPage(slug, await searchParams);
  if (!ctx.allowed) {
    return <p className="rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-700" data-test="audit-refused">Your role cannot read the audit trail of this organization. Owners, admins and approvers can.</p>;
  }
  const { org, page, people, sops, values, problem } = ctx;
  const filters = new URLSearchParams(Object.entries(values).filter(([k, v]) => v && ['sop', 'actor', 'action', 'from', 'to'].includes(k)) as [string, string][]);
  const qs = filters.toString();
  const sop = values.sop ? sops.find((s) => s.id === values.sop) : undefined;
  const nextHref = page.nextCursor ? `?${new URLSearchParams([...filters, ['cursor', page.nextCursor]])}` : null;
  const api = `/api/v1/orgs/${org.slug}/audit`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-xl font-semibold">{sop ? `Audit trail of ${sop.doc_number} ${sop.title}` : 'Audit trail'}</h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Every change, signature, failed signing attempt, access change and export, recorded by the system at the time, append-only and hash-chained. Times are UTC.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <a href={`${api}/export.csv${qs ? `?${qs}` : ''}`} className={button} data-test="audit-export-csv" download>Download CSV{qs ? ' (filtered)' : ''}</a>
          <a href={`${api}/export.docx${qs ? `?${qs}` : ''}`} className={button} data-test="audit-export-docx" download>Download Word</a>
          <Link href={`/o/${org.slug}/audit/access`} className={button} data-test="access-report-link">Access report</Link>
        </div>
      </div>
      <AuditFilters slug={org.slug} values={values} people={people} sops={sops} />
      {problem ? <p role="alert" className="text-sm text-red-700" data-test="audit-filter-error">{problem} Showing the unfiltered trail.</p> : null}
      <p className="text-xs text-slate-500">
        {qs ? 'A filtered CSV is for reading. ' : ''}To prove the trail intact offline, download the CSV without filters and run <code className="rounded bg-slate-100 px-1">npm run audit:verify -- file.csv</code> (public key: <a className="underline" href="/.well-known/sopwright-audit-key.json">/.well-known/sopwright-audit-key.json</a>).
      </p>
      {page.events.length ? <AuditEvents events={page.events} /> : <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600" data-test="audit-empty">No event matches these filters.</p>}
      {nextHref ? (
        <div className="flex justify-end">
          <Link href={nextHref} data-test="audit-next-page" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:border-brand-600">Older events →</Link>
        </div>
      ) : null}
    </div>
  );
}
