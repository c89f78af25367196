import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { MfaForm } from '@/components/auth/forms';
import { RecoveryCodeForm } from '@/components/auth/recovery-codes';
import { currentUser } from '@/lib/auth/session';
import { safeNextPath } from '@/lib/auth/redirects';

export const metadata: Metadata = { title: 'Two-factor authentication' };

export default async function MfaPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next) ?? undefined;
  const result = await currentUser();
  if ('user' in result) redirect(next ?? '/o');
  if (result.problem !== 'mfa_required') redirect('/sign-in');
  return (
    <AuthCard
      title="Enter your authentication code"
      subtitle="Your account is protected with two-factor authentication. Open your authenticator app and enter the current code for SOPwright."
      footer={
        <form action="/sign-out" method="post">
          <button type="submit" className="text-brand-700 hover:underline">
            Use a different account
          </button>
        </form>
      }
    >
      <div className="space-y-6">
        <MfaForm next={next} />
        <RecoveryCodeForm />
      </div>
    </AuthCard>
  );
}
