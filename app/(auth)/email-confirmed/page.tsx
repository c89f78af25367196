import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { safeNextPath } from '@/lib/auth/redirects';

export const metadata: Metadata = { title: 'Email confirmed' };

const button = 'inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700';

/**
 * After a confirmation link. Same browser as the sign-up: signed in, continue. Another browser
 * (or after the sign-in window): confirmed, but not signed in here — sign in to continue.
 */
export default async function EmailConfirmedPage({ searchParams }: { searchParams: Promise<{ signin?: string; email?: string; next?: string }> }) {
  const sp = await searchParams;
  if (sp.signin) {
    const q = new URLSearchParams();
    if (typeof sp.email === 'string' && sp.email.length <= 255) q.set('email', sp.email);
    const next = safeNextPath(sp.next);
    if (next) q.set('next', next);
    const href = `/sign-in${q.size ? `?${q.toString()}` : ''}`;
    return (
      <AuthCard title="Your email is confirmed" subtitle="Sign in to continue.">
        <p className="mb-4 text-sm text-slate-600">
          The link confirmed your address but did not sign this browser in. Use the password you chose when you created the account.
        </p>
        <Link href={href} className={button} data-test="confirmed-sign-in">
          Sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Your email is confirmed" subtitle="Your account is active and you are signed in.">
      <Link href="/o" className={button}>
        Continue
      </Link>
    </AuthCard>
  );
}
