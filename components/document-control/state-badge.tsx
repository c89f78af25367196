import type { VersionState } from '@/lib/document-control/service';
import { STATE_WORDS } from '@/lib/document-control/words';

const STYLES: Record<VersionState, string> = {
  draft: 'bg-slate-100 text-slate-700',
  in_review: 'bg-amber-100 text-amber-800',
  in_approval: 'bg-amber-100 text-amber-800',
  approved: 'bg-sky-100 text-sky-800',
  effective: 'bg-emerald-100 text-emerald-800',
  superseded: 'bg-slate-200 text-slate-600',
  rejected: 'bg-red-100 text-red-800',
  withdrawn: 'bg-slate-100 text-slate-700',
  obsolete: 'bg-slate-200 text-slate-500',
};

/** A version's document-control state in words. */
export function VersionStateBadge({ state }: { state: VersionState }) {
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[state]}`} data-test="version-state">{STATE_WORDS[state]}</span>;
}
