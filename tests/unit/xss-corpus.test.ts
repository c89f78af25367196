import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { SOP_HTML_ATTRS, SOP_HTML_CLASSES, SOP_HTML_TAGS, SOP_SECTION_KEYS, sanitizeSopHtml } from '@/lib/security/html';
import { NOT_APPLICABLE, SECTIONS, ZSopContent, type TSopContent } from '@/lib/sops/content';
import { contentToLines, diffContents } from '@/lib/sops/diff';
import { renderSectionHtml, renderSopHtml } from '@/lib/sops/render-html';
import { prepareContent } from '@/lib/sops/prepare';
import { sanitizePlainText } from '@/lib/security/sanitize';
import { loadXssPayloads } from '@/tests/fixtures/xss';

// The jsdom that isomorphic-dompurify brings, to parse the output independently of DOMPurify.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: Window & typeof globalThis } };
const { document, NodeFilter } = new JSDOM('<!DOCTYPE html><body></body>').window;

function parse(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

const TAGS = new Set<string>(SOP_HTML_TAGS);
const ATTRS = new Set<string>(SOP_HTML_ATTRS);
const URL_SCHEME = /(?:java|vb|live)script\s*:|data\s*:|mocha\s*:/i;
const FORBIDDEN_TAG = /<\/?(?:script|iframe|object|embed|svg|math|style|meta|base|form|link|img|input|button|a|template|noscript|textarea|select|frame|frameset|applet|video|audio|source)\b/i;

/** What in `html` is not allowlisted text or an allowlisted element with allowlisted attributes. */
function violations(html: string, { twice = false } = {}): string[] {
  const found: string[] = [];
  const root = parse(html);
  // Serializing the parsed tree gives the same string back: nothing re-parses differently (mXSS).
  if (root.innerHTML !== html) found.push('re-serializes differently');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3) continue;
    if (node.nodeType !== 1) {
      found.push(`node type ${node.nodeType}`);
      continue;
    }
    const el = node as Element;
    if (!TAGS.has(el.localName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`<${el.localName}> (${el.namespaceURI})`);
    for (const { name, value } of Array.from(el.attributes)) {
      if (!ATTRS.has(name)) found.push(`attribute ${name}`);
      if (URL_SCHEME.test(value)) found.push(`URL in ${name}="${value}"`);
      if (name === 'class') for (const c of value.split(' ')) if (!SOP_HTML_CLASSES.has(c)) found.push(`class "${c}"`);
      if (name === 'data-section' && !SOP_SECTION_KEYS.has(value)) found.push(`data-section="${value}"`);
    }
  }
  // And the string itself: text can hold no "<", so every "<…>" is a real tag.
  if (FORBIDDEN_TAG.test(html)) found.push(`forbidden tag ${html.match(FORBIDDEN_TAG)![0]}`);
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    if (/\son\w+\s*=|\sstyle\s*=|\sid\s*=|\shref\s*=|\ssrc\s*=/i.test(tag) || URL_SCHEME.test(tag)) found.push(`tag ${tag}`);
  }
  // A second pass changes nothing.
  if (twice && sanitizeSopHtml(html) !== html) found.push('not stable under a second sanitizeSopHtml');
  return found;
}

function expectAllowlistOnly(html: string, opts?: { twice?: boolean }) {
  expect(violations(html, opts), html).toEqual([]);
}

const base: TSopContent = ZSopContent.parse({
  titleBlock: { title: 'Cleaning and sanitizing of the pasteurizer', documentNumber: 'SOP-0001', department: 'Production' },
  purpose: 'Keep the pasteurizer free of residue and pathogens.',
  scope: 'HTST pasteurizer line 2.',
  responsibilities: [
    { role: 'Operator', duties: 'Performs the cleaning.' },
    { role: 'QA', duties: 'Reviews the CIP log.' },
  ],
  definitions: [{ term: 'CIP', definition: 'Clean in place.' }],
  materialsAndEquipment: ['Alkaline detergent', 'Test strips'],
  healthAndSafety: { cautions: ['Caustic: avoid skin contact.'], ppe: ['Gloves', 'Face shield'] },
  procedure: [
    {
      text: 'Rinse the line with potable water.',
      callouts: [{ kind: 'warning', text: 'Line must be cold before opening.' }],
      substeps: [{ text: 'Check the drain is open.', substeps: [{ text: 'Look at the sight glass.' }] }],
    },
    { text: 'Run CIP with alkaline detergent.', callouts: [{ kind: 'note', text: 'QA reviews the CIP log daily.' }] },
    { text: 'Verify sanitizer strength.' },
  ],
  records: [{ name: 'CIP log', retention: '2 years' }],
  references: [
    { framework: '21CFR11', clause: '11.10' },
    { framework: 'HACCP', clause: 'HACCP-P4' },
  ],
  revisionHistory: [{ version: '0.1', date: '2026-11-22', change: 'First draft', reason: 'New procedure' }],
});

