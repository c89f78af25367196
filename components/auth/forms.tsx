'use client';
/** The auth forms: each posts to its server action and shows the action's message. */
import Link from 'next/link';
import { useActionState } from 'react';
import {
  forgotPasswordAction,
  resendConfirmationAction,
  resetPasswordAction,
  signInAction,
  signUpAction,
  ssoAction,
  verifyMfaAction,
} from '@/lib/auth/actions';
import { ActionForm, Field, FormMessages, SubmitButton } from '@/components/ui/form';

export function SignUpForm({ next, email }: { next?: string; email?: string }) {
  return (
    <ActionForm action={signUpAction} hidden={{ next }} className="space-y-4" test="sign-up-form">
      {(state) => (
        <>
          <Field label="Full name" name="fullName" autoComplete="name" defaultValue={state?.fields?.fullName} maxLength={200} />
          <Field label="Work email" name="email" type="email" autoComplete="email" defaultValue={state?.fields?.email ?? email} />
          <Field label="Password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters, and not a commonly used password." />
          <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function SignInForm({ next, email }: { next?: string; email?: string }) {
  const [state, action] = useActionState(signInAction, undefined);
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-4" data-test="sign-in-form">
        <FormMessages state={state} />
        <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={state?.fields?.email ?? email} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <div className="flex justify-end text-sm">
          <Link href="/forgot-password" className="text-brand-700 hover:underline">
            Forgot your password?
          </Link>
        </div>
        <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      </form>
      {state?.fields?.unconfirmed ? <ResendConfirmationForm email={state.fields.email ?? ''} /> : null}
    </div>
  );
}

export function ResendConfirmationForm({ email }: { email: string }) {
  return (
    <ActionForm action={resendConfirmationAction} hidden={{ email }} className="space-y-3 rounded-md border border-slate-200 p-4" test="resend-form">
      <p className="text-sm text-slate-600">Didn’t get the email? Check spam, or send a new confirmation link to {email || 'your address'}.</p>
      <SubmitButton pendingText="Sending…" variant="secondary">
        Resend confirmation email
      </SubmitButton>
    </ActionForm>
  );
}

export function MfaForm({ next }: { next?: string }) {
  return (
    <ActionForm action={verifyMfaAction} hidden={{ next }} className="space-y-4" test="mfa-form">
      <Field label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus hint="The 6-digit code your authenticator app shows for SOPwright." />
      <SubmitButton pendingText="Checking…">Verify</SubmitButton>
    </ActionForm>
  );
}

export function ForgotPasswordForm() {
  return (
    <ActionForm action={forgotPasswordAction} className="space-y-4" test="forgot-form">
      {(state) => (
        <>
          <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={state?.fields?.email} />
          <SubmitButton pendingText="Sending…">Send reset link</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function ResetPasswordForm() {
  return (
    <ActionForm action={resetPasswordAction} className="space-y-4" test="reset-form">
      <Field label="New password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters, and not a commonly used password." />
      <Field label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" />
      <SubmitButton pendingText="Saving…">Save new password</SubmitButton>
    </ActionForm>
  );
}

export function SsoForm() {
  return (
    <ActionForm action={ssoAction} className="space-y-3" test="sso-form">
      {(state) => (
        <>
          <Field id="sso-email" label="Work email for single sign-on" name="email" type="email" autoComplete="email" defaultValue={state?.fields?.email} />
          <SubmitButton pendingText="Looking up your company…" variant="secondary">
            Sign in with SSO
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
