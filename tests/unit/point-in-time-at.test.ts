import { describe, expect, it } from 'vitest';
import { atParam, localInputValue, parsePageAt, ZAt, ZEffectiveAtQuery } from '@/lib/point-in-time/api-schemas';
import { formatMoment } from '@/components/point-in-time/in-effect';

describe('the moment of a point-in-time question', () => {
  it('takes ISO 8601 with an offset, to the minute, second or finer', () => {
    expect(ZAt.parse('2026-06-01T14:00:00Z').toISOString()).toBe('2026-06-01T14:00:00.000Z');
    expect(ZAt.parse('2026-06-01T16:00:05+02:00').toISOString()).toBe('2026-06-01T14:00:05.000Z');
    expect(ZAt.parse('2026-06-01T14:00:00.123456Z').toISOString()).toBe('2026-06-01T14:00:00.123Z');
    expect(ZAt.parse('2026-06-01T14:00Z').toISOString()).toBe('2026-06-01T14:00:00.000Z');
    expect(ZAt.parse('2026-06-01T15:30+01:30').toISOString()).toBe('2026-06-01T14:00:00.000Z');
  });

  it.each(['', 'yesterday', '2026-06-01', '2026-06-01T14:00:00', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '1969-12-31T23:59:59Z', `2026-06-01T14:00:00Z${' '.repeat(40)}`, '<script>'])(
    'refuses %j with a message',
    (v) => {
      const r = ZAt.safeParse(v);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/ISO 8601|1970/);
    },
  );

  it('is optional on the list', () => {
    expect(ZEffectiveAtQuery.parse({})).toEqual({});
    expect(ZEffectiveAtQuery.safeParse({ effectiveAt: 'nope' }).success).toBe(false);
  });

  it('on the pages also reads the UTC form value (no offset)', () => {
    expect(parsePageAt(undefined)).toBeNull();
    expect(parsePageAt('  ')).toBeNull();
    expect(parsePageAt('2026-06-01T14:00')).toEqual({ at: new Date('2026-06-01T14:00:00Z') });
    expect(parsePageAt('2026-06-01T14:00:07')).toEqual({ at: new Date('2026-06-01T14:00:07Z') });
    expect(parsePageAt('2026-06-01T14:00:07+01:00')).toEqual({ at: new Date('2026-06-01T13:00:07Z') });
    expect(parsePageAt('not a date')).toEqual({ error: expect.stringMatching(/ISO 8601/) });
  });

  it('is written back to the address and the form in UTC', () => {
    expect(atParam(new Date('2026-06-01T14:00:00Z'))).toBe('2026-06-01T14:00:00Z');
    expect(atParam(new Date('2026-06-01T14:00:00.250Z'))).toBe('2026-06-01T14:00:00.250Z');
    expect(localInputValue(new Date('2026-06-01T14:00:09Z'))).toBe('2026-06-01T14:00:09');
    expect(formatMoment('2026-06-01T14:00:00Z')).toBe('2026-06-01 14:00 UTC');
    expect(formatMoment('2026-06-01T14:00:09Z')).toBe('2026-06-01 14:00:09 UTC');
  });
});
