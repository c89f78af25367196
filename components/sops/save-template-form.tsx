'use client';
/**
 * The SOP page's "Save as template": a small panel under the button with the template's name,
 * industry and description. The template copies the SOP's working draft (what the page shows),
 * without its document number and revision history.
 */
import Link from 'next/link';
import { ActionForm, SubmitButton } from '@/components/ui/form';
import { saveAsTemplateAction } from '@/lib/templates/actions';

const input = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';

export function SaveTemplateForm({ slug, sopId, title }: { slug: string; sopId: string; title: string }) {
  return (
    <details className="group relative" data-test="save-template">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:border-brand-600 group-open:border-brand-600 [&::-webkit-details-marker]:hidden">
        Save as template
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-[22rem] max-w-[90vw] rounded-lg border border-slate-200 bg-white p-4 shadow-lg">
        <ActionForm action={saveAsTemplateAction} hidden={{ slug, sopId }} className="space-y-3" test="save-template-form">
          {(state) => (
            <>
              <p className="text-sm text-slate-600">Copies this SOP’s text as shown (not its number or revision history) into a template your organization can start new SOPs from.</p>
              <div>
                <label htmlFor="template-name" className="block text-sm font-medium text-slate-800">Template name</label>
                <input id="template-name" name="name" required maxLength={120} defaultValue={state?.fields?.name ?? title} className={input} />
              </div>
              <div>
                <label htmlFor="template-industry" className="block text-sm font-medium text-slate-800">Industry <span className="font-normal text-slate-500">(optional)</span></label>
                <input id="template-industry" name="industry" maxLength={120} defaultValue={state?.fields?.industry} placeholder="Food" className={input} />
              </div>
              <div>
                <label htmlFor="template-description" className="block text-sm font-medium text-slate-800">Description <span className="font-normal text-slate-500">(optional)</span></label>
                <textarea id="template-description" name="description" rows={3} maxLength={1000} defaultValue={state?.fields?.description} placeholder="When to use it, what it covers" className={input} />
              </div>
              <SubmitButton pendingText="Saving…">Save template</SubmitButton>
              <Link href={`/o/${slug}/sops/new?from=template`} className="block text-center text-sm font-medium text-brand-700 underline" data-test="saved-template-link">
                See the organization’s templates
              </Link>
            </>
          )}
        </ActionForm>
      </div>
    </details>
  );
}
