/**
 * A SOP's periodic-review state as a badge (the SOP page and the list): "Not due", "Due in N
 * days" (within 30), "Due today", "Overdue since 2026-12-01". The state comes from the
 * database clock (lib/review/service.ts); this only says it.
 */
import type { ReviewState } from '@/lib/review/service';

const STYLE: Record<ReviewState, string> = {
  not_due: 'bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200',
  due_soon: 'bg-amber-100 text-amber-900 ring-1 ring-amber-300',
  overdue: 'bg-red-100 text-red-800 ring-1 ring-red-300',
};

export function reviewStateWords(r: { state: ReviewState; daysLeft: number; dueDate: string }): string {
  if (r.state === 'overdue') return `Overdue since ${r.dueDate}`;
  if (r.state === 'due_soon') return r.daysLeft <= 0 ? 'Due today' : `Due in ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'}`;
  return 'Not due';
}

export function ReviewBadge({ review }: { review: { state: ReviewState; daysLeft: number; dueDate: string } }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[review.state]}`} data-test="review-badge" data-state={review.state}>
      {reviewStateWords(review)}
    </span>
  );
}
