import type { Metadata } from 'next';
import { Section } from '@/components/app/section';
import { ChangePasswordForm, RevokeSessionButton, SessionBulkActions } from '@/components/app/settings-forms';
import { TwoFactorSection } from '@/components/auth/recovery-codes';
import { Alert } from '@/components/ui/form';
import { TableHead } from '@/components/ui/table';
import { listMySessions, myVerifiedFactor, recoveryCodeStatus } from '@/lib/account/service';
import { requireUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { describeUserAgent } from '@/lib/auth/user-agent';
import { formatUtc } from '@/lib/format';

export const metadata: Metadata = { title: 'Security' };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ recovered?: string }> }) {
  const user = await requireUser('/settings/security');
  const { recovered } = await searchParams;
  const { sessions, factor, codes } = await withUser(user.claims, async (tx) => ({
    sessions: await listMySessions(tx),
    factor: await myVerifiedFactor(tx),
    codes: await recoveryCodeStatus(tx),
  }));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">Security</h1>
      {recovered && !factor ? (
        <div data-test="recovered-notice">
          <Alert kind="notice">
            You signed in with a recovery code, so two-factor authentication is now off and that code no longer works. Set up your authenticator app again below: you get a new set of recovery codes with it.
          </Alert>
        </div>
      ) : null}
      <Section title="Password" description="Changing your password signs out your other sessions.">
        <ChangePasswordForm />
      </Section>
      <Section
        title="Two-factor authentication"
        description={factor ? 'On: each sign-in asks for a code from your authenticator app.' : 'Off. Protect your account with a time-based code from an authenticator app (TOTP).'}
      >
        <TwoFactorSection factorId={factor?.id ?? null} remaining={codes.remaining} total={codes.total} email={user.email} />
      </Section>
      <Section title="Sessions" description="Where your account is signed in. Sign out any session you do not recognise.">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-test="sessions">
            <TableHead style="plain" cell="py-2 pr-4" columns={['Device', 'IP address', 'Signed in', 'Last active', '']} />
            <tbody className="divide-y divide-slate-100">
              {sessions.map((s) => (
                <tr key={s.id} data-test="session-row">
                  <td className="py-2 pr-4">
                    {describeUserAgent(s.user_agent)}
                    {s.aal === 'aal2' ? <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">2FA</span> : null}
                    {s.is_current ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">this browser</span> : null}
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs">{s.ip || '—'}</td>
                  <td className="py-2 pr-4">{formatUtc(s.created_at)}</td>
                  <td className="py-2 pr-4">{formatUtc(s.last_active_at)}</td>
                  <td className="py-2 text-right">{s.is_current ? null : <RevokeSessionButton sessionId={s.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-6">
          <SessionBulkActions />
        </div>
      </Section>
    </div>
  );
}
