import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { SignUpForm } from '@/components/auth/forms';
import { safeNextPath } from '@/lib/auth/redirects';

export const metadata: Metadata = { title: 'Create your account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string; email?: string }> }) {
  const sp = await searchParams;
  const next = safeNextPath(sp.next) ?? undefined;
  const email = typeof sp.email === 'string' && sp.email.length <= 255 ? sp.email : undefined;
  return (
    <AuthCard
      title="Create your account"
      subtitle="Draft, control and export SOPs. We will email you a link to confirm your address."
      footer={
        <>
          Already have an account?{' '}
          <Link href={`/sign-in?${new URLSearchParams({ ...(next ? { next } : {}), ...(email ? { email } : {}) }).toString()}`} className="font-medium text-brand-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm next={next} email={email} />
    </AuthCard>
  );
}
