import Link from 'next/link';
import { ACTION_GROUPS, actionLabel, KNOWN_ACTIONS, type Person } from '@/lib/audit/describe';

const field = 'rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';

interface Props {
  slug: string;
  values: Record<string, string>;
  people: Person[];
  sops: { id: string; doc_number: string; title: string }[];
}

/** The audit page's filters as a GET form: empty fields mean "any"; dates are UTC days. */
export function AuditFilters({ slug, values, people, sops }: Props) {
  const filtered = ['sop', 'actor', 'action', 'from', 'to'].some((k) => values[k]);
  return (
    <form className="flex flex-wrap items-end gap-2" role="search" aria-label="Filter the audit trail" data-test="audit-filters">
      <div>
        <label htmlFor="sop" className="block text-xs font-medium text-slate-600">SOP</label>
        <select id="sop" name="sop" defaultValue={values.sop ?? ''} className={`${field} max-w-56`}>
          <option value="">Any SOP</option>
          {sops.map((s) => (
            <option key={s.id} value={s.id}>{`${s.doc_number} ${s.title}`}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="actor" className="block text-xs font-medium text-slate-600">Person</label>
        <select id="actor" name="actor" defaultValue={values.actor ?? ''} className={`${field} max-w-48`}>
          <option value="">Anyone</option>
          {people.map((p) => (
            <option key={p.id} value={p.id ?? ''}>{p.name || p.email || p.id}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="action" className="block text-xs font-medium text-slate-600">Action</label>
        <select id="action" name="action" defaultValue={values.action ?? ''} className={`${field} max-w-56`}>
          <option value="">Any action</option>
          <optgroup label="Groups">
            {Object.entries(ACTION_GROUPS).map(([k, g]) => (
              <option key={k} value={k}>{g.label}</option>
            ))}
          </optgroup>
          <optgroup label="Actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a}>{actionLabel(a)}</option>
            ))}
          </optgroup>
        </select>
      </div>
      <div>
        <label htmlFor="from" className="block text-xs font-medium text-slate-600">From (UTC)</label>
        <input id="from" name="from" type="date" defaultValue={values.from ?? ''} className={field} />
      </div>
      <div>
        <label htmlFor="to" className="block text-xs font-medium text-slate-600">To (UTC, inclusive)</label>
        <input id="to" name="to" type="date" defaultValue={values.to ?? ''} className={field} />
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:border-brand-600">Filter</button>
      {filtered ? <Link href={`/o/${slug}/audit`} className="px-2 py-2 text-sm text-brand-700 underline">Clear</Link> : null}
    </form>
  );
}