const clone = (c: TSopContent): TSopContent => structuredClone(c);

const KINDS = ['warning', 'caution', 'note'] as const;

/** `p` in every kind of field of the content (callout kind `i` mod 3); `fit` cuts it to a field's maximum length. */
function withPayload(p: string, i: number, fit: (s: string, max: number) => string = (s) => s): TSopContent {
  return {
    titleBlock: { title: fit(p, 300), documentNumber: fit(p, 40), department: fit(p, 120) },
    purpose: p,
    scope: `${p}\n${p}`,
    responsibilities: [{ role: fit(p, 300), duties: p }],
    definitions: [{ term: fit(p, 300), definition: p }],
    materialsAndEquipment: [fit(p, 300)],
    healthAndSafety: { cautions: [p], ppe: [fit(p, 300)] },
    procedure: [{ text: p, callouts: [{ kind: KINDS[i % 3]!, text: p }], substeps: [{ text: p, callouts: [], substeps: [] }] }],
    records: [{ name: fit(p, 300), retention: fit(p, 200) }],
    references: [{ framework: fit(p, 40), clause: fit(p, 40) }],
    revisionHistory: [{ version: fit(p, 20), date: fit(p, 40), change: p, reason: p }],
  };
}

function allStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(allStrings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(allStrings);
  return [];
}

/** Cut to a field's maximum length without splitting a surrogate pair. */
const fit = (s: string, max: number) => s.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');

/** What a reader sees of one-paragraph text: its lines, trimmed, with the <br> between them. */
const shownInline = (text: string) => text.trim().split('\n').map((l) => l.trim()).join('');

const payloads = loadXssPayloads();

describe('XSS corpus', () => {
  it('has several hundred payloads', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(300);
    expect(new Set(payloads).size).toBe(payloads.length);
  });

  const CONTROL_OR_BIDI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

  describe.each(payloads.map((p, i) => ({ i, p, label: JSON.stringify(p).slice(0, 80) })))('payload $i $label', ({ i, p }) => {
    it('sanitizeSopHtml alone yields allowlist-only HTML', () => {
      expectAllowlistOnly(sanitizeSopHtml(p), { twice: true });
    });

    it('rendered from unsanitized content, the SOP HTML is allowlist-only', () => {
      expectAllowlistOnly(renderSopHtml(withPayload(p, i)));
    });

    it('stored content keeps the payload as text, and the rendered HTML shows it escaped, allowlist-only', () => {
      // Wrapped in words, every field keeps some text after invisible controls are removed.
      const typed = withPayload(`Step ${p} done`, i, fit);
      const stored = prepareContent(typed);
      // Kept as typed: only what sanitizePlainText documents (controls, bidi overrides, NFC, whitespace) changes.
      expect(stored.procedure[0]!.text).toBe(sanitizePlainText(typed.procedure[0]!.text, { multiline: true }));
      expect(stored.titleBlock.title).toBe(sanitizePlainText(typed.titleBlock.title));
      expect(stored.records[0]!.name).toBe(sanitizePlainText(typed.records[0]!.name));
      expect(allStrings(stored).filter((s) => CONTROL_OR_BIDI.test(s))).toEqual([]);
      const html = renderSopHtml(stored);
      expectAllowlistOnly(html);
      // The text is on the page as text: what a reader sees is what was typed.
      const root = parse(html);
      expect(root.querySelector('h1')!.textContent).toBe(stored.titleBlock.title);
      expect(root.querySelector('.sop-step-text')!.textContent).toBe(`1 ${shownInline(stored.procedure[0]!.text)}`);
      expect(root.querySelector('li.sop-step > aside.callout')!.textContent).toBe(`${KINDS[i % 3]!.toUpperCase()} ${shownInline(stored.procedure[0]!.callouts[0]!.text)}`);

      // On its own, a payload is stored as typed too, unless removing controls leaves a required field empty: then 400.
      try {
        const bare = prepareContent(withPayload(p, i, fit));
        expect(bare.purpose).toBe(sanitizePlainText(p, { multiline: true }));
        expectAllowlistOnly(renderSopHtml(bare));
      } catch (err) {
        expect(err).toBeInstanceOf(ZodError);
        expect((err as ZodError).issues.every((issue) => issue.code === 'too_small'), JSON.stringify((err as ZodError).issues)).toBe(true);
      }
    });
  });
});

