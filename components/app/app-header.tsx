import Link from 'next/link';

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between px-6 py-3">
        <Link href="/o" className="flex items-center gap-2 font-semibold text-brand-900">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">S</span>
          SOPwright
        </Link>
        <nav className="flex items-center gap-5 text-sm text-slate-700">
          <Link href="/o" className="hover:text-brand-700">Organizations</Link>
          <Link href="/settings" className="hover:text-brand-700">Account</Link>
          <Link href="/settings/security" className="hover:text-brand-700">Security</Link>
          <span className="hidden text-slate-500 sm:inline" data-test="signed-in-email">{email}</span>
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
