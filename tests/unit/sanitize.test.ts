import { describe, expect, it } from 'vitest';
import { sanitizePlainText } from '@/lib/security/sanitize';
import { safeNextPath } from '@/lib/auth/redirects';

describe('sanitizePlainText', () => {
  it.each([
    ['Alice <script>alert(1)</script>', 'Alice alert(1)'],
    ['<img src=x onerror=alert(1)>Bob', 'Bob'],
    ['<scr<script>ipt>alert(1)</script>', 'ipt>alert(1)'],
    ['Eve\u202Egnp.exe', 'Evegnp.exe'],
    ['a\u0000b\u0007c', 'abc'],
    ['  Zoë   Müller ', 'Zoë Müller'],
    ['5 < 6 and 7 > 3', '5 < 6 and 7 > 3'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizePlainText(input)).toBe(expected);
  });

  it('keeps newlines when asked', () => {
    expect(sanitizePlainText('line 1\r\nline 2', { multiline: true })).toBe('line 1\nline 2');
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/settings', '/settings'],
    ['/o/acme/sops?q=1', '/o/acme/sops?q=1'],
    ['//evil.example', null],
    ['https://evil.example', null],
    ['/\\evil.example', null],
    ['javascript:alert(1)', null],
    ['', null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
