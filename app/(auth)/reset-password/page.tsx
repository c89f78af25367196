import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth/auth-card';
import { ResetPasswordForm } from '@/components/auth/forms';
import { requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Choose a new password' };

export default async function ResetPasswordPage() {
  const user = await requireUser('/reset-password');
  return (
    <AuthCard title="Choose a new password" subtitle={<>For {user.email}. You will stay signed in here; other sessions are signed out.</>}>
      <ResetPasswordForm />
    </AuthCard>
  );
}
