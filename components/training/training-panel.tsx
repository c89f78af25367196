/**
 * The SOP page's "Training" panel: who must read the SOP (assignments; owners and admins add
 * and remove them), where each assigned member stands for the current major revision
 * (Current / Pending / Overdue, from public.training_status), and — for a member with an open
 * task — the "Read and understood" ceremony of the effective revision.
 */
import { ROLE_LABELS } from '@/lib/orgs/permissions';
import { formatUtc } from '@/lib/format';
import type { Assignment } from '@/lib/training/assignments';
import { utcDay } from '@/lib/training/emails';
import type { TrainingPanelData } from '@/lib/training/page-context';
import type { PersonTraining } from '@/lib/training/service';
import { AcknowledgeCeremony } from './acknowledge-ceremony';
import { AddAssignment, RemoveAssignment } from './assignment-editor';
import { TrainingBadge } from './training-badge';

export function assignmentLabel(a: Assignment): string {
  if (a.kind === 'person') return a.personName ?? 'A former member';
  if (a.kind === 'role') return `Every ${ROLE_LABELS[a.role!].label.toLowerCase()}`;
  return `Department: ${a.department}`;
}

function statusDetail(p: PersonTraining): string {
  if (p.status === 'current') return `acknowledged revision ${p.acknowledgedRevision ?? ''} on ${p.acknowledgedAt ? formatUtc(p.acknowledgedAt) : ''}`.trim();
  if (p.status === 'overdue') return `overdue since ${utcDay(p.dueAt)}`;
  return `due ${utcDay(p.dueAt)}`;
}

export function TrainingPanel({ slug, sopId, data, showsEffective = false }: { slug: string; sopId: string; data: TrainingPanelData; showsEffective?: boolean }) {
  const api = `/api/v1/orgs/${slug}/sops/${sopId}`;
  const { effective, assignments, people, counts, mine, signer, canAssign } = data;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-test="training-panel" aria-labelledby="training-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="training-title" className="text-lg font-semibold">Training</h3>
        {effective && counts.total > 0 ? (
          <p className="text-sm text-slate-600" data-test="training-counts">
            <strong className="text-slate-900">{counts.current} of {counts.total}</strong> current
            {counts.overdue ? <span className="text-red-700"> · {counts.overdue} overdue</span> : null}
            {' · '}revision {effective.label}
          </p>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {effective
          ? `Everyone assigned signs the effective revision as read and understood. A new major revision asks everyone again; a minor one does not.`
          : 'This SOP has no effective version yet: read-and-understood tasks start when a version becomes effective. Assignments made now apply then.'}
      </p>

      {mine && effective ? (
        <div className={`mt-4 rounded-lg border-2 p-4 ${mine.status === 'overdue' ? 'border-red-300 bg-red-50/40' : 'border-brand-600/40 bg-brand-50/40'}`} data-test="my-acknowledgement">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
            You must read revision {effective.label} of this SOP and sign it as read and understood.
            <TrainingBadge status={mine.status} />
            <span className="font-normal text-slate-600">{mine.status === 'overdue' ? `Was due ${utcDay(mine.dueAt)}.` : `Due ${utcDay(mine.dueAt)}.`}</span>
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {showsEffective ? 'It is the procedure shown above. ' : null}
            <a href={`/o/${slug}/sops/${sopId}/versions/${effective.versionId}`} className="text-brand-700 underline" data-test="effective-version-link">Open revision {effective.label}</a>
            {showsEffective ? ' on its own page.' : ' to read it in full: this page shows a newer draft.'}
          </p>
          <div className="mt-3">
            {signer?.ok ? (
              <AcknowledgeCeremony url={`${api}/acknowledgements`} signer={signer} revision={effective.label} />
            ) : signer ? (
              <p className="text-sm text-slate-700" data-test="acknowledge-refused">{signer.message}</p>
            ) : null}
          </div>
        </div>
      ) : null}

      <div className="mt-5">
        <h4 className="text-sm font-semibold text-slate-800">Who must read it</h4>
        {assignments.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600" data-test="no-assignments">
            Nobody yet.{canAssign ? ' Add a person, a role or a department below.' : ' Owners and admins choose who must read a SOP.'}
          </p>
        ) : (
          <ul className="mt-2 flex flex-wrap gap-2" data-test="assignments">
            {assignments.map((a) => (
              <li key={a.id} className="inline-flex max-w-full items-center gap-2 rounded-full border border-slate-200 bg-slate-50 py-1 pl-3 pr-1.5 text-sm" data-test="assignment">
                <span className="min-w-0 wrap-anywhere">{assignmentLabel(a)}</span>
                {canAssign ? <RemoveAssignment url={`${api}/training-assignments/${a.id}`} label={assignmentLabel(a)} /> : <span className="pr-1.5" />}
              </li>
            ))}
          </ul>
        )}
        {canAssign ? (
          <div className="mt-3">
            <AddAssignment url={`${api}/training-assignments`} members={data.members} departments={data.departments} />
          </div>
        ) : null}
      </div>

      {effective ? (
        <div className="mt-5">
          <h4 className="text-sm font-semibold text-slate-800">Status, revision {effective.label}</h4>
          {people.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">No member is assigned now.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 text-sm" data-test="training-people">
              {people.map((p) => (
                <li key={p.userId} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2" data-test="training-person" data-status={p.status}>
                  <span className="min-w-0 wrap-anywhere">
                    <span className="font-medium">{p.name}</span>
                    {p.name !== p.email ? <span className="block text-xs text-slate-500">{p.email}</span> : null}
                  </span>
                  <span className="flex flex-wrap items-center gap-2 text-slate-600">
                    <TrainingBadge status={p.status} />
                    <span className="text-xs">{statusDetail(p)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}

/**
 * At the top of the SOP page, for a member with an open task: read the effective revision
 * (the content below when it shows that revision; else its version page), then sign below.
 */
export function TrainingNotice({ slug, sopId, data, showsEffective }: { slug: string; sopId: string; data: TrainingPanelData; showsEffective: boolean }) {
  if (!data.mine || !data.effective) return null;
  const overdue = data.mine.status === 'overdue';
  const when = overdue ? `; it was due ${utcDay(data.mine.dueAt)}.` : ` by ${utcDay(data.mine.dueAt)}.`;
  const versionHref = `/o/${slug}/sops/${sopId}/versions/${data.effective.versionId}`;
  return (
    <div className={`flex flex-wrap items-center justify-between gap-3 rounded-md border px-4 py-3 text-sm ${overdue ? 'border-red-200 bg-red-50 text-red-900' : 'border-brand-100 bg-brand-50 text-brand-900'}`} data-test="training-notice">
      <span>
        <strong>Read and understood{overdue ? ' (overdue)' : ''}:</strong>{' '}
        {showsEffective ? (
          <>read revision {data.effective.label} below, then sign it at the bottom of this page{when}</>
        ) : (
          <>
            this page shows a newer draft. Read <a href={versionHref} className="font-medium underline">revision {data.effective.label}</a>, the effective version, then sign it at the bottom of this page{when}
          </>
        )}
      </span>
      <a href="#training-title" className="whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700" data-test="training-notice-link">Go to the signature</a>
    </div>
  );
}
