'use client';
/** Forms of the Account and Security settings pages, each bound to its server action. */
import { useActionState } from 'react';
import {
  changePasswordAction,
  deleteAccountAction,
  disableTotpAction,
  revokeSessionAction,
  signOutEverywhereAction,
  signOutOthersAction,
  startTotpEnrollAction,
  updateProfileAction,
  type RecoveryCodesShown,
} from '@/lib/account/actions';
import type { ActionState } from '@/lib/http/action';
import { ActionForm, Field, FormMessages, RowButton, SubmitButton } from '@/components/ui/form';

export function ProfileForm({ fullName }: { fullName: string }) {
  return (
    <ActionForm action={updateProfileAction} className="max-w-md space-y-4" test="profile-form">
      <Field label="Full name" name="fullName" defaultValue={fullName} autoComplete="name" maxLength={200} />
      <SubmitButton pendingText="Saving…" width="w-40">Save</SubmitButton>
    </ActionForm>
  );
}

export function ChangePasswordForm() {
  return (
    <ActionForm action={changePasswordAction} className="max-w-md space-y-4" test="change-password-form">
      <Field label="Current password" name="current" type="password" autoComplete="current-password" />
      <Field label="New password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters, and not a commonly used password." />
      <Field label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" />
      <SubmitButton pendingText="Changing…" width="w-48">Change password</SubmitButton>
    </ActionForm>
  );
}

/**
 * Set up TOTP. The verify step's state lives in the caller (TwoFactorSection), which outlives
 * this form: the page re-renders with the new factor, and the recovery codes stay on screen.
 */
export function EnableTotp({ verify, verified }: { verify: (form: FormData) => void; verified: ActionState<RecoveryCodesShown> }) {
  const [started, start] = useActionState(startTotpEnrollAction, undefined);
  const enrollment = started?.data;
  if (!enrollment) {
    return (
      <form action={start} className="space-y-3" data-test="totp-start">
        <FormMessages state={started} />
        <SubmitButton pendingText="Preparing…" width="w-64">Set up an authenticator app</SubmitButton>
      </form>
    );
  }
  return (
    <div className="grid gap-6 sm:grid-cols-[auto,1fr]" data-test="totp-enroll">
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: SVG QR code made by the auth server */}
      <img src={enrollment.qr} alt="QR code to add SOPwright to your authenticator app" width={180} height={180} className="rounded border border-slate-200 bg-white p-2" />
      <form action={verify} className="max-w-sm space-y-4">
        <p className="text-sm text-slate-700">
          Scan the QR code with an authenticator app (1Password, Google Authenticator, Microsoft Authenticator…), or enter this key by hand:
        </p>
        <code className="block break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm" data-test="totp-secret">
          {enrollment.secret}
        </code>
        <FormMessages state={verified} />
        <input type="hidden" name="factorId" value={enrollment.factorId} />
        <Field label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        <SubmitButton pendingText="Verifying…">Verify and turn on</SubmitButton>
      </form>
    </div>
  );
}

export function DisableTotpForm({ factorId }: { factorId: string }) {
  return (
    <ActionForm action={disableTotpAction} hidden={{ factorId }} className="space-y-3" test="totp-disable">
      <SubmitButton pendingText="Turning off…" variant="secondary" width="w-80">
        Turn off two-factor authentication
      </SubmitButton>
    </ActionForm>
  );
}

export function RevokeSessionButton({ sessionId }: { sessionId: string }) {
  const [state, action] = useActionState(revokeSessionAction, undefined);
  return (
    <form action={action}>
      <input type="hidden" name="sessionId" value={sessionId} />
      {state?.error ? <span className="mr-2 text-xs text-red-700">{state.error}</span> : null}
      <RowButton danger>Sign out</RowButton>
    </form>
  );
}

export function SessionBulkActions() {
  const [state, others] = useActionState(signOutOthersAction, undefined);
  const [, everywhere] = useActionState(signOutEverywhereAction, undefined);
  return (
    <div className="space-y-3">
      <FormMessages state={state} />
      <div className="flex flex-wrap gap-3">
        <form action={others}>
          <SubmitButton pendingText="Signing out…" variant="secondary">
            Sign out all other sessions
          </SubmitButton>
        </form>
        <form action={everywhere}>
          <SubmitButton pendingText="Signing out…" variant="danger">
            Sign out everywhere
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}

export function DeleteAccountForm() {
  return (
    <ActionForm action={deleteAccountAction} className="max-w-md space-y-4" test="delete-account-form">
      <Field label="Your password" name="password" type="password" autoComplete="current-password" />
      <Field label='Type "DELETE" to confirm' name="confirm" autoComplete="off" />
      <SubmitButton pendingText="Deleting…" variant="danger" width="w-56">
        Delete my account
      </SubmitButton>
    </ActionForm>
  );
}
