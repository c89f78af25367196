'use client';
/**
 * Recovery codes in the browser: the set shown once (copy, download as .txt), the form that
 * uses one at the MFA step, and the settings form that makes a new set.
 */
import { useActionState, useState } from 'react';
import { DisableTotpForm, EnableTotp } from '@/components/app/settings-forms';
import { regenerateRecoveryCodesAction, verifyTotpEnrollAction } from '@/lib/account/actions';
import { redeemRecoveryCodeAction } from '@/lib/auth/actions';
import { recoveryCodesText } from '@/lib/auth/recovery-codes-text';
import { ActionForm, Alert, Field, FormMessages, SubmitButton } from '@/components/ui/form';

/**
 * The two-factor part of the Security page. It holds the enrolment's verify state, so the
 * recovery codes it returns stay shown when the page re-renders with the new factor.
 */
export function TwoFactorSection({ factorId, remaining, total, email }: { factorId: string | null; remaining: number; total: number; email: string }) {
  const [verified, verify] = useActionState(verifyTotpEnrollAction, undefined);
  // A finished enrolment is shown while its factor is the one on the page (not after turning it off).
  const done = verified?.notice ? verified : undefined;
  const current = done && factorId && (done.data?.factorId ?? factorId) === factorId ? done : undefined;
  const shown = current?.data;
  return (
    <div className="space-y-6">
      {current ? <Alert kind="notice">{current.notice}</Alert> : null}
      {current?.error ? <Alert kind="error">{current.error}</Alert> : null}
      {shown ? <RecoveryCodesList codes={shown.codes} createdAt={shown.createdAt} email={email} /> : null}
      {factorId ? (
        <>
          {shown ? null : <RegenerateRecoveryCodes remaining={remaining} total={total} email={email} />}
          <DisableTotpForm factorId={factorId} />
        </>
      ) : (
        // A new key after each finished enrolment: the next set-up starts from a fresh QR code.
        <EnableTotp key={done?.data?.factorId ?? 'first'} verify={verify} verified={done ? undefined : verified} />
      )}
    </div>
  );
}

export function RecoveryCodesList({ codes, createdAt, email }: { codes: string[]; createdAt: string; email: string }) {
  const [copied, setCopied] = useState(false);
  const text = recoveryCodesText(email, codes, new Date(createdAt));
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'sopwright-recovery-codes.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const copy = async () => {
    await navigator.clipboard.writeText(codes.join('\n'));
    setCopied(true);
  };
  return (
    <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4" data-test="recovery-codes">
      <h3 className="font-semibold">Save your recovery codes</h3>
      <p className="text-sm text-slate-700">
        If you lose your authenticator app, each code signs you in once (and turns two-factor authentication off until you set up a new app). They are shown only now: SOPwright keeps only a one-way hash of each, which cannot be turned back into the code.
      </p>
      <ol className="grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm">
        {codes.map((c) => (
          <li key={c} data-test="recovery-code">
            {c}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={download} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
          Download as .txt
        </button>
        <button type="button" onClick={copy} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

/** At the MFA step, for someone without their authenticator. */
export function RecoveryCodeForm() {
  return (
    <details className="rounded-md border border-slate-200 p-4 text-sm" data-test="recovery-code-step">
      <summary className="cursor-pointer font-medium text-brand-700">Lost your authenticator? Use a recovery code</summary>
      <ActionForm action={redeemRecoveryCodeAction} className="mt-4 space-y-4" test="recovery-code-form">
        <p className="text-slate-600">A recovery code signs you in once and turns two-factor authentication off; you then set up your new authenticator.</p>
        <Field id="recovery-code" label="Recovery code" name="code" autoComplete="off" maxLength={40} />
        <SubmitButton pendingText="Checking…" variant="secondary">
          Use recovery code
        </SubmitButton>
      </ActionForm>
    </details>
  );
}

/** Settings: how many are left, and a new set after password and a current code. */
export function RegenerateRecoveryCodes({ remaining, total, email }: { remaining: number; total: number; email: string }) {
  const [state, action] = useActionState(regenerateRecoveryCodesAction, undefined);
  if (state?.data) {
    return (
      <div className="space-y-3">
        <FormMessages state={state} />
        <RecoveryCodesList codes={state.data.codes} createdAt={state.data.createdAt} email={email} />
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" data-test="recovery-codes-left">
        {total === 0 ? 'No recovery codes yet.' : `${remaining} of ${total} recovery codes left.`}
        {remaining <= 3 ? ' Make a new set so that you can still get in if you lose your authenticator.' : ''}
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Make new recovery codes</summary>
        <form action={action} className="mt-3 max-w-sm space-y-4" data-test="regenerate-recovery-codes">
          <FormMessages state={state} />
          <p className="text-slate-600">The old codes stop working. Confirm it is you:</p>
          <Field id="regen-password" label="Your password" name="password" type="password" autoComplete="current-password" />
          <Field id="regen-code" label="Code from your authenticator app" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          <SubmitButton pendingText="Making new codes…" variant="secondary">
            Make new codes
          </SubmitButton>
        </form>
      </details>
    </div>
  );
}
