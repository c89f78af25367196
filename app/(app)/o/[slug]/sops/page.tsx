import type { Metadata } from 'next';
import Link from 'next/link';
import { TableHead } from '@/components/ui/table';
import { withUser } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { loadOrg } from '@/lib/orgs/page-context';
import { listMembers } from '@/lib/orgs/service';
import { roleCan } from '@/lib/orgs/permissions';
import { ZListSopsQuery } from '@/lib/sops/api-schemas';
import { listDepartments, listSops, SOP_STATUSES } from '@/lib/sops/service';
import { BulkExport } from '@/components/sops/bulk-export';
import { AsOfForm } from '@/components/point-in-time/as-of-form';
import { StatusBadge } from '@/components/sops/status-badge';
import { ReviewBadge } from '@/components/review/review-badge';
import { formatUtc } from '@/lib/format';

export const metadata: Metadata = { title: 'SOPs' };

const field = 'rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';

/** One filter of the search form: a labelled select whose first option (empty value) means no filter. */
function FilterSelect({ name, label, value, any, options }: { name: string; label: string; value?: string; any: string; options: [value: string, label: string][] }) {
  return (
    <div className="min-w-0 max-w-full">
      <label htmlFor={name} className="block text-xs font-medium text-slate-600">{label}</label>
      <select id={name} name={name} defaultValue={value ?? ''} className={`${field} max-w-full`}>
        <option value="">{any}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </div>
  );
}

export default async function SopListPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { slug } = await params;
  const { user, org } = await loadOrg(slug);
  // The filter form sends empty values for "Any"; they mean no filter.
  const parsed = ZListSopsQuery.safeParse(Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v)));
  const query = parsed.success ? parsed.data : ZListSopsQuery.parse({});
  const canEdit = roleCan(org.role, 'sops.edit');
  const { page, departments, owners, badCursor } = await withUser(user.claims, async (tx) => {
    const filter = { q: query.q || undefined, status: query.status, department: query.department || undefined, ownerId: query.owner, review: query.review, sort: query.sort, limit: query.limit };
    const departments = await listDepartments(tx, org.id);
    const owners = (await listMembers(tx, org.id)).map((m) => ({ id: m.userId, name: m.fullName || m.email }));
    try {
      return { page: await listSops(tx, org.id, { ...filter, cursor: query.cursor }), departments, owners, badCursor: false };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { page: await listSops(tx, org.id, filter), departments, owners, badCursor: true };
    }
  });
  const filtered = Boolean(query.q || query.status || query.department || query.owner || query.review || query.sort !== 'updated');
  const nextHref = page.nextCursor
    ? `?${new URLSearchParams({ ...(query.q && { q: query.q }), ...(query.status && { status: query.status }), ...(query.department && { department: query.department }), ...(query.owner && { owner: query.owner }), ...(query.review && { review: query.review }), ...(query.sort !== 'updated' && { sort: query.sort }), cursor: page.nextCursor })}`
    : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form className="flex min-w-0 max-w-full flex-wrap items-end gap-2" role="search" data-test="sop-search">
          <div>
            <label htmlFor="q" className="block text-xs font-medium text-slate-600">Search</label>
            <input id="q" name="q" defaultValue={query.q ?? ''} placeholder="Title, number or text" className={`${field} w-64 max-w-full`} />
          </div>
          <FilterSelect name="status" label="Status" value={query.status} any="Any but obsolete" options={SOP_STATUSES.map((s) => [s, s.replace('_', ' ')])} />
          <FilterSelect name="owner" label="Owner" value={query.owner} any="Anyone" options={owners.map((o) => [o.id, o.name])} />
          {departments.length ? <FilterSelect name="department" label="Department" value={query.department} any="Any" options={departments.map((d) => [d, d])} /> : null}
          <FilterSelect name="review" label="Periodic review" value={query.review} any="Any" options={[['overdue', 'Overdue'], ['due30', 'Due within 30 days']]} />
          <FilterSelect name="sort" label="Sort" value={query.sort === 'updated' ? undefined : query.sort} any="Recently updated" options={[['next_review', 'Next review (soonest first)']]} />
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:border-brand-600">Filter</button>
          {filtered ? <Link href={`/o/${org.slug}/sops`} className="px-2 py-2 text-sm text-brand-700 underline">Clear</Link> : null}
        </form>
        <div className="flex flex-wrap items-center gap-2">
          <AsOfForm action={`/o/${org.slug}/sops/as-of`} compact />
          {page.items.length ? <BulkExport org={org.slug} /> : null}
          {canEdit ? (
            <Link href={`/o/${org.slug}/sops/new`} data-test="new-sop" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
              New SOP
            </Link>
          ) : null}
        </div>
      </div>
      {badCursor ? <p className="text-sm text-amber-800">That page link is no longer valid; showing the first page.</p> : null}
      {page.items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center" data-test="sops-empty">
          {filtered ? (
            <p className="text-slate-700">No SOP matches these filters.</p>
          ) : (
            <>
              <p className="text-lg font-medium">No SOPs yet</p>
              <p className="mt-1 text-sm text-slate-600">Describe a process in your own words and get a complete, structured draft to edit and control.</p>
              {canEdit ? (
                <Link href={`/o/${org.slug}/sops/new`} className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
                  New SOP
                </Link>
              ) : (
                <p className="mt-3 text-sm text-slate-500">Authors, admins and owners can create SOPs.</p>
              )}
            </>
          )}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm" data-test="sop-list">
            <TableHead style="card" cell="px-4 py-2" columns={['Number', 'Title', 'Department', 'Owner', 'Status', 'Version', 'Next review', 'Updated']} />
            <tbody>
              {page.items.map((s) => (
                <tr key={s.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
                  <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{s.docNumber}</td>
                  <td className="min-w-40 px-4 py-2 wrap-anywhere">
                    <Link href={`/o/${org.slug}/sops/${s.id}`} className="font-medium text-brand-700 hover:underline">{s.title}</Link>
                    {s.review && s.review.state !== 'not_due' ? (
                      <span className="mt-1 block sm:hidden">
                        <ReviewBadge review={s.review} />
                      </span>
                    ) : null}
                  </td>
                  <td className="px-4 py-2 wrap-anywhere">{s.department}</td>
                  <td className="px-4 py-2 wrap-anywhere">{s.ownerName}</td>
                  <td className="px-4 py-2"><StatusBadge status={s.status} /></td>
                  <td className="px-4 py-2">{s.currentVersionLabel ?? <span className="text-slate-400">drafting…</span>}</td>
                  <td className="px-4 py-2" data-test="next-review">
                    {s.review ? (
                      <span className="flex flex-col items-start gap-1">
                        <span className="whitespace-nowrap">{s.review.dueDate}</span>
                        <ReviewBadge review={s.review} />
                      </span>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-500">{formatUtc(s.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextHref ? (
        <div className="flex justify-end">
          <Link href={nextHref} data-test="next-page" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:border-brand-600">Next page →</Link>
        </div>
      ) : null}
    </div>
  );
}
