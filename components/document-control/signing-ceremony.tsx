'use client';
/**
 * The signing ceremony on the version page, for an assignee whose task is pending: the meaning
 * (Reviewed for a review task; Approved or Rejected for an approval task, where rejecting needs
 * a comment), what the signature means, who is signing, the password and (when enrolled) the
 * authenticator code. Posts to …/versions/{versionId}/signatures, then refreshes the page.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { SignMeaning } from '@/lib/document-control/service';
import { MEANING_STATEMENTS, MEANING_WORDS } from '@/lib/document-control/words';
import { BusyButton, inputClass, ReauthFields, RefusalAlert, useSigning, type Signer } from './reauth';

export function SigningCeremony({ url, step, signer }: { url: string; step: 'review' | 'approval'; signer: Signer }) {
  const router = useRouter();
  const choices: SignMeaning[] = step === 'review' ? ['reviewed'] : ['approved', 'rejected'];
  const [meaning, setMeaning] = useState<SignMeaning>(choices[0]!);
  const { busy, refusal, askTotp, run } = useSigning(signer.needsTotp);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const comment = String(new FormData(e.currentTarget).get('comment') ?? '');
    const done = await run(e.currentTarget, `${url}/signatures`, { meaning, ...(comment.trim() ? { comment } : {}) });
    if (done) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-test="signing-ceremony" aria-labelledby="ceremony-title">
      <h3 id="ceremony-title" className="text-base font-semibold">{step === 'review' ? 'Sign your review' : 'Approve or reject'}</h3>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Meaning of your signature</legend>
        <div className="flex flex-wrap gap-3">
          {choices.map((m) => (
            <label key={m} className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm ${meaning === m ? 'border-brand-600 bg-brand-50' : 'border-slate-300'}`}>
              <input type="radio" name="meaning" value={m} checked={meaning === m} onChange={() => setMeaning(m)} data-test={`meaning-${m}`} />
              {MEANING_WORDS[m]}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="ceremony-comment" className="block text-sm font-medium text-slate-800">
          Comment{meaning === 'rejected' ? ' (required: say why, the author is told)' : ' (optional)'}
        </label>
        <textarea id="ceremony-comment" name="comment" rows={3} maxLength={2000} required={meaning === 'rejected'} className={inputClass} data-test="sign-comment" />
      </div>
      <ReauthFields signer={signer} statement={MEANING_STATEMENTS[meaning]} askTotp={askTotp} idPrefix="ceremony" />
      <RefusalAlert refusal={refusal} />
      <BusyButton busy={busy} busyText="Signing…" test="sign-submit" variant={meaning === 'rejected' ? 'danger' : 'primary'}>
        Sign as {MEANING_WORDS[meaning]}
      </BusyButton>
    </form>
  );
}
