/**
 * The overview's chart pieces, server-rendered HTML and CSS (no chart library, no client
 * script): horizontal bars whose numbers are text beside them, each row a focusable link to
 * the list behind the figure. The bars themselves are decoration (aria-hidden) because the link
 * text carries the label and the number; a stacked bar that stands alone is role="img" with
 * its numbers in aria-label. Colour is never the only carrier: every row says its name and
 * number in words, and overdue parts are striped as well as red.
 */
import Link from 'next/link';
import { barLength, completion, percentText } from './chart-math';

/** Visible keyboard focus for the charts' links. */
export const FOCUS = 'rounded-md outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2';

/** Red with diagonal stripes: "overdue" without relying on the colour. */
const STRIPES = { backgroundImage: 'repeating-linear-gradient(135deg, rgba(255,255,255,0.45) 0 3px, transparent 3px 7px)' };

export type Tone = 'slate' | 'slateLight' | 'amber' | 'sky' | 'emerald' | 'red';
const FILL: Record<Tone, string> = {
  slate: 'bg-slate-500',
  slateLight: 'bg-slate-300',
  amber: 'bg-amber-500',
  sky: 'bg-sky-600',
  emerald: 'bg-emerald-600',
  red: 'bg-red-600',
};

export interface BarRow {
  key: string;
  label: string;
  value: number;
  /** "SOPs", "SOP": what the number counts, said after it. */
  unit: [one: string, many: string];
  tone: Tone;
  /** The list behind the figure; rows without one are plain text. */
  href?: string;
  /** A short note under the label ("exempt or not effective yet"). */
  note?: string;
  striped?: boolean;
}

/** One bar a row: label, track, number. The longest bar fills the track. */
export function BarList({ rows, test }: { rows: BarRow[]; test: string }) {
  const max = Math.max(0, ...rows.map((r) => r.value));
  return (
    <ul className="space-y-1" data-test={test}>
      {rows.map((r) => {
        // Narrow: label and number on one line, the bar under them; wide: label, bar, number in a row.
        const body = (
          <>
            <span className="min-w-0">
              <span className="block text-sm font-medium text-slate-800">{r.label}</span>
              {r.note ? <span className="block text-xs text-slate-500">{r.note}</span> : null}
              <span className="sr-only">: </span>
            </span>
            <span className="col-span-2 row-start-2 h-3 min-w-0 overflow-hidden rounded-sm bg-slate-100 sm:col-span-1 sm:col-start-2 sm:row-start-1" aria-hidden="true">
              <span className={`block h-full rounded-sm ${FILL[r.tone]}`} style={{ width: `${barLength(r.value, max)}%`, ...(r.striped ? STRIPES : {}) }} />
            </span>
            <span className="text-right text-sm tabular-nums sm:col-start-3 sm:row-start-1">
              <strong className="font-semibold text-slate-900">{r.value}</strong>
              <span className="sr-only"> {r.value === 1 ? r.unit[0] : r.unit[1]}</span>
            </span>
          </>
        );
        const cls = 'grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1 px-2 py-1.5 sm:grid-cols-[10rem_1fr_2.5rem]';
        return (
          <li key={r.key} data-test="bar" data-key={r.key} data-value={r.value}>
            {r.href ? (
              <Link href={r.href} prefetch={false} className={`${cls} ${FOCUS} hover:bg-slate-50`}>
                {body}
              </Link>
            ) : (
              <div className={cls}>{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Training completion of one SOP or department: a stacked bar (current, pending, overdue) with "78% · 7 of 9" and the overdue count in words. */
export function CompletionRow({ label, sublabel, counts, href, test }: { label: string; sublabel?: string; counts: { current: number; pending: number; overdue: number }; href?: string; test: string }) {
  const c = completion(counts);
  const aria = c.required === 0 ? `${label}: no one is required to read` : `${label}: ${c.label} current (${percentText(c.current, c.required)}), ${c.pending} pending, ${c.overdue} overdue`;
  const body = (
    <>
      <span className="min-w-0">
        {sublabel ? <span className="mr-2 whitespace-nowrap font-mono text-xs text-slate-500">{sublabel}</span> : null}
        <span className="text-sm font-medium text-slate-800 wrap-anywhere">{label}</span>
      </span>
      <span role="img" aria-label={aria} className="col-span-2 row-start-2 flex h-3 min-w-0 overflow-hidden rounded-sm bg-slate-100 sm:col-span-1 sm:col-start-2 sm:row-start-1">
        {c.required ? (
          <>
            <span className="block h-full bg-emerald-600" style={{ width: `${c.segments.current}%` }} />
            <span className="block h-full bg-amber-400" style={{ width: `${c.segments.pending}%` }} />
            <span className="block h-full bg-red-600" style={{ width: `${c.segments.overdue}%`, ...STRIPES }} />
          </>
        ) : null}
      </span>
      <span className="whitespace-nowrap text-right text-sm tabular-nums sm:col-start-3 sm:row-start-1" data-test="completion">
        {c.required ? (
          <>
            <strong className="font-semibold text-slate-900">{percentText(c.current, c.required)}</strong>
            <span className="text-slate-600"> · {c.label}</span>
          </>
        ) : (
          <span className="text-slate-500">none required</span>
        )}
      </span>
      {c.overdue ? (
        <span className="col-span-2 text-xs font-semibold text-red-700 sm:col-span-1 sm:col-start-2" data-test="overdue">
          <span aria-hidden="true">⚠ </span>
          {c.overdue} overdue
        </span>
      ) : null}
    </>
  );
  const cls = 'grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1 px-2 py-1.5 sm:grid-cols-[minmax(0,13rem)_1fr_7.5rem] sm:gap-y-0.5';
  return (
    <li data-test={test}>
      {href ? (
        <Link href={href} prefetch={false} className={`${cls} ${FOCUS} hover:bg-slate-50`}>
          {body}
        </Link>
      ) : (
        <div className={cls}>{body}</div>
      )}
    </li>
  );
}

/** The key to the stacked training bars: each colour with its word and a sample (the overdue one striped). */
export function CompletionLegend() {
  const item = (cls: string, word: string, striped = false) => (
    <li className="flex items-center gap-1.5">
      <span aria-hidden="true" className={`inline-block h-3 w-4 rounded-sm ${cls}`} style={striped ? STRIPES : undefined} />
      {word}
    </li>
  );
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Key">
      {item('bg-emerald-600', 'Read and understood (current)')}
      {item('bg-amber-400', 'Pending, not yet due')}
      {item('bg-red-600', 'Overdue', true)}
    </ul>
  );
}

/** A chart's card: heading, one line of what it shows, the chart, and a footer link. */
export function ChartCard({ id, title, description, children, footer, test }: { id: string; title: string; description?: React.ReactNode; children: React.ReactNode; footer?: React.ReactNode; test: string }) {
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-test={test}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {description ? <div className="mt-1 text-sm text-slate-600">{description}</div> : null}
      <div className="mt-4 min-w-0 flex-1">{children}</div>
      {footer ? <div className="mt-4 border-t border-slate-100 pt-3 text-sm">{footer}</div> : null}
    </section>
  );
}

/** What to do when a chart has nothing to draw. */
export function EmptyChart({ title, children, test }: { title: string; children?: React.ReactNode; test: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-6 text-center" data-test={test}>
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}
