import Link from 'next/link';
import { MATRIX_STATUSES, STATUS_WORDS, type MatrixFilters as Filters, type MatrixSop } from '@/lib/training/matrix';

const field = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';

interface Props {
  slug: string;
  filters: Filters;
  departments: string[];
  sops: Omit<MatrixSop, 'versionId'>[];
}

/** The matrix's filters as a GET form (department, sop, status, q): empty fields mean "any", and the address keeps them. */
export function MatrixFilters({ slug, filters, departments, sops }: Props) {
  const filtered = !!(filters.department || filters.sop || filters.status || filters.q);
  const known = departments.some((d) => d.toLowerCase() === filters.department?.trim().toLowerCase());
  const departmentOptions = filters.department && !known ? [...departments, filters.department] : departments;
  return (
    <form className="grid grid-cols-2 gap-x-3 gap-y-2 lg:grid-cols-[1fr_1fr_1.4fr_1.2fr_auto]" role="search" aria-label="Filter the training matrix" data-test="matrix-filters">
      <div>
        <label htmlFor="matrix-department" className="block text-xs font-medium text-slate-600">Department</label>
        <select id="matrix-department" name="department" defaultValue={departmentOptions.find((d) => d.toLowerCase() === filters.department?.trim().toLowerCase()) ?? ''} className={field}>
          <option value="">Any department</option>
          {departmentOptions.map((d) => (
            <option key={d} value={d}>{d}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="matrix-status" className="block text-xs font-medium text-slate-600">People with a status</label>
        <select id="matrix-status" name="status" defaultValue={filters.status ?? ''} className={field}>
          <option value="">Any status</option>
          {MATRIX_STATUSES.map((s) => (
            <option key={s} value={s}>{STATUS_WORDS[s]}</option>
          ))}
        </select>
      </div>
      <div className="col-span-2 lg:col-span-1">
        <label htmlFor="matrix-sop" className="block text-xs font-medium text-slate-600">SOP</label>
        <select id="matrix-sop" name="sop" defaultValue={filters.sop ?? ''} className={field}>
          <option value="">Every effective SOP</option>
          {sops.map((s) => (
            <option key={s.sopId} value={s.sopId}>{`${s.docNumber} ${s.title.length > 60 ? `${s.title.slice(0, 59)}…` : s.title} (rev ${s.label})`}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="matrix-q" className="block text-xs font-medium text-slate-600">Name or email</label>
        <input id="matrix-q" name="q" type="search" maxLength={200} defaultValue={filters.q ?? ''} placeholder="e.g. Ana or @plant.example" className={field} />
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:border-brand-600">Filter</button>
        {filtered ? <Link href={`/o/${slug}/training`} className="px-2 py-2 text-sm text-brand-700 underline" data-test="matrix-clear">Clear</Link> : null}
      </div>
    </form>
  );
}
