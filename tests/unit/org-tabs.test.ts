import { describe, expect, it } from 'vitest';
import { isCurrentTab } from '@/components/app/org-tabs';

describe('the current organization tab', () => {
  const o = '/o/acme';
  it('Overview is current only on the overview itself', () => {
    expect(isCurrentTab('/o/acme', o, o)).toBe(true);
    expect(isCurrentTab('/o/acme/', o, o)).toBe(true);
    expect(isCurrentTab('/o/acme/sops', o, o)).toBe(false);
  });
  it('another tab is current on its pages and the pages under it, not on a longer sibling', () => {
    expect(isCurrentTab('/o/acme/sops', '/o/acme/sops', o)).toBe(true);
    expect(isCurrentTab('/o/acme/sops/123/edit', '/o/acme/sops', o)).toBe(true);
    expect(isCurrentTab('/o/acme/audit/access', '/o/acme/audit', o)).toBe(true);
    expect(isCurrentTab('/o/acme/sopsx', '/o/acme/sops', o)).toBe(false);
    expect(isCurrentTab('/o/acme/members', '/o/acme/sops', o)).toBe(false);
  });
});
