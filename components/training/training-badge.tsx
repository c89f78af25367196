/** Current / Pending / Overdue, the one look of a read-and-understood state. */
import type { TrainingState } from '@/lib/training/service';

const STYLE: Record<TrainingState, { label: string; className: string }> = {
  current: { label: 'Current', className: 'bg-emerald-100 text-emerald-800' },
  pending: { label: 'Pending', className: 'bg-amber-100 text-amber-800' },
  overdue: { label: 'Overdue', className: 'bg-red-100 text-red-800' },
};

export function TrainingBadge({ status }: { status: TrainingState }) {
  const s = STYLE[status];
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${s.className}`} data-test={`training-${status}`}>{s.label}</span>;
}