describe('sanitizeSopHtml', () => {
  it('keeps the allowlisted structure and classes, drops everything else', () => {
    const html = sanitizeSopHtml(
      '<section class="sop-section evil" data-section="purpose" id="x" style="color:red" data-x="1">' +
        '<h2 class="sop-section-heading">1. Purpose</h2><p class="foo">text <strong>bold</strong> <em>it</em></p>' +
        '<aside class="callout callout-warning" onclick="alert(1)"><strong class="callout-label">WARNING</strong></aside>' +
        '<a href="https://example.com">link</a><img src="x"></section><section data-section="__proto__">y</section>',
    );
    expect(html).toBe(
      '<section class="sop-section" data-section="purpose"><h2 class="sop-section-heading">1. Purpose</h2>' +
        '<p>text <strong>bold</strong> <em>it</em></p><aside class="callout callout-warning"><strong class="callout-label">WARNING</strong></aside>' +
        'link</section><section>y</section>',
    );
  });

  it('leaves the shared DOMPurify instance without its hook', async () => {
    const { default: DOMPurify } = await import('isomorphic-dompurify');
    sanitizeSopHtml('<p class="sop-na">x</p>');
    expect(DOMPurify.sanitize('<p class="anything">x</p>')).toBe('<p class="anything">x</p>');
  });
});

