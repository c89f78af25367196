'use client';
/**
 * "As of": a date and time in UTC that opens the point-in-time view (`action`, e.g.
 * /o/{slug}/sops/as-of) with `?at=<ISO 8601>`. Without JavaScript the form still submits the
 * input's value, which the page reads as UTC.
 */
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { BusyButton } from '@/components/ui/form';

const field = 'rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';

export function AsOfForm({ action, defaultValue = '', compact = false }: { action: string; defaultValue?: string; compact?: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState('');
  const id = compact ? 'as-of-at-list' : 'as-of-at';

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget).get('at') ?? '');
    if (!value) {
      setError('Choose a date and time.');
      return;
    }
    setError('');
    const iso = `${value.length === 16 ? `${value}:00` : value}Z`;
    start(() => router.push(`${action}?at=${encodeURIComponent(iso)}`));
  }

  return (
    <form action={action} method="get" onSubmit={submit} className={`flex min-w-0 max-w-full flex-wrap gap-2 ${compact ? 'items-center' : 'items-end'}`} data-test="as-of-form" noValidate>
      <div className={`min-w-0 max-w-full ${compact ? 'flex items-center gap-2' : ''}`}>
        <label htmlFor={id} className={compact ? 'whitespace-nowrap text-sm font-medium text-slate-600' : 'block text-xs font-medium text-slate-600'}>
          {compact ? 'As of (UTC)' : 'Date and time (UTC)'}
        </label>
        <input id={id} name="at" type="datetime-local" step={1} defaultValue={defaultValue} className={`${field} min-w-0 max-w-full`} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <BusyButton busy={pending} busyText="Loading…" variant="secondary" test="as-of-submit">
        {compact ? 'Show' : 'Show what was in effect'}
      </BusyButton>
      {error ? (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
