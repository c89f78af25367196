'use client';
/**
 * Owners and admins choose who must read a SOP: add a person (member picker), a role, or a
 * department (free text with suggestions); remove one after a confirmation. Through the
 * training-assignments API; the page refreshes after each change.
 */
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { call } from '@/components/sops/editor/api';
import { FetchRowButton } from '@/components/ui/fetch-row-button';
import { BusyButton, INPUT_CLASS } from '@/components/ui/form';
import { ROLE_LABELS, ROLES } from '@/lib/orgs/permissions';
import type { PickablePerson } from '@/lib/training/page-context';

type Kind = 'person' | 'role' | 'department';
const KIND_WORDS: Record<Kind, string> = { person: 'A person', role: 'A role (everyone with it)', department: 'A department' };

export function AddAssignment({ url, members, departments }: { url: string; members: PickablePerson[]; departments: string[] }) {
  const router = useRouter();
  const id = useId();
  const [kind, setKind] = useState<Kind>('department');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const value = String(new FormData(form).get('value') ?? '').trim();
    if (!value) return setError(kind === 'person' ? 'Choose a person.' : kind === 'role' ? 'Choose a role.' : 'Enter a department.');
    setBusy(true);
    setError(null);
    const json = kind === 'person' ? { kind, userId: value } : kind === 'role' ? { kind, role: value } : { kind, department: value };
    const a = await call(url, { method: 'POST', json });
    setBusy(false);
    if (!a.ok) return setError(a.error.message);
    form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-2" data-test="add-assignment">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="sm:w-60">
          <label htmlFor={`${id}-kind`} className="block text-sm font-medium text-slate-800">Assign to</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => { setKind(e.target.value as Kind); setError(null); }} className={INPUT_CLASS} data-test="assignment-kind">
            {(Object.keys(KIND_WORDS) as Kind[]).map((k) => (
              <option key={k} value={k}>{KIND_WORDS[k]}</option>
            ))}
          </select>
        </div>
        <div className="min-w-0 flex-1">
          <label htmlFor={`${id}-value`} className="block text-sm font-medium text-slate-800">{kind === 'person' ? 'Person' : kind === 'role' ? 'Role' : 'Department'}</label>
          {kind === 'person' ? (
            <select key="person" id={`${id}-value`} name="value" defaultValue="" className={INPUT_CLASS} data-test="assignment-person">
              <option value="" disabled>Choose a member…</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>{m.name === m.email ? m.email : `${m.name} (${m.email})`}</option>
              ))}
            </select>
          ) : kind === 'role' ? (
            <select key="role" id={`${id}-value`} name="value" defaultValue="" className={INPUT_CLASS} data-test="assignment-role">
              <option value="" disabled>Choose a role…</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>{ROLE_LABELS[r].label}</option>
              ))}
            </select>
          ) : (
            <>
              <input key="department" id={`${id}-value`} name="value" type="text" maxLength={120} list={`${id}-departments`} autoComplete="off" placeholder="e.g. Packaging" className={INPUT_CLASS} data-test="assignment-department" />
              <datalist id={`${id}-departments`}>
                {departments.map((d) => (
                  <option key={d} value={d} />
                ))}
              </datalist>
            </>
          )}
        </div>
        <BusyButton busy={busy} busyText="Adding…" test="assignment-add" className="sm:w-28">Add</BusyButton>
      </div>
      {error ? <p role="alert" className="text-sm text-red-700" data-test="assignment-error">{error}</p> : null}
    </form>
  );
}

export function RemoveAssignment({ url, label }: { url: string; label: string }) {
  return (
    <FetchRowButton
      url={url}
      method="DELETE"
      confirm={`Remove “${label}” from who must read this SOP? Their open read-and-understood tasks are closed; past acknowledgements stay.`}
      label={`Remove ${label}`}
      text="Remove"
      busyText="Removing…"
      test="assignment-remove"
    />
  );
}
