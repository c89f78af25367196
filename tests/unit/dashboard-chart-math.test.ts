/** The overview charts' arithmetic (components/dashboard/chart-math.ts): percentages, bar lengths, stacked segments, waits in words. */
import { describe, expect, it } from 'vitest';
import { barLength, completion, percent, percentText, plural, waitedWords } from '@/components/dashboard/chart-math';

describe('percent', () => {
  it('0 of 0 is nothing to divide, not 0 % or 100 %', () => {
    expect(percent(0, 0)).toBeNull();
    expect(percentText(0, 0)).toBe('n/a');
    expect(percentText(0, 0, '–')).toBe('–');
  });

  it('rounds to the nearest percent', () => {
    expect(percent(7, 9)).toBe(78);
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(1, 8)).toBe(13); // 12.5 rounds up
    expect(percentText(7, 9)).toBe('78%');
  });

  it('never says 100 % before everyone has read, nor 0 % once someone has', () => {
    expect(percent(199, 200)).toBe(99);
    expect(percent(999, 1000)).toBe(99);
    expect(percent(1, 300)).toBe(1);
    expect(percent(200, 200)).toBe(100);
    expect(percent(0, 200)).toBe(0);
  });

  it('clamps nonsense to the whole', () => {
    expect(percent(12, 10)).toBe(100);
    expect(percent(-1, 10)).toBe(0);
  });
});

describe('barLength', () => {
  it('is proportional to the largest value of the chart', () => {
    expect(barLength(5, 5)).toBe(100);
    expect(barLength(1, 4)).toBe(25);
    expect(barLength(1, 3)).toBe(33.3);
  });

  it('draws zero as no bar, and a small value still visibly', () => {
    expect(barLength(0, 10)).toBe(0);
    expect(barLength(0, 0)).toBe(0);
    expect(barLength(1, 400)).toBe(2);
    expect(barLength(1, 400, 5)).toBe(5);
  });

  it('never exceeds the track', () => {
    expect(barLength(12, 10)).toBe(100);
  });
});

describe('completion', () => {
  it('is current of those required (current + pending + overdue), with "7 of 9"', () => {
    const c = completion({ current: 7, pending: 1, overdue: 1 });
    expect(c).toMatchObject({ required: 9, percent: 78, label: '7 of 9' });
  });

  it('with no one required: 0 of 0, no percentage, no segments', () => {
    expect(completion({ current: 0, pending: 0, overdue: 0 })).toEqual({
      current: 0, pending: 0, overdue: 0, required: 0, percent: null, label: '0 of 0', segments: { current: 0, pending: 0, overdue: 0 },
    });
  });

  it('segments add up to exactly 100 and a single overdue among many is still drawn', () => {
    for (const counts of [{ current: 1, pending: 1, overdue: 1 }, { current: 7, pending: 1, overdue: 1 }, { current: 998, pending: 0, overdue: 1 }, { current: 0, pending: 3, overdue: 0 }, { current: 2, pending: 5, overdue: 6 }]) {
      const s = completion(counts).segments;
      expect(Math.round((s.current + s.pending + s.overdue) * 10)).toBe(1000);
      for (const k of ['current', 'pending', 'overdue'] as const) {
        if (counts[k] > 0) expect(s[k]).toBeGreaterThanOrEqual(1);
        else expect(s[k]).toBe(0);
      }
    }
    expect(completion({ current: 1, pending: 1, overdue: 1 }).segments).toEqual({ current: 33.4, pending: 33.3, overdue: 33.3 });
    expect(completion({ current: 3, pending: 0, overdue: 1 }).segments).toEqual({ current: 75, pending: 0, overdue: 25 });
  });
});

describe('words', () => {
  it('says how long a version has waited', () => {
    expect(waitedWords(0)).toBe('under an hour');
    expect(waitedWords(3599)).toBe('under an hour');
    expect(waitedWords(3600)).toBe('1 hour');
    expect(waitedWords(5 * 3600 + 59)).toBe('5 hours');
    expect(waitedWords(86_400)).toBe('1 day');
    expect(waitedWords(40 * 86_400 + 7)).toBe('40 days');
    expect(waitedWords(-5)).toBe('under an hour');
  });

  it('counts with the right noun', () => {
    expect(plural(1, 'SOP')).toBe('1 SOP');
    expect(plural(0, 'SOP')).toBe('0 SOPs');
    expect(plural(2, 'effective SOP has', 'effective SOPs have')).toBe('2 effective SOPs have');
  });
});
