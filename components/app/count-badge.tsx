/** A small count next to a nav entry ("My tasks 3"), read out as "3 waiting"; nothing for zero. */
export function CountBadge({ count, label = 'waiting' }: { count: number; label?: string }) {
  if (count <= 0) return null;
  return (
    <span className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-brand-600 px-1.5 text-xs font-semibold leading-5 text-white" data-test="count-badge">
      {count > 99 ? '99+' : count}
      <span className="sr-only"> {label}</span>
    </span>
  );
}
