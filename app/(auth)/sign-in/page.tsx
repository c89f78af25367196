import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm, SsoForm } from '@/components/auth/forms';
import { Alert } from '@/components/ui/form';
import { authMessage } from '@/lib/auth/messages';
import { safeNextPath } from '@/lib/auth/redirects';

export const metadata: Metadata = { title: 'Sign in' };

const REASONS: Record<string, string> = {
  session_ended: 'Your session has ended or was signed out from another device. Sign in again.',
  signed_out: 'You have been signed out.',
  account_deleted: 'Your account has been deleted and you have been signed out everywhere.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; reason?: string; error?: string; email?: string }> }) {
  const sp = await searchParams;
  const next = safeNextPath(sp.next) ?? undefined;
  const email = typeof sp.email === 'string' && sp.email.length <= 255 ? sp.email : undefined;
  const banner = sp.reason ? REASONS[sp.reason] : sp.error ? authMessage(sp.error) : undefined;
  return (
    <AuthCard
      title="Sign in to SOPwright"
      footer={
        <>
          New here?{' '}
          <Link href={signUpHref(next, email)} className="font-medium text-brand-700 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <div className="space-y-6">
        {banner ? <Alert kind={sp.error ? 'error' : 'notice'}>{banner}</Alert> : null}
        <SignInForm next={next} email={email} />
        <div className="relative text-center text-xs uppercase tracking-wide text-slate-400">
          <span className="bg-white px-2">or</span>
        </div>
        <SsoForm />
      </div>
    </AuthCard>
  );
}

function signUpHref(next?: string, email?: string): string {
  const q = new URLSearchParams();
  if (next) q.set('next', next);
  if (email) q.set('email', email);
  return q.size ? `/sign-up?${q.toString()}` : '/sign-up';
}
