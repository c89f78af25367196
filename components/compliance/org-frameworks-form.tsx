'use client';
/**
 * Settings → "Frameworks you follow": the current editions of the library by category, with
 * checkboxes for owners and admins (saved through setOrgFrameworksAction), a read-only list for
 * everyone else. Each shows its short name, edition and how much of it the library ships.
 */
import { setOrgFrameworksAction } from '@/lib/compliance/actions';
import type { FrameworkChoice } from '@/lib/compliance/page-context';
import { ActionForm, SubmitButton } from '@/components/ui/form';
import { CoverageBadge } from './coverage-badge';
import { groupBy } from './group';

function Label({ f }: { f: FrameworkChoice }) {
  return (
    <span className="min-w-0">
      <span className="font-medium">{f.shortName}</span> <span className="text-slate-500">{f.version}</span> <CoverageBadge coverage={f.coverage} />
      <span className="block text-xs text-slate-500">{f.name}</span>
    </span>
  );
}

export function OrgFrameworksForm({ slug, frameworks, canChange }: { slug: string; frameworks: FrameworkChoice[]; canChange: boolean }) {
  if (!canChange) {
    const followed = frameworks.filter((f) => f.followed);
    return followed.length ? (
      <ul className="grid gap-2 sm:grid-cols-2" data-test="org-frameworks-list">
        {followed.map((f) => (
          <li key={f.code} className="rounded-md border border-slate-200 px-3 py-2 text-sm" data-test="org-framework">
            <Label f={f} />
          </li>
        ))}
      </ul>
    ) : (
      <p className="text-sm text-slate-600" data-test="org-frameworks-list">The organization follows no framework yet. Owners and admins choose them here.</p>
    );
  }
  return (
    <ActionForm action={setOrgFrameworksAction} hidden={{ slug }} className="space-y-4" test="org-frameworks-form">
      {groupBy(frameworks, (f) => f.category).map(([category, list]) => (
        <fieldset key={category}>
          <legend className="text-sm font-semibold text-slate-800">{category}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {list.map((f) => (
              <label key={f.code} className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm hover:border-brand-600" data-test="org-framework-option">
                <input type="checkbox" name={`fw.${f.code}`} defaultChecked={f.followed} className="mt-1" aria-label={`${f.shortName} ${f.version}`} data-test={`follow-${f.code}`} />
                <Label f={f} />
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <SubmitButton pendingText="Saving…" width="w-56" test="org-frameworks-save">Save frameworks</SubmitButton>
    </ActionForm>
  );
}
