import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';

export const metadata: Metadata = { title: 'Email confirmed' };

export default function EmailConfirmedPage() {
  return (
    <AuthCard title="Your email is confirmed" subtitle="Your account is active and you are signed in.">
      <Link href="/o" className="inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Continue
      </Link>
    </AuthCard>
  );
}
