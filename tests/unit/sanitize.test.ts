import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sanitizePlainText, zText } from '@/lib/security/sanitize';
import { safeNextPath } from '@/lib/auth/redirects';
import { ZCreateOrgInput, ZInviteInput } from '@/lib/orgs/api-schemas';
import { ZCreateSopInput, ZGenerateInput, ZImproveInput, ZListSopsQuery, ZPatchSopInput, ZSaveVersionInput } from '@/lib/sops/api-schemas';

describe('sanitizePlainText', () => {
  it.each([
    // Text that looks like a tag is text: kept exactly as typed (it is escaped on output).
    ['if a<b and c>d then stop', 'if a<b and c>d then stop'],
    ['Press <Ctrl>+<S> to save', 'Press <Ctrl>+<S> to save'],
    ['Use the <Enter> key', 'Use the <Enter> key'],
    ['Alice <script>alert(1)</script>', 'Alice <script>alert(1)</script>'],
    ['<img src=x onerror=alert(1)>Bob', '<img src=x onerror=alert(1)>Bob'],
    ['<b></b>', '<b></b>'],
    ['5 < 6 and 7 > 3 & "8" \'9\'', '5 < 6 and 7 > 3 & "8" \'9\''],
    // What is removed is invisible and only ever used to disguise text.
    ['Eve\u202Egnp.exe', 'Evegnp.exe'],
    ['a\u2066b\u2069c', 'abc'],
    ['a\u0000b\u0007c\u007Fd\u0085e', 'abcde'],
    // A single-line field holds no line breaks or runs of spaces (HTML shows them as one space anyway).
    ['  Zoë   Müller ', 'Zoë Müller'],
    ['line 1\nline 2\tend', 'line 1 line 2 end'],
    // Unicode NFC: the same text typed two ways is stored one way.
    ['Cafe\u0301', 'Caf\u00e9'],
    // Emoji and other astral characters are well-formed pairs and stay.
    ['Check ✓ 😀 done', 'Check ✓ 😀 done'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizePlainText(input)).toBe(expected);
  });

  it('keeps newlines and tabs when asked, normalizing CR LF', () => {
    expect(sanitizePlainText('line 1\r\nline 2\r\n\tindented <Tab>', { multiline: true })).toBe('line 1\nline 2\n\tindented <Tab>');
  });

  it('replaces a lone surrogate as a last resort, so text that skipped validation can still be stored', () => {
    expect(sanitizePlainText('x\uD800y\uDFFFz')).toBe('x\uFFFDy\uFFFDz');
  });
});

describe('zText: the one schema of every plain-text input', () => {
  it('refuses a lone UTF-16 surrogate with a clear message', () => {
    const r = zText().max(10).safeParse('a\uD800');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/unpaired UTF-16 surrogate/);
    expect(zText().safeParse('\uDC00b').success).toBe(false);
    expect(zText().safeParse('😀').data).toBe('😀');
  });

  it('checks lengths on the text as stored', () => {
    expect(zText().min(1).safeParse('\u0000\u0007').success).toBe(false);
    expect(zText().min(3).max(5).safeParse('   abcde   ').data).toBe('abcde');
  });

  it('is what every text field of the API bodies uses: a lone surrogate anywhere is a 400', () => {
    const bad = 'ok text \uD800';
    const content = {
      titleBlock: { title: 'Title' },
      purpose: 'p',
      scope: 's',
      responsibilities: [{ role: 'r', duties: 'd' }],
      definitions: [],
      materialsAndEquipment: [],
      healthAndSafety: { cautions: [], ppe: [] },
      procedure: [{ text: 'step' }],
      records: [],
      references: [],
      revisionHistory: [],
    };
    const cases: [z.ZodType, unknown][] = [
      [ZCreateOrgInput, { name: bad }],
      [ZGenerateInput, { title: bad, processDescription: 'a long enough description of the process' }],
      [ZGenerateInput, { title: 'Fine title', processDescription: `a long enough description ${bad}` }],
      [ZGenerateInput, { title: 'Fine title', processDescription: 'a long enough description of the process', industry: bad }],
      [ZImproveInput, { section: 'purpose', instruction: bad }],
      [ZCreateSopInput, { title: bad }],
      [ZCreateSopInput, { title: 'Fine', department: bad }],
      [ZCreateSopInput, { title: 'Fine', content: { ...content, purpose: bad } }],
      [ZCreateSopInput, { title: 'Fine', content: { ...content, procedure: [{ text: 'a', substeps: [{ text: bad }] }] } }],
      [ZPatchSopInput, { content: { ...content, titleBlock: { title: bad } } }],
      [ZSaveVersionInput, { changeSummary: bad }],
      [ZInviteInput, { email: `a${bad}@example.com` }],
    ];
    for (const [schema, value] of cases) {
      const r = schema.safeParse(value);
      expect(r.success, JSON.stringify(value)).toBe(false);
    }
    expect(ZCreateSopInput.safeParse({ title: 'Fine', content }).success).toBe(true);
  });

  it('drops NUL and other control characters from a search instead of refusing it (no stored text holds them)', () => {
    expect(ZListSopsQuery.parse({ q: '\u0000' }).q).toBe('');
    expect(ZListSopsQuery.parse({ q: 'lock\u0000out' }).q).toBe('lockout');
    expect(ZListSopsQuery.parse({ q: 'a<b' }).q).toBe('a<b');
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
