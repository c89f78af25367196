import type { Metadata } from 'next';
import Link from 'next/link';
import { TableHead } from '@/components/ui/table';
import { loadAccessReport } from '@/lib/audit/page-context';
import { ROLE_LABELS, type Role } from '@/lib/orgs/permissions';

export const metadata: Metadata = { title: 'Access report' };

const when = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;
const roleLabel = (r: string) => ROLE_LABELS[r as Role]?.label ?? r;

export default async function AccessReportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await loadAccessReport(slug);
  if (!ctx.allowed) {
    return <p className="rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-700" data-test="audit-refused">Your role cannot read the audit trail of this organization. Owners, admins and approvers can.</p>;
  }
  const { org, periods } = ctx;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm"><Link href={`/o/${org.slug}/audit`} className="text-brand-700 underline">Audit trail</Link> /</p>
          <h2 className="text-xl font-semibold">Access report</h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Who held which role in this organization, from when to when (EU GMP Annex 11 §12), derived from the audited membership events. People who were removed or whose account was erased are named as recorded. Times are UTC.
          </p>
        </div>
        <a href={`/api/v1/orgs/${org.slug}/audit/access/export.csv`} download className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:border-brand-600" data-test="access-export-csv">Download CSV</a>
      </div>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-test="access-report">
          <TableHead style="card" cell="px-4 py-2" columns={['Person', 'Role', 'From', 'To', 'Granted by', 'Ended']} />
          <tbody>
            {periods.map((p) => (
              <tr key={`${p.userId}-${p.from}`} className="border-b border-slate-100 align-top last:border-0" data-test="access-period">
                <td className="px-4 py-2">
                  <span className="font-medium">{p.name || p.email || p.userId}</span>
                  {p.name && p.email ? <span className="block text-xs text-slate-500">{p.email}</span> : null}
                </td>
                <td className="px-4 py-2">{roleLabel(p.role)}</td>
                <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{when(p.from)}</td>
                <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{p.to ? when(p.to) : <span className="font-sans text-sm text-emerald-700">still held</span>}</td>
                <td className="px-4 py-2">{p.grantedBy}</td>
                <td className="px-4 py-2 text-slate-600">{p.to ? p.ended : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
