'use client';
/** The settings page's "Periodic review and training" form: the default review interval (months) and the days to acknowledge training. */
import { ActionForm, INPUT_CLASS, SubmitButton } from '@/components/ui/form';
import { updateReviewSettingsAction } from '@/lib/orgs/actions';

export function ReviewSettingsForm({ slug, reviewIntervalMonths, trainingDueDays }: { slug: string; reviewIntervalMonths: number; trainingDueDays: number }) {
  return (
    <ActionForm action={updateReviewSettingsAction} hidden={{ slug }} className="max-w-xl space-y-4" test="review-settings-form">
      {(state) => (
        <>
          <div>
            <label htmlFor="reviewIntervalMonths" className="block text-sm font-medium text-slate-800">Default periodic review interval (months)</label>
            <input id="reviewIntervalMonths" name="reviewIntervalMonths" type="number" min={1} max={120} step={1} required inputMode="numeric" defaultValue={state?.fields?.reviewIntervalMonths ?? reviewIntervalMonths} className={`${INPUT_CLASS} max-w-40`} aria-describedby="reviewIntervalMonths-hint" data-test="settings-review-months" />
            <p id="reviewIntervalMonths-hint" className="mt-1 text-xs text-slate-500">1 to 120. Every effective SOP without its own interval is due for review this long after it became effective or was last reviewed; changing it moves their next review dates at once.</p>
          </div>
          <div>
            <label htmlFor="trainingDueDays" className="block text-sm font-medium text-slate-800">Days to read and acknowledge a SOP</label>
            <input id="trainingDueDays" name="trainingDueDays" type="number" min={1} max={365} step={1} required inputMode="numeric" defaultValue={state?.fields?.trainingDueDays ?? trainingDueDays} className={`${INPUT_CLASS} max-w-40`} aria-describedby="trainingDueDays-hint" data-test="settings-training-days" />
            <p id="trainingDueDays-hint" className="mt-1 text-xs text-slate-500">1 to 365. A training task is due this many days after it is assigned (a new major revision assigns new tasks).</p>
          </div>
          <SubmitButton pendingText="Saving…" width="w-40" test="settings-review-save">Save</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
