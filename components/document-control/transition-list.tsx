/** A version's state changes, oldest first, with who, when (UTC) and why. */
import type { Transition } from '@/lib/document-control/service';
import { stateInWords } from '@/lib/document-control/words';
import { formatUtcSeconds } from '@/lib/format';

export function TransitionList({ transitions }: { transitions: Transition[] }) {
  return (
    <ol className="space-y-1 text-sm" data-test="transition-list">
      {transitions.map((t) => (
        <li key={t.id} className="flex flex-wrap gap-x-2" data-test="transition" data-state={t.toState}>
          <time dateTime={t.at} className="font-mono text-xs text-slate-500">{formatUtcSeconds(t.at)}</time>
          <strong className="font-medium">{stateInWords({ state: t.toState, round: null })}{t.label ? ` (revision ${t.label})` : ''}</strong>
          <span className="text-slate-600">{t.actorName ? `by ${t.actorName}` : 'by the system'}</span>
          {t.reason ? <span className="whitespace-pre-wrap text-slate-700">— {t.reason}</span> : null}
        </li>
      ))}
    </ol>
  );
}
