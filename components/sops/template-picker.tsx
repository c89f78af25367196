'use client';
/**
 * New SOP → Start from a template: the built-in templates and the organization's own, grouped,
 * each with its industry and description; the chosen one, a title and a department make the new
 * SOP (the action opens it). Organization templates can be deleted here by whoever may edit SOPs.
 */
import { useActionState, useEffect, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { ActionForm, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { createFromTemplateAction, deleteTemplateAction } from '@/lib/templates/actions';
import type { TemplateSummary } from '@/lib/templates/service';
import { formatUtc } from '@/lib/format';
import { readTab, writeTab } from './tab-storage';


/** The title and department typed here are kept in the tab; the chosen template is in the address (?template=), so a reload keeps both. */
const keptKey = (slug: string) => `sopwright:new-sop-template:v1:${slug}`;
type Named = { title: string; department: string };

function parseNamed(text: string | null): Named | null {
  try {
    const v = JSON.parse(text ?? 'null') as Partial<Named> | null;
    return v && typeof v.title === 'string' && typeof v.department === 'string' ? { title: v.title, department: v.department } : null;
  } catch {
    return null;
  }
}

function useNamed(slug: string) {
  const [named, setNamed] = useState<Named>({ title: '', department: '' });
  useEffect(() => {
    const kept = parseNamed(readTab(keptKey(slug)));
    if (kept) {
      // Reading browser storage can only happen after mount (the server rendered an empty form); restoring it is the point.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setNamed(kept);
    } else {
      writeTab(keptKey(slug), null);
    }
  }, [slug]);
  const update = (patch: Partial<Named>) => {
    const next = { ...named, ...patch };
    setNamed(next);
    writeTab(keptKey(slug), next.title || next.department ? JSON.stringify(next) : null);
  };
  return { named, update, forget: () => writeTab(keptKey(slug), null) };
}

export function TemplatePicker({ slug, templates, initial }: { slug: string; templates: TemplateSummary[]; initial?: string }) {
  const [selected, setChoice] = useState(templates.some((t) => t.id === initial) ? initial! : '');
  const { named, update, forget } = useNamed(slug);
  const setSelected = (id: string) => {
    setChoice(id);
    window.history.replaceState(null, '', `?from=template&template=${encodeURIComponent(id)}`);
  };
  const builtIn = templates.filter((t) => t.kind === 'builtin');
  const own = templates.filter((t) => t.kind === 'org');
  const chosen = templates.find((t) => t.id === selected);

  return (
    <div className="space-y-6" data-test="template-picker">
      <fieldset className="space-y-5">
        <legend className="text-sm font-medium text-slate-800">1. Choose a template</legend>
        <Group title="Built-in templates" test="builtin-templates">
          {builtIn.map((t) => (
            <Card key={t.id} template={t} selected={selected === t.id} onSelect={setSelected} />
          ))}
        </Group>
        <Group title="Your organization’s templates" test="org-templates">
          {own.length === 0 ? (
            <p className="text-sm text-slate-600 sm:col-span-2" data-test="no-org-templates">
              None yet. Open one of your SOPs and use “Save as template” to offer it here.
            </p>
          ) : (
            own.map((t) => (
              <Card key={t.id} template={t} selected={selected === t.id} onSelect={setSelected}>
                <DeleteTemplate slug={slug} template={t} />
              </Card>
            ))
          )}
        </Group>
      </fieldset>

      <ActionForm action={createFromTemplateAction} hidden={{ slug, templateId: selected }} onSubmit={forget} className="space-y-4 border-t border-slate-200 pt-5" test="template-create">
        {() => (
          <>
            <p className="text-sm font-medium text-slate-800">2. Name your SOP</p>
            <p className="text-sm text-slate-600" data-test="chosen-template">
              {chosen ? (
                <>
                  Template: <strong>{chosen.name}</strong>. The new SOP starts as version 0.1 with its text; replace each “[to be confirmed]” with your site’s values.
                </>
              ) : (
                'Choose a template above.'
              )}
            </p>
            <div className="grid gap-4 sm:grid-cols-2">
              <div>
                <label htmlFor="template-title" className="block text-sm font-medium text-slate-800">Title</label>
                <input id="template-title" name="title" required minLength={3} maxLength={300} value={named.title} onChange={(e) => update({ title: e.target.value })} placeholder={chosen ? chosen.name : 'Receiving of raw materials'} className={INPUT_CLASS} />
              </div>
              <div>
                <label htmlFor="template-department" className="block text-sm font-medium text-slate-800">Department <span className="font-normal text-slate-500">(optional)</span></label>
                <input id="template-department" name="department" maxLength={120} value={named.department} onChange={(e) => update({ department: e.target.value })} placeholder="Warehouse" className={INPUT_CLASS} />
              </div>
            </div>
            <SubmitButton pendingText="Creating SOP…" width="sm:w-56">Create SOP</SubmitButton>
          </>
        )}
      </ActionForm>
    </div>
  );
}

function Group({ title, test, children }: { title: string; test: string; children: React.ReactNode }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <div className="mt-2 grid gap-3 sm:grid-cols-2" role="radiogroup" aria-label={title} data-test={test}>
        {children}
      </div>
    </div>
  );
}

function Card({ template: t, selected, onSelect, children }: { template: TemplateSummary; selected: boolean; onSelect: (id: string) => void; children?: React.ReactNode }) {
  return (
    <div className={`rounded-lg border bg-white p-3 text-sm ${selected ? 'border-brand-600 ring-2 ring-brand-100' : 'border-slate-200 hover:border-slate-400'}`} data-test="template-card">
      <label className="flex cursor-pointer items-start gap-3">
        <input type="radio" name="template-choice" value={t.id} checked={selected} onChange={() => onSelect(t.id)} className="mt-1" />
        <span className="min-w-0">
          <span className="block font-semibold text-slate-900" data-test="template-name">{t.name}</span>
          {t.industry ? <span className="mt-0.5 inline-block rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t.industry}</span> : null}
          {t.description ? <span className="mt-1 block text-slate-600">{t.description}</span> : null}
          {t.kind === 'org' && t.createdAt ? (
            <span className="mt-1 block text-xs text-slate-500">
              Saved {t.createdByName ? `by ${t.createdByName} ` : ''}on {formatUtc(t.createdAt)}
            </span>
          ) : null}
        </span>
      </label>
      {children}
    </div>
  );
}

function DeleteButton() {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      onClick={(e) => {
        if (!window.confirm('Delete this template? SOPs made from it keep their content.')) e.preventDefault();
      }}
      className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:border-red-600 hover:text-red-700 disabled:opacity-60"
    >
      {pending ? 'Deleting…' : 'Delete template'}
    </button>
  );
}

function DeleteTemplate({ slug, template }: { slug: string; template: TemplateSummary }) {
  const [state, dispatch] = useActionState(deleteTemplateAction, undefined);
  return (
    <form action={dispatch} className="mt-2 flex items-center gap-2 pl-7" data-test="delete-template">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="templateId" value={template.id} />
      <DeleteButton />
      {state?.error ? <span className="text-xs text-red-700" role="alert">{state.error}</span> : null}
    </form>
  );
}
