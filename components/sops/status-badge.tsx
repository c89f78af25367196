import type { SopStatus } from '@/lib/sops/service';

const STYLES: Record<SopStatus, string> = {
  draft: 'bg-slate-100 text-slate-700',
  in_review: 'bg-amber-100 text-amber-800',
  approved: 'bg-sky-100 text-sky-800',
  effective: 'bg-emerald-100 text-emerald-800',
  obsolete: 'bg-slate-200 text-slate-500',
};

export function StatusBadge({ status }: { status: SopStatus }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>{status.replace('_', ' ')}</span>;
}
