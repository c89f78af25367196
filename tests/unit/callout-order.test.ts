/**
 * A step's callouts guard it, so every rendering prints them before the step's text (ANSI
 * Z535.6, ISO 82079-1): the SOP page, Markdown and the version diff (the Word export is proved
 * on its XML in export-docx.test). Health and safety keeps each entry's severity, and a
 * reference's reason is shown wherever references are.
 */
import { describe, expect, it } from 'vitest';
import { contentToMarkdown } from '@/lib/export/markdown';
import { sampleExportDocument } from '@/lib/export/sample';
import { ZSopContent } from '@/lib/sops/content';
import { contentToLines, diffContents } from '@/lib/sops/diff';
import { renderSopHtml } from '@/lib/sops/render-html';

const base = sampleExportDocument({ steps: 2, substeps: 0 });
const content = ZSopContent.parse({
  ...base.content,
  healthAndSafety: { cautions: [{ kind: 'warning', text: 'Caustic detergent burns skin.' }, { kind: 'note', text: 'Eyewash at door 2.' }, 'Legacy plain hazard.'], ppe: ['Gloves'] },
  procedure: [
    { text: 'Stop the pump.' },
    { text: 'Open the steam valve.', callouts: [{ kind: 'warning', text: 'Steam at 140 °C.' }], substeps: [{ text: 'Vent the line.', callouts: [{ kind: 'caution', text: 'Noisy.' }] }] },
    { text: 'Close the valve.' },
  ],
  references: [{ framework: '21CFR11', clause: '11.10', reason: 'Step 2 records the reading electronically.' }, { framework: 'HACCP', clause: 'HACCP-P4' }],
});
const ordered = (text: string, ...parts: string[]) => {
  const at = parts.map((p) => text.indexOf(p));
  for (const [i, a] of at.entries()) expect(a, parts[i]).toBeGreaterThanOrEqual(0);
  expect(at).toEqual([...at].sort((x, y) => x - y));
};

describe('the SOP page', () => {
  const html = renderSopHtml(content);
  it('prints a step’s callouts before its text, inside the step', () => {
    ordered(html, 'Stop the pump.', 'Steam at 140 °C.', 'Open the steam valve.', 'Noisy.', 'Vent the line.', 'Close the valve.');
    expect(html).toMatch(/<li class="sop-step"><aside class="callout callout-warning"><strong class="callout-label">WARNING<\/strong> Steam at 140 °C\.<\/aside><p class="sop-step-text"><span class="sop-step-number">2<\/span> Open the steam valve\./);
  });
  it('keeps the severity of Health and safety entries; a legacy string is a caution', () => {
    expect(html).toContain('<aside class="callout callout-warning"><strong class="callout-label">WARNING</strong> Caustic detergent burns skin.</aside>');
    expect(html).toContain('<aside class="callout callout-note"><strong class="callout-label">NOTE</strong> Eyewash at door 2.</aside>');
    expect(html).toContain('<aside class="callout callout-caution"><strong class="callout-label">CAUTION</strong> Legacy plain hazard.</aside>');
  });
  it('shows why a reference applies when the author said', () => {
    expect(html).toContain('Controls for closed systems<br><strong>Why it applies:</strong> Step 2 records the reading electronically.</li>');
  });
});

describe('the SOP page: revision history', () => {
  it('prints a date stored as a timestamp as a date, and other text as written', () => {
    const html = renderSopHtml(ZSopContent.parse({ ...content, revisionHistory: [{ version: '0.1', date: '2026-12-01T14:03:22.123Z', change: 'First draft.' }, { version: '0.2', date: 'Q1 2027', change: 'Second.' }] }));
    expect(html).toContain('<td>2026-12-01</td>');
    expect(html).not.toContain('T14:03');
    expect(html).toContain('<td>Q1 2027</td>');
  });
});

describe('Markdown', () => {
  const md = contentToMarkdown({ ...base, content });
  it('quotes a step’s callouts before the step, keeping the numbering', () => {
    ordered(md, '1. Stop the pump.', '> **WARNING:** Steam at 140 °C.', '2. Open the steam valve.', '    > **CAUTION:** Noisy.', '    1. Vent the line.', '3. Close the valve.');
  });
  it('keeps the severity of Health and safety entries', () => {
    ordered(md, '> **WARNING:** Caustic detergent burns skin.', '> **NOTE:** Eyewash at door 2.', '> **CAUTION:** Legacy plain hazard.');
  });
  it('adds a "Why it applies" column when a reference says why', () => {
    expect(md).toContain('| Framework | Clause | Title | Why it applies |');
    expect(md).toMatch(/\| 11\.10 \| Controls for closed systems \| Step 2 records the reading electronically\. \|/);
    expect(md).toMatch(/\| HACCP-P4 \| [^|]+ \| — \|/);
  });
});

describe('the version diff', () => {
  const lines = Object.fromEntries(contentToLines(content).map((s) => [s.section, s.lines]));
  it('lists a step’s callouts before the step', () => {
    expect(lines.procedure).toEqual(['1 Stop the pump.', 'WARNING: Steam at 140 °C.', '2 Open the steam valve.', 'CAUTION: Noisy.', '2.1 Vent the line.', '3 Close the valve.']);
  });
  it('keeps the severity of Health and safety entries', () => {
    expect(lines.healthAndSafety).toEqual(['WARNING: Caustic detergent burns skin.', 'NOTE: Eyewash at door 2.', 'CAUTION: Legacy plain hazard.', 'PPE: Gloves']);
  });
  it('shows a reference’s reason, so a changed reason is a change', () => {
    expect(lines.references![0]).toBe('21CFR11 11.10 — Controls for closed systems — why it applies: Step 2 records the reading electronically.');
    const edited = ZSopContent.parse({ ...content, references: [{ ...content.references[0]!, reason: 'Records are electronic.' }, content.references[1]!] });
    expect(diffContents(content, edited).sections.find((s) => s.section === 'references')!.changed).toBe(true);
  });
  it('a legacy string and the same text as a caution are the same line: migrating a draft changes nothing a reviewer sees', () => {
    const migrated = ZSopContent.parse({ ...content, healthAndSafety: { ...content.healthAndSafety, cautions: [content.healthAndSafety.cautions[0], content.healthAndSafety.cautions[1], { kind: 'caution', text: 'Legacy plain hazard.' }] } });
    expect(diffContents(content, migrated).sections.find((s) => s.section === 'healthAndSafety')!.changed).toBe(false);
  });
});
