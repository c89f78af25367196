import { AppHeader } from '@/components/app/app-header';
import { requireUser } from '@/lib/auth/session';

/** Every page in (app) needs a signed-in, confirmed user with a live session (aal2 once MFA is on). */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen bg-slate-50">
      <AppHeader email={user.email} />
      <main className="mx-auto max-w-5xl px-6 py-10">{children}</main>
    </div>
  );
}
