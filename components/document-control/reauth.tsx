'use client';
/**
 * The parts every signing form shares (21 CFR 11.50, 11.100(c), 11.200(a)): what the signature
 * means, who is signing, the password and — when the signer has an authenticator — the code,
 * a busy button, and the refusal in words. `postSigned` posts the JSON and tells 401 (which
 * factor was wrong; counted) and 423 (locked until) apart from other refusals.
 */
import { useState } from 'react';
import { call } from '@/components/sops/editor/api';
import { INPUT_CLASS } from '@/components/ui/form';
import { LEGALLY_BINDING } from '@/lib/document-control/words';

export interface Signer {
  signerName: string;
  signerEmail: string;
  needsTotp: boolean;
}

export type Refusal = { status: number; message: string; needs?: 'password' | 'totp' };

type Posted<T> = { ok: true; data: T } | { ok: false; refusal: Refusal };

export async function postSigned<T>(url: string, json: unknown): Promise<Posted<T>> {
  const a = await call<T>(url, { method: 'POST', json });
  if (a.ok) return { ok: true, data: a.data };
  const e = a.error as { message: string; needs?: 'password' | 'totp' };
  return { ok: false, refusal: { status: a.status, message: e.message, needs: e.needs } };
}

export const inputClass = INPUT_CLASS;

/** The statement of meaning, "You are signing as …", password and code. Uncontrolled: read them from the form's FormData. */
export function ReauthFields({ signer, statement, askTotp, idPrefix }: { signer: Signer; statement: string; askTotp: boolean; idPrefix: string }) {
  return (
    <div className="space-y-3">
      <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800" data-test="signature-statement">
        <p>{statement}</p>
        <p className="mt-1 font-medium">{LEGALLY_BINDING}</p>
      </div>
      <p className="text-sm" data-test="signing-as">
        You are signing as <strong>{signer.signerName}</strong> ({signer.signerEmail}).
      </p>
      <div>
        <label htmlFor={`${idPrefix}-password`} className="block text-sm font-medium text-slate-800">Your password</label>
        <input id={`${idPrefix}-password`} name="password" type="password" required autoComplete="off" className={inputClass} data-test="sign-password" aria-describedby={`${idPrefix}-password-hint`} />
        <p id={`${idPrefix}-password-hint`} className="mt-1 text-xs text-slate-500">Asked at every signature, even while you are signed in. Failed attempts are counted: after 5 in 15 minutes, signing is locked for 15 minutes.</p>
      </div>
      {askTotp ? (
        <div>
          <label htmlFor={`${idPrefix}-code`} className="block text-sm font-medium text-slate-800">Code from your authenticator app</label>
          <input id={`${idPrefix}-code`} name="code" type="text" inputMode="numeric" autoComplete="one-time-code" required maxLength={20} className={inputClass} data-test="sign-code" />
        </div>
      ) : null}
    </div>
  );
}

/** The one waiting button (components/ui/form.tsx), re-exported for the signing forms. */
export { BusyButton } from '@/components/ui/form';

export function RefusalAlert({ refusal }: { refusal: Refusal | null }) {
  if (!refusal) return null;
  const hint =
    refusal.status === 401 ? 'Check it and try again.' : refusal.status === 423 ? 'Wait until then, or ask an owner if this was not you.' : null;
  return (
    <div role="alert" data-test="sign-error" data-status={refusal.status} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {refusal.message} {hint}
    </div>
  );
}

/** Form state of a signing form: busy while posting; a 401 for the code shows the code field from then on. */
export function useSigning(needsTotp: boolean) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [askTotp, setAskTotp] = useState(needsTotp);
  async function run<T>(form: HTMLFormElement, url: string, json: Record<string, unknown>): Promise<T | null> {
    const fd = new FormData(form);
    setBusy(true);
    setRefusal(null);
    const code = fd.get('code');
    const r = await postSigned<T>(url, { ...json, password: String(fd.get('password') ?? ''), ...(typeof code === 'string' && code ? { code } : {}) });
    setBusy(false);
    if (r.ok) return r.data;
    if (r.refusal.needs === 'totp') setAskTotp(true);
    // The password is never kept after a refusal; everything else the person entered stays.
    for (const name of ['password', 'code']) {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLInputElement) input.value = '';
    }
    setRefusal(r.refusal);
    return null;
  }
  return { busy, refusal, askTotp, run };
}
