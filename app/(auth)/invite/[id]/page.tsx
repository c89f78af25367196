import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { AcceptInviteForm } from '@/components/app/org-forms';
import { Alert } from '@/components/ui/form';
import { inviteLinkPreview, type InviteLinkPreview } from '@/lib/auth/invite-preview';
import { currentUser, requireUser } from '@/lib/auth/session';
import { withAnon, withUser } from '@/lib/db';
import { ROLE_LABELS } from '@/lib/orgs/permissions';

export const metadata: Metadata = { title: 'Invitation' };

const primary = 'inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700';
const secondary = 'inline-flex w-full justify-center rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50';

/**
 * An invite link. Signed out: who invited you to which organization, as what (only once the
 * token checks out), and the way in: sign up with the invited address prefilled, or sign in,
 * then back here to accept. Signed in: accept, if the address matches.
 */
export default async function InvitePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ token?: string }> }) {
  const { id } = await params;
  const token = (await searchParams).token ?? '';
  const here = `/invite/${id}?token=${encodeURIComponent(token)}`;
  const who = await currentUser();
  // Unconfirmed, MFA pending or a revoked session: the usual way in first.
  const user = 'user' in who ? who.user : who.problem === 'signed_out' ? null : await requireUser(here);
  const preview = user ? await withUser(user.claims, (tx) => inviteLinkPreview(tx, id, token)) : await withAnon((tx) => inviteLinkPreview(tx, id, token));

  const footer = user ? (
    <Link href="/o" className="font-medium text-brand-700 hover:underline">
      Go to your organizations
    </Link>
  ) : undefined;
  if (!preview) {
    return (
      <AuthCard title="Invitation" footer={footer}>
        <Alert kind="error">This invite link is not valid. Check that you copied the whole link, or ask for a new invitation.</Alert>
      </AuthCard>
    );
  }
  if (preview.state !== 'valid') {
    return (
      <AuthCard title="Invitation" footer={footer}>
        <Alert kind="error">
          {preview.state === 'used' ? 'This invitation has already been used or was withdrawn.' : `This invitation has expired. Ask ${preview.orgName} for a new one.`}
        </Alert>
      </AuthCard>
    );
  }
  const role = ROLE_LABELS[preview.role];
  return (
    <AuthCard title={`Join ${preview.orgName}`} subtitle={<Invited preview={preview} />} footer={footer}>
      <p className="mb-6 text-sm text-slate-600" data-test="invite-role">
        {role.label}: {role.description}
      </p>
      {!user ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            The invitation is for <span className="font-medium" data-test="invite-email">{preview.email}</span>. Create your account with that address, or sign in if you already have one; you come back here to accept.
          </p>
          <Link href={`/sign-up?${new URLSearchParams({ email: preview.email, next: here })}`} className={primary}>
            Create an account
          </Link>
          <Link href={`/sign-in?${new URLSearchParams({ email: preview.email, next: here })}`} className={secondary}>
            Sign in
          </Link>
        </div>
      ) : preview.email !== user.email.toLowerCase() ? (
        <Alert kind="error">
          This invitation was sent to {preview.email}. You are signed in as {user.email}; sign out and sign in (or sign up) with the invited address to accept it.
        </Alert>
      ) : (
        <AcceptInviteForm inviteId={id} token={token} />
      )}
    </AuthCard>
  );
}

function Invited({ preview }: { preview: InviteLinkPreview }) {
  const role = ROLE_LABELS[preview.role].label;
  return (
    <span data-test="invite-summary">
      {preview.inviterName ? `${preview.inviterName} invited you` : 'You are invited'} to join <strong>{preview.orgName}</strong> as <strong>{role}</strong>.
    </span>
  );
}
