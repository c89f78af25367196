'use client';
/** A member's department on the Members page: owners and admins set it (free text, suggestions from the org's departments); others read it. */
import { useActionState } from 'react';
import { HiddenFields, RowButton, RowMessage } from '@/components/ui/form';
import { setDepartmentAction } from '@/lib/training/actions';

/** The suggestions once per page: <input list="member-departments">. */
export function DepartmentSuggestions({ departments }: { departments: string[] }) {
  return (
    <datalist id="member-departments">
      {departments.map((d) => (
        <option key={d} value={d} />
      ))}
    </datalist>
  );
}

export function DepartmentField({ slug, userId, department, name }: { slug: string; userId: string; department: string; name: string }) {
  const [state, dispatch] = useActionState(setDepartmentAction, undefined);
  return (
    <form action={dispatch} className="flex flex-wrap items-center gap-2" data-test="department-form">
      <HiddenFields fields={{ slug, userId }} />
      <input
        name="department"
        type="text"
        defaultValue={department}
        maxLength={120}
        list="member-departments"
        autoComplete="off"
        placeholder="No department"
        aria-label={`Department of ${name}`}
        className="w-40 min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
        data-test="department-input"
      />
      <RowButton>Save</RowButton>
      <RowMessage error={state?.error} notice={state?.notice} />
    </form>
  );
}
