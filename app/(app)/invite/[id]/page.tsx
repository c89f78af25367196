import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { Section } from '@/components/app/section';
import { AcceptInviteForm } from '@/components/app/org-forms';
import { Alert } from '@/components/ui/form';
import { requireUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { ROLE_LABELS } from '@/lib/orgs/permissions';
import { previewInvite } from '@/lib/orgs/service';

export const metadata: Metadata = { title: 'Invitation' };

export default async function InvitePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ token?: string }> }) {
  const { id } = await params;
  const token = (await searchParams).token ?? '';
  const user = await requireUser(`/invite/${id}?token=${encodeURIComponent(token)}`);
  // A UUID Postgres accepts (not just 36 hex digits and dashes), and a token of plausible length.
  const valid = z.uuid().safeParse(id).success && token.length >= 20 && token.length <= 200;
  const preview = valid ? await withUser(user.claims, (tx) => previewInvite(tx, id, token)) : null;
  return (
    <div className="mx-auto max-w-lg">
      <Section title="Invitation">
        {!preview ? (
          <Alert kind="error">This invite link is not valid. Check that you copied the whole link, or ask for a new invitation.</Alert>
        ) : preview.state === 'used' ? (
          <Alert kind="error">This invitation has already been used or was withdrawn.</Alert>
        ) : preview.state === 'expired' ? (
          <Alert kind="error">This invitation has expired. Ask {preview.orgName} for a new one.</Alert>
        ) : preview.email !== user.email.toLowerCase() ? (
          <Alert kind="error">
            This invitation was sent to a different email address. You are signed in as {user.email}; sign out and sign in (or sign up) with the invited address to accept it.
          </Alert>
        ) : (
          <div className="space-y-4">
            <p>
              You are invited to join <strong>{preview.orgName}</strong> as <strong>{ROLE_LABELS[preview.role].label}</strong>.
            </p>
            <p className="text-sm text-slate-600">{ROLE_LABELS[preview.role].description}</p>
            <AcceptInviteForm inviteId={id} token={token} />
          </div>
        )}
        <p className="mt-6 text-sm">
          <Link href="/o" className="text-brand-700 hover:underline">
            Go to your organizations
          </Link>
        </p>
      </Section>
    </div>
  );
}
