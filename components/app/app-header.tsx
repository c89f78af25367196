import Link from 'next/link';
import { Logo } from '@/components/ui/logo';

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-6 py-3">
        <Logo href="/o" size="sm" />
        <nav className="flex min-w-0 flex-wrap items-center gap-x-5 gap-y-2 text-sm text-slate-700">
          <Link href="/o" className="hover:text-brand-700">Organizations</Link>
          <Link href="/library" className="hover:text-brand-700">Library</Link>
          <Link href="/settings" className="hover:text-brand-700">Account</Link>
          <Link href="/settings/security" className="hover:text-brand-700">Security</Link>
          <span className="hidden min-w-0 max-w-64 text-slate-500 wrap-anywhere sm:inline" data-test="signed-in-email">{email}</span>
          <form action="/sign-out" method="post">
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:border-brand-600">
              Sign out
            </button>
          </form>
        </nav>
      </div>
    </header>
  );
}
