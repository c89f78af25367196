import Link from 'next/link';

/** The SOPwright mark and name, linking home (or wherever `href` says). */
export function Logo({ href = '/', size = 'md' }: { href?: string; size?: 'sm' | 'md' }) {
  const box = size === 'sm' ? 'h-7 w-7 text-xs' : 'h-8 w-8 text-sm';
  return (
    <Link href={href} className={`flex items-center gap-2 font-semibold tracking-tight text-brand-900 ${size === 'md' ? 'text-lg' : ''}`}>
      <span aria-hidden className={`grid ${box} place-items-center rounded-md bg-brand-600 font-bold text-white`}>
        S
      </span>
      SOPwright
    </Link>
  );
}
