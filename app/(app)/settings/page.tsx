import type { Metadata } from 'next';
import { Section } from '@/components/app/section';
import { DeleteAccountForm, ProfileForm } from '@/components/app/settings-forms';
import { Alert } from '@/components/ui/form';
import { getProfile } from '@/lib/account/service';
import { requireUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const user = await requireUser('/settings');
  const profile = await withUser(user.claims, (tx) => getProfile(tx, user.id));
  const notice = (await searchParams).notice === 'password_changed' ? 'Your password has been changed.' : null;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed in as <strong>{user.email}</strong>
          {profile ? <> · member since {profile.created_at.toISOString().slice(0, 10)}</> : null}
        </p>
      </div>
      {notice ? <Alert kind="notice">{notice}</Alert> : null}
      <Section title="Profile" description="Your name appears on the documents you author, review and approve.">
        <ProfileForm fullName={profile?.full_name ?? ''} />
      </Section>
      <Section title="Export my data" description="Download everything SOPwright holds about you as a JSON file: your profile, sessions and memberships.">
        <a href="/api/v1/me/export" download className="inline-flex rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:border-brand-600" data-test="export-data">
          Download my data (JSON)
        </a>
      </Section>
      <Section
        tone="danger"
        title="Delete my account"
        description="You are signed out everywhere at once and the account can no longer be used. It is erased for good after 30 days. Records you signed in an organization stay in its audit trail, as regulations require."
      >
        <DeleteAccountForm />
      </Section>
    </div>
  );
}