describe('stored content (prepareContent)', () => {
  it('keeps markup-looking text as typed in every field, drops invisible controls, keeps line breaks only in prose', () => {
    const c = clone(base);
    c.titleBlock.title = 'Clean   the <b>line</b>\nnow';
    c.purpose = 'First <i>line</i>\r\nsecond\u202E line';
    c.procedure[0]!.callouts[0]!.text = 'Hot <script>alert(1)</script>';
    c.references[0]!.clause = '11.10<img src=x>';
    const out = prepareContent(c);
    expect(out.titleBlock.title).toBe('Clean the <b>line</b> now');
    expect(out.purpose).toBe('First <i>line</i>\nsecond line');
    expect(out.procedure[0]!.callouts[0]!.text).toBe('Hot <script>alert(1)</script>');
    expect(out.references[0]!.clause).toBe('11.10<img src=x>');
    expect(prepareContent(base)).toEqual(base);
  });

  it('stores a field made only of tags as typed', () => {
    const c = clone(base);
    c.procedure[1]!.text = '<img src=x onerror=alert(1)>';
    c.responsibilities[0]!.role = '<b></b>';
    const out = prepareContent(c);
    expect(out.procedure[1]!.text).toBe('<img src=x onerror=alert(1)>');
    expect(out.responsibilities[0]!.role).toBe('<b></b>');
    const html = renderSopHtml(out);
    expectAllowlistOnly(html);
    expect(html).toContain('&lt;b&gt;&lt;/b&gt;');
  });

  it('refuses (400, with the path) a required field that is empty once invisible controls are removed', () => {
    const c = clone(base);
    c.procedure[1]!.text = '\u0000\u202E\u0007';
    const err = (() => {
      try {
        prepareContent(c);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ZodError);
    expect((err as ZodError).issues[0]!.path).toEqual(['procedure', 1, 'text']);
  });

  it('lets an optional field become empty', () => {
    const c = clone(base);
    c.titleBlock.department = '\u0000';
    expect(prepareContent(c).titleBlock.department).toBe('');
  });
});

describe('renderSopHtml', () => {
  const root = parse(renderSopHtml(base));
  const section = (key: string) => root.querySelector(`section[data-section="${key}"]`)!;

  it('renders the title block and every section in order, numbered', () => {
    const keys = Array.from(root.querySelectorAll('section[data-section]')).map((s) => s.getAttribute('data-section'));
    expect(keys).toEqual(['titleBlock', ...SECTIONS.map((s) => s.key)]);
    const headings = Array.from(root.querySelectorAll('h2')).map((h) => h.textContent);
    expect(headings).toEqual(SECTIONS.map((s, i) => `${i + 1}. ${s.heading}`));
    expect(root.querySelector('h1')!.textContent).toBe(base.titleBlock.title);
    expect(section('titleBlock').textContent).toContain('Document number: SOP-0001');
  });

  it('keeps empty sections as "Not applicable"', () => {
    const c = clone(base);
    Object.assign(c, { purpose: NOT_APPLICABLE, definitions: [], materialsAndEquipment: [], records: [], references: [], revisionHistory: [] });
    c.healthAndSafety = { cautions: [], ppe: [] };
    const r = parse(renderSopHtml(c));
    expect(r.querySelectorAll('section[data-section]')).toHaveLength(SECTIONS.length + 1);
    for (const key of ['purpose', 'definitions', 'materialsAndEquipment', 'healthAndSafety', 'records', 'references', 'revisionHistory']) {
      const p = r.querySelector(`section[data-section="${key}"] > p.sop-na`);
      expect(p?.textContent, key).toBe(NOT_APPLICABLE);
    }
    expect(r.querySelector('section[data-section="scope"] .sop-na')).toBeNull();
  });

  it('renders the procedure as nested ordered lists with written-out numbers', () => {
    const proc = section('procedure');
    const top = proc.querySelectorAll(':scope > ol.sop-steps > li.sop-step');
    expect(top).toHaveLength(3);
    const deepest = proc.querySelector(':scope > ol > li > ol.sop-steps > li > ol.sop-steps > li');
    expect(deepest?.textContent).toBe('1.1.1 Look at the sight glass.');
    const numbers = Array.from(proc.querySelectorAll('.sop-step-number')).map((n) => n.textContent);
    expect(numbers).toEqual(['1', '1.1', '1.1.1', '2', '3']);
  });

  it('renders callouts as asides before the step they belong to', () => {
    const first = section('procedure').querySelector('li.sop-step')!;
    const aside = first.firstElementChild!;
    expect(aside.tagName).toBe('ASIDE');
    expect(aside.className).toBe('callout callout-warning');
    expect(aside.querySelector('.callout-label')!.textContent).toBe('WARNING');
    expect(aside.textContent).toContain('Line must be cold before opening.');
    expect(section('procedure').querySelector('aside.callout-note')!.textContent).toContain('QA reviews the CIP log daily.');
    expect(section('healthAndSafety').querySelector('aside.callout-caution')!.textContent).toContain('Caustic: avoid skin contact.');
  });

  it('renders tables and references with library titles', () => {
    const rows = Array.from(section('responsibilities').querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((td) => td.textContent));
    expect(rows).toEqual([
      ['Operator', 'Performs the cleaning.'],
      ['QA', 'Reviews the CIP log.'],
    ]);
    expect(section('revisionHistory').querySelectorAll('thead th')).toHaveLength(4);
    const refs = Array.from(section('references').querySelectorAll('li')).map((li) => li.textContent);
    expect(refs[0]).toBe('21CFR11 11.10 — Controls for closed systems');
    const c = clone(base);
    c.references = [{ framework: 'ISO9001', clause: '99.9' }];
    expect(parse(renderSopHtml(c)).querySelector('.sop-ref-unknown')).not.toBeNull();
  });

  it('escapes text and keeps paragraphs and line breaks', () => {
    const c = clone(base);
    c.purpose = 'Keep 5 < 6 & "7" > 3\nsecond line\n\nNew paragraph';
    const p = parse(renderSopHtml(c)).querySelectorAll('section[data-section="purpose"] p');
    expect(p).toHaveLength(2);
    expect(p[0]!.innerHTML).toBe('Keep 5 &lt; 6 &amp; "7" &gt; 3<br>second line');
    expect(p[1]!.textContent).toBe('New paragraph');
  });
});

describe('renderSectionHtml', () => {
  it('renders one section like the full document does, from an unvalidated value', () => {
    const html = renderSectionHtml('procedure', [{ text: 'Open <b>valve</b> A', substeps: [{ text: 'Slowly' }] }]);
    expect(violations(html)).toEqual([]);
    const r = parse(html);
    expect(r.querySelector('section[data-section="procedure"] h2')!.textContent).toBe('7. Procedure');
    expect(Array.from(r.querySelectorAll('.sop-step-text')).map((p) => p.textContent)).toEqual(['1 Open <b>valve</b> A', '1.1 Slowly']);
    expect(parse(renderSectionHtml('definitions', [])).querySelector('.sop-na')!.textContent).toBe(NOT_APPLICABLE);
    expect(parse(renderSectionHtml('titleBlock', { title: 'T' })).querySelector('h1.sop-title')!.textContent).toBe('T');
  });

  it('throws on a value that does not fit the section', () => {
    expect(() => renderSectionHtml('procedure', [{ text: '' }])).toThrow();
    expect(() => renderSectionHtml('purpose', 42)).toThrow();
  });
});

describe('diffContents', () => {
  const procedureRows = (a: TSopContent, b: TSopContent) => diffContents(a, b).sections.find((s) => s.section === 'procedure')!.rows;

  it('reports no change for identical content', () => {
    const d = diffContents(base, clone(base));
    expect(d.sections.map((s) => s.section)).toEqual(['titleBlock', ...SECTIONS.map((s) => s.key)]);
    expect(d.sections.every((s) => !s.changed && s.rows.every((r) => r.kind === 'same'))).toBe(true);
    expect(d.summary).toEqual({ sectionsChanged: 0, linesAdded: 0, linesRemoved: 0 });
  });

  it('shows a changed word as a removed and an added row with word parts', () => {
    const b = clone(base);
    b.procedure[0]!.text = 'Rinse the line with hot water.';
    const d = diffContents(base, b);
    expect(d.summary).toEqual({ sectionsChanged: 1, linesAdded: 1, linesRemoved: 1 });
    const changed = procedureRows(base, b).filter((r) => r.kind !== 'same');
    expect(changed.map((r) => [r.kind, r.text])).toEqual([
      ['removed', '1 Rinse the line with potable water.'],
      ['added', '1 Rinse the line with hot water.'],
    ]);
    expect(changed[0]!.parts).toEqual(expect.arrayContaining([{ kind: 'removed', text: 'potable' }, { kind: 'same', text: ' water.' }]));
    expect(changed[1]!.parts).toEqual(expect.arrayContaining([{ kind: 'added', text: 'hot' }]));
    expect(changed[0]!.parts!.map((p) => p.text).join('')).toBe(changed[0]!.text);
    expect(changed[1]!.parts!.map((p) => p.text).join('')).toBe(changed[1]!.text);
  });

  it('shows an added step as one added row; later steps are renumbered, not changed', () => {
    const b = clone(base);
    b.procedure.splice(1, 0, { text: 'Drain the line.', callouts: [], substeps: [] });
    const rows = procedureRows(base, b);
    expect(rows.filter((r) => r.kind !== 'same')).toEqual([{ kind: 'added', text: '2 Drain the line.' }]);
    expect(rows.map((r) => r.text)).toContain('3 Run CIP with alkaline detergent.');
    expect(diffContents(base, b).summary).toEqual({ sectionsChanged: 1, linesAdded: 1, linesRemoved: 0 });
  });

  it('shows reordered steps as a move (removed in one place, added in another)', () => {
    const b = clone(base);
    b.procedure = [b.procedure[0]!, b.procedure[2]!, b.procedure[1]!];
    const rows = procedureRows(base, b);
    const removed = rows.filter((r) => r.kind === 'removed').map((r) => r.text);
    const added = rows.filter((r) => r.kind === 'added').map((r) => r.text);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.length).toBe(added.length);
    // The moved lines come back with their new numbers.
    const movedStep = added.find((t) => t.endsWith('Verify sanitizer strength.') || t.endsWith('Run CIP with alkaline detergent.'));
    expect(movedStep).toBeDefined();
    expect(rows.filter((r) => r.kind !== 'removed').map((r) => r.text)).toEqual(contentToLines(b).find((s) => s.section === 'procedure')!.lines);
  });

  it('diffs "Not applicable" sections and table rows as readable lines', () => {
    const a = clone(base);
    a.definitions = [];
    const d = diffContents(a, base).sections.find((s) => s.section === 'definitions')!;
    expect(d.rows).toEqual([
      { kind: 'removed', text: NOT_APPLICABLE },
      { kind: 'added', text: 'CIP — Clean in place.' },
    ]);
  });

  it('flattens content to readable lines', () => {
    const lines = Object.fromEntries(contentToLines(base).map((s) => [s.section, s.lines]));
    expect(lines.titleBlock).toEqual(['Title: Cleaning and sanitizing of the pasteurizer', 'Document number: SOP-0001', 'Department: Production']);
    expect(lines.procedure).toEqual([
      'WARNING: Line must be cold before opening.',
      '1 Rinse the line with potable water.',
      '1.1 Check the drain is open.',
      '1.1.1 Look at the sight glass.',
      'NOTE: QA reviews the CIP log daily.',
      '2 Run CIP with alkaline detergent.',
      '3 Verify sanitizer strength.',
    ]);
    expect(lines.responsibilities).toEqual(['Operator — Performs the cleaning.', 'QA — Reviews the CIP log.']);
    expect(lines.references).toEqual(['21CFR11 11.10 — Controls for closed systems', expect.stringMatching(/^HACCP HACCP-P4 — /)]);
    expect(lines.healthAndSafety).toEqual(['CAUTION: Caustic: avoid skin contact.', 'PPE: Gloves', 'PPE: Face shield']);
    expect(lines.records).toEqual(['CIP log — retained 2 years']);
  });
});
