import Link from 'next/link';
import { Logo } from '@/components/ui/logo';

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-6 py-4">
        <Logo />
        <nav className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2 text-sm text-slate-700 sm:gap-x-6">
          <Link href="/library" className="hover:text-brand-700">Library</Link>
          {/* On a phone the footer links it: the header keeps to two rows. */}
          <Link href="/security" className="hidden hover:text-brand-700 sm:inline">Security</Link>
          <Link href="/sign-in" className="hover:text-brand-700">Sign in</Link>
          <Link href="/sign-up" className="rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700">
            Create an account
          </Link>
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-6 py-8 text-sm text-slate-600 sm:flex-row sm:justify-between">
        <p>SOPwright is open source. Run it on your own server, or on your own Supabase project.</p>
        <p className="flex flex-wrap gap-4">
          <Link href="/library" className="hover:text-brand-700">Regulation library</Link>
          <Link href="/security" className="hover:text-brand-700">Security &amp; data protection</Link>
          <a href="/.well-known/security.txt" className="hover:text-brand-700">security.txt</a>
        </p>
      </div>
    </footer>
  );
}
