/**
 * The arithmetic of the overview's charts, kept apart from markup so that it is tested on its
 * own (tests/unit/dashboard-chart-math.test.ts): percentages that never claim more than the
 * data says, bar lengths, and waiting times in words. No server code here.
 */

/**
 * `part` of `whole` as a whole percentage, or null when there is nothing to divide (0 of 0 is
 * "nothing required", not 0 % or 100 %). Rounded to the nearest percent, except that anything
 * short of all reads at most 99 % and anything above none at least 1 %: 199 of 200 trained is
 * not "100 %", and 1 of 300 is not "0 %".
 */
export function percent(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  const p = Math.max(0, Math.min(part, whole));
  if (p === 0) return 0;
  if (p === whole) return 100;
  return Math.min(99, Math.max(1, Math.round((p / whole) * 100)));
}

/** "83 %" or, with nothing to divide, the given words. */
export function percentText(part: number, whole: number, none = 'n/a'): string {
  const p = percent(part, whole);
  return p === null ? none : `${p}%`;
}

/**
 * How long a bar is, as a percentage of the track: value against the largest value of the
 * chart. A value above zero is never drawn shorter than `min` % (so a 1 beside a 400 is still
 * seen), zero is no bar at all, and nothing exceeds 100.
 */
export function barLength(value: number, max: number, min = 2): number {
  if (!(value > 0) || !(max > 0)) return 0;
  const raw = (Math.min(value, max) / max) * 100;
  return Math.round(Math.max(min, raw) * 10) / 10;
}

export interface Completion {
  current: number;
  pending: number;
  overdue: number;
  /** Those required to read: current + pending + overdue (not_assigned members are not required). */
  required: number;
  /** current / required, as percent() rounds it; null when no one is required. */
  percent: number | null;
  /** "7 of 9". */
  label: string;
  /** Segment lengths of a stacked bar, in % of the track, in the order current, pending, overdue; they add up to 100 (or all 0). */
  segments: { current: number; pending: number; overdue: number };
}

/**
 * Training completion from the counts of public.training_status: of those required (current,
 * pending, overdue), how many are current. The segments add up to exactly 100 (largest
 * remainder), each non-zero count getting at least a sliver.
 */
export function completion(counts: { current: number; pending: number; overdue: number }): Completion {
  const current = Math.max(0, counts.current);
  const pending = Math.max(0, counts.pending);
  const overdue = Math.max(0, counts.overdue);
  const required = current + pending + overdue;
  return {
    current,
    pending,
    overdue,
    required,
    percent: percent(current, required),
    label: `${current} of ${required}`,
    segments: required === 0 ? { current: 0, pending: 0, overdue: 0 } : splitHundred({ current, pending, overdue }, required),
  };
}

/** Shares of 100 in tenths that add up to exactly 100 (largest remainder), a non-zero part at least 1. */
function splitHundred<K extends string>(parts: Record<K, number>, total: number): Record<K, number> {
  const keys = Object.keys(parts) as K[];
  const tenths = keys.map((k) => {
    const exact = (parts[k] / total) * 1000;
    const floor = parts[k] > 0 ? Math.max(10, Math.floor(exact)) : 0;
    return { k, floor, rest: exact - Math.floor(exact) };
  });
  let left = 1000 - tenths.reduce((s, t) => s + t.floor, 0);
  // Hand out (or take back) the tenths left over, largest remainder first; never below a sliver.
  const order = [...tenths].sort((a, b) => b.rest - a.rest);
  for (let i = 0; left !== 0 && i < 10_000; i++) {
    const t = order[i % order.length]!;
    if (left > 0 && parts[t.k] > 0) {
      t.floor += 1;
      left -= 1;
    } else if (left < 0 && t.floor > 10) {
      t.floor -= 1;
      left += 1;
    }
  }
  return Object.fromEntries(tenths.map((t) => [t.k, t.floor / 10])) as Record<K, number>;
}

/** A waiting time in words, from whole seconds: "under an hour", "5 hours", "1 day", "12 days". */
export function waitedWords(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 3600) return 'under an hour';
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    return `${h} hour${h === 1 ? '' : 's'}`;
  }
  const d = Math.floor(s / 86_400);
  return `${d} day${d === 1 ? '' : 's'}`;
}

/** "1 SOP", "3 SOPs" and the like. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
