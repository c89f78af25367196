import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { ResendConfirmationForm } from '@/components/auth/forms';
import { currentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Confirm your email' };

export default async function VerifyEmailPage() {
  const result = await currentUser();
  if ('user' in result) redirect('/o');
  if (result.problem !== 'email_unconfirmed') redirect('/sign-in');
  const email = typeof result.claims?.email === 'string' ? result.claims.email : '';
  return (
    <AuthCard title="Confirm your email first" subtitle="SOPwright shows organization data only to confirmed addresses. Open the link we sent you, or send a new one.">
      <ResendConfirmationForm email={email} />
    </AuthCard>
  );
}
