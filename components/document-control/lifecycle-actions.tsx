'use client';
/**
 * Withdraw (back to draft, with a reason), Make effective (owners and admins, an approved
 * version whose date has come) and Make obsolete (owners and admins, with a reason): each
 * posts to its route and refreshes the page; a refusal is shown in the database's words.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { call } from '@/components/sops/editor/api';
import { BusyButton, inputClass } from './reauth';

function Action({ url, label, busyText, reasonLabel, test, variant = 'secondary' }: { url: string; label: string; busyText: string; reasonLabel?: string; test: string; variant?: 'secondary' | 'danger' }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '');
    setBusy(true);
    setError(null);
    const a = await call(url, { method: 'POST', json: reasonLabel ? { reason } : undefined });
    setBusy(false);
    if (a.ok) {
      setOpen(false);
      router.refresh();
    } else setError(a.error.message);
  }

  if (reasonLabel && !open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-test={test} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:border-brand-600">
        {label}…
      </button>
    );
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" data-test={`${test}-form`}>
      {reasonLabel ? (
        <div className="min-w-64 flex-1">
          <label htmlFor={`${test}-reason`} className="block text-sm font-medium text-slate-800">{reasonLabel}</label>
          <input id={`${test}-reason`} name="reason" required minLength={3} maxLength={2000} className={inputClass} data-test={`${test}-reason`} />
        </div>
      ) : null}
      <BusyButton busy={busy} busyText={busyText} test={reasonLabel ? `${test}-confirm` : test} variant={variant}>
        {label}
      </BusyButton>
      {reasonLabel ? (
        <button type="button" onClick={() => setOpen(false)} className="px-2 py-2 text-sm text-slate-600 underline">Cancel</button>
      ) : null}
      {error ? <p role="alert" className="w-full text-sm text-red-700" data-test={`${test}-error`}>{error}</p> : null}
    </form>
  );
}

export function LifecycleActions({ versionUrl, sopUrl, withdraw, makeEffective, obsolete }: { versionUrl: string; sopUrl: string; withdraw: boolean; makeEffective: boolean; obsolete: boolean }) {
  if (!withdraw && !makeEffective && !obsolete) return null;
  return (
    <div className="flex flex-wrap items-start gap-3" data-test="lifecycle-actions">
      {makeEffective ? <Action url={`${versionUrl}/make-effective`} label="Make effective now" busyText="Making effective…" test="make-effective" /> : null}
      {withdraw ? <Action url={`${versionUrl}/withdraw`} label="Withdraw" busyText="Withdrawing…" reasonLabel="Reason for withdrawing" test="withdraw" /> : null}
      {obsolete ? <Action url={`${sopUrl}/obsolete`} label="Make obsolete" busyText="Making obsolete…" reasonLabel="Reason the SOP is obsolete" test="obsolete" variant="danger" /> : null}
    </div>
  );
}
