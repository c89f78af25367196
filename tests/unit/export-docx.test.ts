import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderSopDocx } from '@/lib/export/docx';
import { contentDisposition, exportFilename } from '@/lib/export/filename';
import { sampleExportDocument } from '@/lib/export/sample';
import { uniqueEntryName, zipStream } from '@/lib/export/zip';
import { STEP_INDENT } from '@/lib/export/styles';
import type { ExportDocument } from '@/lib/export/types';
import { NOT_APPLICABLE, ZSopContent } from '@/lib/sops/content';

// The jsdom that isomorphic-dompurify brings: a strict XML parser, to prove every part is well-formed.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: { DOMParser: typeof globalThis.DOMParser } } };
const { DOMParser } = new JSDOM('').window;

/** The entries of a zip file, read from its central directory (stored or deflated, as docx writes them). */
function unzip(buf: Buffer, flags?: Map<string, number>): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    flags?.set(name, buf.readUInt16LE(p + 8));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

interface Parts {
  files: Map<string, Buffer>;
  xml: (name: string) => string;
  dom: (name: string) => Document;
}

async function parts(doc: ExportDocument): Promise<Parts> {
  const files = unzip(await renderSopDocx(doc));
  const xml = (name: string) => {
    const f = files.get(name);
    if (!f) throw new Error(`${name} missing; parts: ${[...files.keys()].join(', ')}`);
    return f.toString('utf8');
  };
  return { files, xml, dom: (name) => new DOMParser().parseFromString(xml(name), 'application/xml') };
}

const partsMatching = (p: Parts, re: RegExp) => [...p.files.keys()].filter((k) => re.test(k)).map((k) => p.xml(k));
const attr = (el: Element, name: string) => el.getAttribute(name);
const paragraphs = (d: Document) => Array.from(d.getElementsByTagName('w:p'));
const textOf = (el: Element) => Array.from(el.getElementsByTagName('w:t'), (t) => t.textContent).join('');

describe('Word export: package and frame', () => {
  const approved = sampleExportDocument({ steps: 12, approved: true });
  const draft = sampleExportDocument({ steps: 12, approved: false });

  it('uses sample content the schema accepts, up to the benchmark size', () => {
    expect(ZSopContent.safeParse(approved.content).success).toBe(true);
    expect(ZSopContent.safeParse(sampleExportDocument({ steps: 200, substeps: 5 }).content).success).toBe(true);
  });

  it('writes a well-formed .docx with the parts Word needs', async () => {
    const p = await parts(approved);
    for (const name of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/settings.xml']) expect(p.files.has(name), name).toBe(true);
    for (const name of [...p.files.keys()].filter((k) => k.endsWith('.xml') || k.endsWith('.rels'))) {
      expect(p.dom(name).getElementsByTagName('parsererror'), name).toHaveLength(0);
    }
  });

  it('puts org, document number, title, revision and the effective date in the header of an effective version', async () => {
    const headers = partsMatching(await parts(approved), /^word\/header\d*\.xml$/);
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) {
      for (const s of ['Northfield Dairy Co-operative', 'SOP-PRD-014', 'Clean and sanitize the HTST pasteurizer', 'Revision 3.0', 'Effective 2026-12-01']) expect(h).toContain(s);
      expect(h).not.toContain('DRAFT');
    }
  });

  it('labels every header of a draft "DRAFT — not approved" and shows no effective date', async () => {
    const p = await parts(draft);
    const headers = partsMatching(p, /^word\/header\d*\.xml$/);
    for (const h of headers) {
      expect(h).toContain('DRAFT — not approved');
      expect(h).toContain('Draft 0.7');
      expect(h).not.toContain('Effective');
    }
    // The section uses that header on every page (default header, no different first page).
    expect(p.xml('word/document.xml')).toMatch(/<w:headerReference w:type="default"/);
    expect(p.xml('word/document.xml')).not.toContain('<w:titlePg');
  });

  it('prints "Page X of Y" with PAGE and NUMPAGES fields and the footer line', async () => {
    const footers = partsMatching(await parts(approved), /^word\/footer\d*\.xml$/);
    expect(footers.length).toBeGreaterThan(0);
    const f = footers.join('');
    expect(f).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(f).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(f).toContain('Page ');
    expect(f).toContain(' of ');
    expect(f).toContain('Uncontrolled when printed. Verify the current version in SOPwright before use.');
  });

  it('falls back to "Uncontrolled when printed" when the org has no footer line', async () => {
    const f = partsMatching(await parts({ ...approved, org: { ...approved.org, footerText: '  ' } }), /^word\/footer\d*\.xml$/).join('');
    expect(f).toContain('Uncontrolled when printed');
  });

  it('sets the page size from the org setting: A4 or Letter', async () => {
    const a4 = (await parts(sampleExportDocument({ pageSize: 'A4' }))).dom('word/document.xml').getElementsByTagName('w:pgSz')[0]!;
    const letter = (await parts(sampleExportDocument({ pageSize: 'Letter' }))).dom('word/document.xml').getElementsByTagName('w:pgSz')[0]!;
    expect([attr(a4, 'w:w'), attr(a4, 'w:h')]).toEqual(['11906', '16838']);
    expect([attr(letter, 'w:w'), attr(letter, 'w:h')]).toEqual(['12240', '15840']);
  });
});

