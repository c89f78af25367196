import type { Metadata } from 'next';
import Link from 'next/link';
import { TableHead } from '@/components/ui/table';
import { DiffView } from '@/components/sops/diff-view';
import { RevisionTable } from '@/components/document-control/revision-table';
import { StateBadge } from '@/components/document-control/state-badge';
import { loadSopHistory } from '@/lib/sops/page-context';
import { formatUtc } from '@/lib/format';

export const metadata: Metadata = { title: 'SOP history' };

const SOURCE = { ai: 'Claude', offline: 'Offline drafter', manual: 'Edited by hand' } as const;

export default async function SopHistoryPage({ params, searchParams }: { params: Promise<{ slug: string; id: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const { slug, id } = await params;
  const { from, to } = await searchParams;
  const { org, sop, history, fromId, toId, compared } = await loadSopHistory(slug, id, from, to);
  const versions = history.versions;
  const submitted = versions.filter((v) => v.submission);

  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between gap-3">
        <div>
          <p className="font-mono text-xs text-slate-500">{sop.docNumber}</p>
          <h2 className="text-xl font-semibold">History of “{sop.title}”</h2>
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          <Link href={`/o/${org.slug}/sops/${sop.id}/as-of`} className="text-brand-700 underline" data-test="as-of-link">In effect on a date…</Link>
          <Link href={`/o/${org.slug}/sops/${sop.id}`} className="text-brand-700 underline">Back to the SOP</Link>
        </div>
      </div>

      {history.obsolete ? (
        <p className="rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-700" data-test="sop-obsolete">
          This SOP was made obsolete on {formatUtc(history.obsolete.at)}
          {history.obsolete.actorName ? ` by ${history.obsolete.actorName}` : ''}: <span className="whitespace-pre-line">{history.obsolete.reason}</span>
        </p>
      ) : null}

      <section className="space-y-2" aria-labelledby="revisions-heading">
        <h3 id="revisions-heading" className="text-lg font-semibold">Revision history</h3>
        <p className="text-sm text-slate-600">
          Every version submitted for approval: its revision, the reason for change, and who signed it, with the printed name and the time (UTC) of each signature.
        </p>
        {submitted.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600" data-test="revisions-empty">
            No version of this SOP has been submitted for review or approval yet.
          </p>
        ) : (
          <RevisionTable revisions={submitted} />
        )}
      </section>

      <section className="space-y-2" aria-labelledby="versions-heading">
        <h3 id="versions-heading" className="text-lg font-semibold">Saved versions</h3>
        {versions.length === 0 ? (
          <p className="text-sm text-slate-600">No versions yet.</p>
        ) : (
          <form className="space-y-3" data-test="history-form">
            <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
              <table className="w-full text-left text-sm" data-test="version-list">
                <TableHead style="card" cell="px-3 py-2" columns={['From', 'To', 'Version', 'State', 'Saved', 'By', 'Source', 'Change', <span key="export" className="sr-only">Export</span>]} />
                <tbody>
                  {versions.map(({ version: v, state, revisionLabel, href }) => (
                    <tr key={v.id} className="border-b border-slate-100 last:border-0">
                      <td className="px-3 py-2"><input type="radio" name="from" value={v.id} defaultChecked={v.id === fromId} aria-label={`Compare from ${v.label}`} /></td>
                      <td className="px-3 py-2"><input type="radio" name="to" value={v.id} defaultChecked={v.id === toId} aria-label={`Compare to ${v.label}`} /></td>
                      <td className="px-3 py-2 font-medium">
                        <Link href={href} prefetch={false} className="text-brand-700 underline" data-test="version-page-link">{v.label}</Link>
                        {revisionLabel ? <span className="block whitespace-nowrap text-xs font-normal text-slate-500">revision {revisionLabel}</span> : null}
                        {!v.complete ? <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-800">incomplete</span> : null}
                      </td>
                      <td className="px-3 py-2"><StateBadge lifecycle={{ state, round: null }} /></td>
                      <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatUtc(v.createdAt)}</td>
                      <td className="px-3 py-2">{v.authorName}</td>
                      <td className="px-3 py-2">{SOURCE[v.source]}{v.model && v.source === 'ai' ? <span className="text-slate-500"> ({v.model})</span> : null}</td>
                      <td className="px-3 py-2 text-slate-700">{v.changeSummary}</td>
                      <td className="space-x-2 whitespace-nowrap px-3 py-2">
                        <a href={`/api/v1/orgs/${org.slug}/sops/${sop.id}/export.docx?version=${v.id}`} className="text-brand-700 underline" data-test="export-version">
                          .docx
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {versions.length > 1 ? (
              <button type="submit" data-test="compare" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">Compare</button>
            ) : null}
          </form>
        )}
      </section>
      {compared ? <DiffView diff={compared.diff} fromLabel={`Version ${compared.a.label}`} toLabel={`Version ${compared.b.label}`} /> : null}
      {fromId && fromId === toId ? <p className="text-sm text-slate-600">Choose two different versions to compare.</p> : null}
    </div>
  );
}
