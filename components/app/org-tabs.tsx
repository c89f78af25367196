'use client';
/**
 * The organization's tabs. The one for the page you are on is marked for everyone: a visible
 * underline and weight, and aria-current="page" for screen readers. Overview is current only on
 * the overview itself; every other tab also on the pages under it (an SOP is under "SOPs").
 */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { CountBadge } from './count-badge';

export interface OrgTab {
  href: string;
  label: string;
  count?: number;
}

export function isCurrentTab(pathname: string, href: string, overview: string): boolean {
  const path = pathname.replace(/\/+$/, '') || '/';
  return href === overview ? path === href : path === href || path.startsWith(`${href}/`);
}

export function OrgTabs({ tabs }: { tabs: OrgTab[] }) {
  const pathname = usePathname();
  const overview = tabs[0]?.href ?? '';
  return (
    <nav aria-label="Organization" className="-mx-1 flex gap-1 overflow-x-auto border-b border-slate-200 px-1 text-sm" data-test="org-tabs">
      {tabs.map((t) => {
        const current = isCurrentTab(pathname, t.href, overview);
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={current ? 'page' : undefined}
            className={`-mb-px shrink-0 whitespace-nowrap border-b-2 px-3 py-2 ${current ? 'border-brand-600 font-semibold text-brand-700' : 'border-transparent text-slate-700 hover:border-slate-300 hover:text-brand-700'}`}
          >
            {t.label}
            {t.count !== undefined ? <CountBadge count={t.count} /> : null}
          </Link>
        );
      })}
    </nav>
  );
}
