/**
 * Issue 16's "done means", in Chromium against the production build with the Anthropic fake
 * as Claude. The owner chooses ISO 9001 and 21 CFR 210/211 in Settings; maps one SOP by hand
 * (search, pick, Add), one from Claude's suggestions (the fake proposes two listed clauses and
 * an invented ISO 9001 11.4, which is reported as dropped; one is accepted, one rejected), and
 * one from its references; a viewer sees the mappings and the frameworks, read-only. The
 * hand-mapped SOP becomes effective; the coverage charts count it; the ISO 9001 evidence
 * workbook downloads from the button and opens in exceljs; a gap analysis against 21 CFR 117
 * drops and flags the fake's invented clause and invented quote, and the offline analysis runs.
 * Screenshots at 1280 and 390 px go to test-results/screens.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { INVENTED_QUOTE, inventedClause } from '../fakes/anthropic-e2e';
import { getFramework, leafClauses } from '@/lib/library';
import { makeEffective, memberId } from './support/signing';
import { collectConsoleProblems } from './support/console';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg, joinAs } from './support/orgs';

const SHOTS = 'test-results/screens';

async function shots(page: Page, name: string, test?: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const path = `${SHOTS}/mapping-${name}-${width}.png`;
    if (test) await page.getByTestId(test).screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function newSop(page: Page, org: string, title: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await page.request.post(`${org}/sops`, {
    data: {
      title,
      content: sopContent({
        titleBlock: { title, documentNumber: '', department: '' },
        procedure: [
          { text: 'Calibrate the thermometer against the reference standard', callouts: [], substeps: [] },
          { text: 'Record the reading in the calibration log', callouts: [], substeps: [] },
        ],
        ...overrides,
      }),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { sop: { id: string } }).sop.id;
}

test('the owner follows ISO 9001 and 21 CFR 211, maps three SOPs three ways, reads the coverage, exports the evidence and runs gap analyses', async ({ browser }) => {
  test.setTimeout(300_000);
  mkdirSync(SHOTS, { recursive: true });
  const owner = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const problems = collectConsoleProblems(owner);
  const email = uniqueEmail('map-owner');
  await signUpAndConfirm(owner, email, 'Mia Owner');
  const slug = await createOrg(owner, `Mapping ${email.slice(10, 18)}`);
  const org = `/api/v1/orgs/${slug}`;
  const viewer = await joinAs(browser, owner, org, uniqueEmail('map-viewer'), 'viewer', 'Vic Viewer');

  // Before any framework: the panel says so and links to Settings.
  const byHand = await newSop(owner, org, 'Thermometer calibration');
  await owner.goto(`/o/${slug}/sops/${byHand}`);
  await expect(owner.getByTestId('no-frameworks')).toContainText('Your organization follows no framework yet');

  // Settings: ISO 9001 and 21 CFR 210/211.
  await owner.goto(`/o/${slug}/settings`);
  const form = owner.getByTestId('org-frameworks-form');
  await form.getByTestId('follow-ISO9001').check();
  await form.getByTestId('follow-21CFR211').check();
  await form.getByTestId('org-frameworks-save').click();
  await expect(form.getByTestId('form-notice')).toHaveText('Saved: the organization follows 2 frameworks.');
  expect(((await (await owner.request.get(`${org}/frameworks`)).json()) as { frameworks: string[] }).frameworks).toEqual(['21CFR211', 'ISO9001']);
  await shots(owner, 'settings', 'org-frameworks-form');

  // By hand: search the framework's clauses, pick one, Add.
  await owner.goto(`/o/${slug}/sops/${byHand}`);
  const panel = owner.getByTestId('mapping-panel');
  await expect(panel.getByTestId('no-mappings')).toBeVisible();
  await panel.getByTestId('add-clause-framework').selectOption('ISO9001');
  await panel.getByTestId('add-clause-search').fill('measuring');
  await panel.getByRole('radio', { name: /7\.1\.5 Monitoring and measuring resources/ }).check();
  await panel.getByTestId('add-clause-submit').click();
  await expect(panel.getByTestId('add-clause-notice')).toHaveText('Mapped to ISO 9001 7.1.5.');
  await expect(panel.getByTestId('mapping')).toHaveCount(1);
  await expect(panel.getByTestId('mapping')).toContainText('7.1.5');
  await expect(panel.getByTestId('mapping-origin')).toHaveText('by hand');
  await expect(panel.getByTestId('mapping')).toContainText('Mia Owner');

  // From suggestions: Claude (the fake) proposes two clauses and one that does not exist.
  const suggested = await newSop(owner, org, 'Thermometer calibration, line 2');
  await owner.goto(`/o/${slug}/sops/${suggested}`);
  await expect(panel.getByTestId('suggest-engine')).toHaveValue('auto');
  await panel.getByTestId('suggest-clauses').click();
  await expect(panel.getByTestId('mapping-notice')).toContainText('Claude suggested 2 clauses');
  await expect(panel.getByTestId('mapping-notice')).toContainText('1 suggestion was dropped: not clauses of the library (ISO 9001 11.4).');
  const proposals = panel.getByTestId('proposal');
  await expect(proposals).toHaveCount(2);
  await expect(proposals.first().getByTestId('proposal-engine')).toContainText('Suggested by Claude');
  await expect(proposals.first().getByTestId('proposal-reason')).not.toBeEmpty();
  await shots(owner, 'panel-proposals', 'mapping-panel');
  const rejected = (await proposals.nth(1).getByTestId('mapping-clause').textContent())!;
  const accepted = (await proposals.first().getByTestId('mapping-clause').textContent())!;
  await proposals.first().getByTestId('mapping-accept').click();
  await expect(proposals).toHaveCount(1);
  await proposals.first().getByTestId('mapping-reject').click();
  await expect(proposals).toHaveCount(0);
  await expect(panel.getByTestId('mapping')).toHaveCount(1);
  await expect(panel.getByTestId('mapping')).toContainText(accepted);
  await expect(panel.getByTestId('mapping')).not.toContainText(` ${rejected} `);
  await expect(panel.getByTestId('mapping-origin')).toHaveText('accepted suggestion');

  // Keyword matching (offline) on the same SOP: the calibration clause, said so.
  await panel.getByTestId('suggest-engine').selectOption('keywords');
  await panel.getByTestId('suggest-clauses').click();
  await expect(panel.getByTestId('mapping-notice')).toContainText('Keyword matching suggested');
  await expect(proposals.filter({ hasText: '7.1.5' }).getByTestId('proposal-engine')).toContainText('Suggested by keyword matching (offline)');
  await expect(proposals.filter({ hasText: '7.1.5' }).getByTestId('proposal-reason')).toContainText('The procedure mentions');

  // From references: the known citations, and one that is not a clause of the library.
  const fromRefs = await newSop(owner, org, 'Labelling', {
    references: [
      { framework: 'ISO9001', clause: '8.5.2', reason: 'Step 2 labels each lot' },
      { framework: 'ISO9001', clause: '11.4' },
    ],
  });
  await owner.goto(`/o/${slug}/sops/${fromRefs}`);
  await panel.getByTestId('map-from-references').click();
  await expect(panel.getByTestId('mapping-notice')).toHaveText('Mapped 1 clause from the SOP’s references. 1 reference is not a clause of the library, so not mapped.');
  await expect(panel.getByTestId('mapping')).toContainText('8.5.2');
  await expect(panel.getByTestId('mapping-origin')).toHaveText('from references');
  await expect(panel.getByTestId('mapping')).toContainText('Step 2 labels each lot');

  // The audit trail has the story.
  await owner.goto(`/o/${slug}/audit`);
  const trail = owner.getByTestId('audit-events');
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // (The fake proposes the first two clauses listed, of whichever framework the library lists first.)
  for (const words of ['Mia Owner added ISO 9001 to the frameworks the organization follows', new RegExp(`Mia Owner accepted the suggestion that .+ addresses .+ ${esc(accepted)}`), new RegExp(`Mia Owner rejected the suggestion that .+ addresses .+ ${esc(rejected)}`), 'to ISO 9001 7.1.5', '8.5.2 (from its references)']) {
    await expect(trail).toContainText(words);
  }

  // A viewer: the mappings and the frameworks, read-only.
  await viewer.goto(`/o/${slug}/sops/${byHand}`);
  const seen = viewer.getByTestId('mapping-panel');
  await expect(seen.getByTestId('mapping')).toContainText('7.1.5');
  await expect(seen.getByTestId('add-clause')).toHaveCount(0);
  await expect(seen.getByTestId('mapping-remove')).toHaveCount(0);
  await expect(seen.getByTestId('suggest-clauses')).toHaveCount(0);
  await viewer.goto(`/o/${slug}/sops/${suggested}`);
  await expect(seen.getByTestId('proposal').first()).toBeVisible();
  await expect(seen.getByTestId('mapping-accept')).toHaveCount(0);
  await shots(viewer, 'panel-viewer', 'mapping-panel');
  await viewer.goto(`/o/${slug}/settings`);
  await expect(viewer.getByTestId('org-framework')).toHaveCount(2);
  await expect(viewer.getByTestId('org-frameworks-form')).toHaveCount(0);
  const refused = await viewer.request.put(`${org}/frameworks`, { data: { frameworks: [] } });
  expect(refused.status()).toBe(403);
  const refusedMap = await viewer.request.post(`${org}/sops/${byHand}/mappings`, { data: { framework: 'ISO9001', clause: '7.2' } });
  expect(refusedMap.status()).toBe(403);

  // New SOP: the organization's frameworks chosen, the rest under "More frameworks".
  await owner.goto(`/o/${slug}/sops/new`);
  await expect(owner.getByTestId('followed-frameworks').getByRole('checkbox')).toHaveCount(2);
  await expect(owner.getByRole('checkbox', { name: /ISO 9001/ })).toBeChecked();
  await expect(owner.getByTestId('more-frameworks')).not.toHaveAttribute('open', /.*/);
  await shots(owner, 'new-sop');
  await owner.goto(`/o/${slug}/sops/${byHand}`);
  await shots(owner, 'sop-page');

  // The hand-mapped SOP becomes effective (saved as a version, submitted by Mia, approved by Ana).
  const approverEmail = uniqueEmail('map-approver');
  const approver = await joinAs(browser, owner, org, approverEmail, 'approver', 'Ana Approver');
  const draft = await owner.request.get(`${org}/sops/${byHand}`);
  const saved = await owner.request.post(`${org}/sops/${byHand}/versions`, { headers: { 'if-match': draft.headers()['etag']! }, data: { changeSummary: 'First issue' } });
  expect(saved.status(), await saved.text()).toBe(201);
  const versionId = ((await saved.json()) as { version: { id: string } }).version.id;
  await makeEffective(owner, approver, `${org}/sops/${byHand}/versions/${versionId}`, await memberId(owner, org, approverEmail));

  // Coverage: one chart per followed framework; ISO 9001 counts 7.1.5 as effective, 8.5.2 as draft only.
  await owner.goto(`/o/${slug}`);
  await owner.getByTestId('org-tabs').getByRole('link', { name: 'Compliance' }).click();
  await expect(owner.getByTestId('framework-card')).toHaveCount(2);
  const summary = (await (await owner.request.get(`${org}/compliance`)).json()) as { frameworks: { framework: string; effective: number; draft: number; none: number; total: number }[] };
  const iso = summary.frameworks.find((f) => f.framework === 'ISO9001')!;
  expect(iso.effective).toBe(1);
  expect(iso.draft).toBeGreaterThanOrEqual(1);
  expect(iso.total).toBe(leafClauses(getFramework('ISO9001')!).length);
  for (const f of summary.frameworks) {
    const chart = owner.getByTestId(`chart-${f.framework}`);
    await expect(chart).toHaveAttribute('data-effective', String(f.effective));
    await expect(chart).toHaveAttribute('data-draft', String(f.draft));
    await expect(chart).toHaveAttribute('data-none', String(f.none));
  }
  await shots(owner, 'coverage');
  await owner.goto(`/o/${slug}/compliance/ISO9001`);
  await expect(owner.locator('[data-test="clause-row"][data-clause="7.1.5"]')).toHaveAttribute('data-status', 'effective');
  await expect(owner.locator('[data-test="clause-row"][data-clause="8.5.2"]')).toHaveAttribute('data-status', 'draft');

  // The ISO 9001 evidence workbook, from the button, opened and checked.
  const dir = mkdtempSync(path.join(tmpdir(), 'journey-evidence-'));
  const [file] = await Promise.all([owner.waitForEvent('download'), owner.getByTestId('evidence-xlsx').click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`^evidence-ISO9001-${slug}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
  await file.saveAs(path.join(dir, 'evidence.xlsx'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync(path.join(dir, 'evidence.xlsx'))).buffer);
  const sheet = wb.getWorksheet('Evidence')!;
  const ids = sheet.getColumn(1).values;
  const row = sheet.getRow(ids.indexOf('7.1.5'));
  expect([row.getCell(3).value, row.getCell(5).value, row.getCell(7).value]).toEqual(['Effective', 'Thermometer calibration', '1.0']);
  expect(String(row.getCell(9).value)).toMatch(/^Ana Approver — Approved \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(sheet.getRow(ids.indexOf('8.5.2')).getCell(3).value).toBe('Draft only');

  // Gap analysis against 21 CFR 117: the fake invents a clause and a quote; both are dropped and flagged.
  const cfr117 = getFramework('21CFR117')!;
  const leaves = leafClauses(cfr117).map((c) => c.id);
  await owner.goto(`/o/${slug}/sops/${byHand}`);
  const gap = owner.getByTestId('gap-panel');
  await gap.getByLabel('Framework').selectOption('21CFR117');
  await gap.getByRole('button', { name: 'Run gap analysis' }).click();
  const result = gap.getByTestId('gap-result');
  await expect(result).toHaveAttribute('data-engine', 'claude', { timeout: 60_000 });
  const flags = result.getByTestId('gap-flag');
  await expect(flags).toHaveCount(2);
  await expect(flags.nth(0)).toContainText(`Dropped: the quoted sentence “${INVENTED_QUOTE}” does not occur in the SOP`);
  await expect(flags.nth(1)).toHaveText(`Dropped: ${inventedClause(leaves)} is not a clause of 21 CFR 117.`);
  await expect(result.getByTestId('gap-addressed')).toHaveCount(1);
  await expect(result.getByTestId('gap-item').getByRole('link', { name: 'Improve this section' })).toBeVisible();
  await shots(owner, 'gap-claude');
  await gap.getByLabel('Framework').selectOption('21CFR117');
  await gap.getByRole('button', { name: 'Run offline keyword analysis' }).click();
  await expect(result).toHaveAttribute('data-engine', 'offline', { timeout: 30_000 });
  await expect(result.getByTestId('gap-engine')).toHaveText('Offline keyword analysis — weaker');
  await expect(result.getByTestId('gap-flag')).toHaveCount(0);
  expect(problems).toEqual([]);
});