describe('Word export: title and approval block', () => {
  it('lists the signatures with meaning, printed name, UTC date-time and validity on an effective version', async () => {
    const xml = (await parts(sampleExportDocument({ approved: true }))).xml('word/document.xml');
    for (const s of ['Document number', 'SOP-PRD-014', 'Status', 'Effective', 'Owner', 'Dana Whitfield (QA Manager)', 'Department', 'Production']) expect(xml).toContain(s);
    for (const s of ['Printed name (as signed)', 'Priya Raman', 'priya.raman@northfield.example', 'Reviewed', '2026-11-21 14:03 UTC', 'Approved', 'Valid (password and authenticator code re-entered)']) expect(xml).toContain(s);
    expect(xml).not.toContain('not yet approved');
  });

  it('shows the author and "Draft – not yet approved" on a draft', async () => {
    const xml = (await parts(sampleExportDocument({ approved: false }))).xml('word/document.xml');
    expect(xml).toContain('Draft – not yet approved');
    expect(xml).toContain('Prepared by Sam Okafor on 2026-11-20 09:15 UTC');
    expect(xml).not.toContain('Signature meaning');
  });
});

describe('Word export: body', () => {
  const sample = sampleExportDocument({ steps: 12 });

  it('has a table of contents field over heading levels 1–2', async () => {
    const instr = Array.from((await parts(sample)).dom('word/document.xml').getElementsByTagName('w:instrText'), (el) => el.textContent ?? '');
    const toc = instr.filter((t) => /^\s*TOC\b/.test(t));
    expect(toc).toHaveLength(1);
    expect(toc[0]).toContain('\\o "1-2"');
    expect(toc[0]).toContain('\\h');
  });

  it('defines Normal, Heading 1 and Heading 2 as Word styles, headings on the section numbering', async () => {
    const p = await parts(sample);
    const styles = p.dom('word/styles.xml');
    const byId = (id: string) => Array.from(styles.getElementsByTagName('w:style')).find((s) => attr(s, 'w:styleId') === id);
    for (const id of ['Normal', 'Heading1', 'Heading2', 'Title', 'ProcedureStep', 'TableText', 'CalloutWarning', 'CalloutCaution', 'CalloutNote']) expect(byId(id), id).toBeDefined();
    expect(byId('Heading1')!.getElementsByTagName('w:numPr')).toHaveLength(1);
    expect(attr(byId('Heading2')!.getElementsByTagName('w:ilvl')[0]!, 'w:val')).toBe('1');
    const defaults = styles.getElementsByTagName('w:docDefaults')[0]!;
    expect(attr(defaults.getElementsByTagName('w:rFonts')[0]!, 'w:ascii')).toBe('Arial');
    // Section headings use the style; the document has exactly the ten SECTIONS as Heading 1.
    const h1 = paragraphs(p.dom('word/document.xml')).filter((el) => attr(el.getElementsByTagName('w:pStyle')[0] ?? el, 'w:val') === 'Heading1');
    expect(h1.map(textOf)).toEqual(['Purpose', 'Scope and applicability', 'Responsibilities', 'Definitions and abbreviations', 'Materials and equipment', 'Health and safety', 'Procedure', 'Records', 'References', 'Revision history']);
  });

  it('numbers procedure steps on one multi-level list: 1. / 1.1. / 1.1.1.', async () => {
    const p = await parts(sample);
    const numbering = p.dom('word/numbering.xml');
    const abstract = Array.from(numbering.getElementsByTagName('w:abstractNum')).find((a) =>
      Array.from(a.getElementsByTagName('w:lvlText')).some((t) => attr(t, 'w:val') === '%1.%2.%3.'),
    );
    expect(abstract).toBeDefined();
    const levelText = (ilvl: string) => attr(Array.from(abstract!.getElementsByTagName('w:lvl')).find((l) => attr(l, 'w:ilvl') === ilvl)!.getElementsByTagName('w:lvlText')[0]!, 'w:val');
    expect([levelText('0'), levelText('1'), levelText('2')]).toEqual(['%1.', '%1.%2.', '%1.%2.%3.']);
    const absId = attr(abstract!, 'w:abstractNumId');
    const numIds = Array.from(numbering.getElementsByTagName('w:num'))
      .filter((n) => attr(n.getElementsByTagName('w:abstractNumId')[0]!, 'w:val') === absId)
      .map((n) => attr(n, 'w:numId'));

    const steps = paragraphs(p.dom('word/document.xml')).filter((el) => attr(el.getElementsByTagName('w:pStyle')[0] ?? el, 'w:val') === 'ProcedureStep');
    const levels = steps.map((el) => {
      const numPr = el.getElementsByTagName('w:numPr')[0]!;
      expect(numIds).toContain(attr(numPr.getElementsByTagName('w:numId')[0]!, 'w:val'));
      return attr(numPr.getElementsByTagName('w:ilvl')[0]!, 'w:val');
    });
    const count = (list: typeof sample.content.procedure): number => list.reduce((n, s) => n + 1 + count(s.substeps), 0);
    expect(steps).toHaveLength(count(sample.content.procedure));
    expect(new Set(levels)).toEqual(new Set(['0', '1', '2']));
    // All steps are on the same list, so Word renumbers when a step is inserted.
    expect(new Set(steps.map((el) => attr(el.getElementsByTagName('w:numId')[0]!, 'w:val'))).size).toBe(1);
    // Document order is content order.
    expect(textOf(steps[0]!)).toBe(sample.content.procedure[0]!.text);
    expect(textOf(steps.at(-1)!)).toBe(sample.content.procedure.at(-1)!.substeps.at(-1)!.text);
  });

  it('repeats the header row of every table across pages', async () => {
    const d = (await parts(sample)).dom('word/document.xml');
    const tables = Array.from(d.getElementsByTagName('w:tbl')).filter((t) => t.parentElement?.tagName === 'w:body');
    const withHeader = tables.filter((t) => t.getElementsByTagName('w:tr')[0]!.getElementsByTagName('w:tblHeader').length === 1);
    // Title block: document control + approvers; body: responsibilities, definitions, records, references, revision history.
    expect(withHeader.length).toBe(6);
    for (const t of withHeader) expect(t.getElementsByTagName('w:tblHeader')).toHaveLength(1);
  });

  it('draws warning, caution and note callouts as shaded, bordered paragraphs with a bold label', async () => {
    const p = await parts(sample);
    const d = p.dom('word/document.xml');
    for (const [style, label] of [['CalloutWarning', 'WARNING: '], ['CalloutCaution', 'CAUTION: '], ['CalloutNote', 'NOTE: ']] as const) {
      const paras = paragraphs(d).filter((el) => attr(el.getElementsByTagName('w:pStyle')[0] ?? el, 'w:val') === style);
      expect(paras.length, style).toBeGreaterThan(0);
      const firstRun = paras[0]!.getElementsByTagName('w:r')[0]!;
      expect(firstRun.getElementsByTagName('w:b')).toHaveLength(1);
      expect(textOf(firstRun)).toBe(label);
    }
    const styleXml = p.xml('word/styles.xml');
    const warning = styleXml.slice(styleXml.indexOf('w:styleId="CalloutWarning"'), styleXml.indexOf('</w:style>', styleXml.indexOf('w:styleId="CalloutWarning"')));
    expect(warning).toContain('<w:pBdr>');
    expect(warning).toMatch(/<w:shd [^>]*w:fill="FBE5E5"/);
  });

  it('lists references with framework, clause and the library clause title', async () => {
    const xml = (await parts(sample)).xml('word/document.xml');
    expect(xml).toContain('29 CFR Part 1910');
    expect(xml).toContain('Toxic and hazardous substances');
    expect(xml).toContain('HACCP-P3');
  });

  it('prints the controlled revision history, or the content history when there is none', async () => {
    const controlled = (await parts(sample)).xml('word/document.xml');
    expect(controlled).toContain('Sanitizer strength check moved before release');
    const fromContent = (await parts({ ...sample, revisions: [] })).xml('word/document.xml');
    expect(fromContent).toContain('First draft (offline drafter).');
    expect(fromContent).toContain('Reason: New procedure');
  });

  it('prints revision dates as dates, never as the ISO timestamps the database gives', async () => {
    const stamped = {
      ...sample,
      revisions: [
        { version: '1.0', date: '2024-03-04T07:00:00.000Z', author: 'Sam Okafor', change: 'First issue.' },
        { version: '2.0', date: '2026-12-01T14:03:22.123Z', author: 'Sam Okafor', change: 'Second issue.' },
      ],
    };
    const d = (await parts(stamped)).dom('word/document.xml');
    const tables = Array.from(d.getElementsByTagName('w:tbl'));
    const history = tables.find((tb) => textOf(tb.getElementsByTagName('w:tr')[0]!).startsWith('RevisionEffective'))!;
    const rows = Array.from(history.getElementsByTagName('w:tr')).slice(1).map((tr) => Array.from(tr.getElementsByTagName('w:tc'), textOf));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([['1.0', '2024-03-04'], ['2.0', '2026-12-01']]);
    const content = ZSopContent.parse({ ...sample.content, revisionHistory: [{ version: '0.1', date: '2026-12-01T14:03:22.123Z', change: 'First draft.' }] });
    const xml = (await parts({ ...sample, content, revisions: [] })).xml('word/document.xml');
    expect(xml).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(xml).toContain('2026-12-01');
  });

  it('keeps the heading of an empty section and says "Not applicable."', async () => {
    const content = ZSopContent.parse({ ...sample.content, definitions: [], materialsAndEquipment: [], healthAndSafety: { cautions: [], ppe: [] }, records: [], references: [] });
    const d = (await parts({ ...sample, content, revisions: [] })).dom('word/document.xml');
    const all = paragraphs(d).filter((el) => el.parentElement?.tagName === 'w:body');
    const after = (heading: string) => textOf(all[all.findIndex((el) => textOf(el) === heading && el.getElementsByTagName('w:pStyle')[0]?.getAttribute('w:val') === 'Heading1') + 1]!);
    for (const h of ['Definitions and abbreviations', 'Materials and equipment', 'Health and safety', 'Records', 'References']) expect(after(h), h).toBe(`${NOT_APPLICABLE}.`);
  });

  it('survives control characters, markup and RTL/emoji text in the content', async () => {
    const content = ZSopContent.parse({ ...sample.content, purpose: 'Bad\u0001\u0008 chars <b>&amp; "markup"</b> — نظافة المعدات 🧪\nSecond line' });
    const p = await parts({ ...sample, content, sop: { ...sample.sop, title: 'A <title> & "quotes"\u0007' } });
    const d = p.dom('word/document.xml');
    expect(d.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(p.xml('word/document.xml')).not.toMatch(/[\u0001\u0007\u0008]/);
    const purpose = paragraphs(d).map(textOf).find((t) => t.startsWith('Bad'));
    expect(purpose).toBe('Bad chars <b>&amp; "markup"</b> — نظافة المعدات 🧪Second line');
    // A paragraph that starts in Arabic or Hebrew is laid out right to left.
    const rtl = await parts({ ...sample, content: { ...content, scope: 'يجب على المشغل اتباع هذا الإجراء.' } });
    const scope = paragraphs(rtl.dom('word/document.xml')).find((el) => textOf(el).startsWith('يجب'))!;
    expect(scope.getElementsByTagName('w:bidi')).toHaveLength(1);
    expect(scope.getElementsByTagName('w:rtl').length).toBeGreaterThan(0);
    expect(paragraphs(d).find((el) => textOf(el).startsWith('Bad'))!.getElementsByTagName('w:bidi')).toHaveLength(0);
    const header = new DOMParser().parseFromString(partsMatching(p, /^word\/header\d*\.xml$/)[0]!, 'application/xml');
    expect(textOf(header.documentElement)).toContain('A <title> & "quotes"');
  });
});

describe('Word export: callouts before their step, hazards with their severity, references with their reason', () => {
  const base = sampleExportDocument({ steps: 2, substeps: 0 });
  const content = ZSopContent.parse({
    ...base.content,
    healthAndSafety: { cautions: [{ kind: 'warning', text: 'Caustic detergent burns skin.' }, 'Legacy plain hazard.'], ppe: ['Gloves'] },
    procedure: [
      { text: 'Stop the pump.', callouts: [] },
      { text: 'Open the steam valve.', callouts: [{ kind: 'warning', text: 'Steam at 140 °C.' }, { kind: 'note', text: 'Open slowly.' }], substeps: [{ text: 'Vent the line.', callouts: [{ kind: 'caution', text: 'Noisy.' }] }] },
    ],
    references: [{ framework: '21CFR11', clause: '11.10', reason: 'Step 2 records the reading electronically.' }, { framework: 'HACCP', clause: 'HACCP-P4' }],
  });
  const doc = { ...base, content };
  const body = async () => paragraphs((await parts(doc)).dom('word/document.xml')).filter((el) => el.parentElement?.tagName === 'w:body');
  const styleOf = (el: Element) => el.getElementsByTagName('w:pStyle')[0]?.getAttribute('w:val');

  it('boxes a step’s callouts before its numbered paragraph, indented to its text, each kept with the next paragraph', async () => {
    const all = await body();
    const at = (text: string) => all.findIndex((el) => textOf(el).includes(text));
    const step = at('Open the steam valve.');
    expect(styleOf(all[step]!)).toBe('ProcedureStep');
    expect(at('WARNING: Steam at 140 °C.')).toBeLessThan(at('NOTE: Open slowly.'));
    expect(at('NOTE: Open slowly.')).toBeLessThan(step);
    expect(at('Stop the pump.')).toBeLessThan(at('WARNING: Steam at 140 °C.'));
    expect(at('Open the steam valve.')).toBeLessThan(at('CAUTION: Noisy.'));
    expect(at('CAUTION: Noisy.')).toBeLessThan(at('Vent the line.'));
    // In the XML too, the WARNING run comes before the step's text run.
    const xml = (await parts(doc)).xml('word/document.xml');
    expect(xml.indexOf('>WARNING: <')).toBeLessThan(xml.indexOf('Open the steam valve.'));
    // Everything from the first callout to the step is chained with keepNext, so the page never breaks between them.
    for (let i = at('WARNING: Steam at 140 °C.'); i < step; i++) expect(all[i]!.getElementsByTagName('w:keepNext'), `paragraph ${i}`).toHaveLength(1);
    const indent = (el: Element) => el.getElementsByTagName('w:ind')[0]?.getAttribute('w:left');
    expect(indent(all[at('WARNING: Steam at 140 °C.')]!)).toBe(String(STEP_INDENT[0]));
    expect(indent(all[at('CAUTION: Noisy.')]!)).toBe(String(STEP_INDENT[1]));
    expect(styleOf(all[at('CAUTION: Noisy.')]!)).toBe('CalloutCaution');
  });

  it('prints each Health and safety entry with its severity; a legacy plain entry is a caution', async () => {
    const all = await body();
    const warning = all.find((el) => textOf(el) === 'WARNING: Caustic detergent burns skin.');
    expect(warning && styleOf(warning)).toBe('CalloutWarning');
    const legacy = all.find((el) => textOf(el) === 'CAUTION: Legacy plain hazard.');
    expect(legacy && styleOf(legacy)).toBe('CalloutCaution');
  });

  it('adds a "Why it applies" column when a reference says why', async () => {
    const xml = (await parts(doc)).xml('word/document.xml');
    expect(xml).toContain('Why it applies');
    expect(xml).toContain('Step 2 records the reading electronically.');
    const noReasons = { ...base, content: { ...base.content, references: base.content.references.map(({ framework, clause }) => ({ framework, clause })) } };
    expect((await parts(noReasons)).xml('word/document.xml')).not.toContain('Why it applies');
  });
});

describe('export filenames', () => {
  const header = (doc: string, title: string) => contentDisposition(exportFilename(doc, title));
  const utf8Of = (h: string) => decodeURIComponent(/filename\*=UTF-8''([^;\s]+)/.exec(h)![1]!);
  const asciiOf = (h: string) => /filename="([^"]*)"/.exec(h)![1]!;

  it('names the file "<number> <title>.docx" with an ASCII fallback', () => {
    expect(exportFilename('SOP-001', 'Clean the pasteurizer')).toEqual({ ascii: 'SOP-001 Clean the pasteurizer.docx', utf8: 'SOP-001 Clean the pasteurizer.docx' });
    expect(header('SOP-001', 'Clean the pasteurizer')).toBe(`attachment; filename="SOP-001 Clean the pasteurizer.docx"; filename*=UTF-8''SOP-001%20Clean%20the%20pasteurizer.docx`);
  });

  it('never lets quotes, slashes or backslashes into either name', () => {
    const h = header('SOP/../002', 'The "big" clean\\rinse / sanitize');
    expect(h.match(/"/g)).toHaveLength(2);
    for (const name of [asciiOf(h), utf8Of(h)]) {
      expect(name).not.toMatch(/[/\\"]/);
      expect(name.endsWith('.docx')).toBe(true);
    }
    expect(utf8Of(h)).toBe("SOP-..-002 The 'big' clean-rinse - sanitize.docx");
    expect(exportFilename('../../etc', 'passwd').utf8).toBe('etc passwd.docx');
  });

  it('strips control and bidi-override characters (no header injection, no spoofed extension)', () => {
    const f = exportFilename('SOP-003', 'Evil\r\nSet-Cookie: x=1\u0000 \u202Excod.exe');
    for (const name of [f.ascii, f.utf8]) {
      expect(name).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
      expect(name.endsWith('.docx')).toBe(true);
    }
    expect(contentDisposition(f)).not.toMatch(/[\r\n]/);
  });

  it('keeps emoji and RTL text in the UTF-8 name, percent-encoded, with a readable ASCII fallback', () => {
    const emoji = header('SOP-004', '🧪 Lab safety 🔥');
    expect(utf8Of(emoji)).toBe('SOP-004 🧪 Lab safety 🔥.docx');
    expect(asciiOf(emoji)).toBe('SOP-004 Lab safety.docx');
    const rtl = header('SOP-005', 'نظافة المعدات');
    expect(utf8Of(rtl)).toBe('SOP-005 نظافة المعدات.docx');
    expect(asciiOf(rtl)).toBe('SOP-005.docx');
    expect(header('', 'Entretien des équipements')).toContain(`filename="Entretien des equipements.docx"`);
    // RFC 5987 attr-char only: no raw non-ASCII, quotes or parentheses in filename*.
    expect(/filename\*=UTF-8''(\S+)/.exec(header('SOP-6', "It's (a) test*"))![1]).toMatch(/^[A-Za-z0-9!#$&+.^_`|~%-]+$/);
  });

  it('cuts a 300-character title at a word boundary and keeps .docx', () => {
    const title = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ').padEnd(300, 'x').slice(0, 300);
    const f = exportFilename('SOP-006', title);
    expect(Buffer.byteLength(f.utf8)).toBeLessThanOrEqual(160);
    expect(f.ascii.length).toBeLessThanOrEqual(110);
    expect(f.utf8).toMatch(/^SOP-006 word0 word1 .*word\d+….docx$/);
    expect(f.ascii).toMatch(/^SOP-006 word0 .*word\d+\.\.\.\.docx$/);
    // Emoji are cut whole, never as half a surrogate pair.
    const emoji = exportFilename('SOP-007', '🔥'.repeat(300)).utf8;
    expect(emoji).toMatch(/^SOP-007 (🔥)+….docx$/u);
    expect(() => encodeURIComponent(emoji)).not.toThrow();
  });

  it('falls back to sop.docx when nothing printable is left, and escapes Windows device names', () => {
    expect(exportFilename('', '\u0000\u0001')).toEqual({ ascii: 'sop.docx', utf8: 'sop.docx' });
    expect(exportFilename('', '🔥🔥')).toEqual({ ascii: 'sop.docx', utf8: '🔥🔥.docx' });
    expect(exportFilename('', 'CON').utf8).toBe('_CON.docx');
  });

  it('cleans a bare name given to contentDisposition the same way', () => {
    expect(contentDisposition('naïve "x"/y.docx')).toBe(`attachment; filename="naive 'x'-y.docx"; filename*=UTF-8''na%C3%AFve%20%27x%27-y.docx`);
  });
});

describe('bulk export zip', () => {
  async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
    const chunks: Uint8Array[] = [];
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    return Buffer.concat(chunks);
  }

  it('streams several exports into one zip, rendering each when it is reached', async () => {
    const rendered: string[] = [];
    const docs = [sampleExportDocument({ steps: 3 }), sampleExportDocument({ steps: 4, approved: false })];
    const sources = docs.map((d, i) => ({
      name: i === 0 ? 'SOP-PRD-014 Nettoyage — contrôle 🧪.docx' : '../../SOP-PRD-014 Nettoyage — contrôle 🧪.docx',
      data: async () => {
        rendered.push(d.version.label);
        return renderSopDocx(d);
      },
    }));
    const stream = zipStream(sources);
    expect(rendered).toEqual([]);
    const flags = new Map<string, number>();
    const files = unzip(await readAll(stream), flags);
    expect([...files.keys()]).toEqual(['SOP-PRD-014 Nettoyage — contrôle 🧪.docx', 'SOP-PRD-014 Nettoyage — contrôle 🧪 (2).docx']);
    // UTF-8 names are flagged as UTF-8 (general purpose bit 11), so unzip tools show them right.
    for (const f of flags.values()) expect(f & 0x800).toBe(0x800);
    const inner = [...files.values()].map((b) => unzip(b).get('word/document.xml')!.toString());
    expect(inner[0]).toContain('Dana Whitfield');
    expect(inner[1]).toContain('Draft – not yet approved');
    expect(rendered).toEqual(['3.0', '0.7']);
  });

  it('makes entry names safe and unique', () => {
    const used = new Set<string>();
    expect(uniqueEntryName('a/b\\c.docx', used)).toBe('c.docx');
    expect(uniqueEntryName('C.docx', used)).toBe('C (2).docx');
    expect(uniqueEntryName('..', used)).toBe('document');
    expect(uniqueEntryName('\u0000x\u0007.docx', used)).toBe('x.docx');
  });
});
