import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { ResendConfirmationForm } from '@/components/auth/forms';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Check your email' };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const email = (await searchParams).email?.slice(0, 255) ?? '';
  const mailbox = env().mailbox;
  return (
    <AuthCard
      title="Check your email"
      subtitle={
        <>
          We sent a confirmation link to <strong className="text-slate-900">{email || 'your email address'}</strong>. Open it in this browser to
          activate your account. The link works once and expires after 24 hours.
        </>
      }
      footer={
        <Link href="/sign-in" className="text-brand-700 hover:underline">
          Back to sign in
        </Link>
      }
    >
      <div className="space-y-4">
        {mailbox ? (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This server runs without an email service: emails are kept in the{' '}
            <Link href="/dev/mailbox" className="font-medium underline">
              local mailbox
            </Link>
            .
          </p>
        ) : null}
        <ResendConfirmationForm email={email} />
      </div>
    </AuthCard>
  );
}
