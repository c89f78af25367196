import type { Metadata } from 'next';
import Link from 'next/link';
import { TableHead } from '@/components/ui/table';
import { DiffView } from '@/components/sops/diff-view';
import { withUser } from '@/lib/db';
import { diffContents } from '@/lib/sops/diff';
import { loadSopPage } from '@/lib/sops/page-context';
import { listVersions, requireVersion } from '@/lib/sops/service';
import { formatUtc } from '@/lib/format';

export const metadata: Metadata = { title: 'SOP history' };

const SOURCE = { ai: 'Claude', offline: 'Offline drafter', manual: 'Edited by hand' } as const;

export default async function SopHistoryPage({ params, searchParams }: { params: Promise<{ slug: string; id: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const { slug, id } = await params;
  const { user, org, sop } = await loadSopPage(slug, id);
  const { from, to } = await searchParams;
  const versions = await withUser(user.claims, (tx) => listVersions(tx, org.id, sop.id));
  const ids = new Set(versions.map((v) => v.id));
  const fromId = from && ids.has(from) ? from : versions[1]?.id;
  const toId = to && ids.has(to) ? to : versions[0]?.id;
  const compared =
    fromId && toId && fromId !== toId
      ? await withUser(user.claims, async (tx) => {
          const [a, b] = [await requireVersion(tx, org.id, sop.id, fromId), await requireVersion(tx, org.id, sop.id, toId)];
          return { a, b, diff: diffContents(a.content, b.content) };
        })
      : null;

  return (
    <div className="space-y-5">
      <div className="flex items-center justify-between gap-3">
        <div>
          <p className="font-mono text-xs text-slate-500">{sop.docNumber}</p>
          <h2 className="text-xl font-semibold">History of “{sop.title}”</h2>
        </div>
        <Link href={`/o/${org.slug}/sops/${sop.id}`} className="text-sm text-brand-700 underline">Back to the SOP</Link>
      </div>
      {versions.length === 0 ? (
        <p className="text-sm text-slate-600">No versions yet.</p>
      ) : (
        <form className="space-y-3" data-test="history-form">
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
            <table className="w-full text-left text-sm" data-test="version-list">
              <TableHead style="card" cell="px-3 py-2" columns={['From', 'To', 'Version', 'Saved', 'By', 'Source', 'Change', <span key="export" className="sr-only">Export</span>]} />
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-3 py-2"><input type="radio" name="from" value={v.id} defaultChecked={v.id === fromId} aria-label={`Compare from ${v.label}`} /></td>
                    <td className="px-3 py-2"><input type="radio" name="to" value={v.id} defaultChecked={v.id === toId} aria-label={`Compare to ${v.label}`} /></td>
                    <td className="px-3 py-2 font-medium">
                      <Link href={`/o/${org.slug}/sops/${sop.id}/versions/${v.id}`} className="text-brand-700 underline" data-test="version-page-link">{v.label}</Link>
                      {!v.complete ? <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-800">incomplete</span> : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatUtc(v.createdAt)}</td>
                    <td className="px-3 py-2">{v.authorName}</td>
                    <td className="px-3 py-2">{SOURCE[v.source]}{v.model && v.source === 'ai' ? <span className="text-slate-500"> ({v.model})</span> : null}</td>
                    <td className="px-3 py-2 text-slate-700">{v.changeSummary}</td>
                    <td className="px-3 py-2">
                      <a href={`/api/v1/orgs/${org.slug}/sops/${sop.id}/export.docx?version=${v.id}`} className="whitespace-nowrap text-brand-700 underline" data-test="export-version">
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
      {compared ? <DiffView diff={compared.diff} fromLabel={`Version ${compared.a.label}`} toLabel={`Version ${compared.b.label}`} /> : null}
      {fromId && fromId === toId ? <p className="text-sm text-slate-600">Choose two different versions to compare.</p> : null}
    </div>
  );
}
