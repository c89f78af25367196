'use client';
/**
 * "Review and approval defaults" on the organization settings page: per department (as SOPs
 * store it, exact text; empty is any department), the reviewers and approvers the submit form
 * pre-selects, chosen among the members whose role may approve. One form per entry, and one
 * to add a department. Nobody ticked removes the entry.
 */
import { setRoutingDefaultAction } from '@/lib/document-control/actions';
import type { Candidate } from '@/lib/document-control/page-context';
import type { RoutingDefault } from '@/lib/document-control/routing-defaults';
import { ROLE_LABELS, type Role } from '@/lib/orgs/permissions';
import { ActionForm, SubmitButton } from '@/components/ui/form';

function Pick({ legend, prefix, people, chosen, idBase }: { legend: string; prefix: 'reviewer' | 'approver'; people: Candidate[]; chosen: string[]; idBase: string }) {
  return (
    <fieldset className="space-y-1" data-test={`${prefix}s`}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {people.map((p) => (
          <label key={p.userId} htmlFor={`${idBase}-${prefix}-${p.userId}`} className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input id={`${idBase}-${prefix}-${p.userId}`} type="checkbox" name={`${prefix}:${p.userId}`} defaultChecked={chosen.includes(p.userId)} data-email={p.email} />
            <span>{p.name}</span>
            <span className="text-xs text-slate-500">{ROLE_LABELS[p.role as Role]?.label ?? p.role}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function EntryForm({ slug, entry, people, idBase, departments = [] }: { slug: string; entry: RoutingDefault | null; people: Candidate[]; idBase: string; departments?: string[] }) {
  const department = entry?.department ?? null;
  return (
    <ActionForm action={setRoutingDefaultAction} hidden={department === null ? { slug } : { slug, department }} className="space-y-3 rounded-lg border border-slate-200 p-4" test={entry ? 'routing-default' : 'routing-default-new'}>
      {department === null ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold">Add defaults for a department</h3>
          <label htmlFor={`${idBase}-department`} className="block text-sm font-medium text-slate-800">Department</label>
          <input id={`${idBase}-department`} name="department" maxLength={120} className="mt-1 block w-full max-w-xs rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm" data-test="routing-department" aria-describedby={`${idBase}-department-hint`} list={`${idBase}-departments`} autoComplete="off" />
          <datalist id={`${idBase}-departments`}>
            {departments.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
          <p id={`${idBase}-department-hint`} className="mt-1 text-xs text-slate-500">Exactly as the SOPs’ department field has it (the list suggests the departments in use). Leave empty for any department without its own defaults.</p>
        </div>
      ) : (
        <h3 className="text-sm font-semibold" data-test="routing-department-name">{department ? department : 'Any department'}</h3>
      )}
      <Pick legend="Reviewers" prefix="reviewer" people={people} chosen={entry?.reviewers ?? []} idBase={idBase} />
      <Pick legend="Approvers" prefix="approver" people={people} chosen={entry?.approvers ?? []} idBase={idBase} />
      <SubmitButton pendingText="Saving…" width="w-40">{entry ? 'Save' : 'Add defaults'}</SubmitButton>
    </ActionForm>
  );
}

export function RoutingDefaultsForms({ slug, defaults, people, departments }: { slug: string; defaults: RoutingDefault[]; people: Candidate[]; departments: string[] }) {
  if (people.length === 0) return <p className="text-sm text-slate-600">Nobody in this organization has a role that may approve yet.</p>;
  return (
    <div className="space-y-4" data-test="routing-defaults">
      {defaults.map((d, i) => (
        <EntryForm key={d.department} slug={slug} entry={d} people={people} idBase={`rd-${i}`} />
      ))}
      <EntryForm slug={slug} entry={null} people={people} idBase="rd-new" departments={departments.filter((d) => !defaults.some((x) => x.department === d))} />
    </div>
  );
}
