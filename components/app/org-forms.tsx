'use client';
/** Forms of the organization pages, bound to lib/orgs/actions.ts. */
import { useActionState } from 'react';
import {
  acceptInviteAction,
  changeRoleAction,
  createOrgAction,
  inviteAction,
  removeMemberAction,
  resendInviteAction,
  revokeInviteAction,
  transferOwnershipAction,
  updateDocumentSettingsAction,
  updateOrgAction,
} from '@/lib/orgs/actions';
import { ActionForm, Field, HiddenFields, RowButton, RowMessage, SubmitButton } from '@/components/ui/form';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/orgs/permissions';

export function CreateOrgForm() {
  return (
    <ActionForm action={createOrgAction} className="max-w-md space-y-4" test="create-org-form">
      <Field label="Organization name" name="name" maxLength={120} hint="Your company or site, e.g. “Northfield Dairy — Plant 2”." />
      <Field label="Web address (optional)" name="slug" required={false} maxLength={48} hint="Lowercase letters, digits and hyphens; made from the name if left empty." />
      <SubmitButton pendingText="Creating…" width="w-56">Create organization</SubmitButton>
    </ActionForm>
  );
}

function RoleSelect({ name, defaultValue, exclude = [] }: { name: string; defaultValue: Role; exclude?: Role[] }) {
  return (
    <select name={name} defaultValue={defaultValue} aria-label="Role" className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
      {ROLES.filter((r) => !exclude.includes(r)).map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r].label}
        </option>
      ))}
    </select>
  );
}

export function InviteForm({ slug }: { slug: string }) {
  return (
    <ActionForm action={inviteAction} hidden={{ slug }} className="space-y-3" test="invite-form">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field label="Email address" name="email" type="email" autoComplete="off" />
        </div>
        <div>
          <label className="block text-sm font-medium text-slate-800" htmlFor="invite-role">
            Role
          </label>
          <select id="invite-role" name="role" defaultValue="author" className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
            {ROLES.filter((r) => r !== 'owner').map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r].label}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton pendingText="Sending…" width="w-40">Send invite</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function MemberRowActions({ slug, userId, role, canManage, isSelf, viewerIsOwner }: { slug: string; userId: string; role: Role; canManage: boolean; isSelf: boolean; viewerIsOwner: boolean }) {
  const [roleState, changeRole] = useActionState(changeRoleAction, undefined);
  const [removeState, remove] = useActionState(removeMemberAction, undefined);
  const [transferState, transfer] = useActionState(transferOwnershipAction, undefined);
  const member = { slug, userId };
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <RowMessage error={roleState?.error ?? removeState?.error ?? transferState?.error} notice={roleState?.notice ?? removeState?.notice ?? transferState?.notice} />
      {canManage && !isSelf && (viewerIsOwner || role !== 'owner') ? (
        <form action={changeRole} className="flex items-center gap-2">
          <HiddenFields fields={member} />
          <RoleSelect name="role" defaultValue={role} exclude={viewerIsOwner ? [] : ['owner']} />
          <RowButton>Change role</RowButton>
        </form>
      ) : null}
      {viewerIsOwner && !isSelf ? (
        <form action={transfer}>
          <HiddenFields fields={member} />
          <RowButton>Make owner</RowButton>
        </form>
      ) : null}
      {(canManage && (viewerIsOwner || role !== 'owner')) || isSelf ? (
        <form action={remove}>
          <HiddenFields fields={member} />
          <RowButton danger>{isSelf ? 'Leave organization' : 'Remove'}</RowButton>
        </form>
      ) : null}
    </div>
  );
}

export function InviteRowActions({ slug, inviteId }: { slug: string; inviteId: string }) {
  const [resendState, resend] = useActionState(resendInviteAction, undefined);
  const [revokeState, revoke] = useActionState(revokeInviteAction, undefined);
  const state = resendState ?? revokeState;
  return (
    <div className="flex items-center justify-end gap-2">
      <RowMessage error={state?.error} notice={state?.notice} />
      <form action={resend}>
        <HiddenFields fields={{ slug, inviteId }} />
        <RowButton>Resend</RowButton>
      </form>
      <form action={revoke}>
        <HiddenFields fields={{ slug, inviteId }} />
        <RowButton danger>Withdraw</RowButton>
      </form>
    </div>
  );
}

export function OrgSettingsForm({ slug, name }: { slug: string; name: string }) {
  return (
    <ActionForm action={updateOrgAction} hidden={{ slug }} className="max-w-md space-y-4" test="org-settings-form">
      <Field label="Organization name" name="name" defaultValue={name} maxLength={120} />
      <Field label="Web address" name="newSlug" defaultValue={slug} maxLength={48} hint="Changing it changes every link to this organization." />
      <SubmitButton pendingText="Saving…" width="w-40">Save</SubmitButton>
    </ActionForm>
  );
}

export function AcceptInviteForm({ inviteId, token }: { inviteId: string; token: string }) {
  return (
    <ActionForm action={acceptInviteAction} hidden={{ inviteId, token }} className="space-y-4" test="accept-invite-form">
      <SubmitButton pendingText="Joining…">Accept invitation</SubmitButton>
    </ActionForm>
  );
}

export function DocumentSettingsForm({ slug, aiAllowed, serverHasClaude, sensitiveTerms, exportFooter, pageSize }: { slug: string; aiAllowed: boolean; serverHasClaude: boolean; sensitiveTerms: string[]; exportFooter: string; pageSize: 'A4' | 'Letter' }) {
  return (
    <ActionForm action={updateDocumentSettingsAction} hidden={{ slug }} className="max-w-xl space-y-4" test="document-settings-form">
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" name="aiAllowed" defaultChecked={aiAllowed} className="mt-1" data-test="ai-allowed" />
        <span>
          <span className="font-medium">AI processing allowed</span>
          <span className="block text-slate-600">
            When on, drafts are written by Claude from the description after personal data and the terms below are redacted. When off, the offline drafter builds drafts on this server and nothing leaves it.
            {serverHasClaude ? '' : ' (This server has no Claude API key, so drafts are offline either way.)'}
          </span>
        </span>
      </label>
      <div>
        <label htmlFor="sensitiveTerms" className="block text-sm font-medium text-slate-800">Sensitive terms</label>
        <textarea id="sensitiveTerms" name="sensitiveTerms" rows={4} defaultValue={sensitiveTerms.join('\n')} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm" placeholder={'Client names, site names, product codes — one per line'} />
        <p className="mt-1 text-xs text-slate-500">Replaced by placeholders ([TERM_1] …) before anything is sent to the model.</p>
      </div>
      <Field label="Footer line of exported documents" name="exportFooter" defaultValue={exportFooter} maxLength={200} />
      <div>
        <label htmlFor="pageSize" className="block text-sm font-medium text-slate-800">Page size of exported documents</label>
        <select id="pageSize" name="pageSize" defaultValue={pageSize} className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm">
          <option value="A4">A4</option>
          <option value="Letter">US Letter</option>
        </select>
      </div>
      <SubmitButton pendingText="Saving…" width="w-40">Save</SubmitButton>
    </ActionForm>
  );
}
