/** A version's lifecycle state in words ("In review", "Approved, effective on 2026-12-20", "Effective" …). */
import type { Lifecycle, VersionState } from '@/lib/document-control/service';
import { stateInWords } from '@/lib/document-control/words';

const STYLES: Record<VersionState, string> = {
  draft: 'bg-slate-100 text-slate-700',
  withdrawn: 'bg-slate-100 text-slate-700',
  in_review: 'bg-amber-100 text-amber-800',
  in_approval: 'bg-amber-100 text-amber-800',
  approved: 'bg-sky-100 text-sky-800',
  effective: 'bg-emerald-100 text-emerald-800',
  superseded: 'bg-slate-200 text-slate-600',
  rejected: 'bg-red-100 text-red-800',
  obsolete: 'bg-slate-300 text-slate-700',
};

export function StateBadge({ lifecycle }: { lifecycle: Pick<Lifecycle, 'state' | 'round'> }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STYLES[lifecycle.state]}`} data-test="version-state" data-state={lifecycle.state}>
      {stateInWords(lifecycle)}
    </span>
  );
}
