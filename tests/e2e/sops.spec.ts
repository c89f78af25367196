/**
 * SOP drafting as a person does it in Chromium, against the app's real SDK talking to the
 * local Anthropic fake (slow tokens, so sections visibly arrive one by one).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { loadXssPayloads } from '../fixtures/xss';
import { collectConsoleProblems } from './support/console';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg } from './support/orgs';

const DESCRIPTION = [
  '1. Operator stops the filling line and applies lockout/tagout',
  '   Warning: stored energy can move the capper',
  '2. Remove product residue from the filler bowl with potable water',
  '   2.1 Rinse until the water runs clear',
  '3. Apply the alkaline detergent at the concentration on the label',
  '   Caution: detergent is corrosive, wear gloves and goggles',
  '4. QA verifies with an ATP swab and records the result in the sanitation log',
  '5. If the swab fails, email the QA lead at qa.lead@example.com and re-clean',
].join('\n');

async function newOwnerWithOrg(browser: Browser, prefix: string): Promise<{ page: Page; slug: string; email: string }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const email = uniqueEmail(prefix);
  await signUpAndConfirm(page, email, 'Quinn Quality');
  const slug = await createOrg(page, `Plant ${email.slice(prefix.length + 1, prefix.length + 9)}`);
  return { page, slug, email };
}

async function startDraft(page: Page, slug: string, title: string) {
  await page.goto(`/o/${slug}/sops/new`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Describe the process in your own words').fill(DESCRIPTION);
  await page.getByRole('textbox', { name: 'Industry (optional)' }).fill('Beverage bottling');
  await page.getByRole('checkbox', { name: /HACCP/ }).check();
  await page.getByRole('checkbox', { name: /ISO 9001/ }).check();
}

test('new SOP → streamed section by section → edit → save version → diff → reload shows it', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, slug } = await newOwnerWithOrg(browser, 'journey');
  const problems = collectConsoleProblems(page);

  await page.goto(`/o/${slug}/sops`);
  await expect(page.getByTestId('sops-empty')).toContainText('No SOPs yet');
  await page.getByTestId('sops-empty').getByRole('link', { name: 'New SOP' }).click();
  await expect(page.getByTestId('ai-mode')).toContainText('AI processing is allowed');

  await startDraft(page, slug, 'Filler cleaning and sanitation');
  // What will be redacted is shown before anything is sent.
  await expect(page.getByTestId('redactions')).toContainText('[EMAIL_1]');
  await page.screenshot({ path: 'test-results/screens/generate-form.png', fullPage: true });
  await page.getByTestId('generate-submit').click();

  // Sections arrive one by one: the first is on screen while drafting is still going.
  await expect(page.getByTestId('streamed-purpose')).toBeVisible();
  await expect(page.getByTestId('generation-status')).toContainText(/Drafting with Claude: [1-8] of 9 sections/);
  await page.screenshot({ path: 'test-results/screens/generate-midstream.png', fullPage: true });
  // The draft streams on the SOP's own page; when it is saved the page shows the version.
  await expect(page).toHaveURL(/\/sops\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });
  await expect(page.getByTestId('sop-html')).toContainText('applies lockout/tagout');
  await expect(page.getByTestId('sop-html')).toContainText('WARNING');
  await expect(page.getByTestId('removed-citations')).toContainText('HACCP HACCP-P42');
  // The model never saw the email address, and neither does the stored draft; its placeholder
  // is in the Contacts entry, out of the steps (issue #14).
  await expect(page.getByTestId('sop-html')).toContainText('[EMAIL_1]');
  await expect(page.getByTestId('sop-html')).toContainText('(see Contacts)');
  await expect(page.getByTestId('doc-number')).toHaveText('SOP-0001');
  await expect(page.getByTestId('sop-html')).toContainText('Filler cleaning and sanitation');

  // Edit the purpose; autosave reports it; then save a version.
  await page.getByTestId('edit-sop').click();
  // An empty required section is not saved, and the page says why.
  await page.getByTestId('ed-purpose').fill('');
  await expect(page.getByTestId('save-status')).toContainText('Purpose: cannot be empty', { timeout: 15_000 });
  await page.getByTestId('ed-purpose').fill('Keep the filling line free of product residue and microbial contamination between production runs.');
  await expect(page.getByTestId('save-status')).toContainText('Saved at', { timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screens/editor.png', fullPage: true });
  await page.getByLabel('Save as a new version').fill('Clearer purpose');
  await page.getByTestId('save-version').click();
  await expect(page.getByTestId('version-message')).toHaveText('Saved as version 0.2.');

  // History: 0.1 → 0.2 shows the purpose change at word level.
  await page.goto(`/o/${slug}/sops`);
  await page.getByRole('link', { name: 'Filler cleaning and sanitation' }).click();
  await page.getByTestId('history-link').click();
  await expect(page.getByTestId('version-list')).toContainText('Clearer purpose');
  await page.getByTestId('compare').click();
  // The purpose, and the revision history the system keeps.
  await expect(page.getByTestId('diff-summary')).toContainText('Version 0.1 → Version 0.2: 2 sections changed');
  await expect(page.getByTestId('diff')).toContainText('Clearer purpose');
  await expect(page.getByTestId('diff-added').first()).toContainText('microbial contamination');
  await expect(page.getByTestId('diff-removed').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/history-diff.png', fullPage: true });

  await page.goto(`/o/${slug}/sops`);
  await page.reload();
  await page.getByRole('link', { name: 'Filler cleaning and sanitation' }).click();
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.2');
  await expect(page.getByTestId('sop-html')).toContainText('microbial contamination between production runs');
  await page.screenshot({ path: 'test-results/screens/sop.png', fullPage: true });

  // Search finds it by a word of its body.
  await page.goto(`/o/${slug}/sops?q=capper`);
  await expect(page.getByTestId('sop-list')).toContainText('Filler cleaning and sanitation');
  await page.screenshot({ path: 'test-results/screens/sop-list.png', fullPage: true });
  // The filter form (empty "Any" selects included) searches too.
  await page.goto(`/o/${slug}/sops`);
  await page.getByLabel('Search').fill('lockout');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/q=lockout/);
  await expect(page.getByTestId('sop-list')).toContainText('Filler cleaning and sanitation');
  await page.getByLabel('Status').selectOption('approved');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('sops-empty')).toContainText('No SOP matches');
  await page.goto(`/o/${slug}/sops?q=xylophone`);
  await expect(page.getByTestId('sops-empty')).toContainText('No SOP matches');
  await page.goto(`/o/${slug}`);
  await expect(page.getByTestId('recent-sops')).toContainText('Filler cleaning and sanitation');
  await page.screenshot({ path: 'test-results/screens/org-home.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('closing the tab mid-generation loses nothing: reopening shows the draft', async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, slug } = await newOwnerWithOrg(browser, 'closer');
  await startDraft(page, slug, 'Allergen changeover (slow)');
  await page.getByTestId('generate-submit').click();
  await expect(page.getByTestId('streamed-purpose')).toBeVisible();
  const ctx = page.context();
  await page.close();

  const again = await ctx.newPage();
  await again.goto(`/o/${slug}/sops`);
  await again.getByRole('link', { name: 'Allergen changeover (slow)' }).click();
  // Either still drafting (the page reattaches and shows progress) or already finished.
  await expect(again.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });
  await expect(again.getByTestId('sop-html')).toContainText('QA verifies with an ATP swab');
  await expect(again.getByTestId('incomplete-badge')).toHaveCount(0);
});

test('Cancel keeps what was written as an incomplete draft, and Retry finishes it', async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, slug } = await newOwnerWithOrg(browser, 'cancel');
  await startDraft(page, slug, 'Metal detector check (slow)');
  await page.getByTestId('generate-submit').click();
  await expect(page.getByTestId('streamed-purpose')).toBeVisible();
  await page.getByTestId('cancel-generation').click();
  await expect(page.getByTestId('incomplete-badge')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('stopped-banner')).toContainText('cancelled');
  await page.getByTestId('retry-generation').click();
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.2', { timeout: 30_000 });
  await expect(page.getByTestId('incomplete-badge')).toHaveCount(0);
});

test('two editors: one save wins, the other sees both texts and chooses; nothing is lost', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page: first, slug } = await newOwnerWithOrg(browser, 'twoeditors');
  await startDraft(first, slug, 'Glass breakage');
  await first.getByTestId('generate-submit').click();
  await expect(first.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });
  await first.getByTestId('edit-sop').click();
  await expect(first).toHaveURL(/\/edit$/);
  const editUrl = first.url();

  // The same person in a second window (or a colleague) opens the editor at the same revision.
  const second = await first.context().newPage();
  await second.goto(editUrl);
  await first.getByTestId('ed-purpose').fill('Purpose written in the first window.');
  await expect(first.getByTestId('save-status')).toContainText('Saved at', { timeout: 15_000 });

  await second.getByTestId('ed-purpose').fill('Purpose written in the second window.');
  await expect(second.getByTestId('conflict')).toBeVisible({ timeout: 15_000 });
  await expect(second.getByTestId('conflict-theirs')).toContainText('Purpose written in the first window.');
  await expect(second.getByTestId('conflict-mine')).toContainText('Purpose written in the second window.');
  await second.screenshot({ path: 'test-results/screens/conflict.png', fullPage: true });
  await second.getByTestId('keep-mine').click();
  await expect(second.getByTestId('save-status')).toContainText('Saved at');

  const check = await first.context().newPage();
  await check.goto(editUrl.replace(/\/edit$/, ''));
  await expect(check.getByTestId('sop-html')).toContainText('Purpose written in the second window.');
});

test('with AI processing off the offline drafter writes the draft, labelled offline', async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, slug } = await newOwnerWithOrg(browser, 'offline');
  await page.goto(`/o/${slug}/settings`);
  await page.screenshot({ path: 'test-results/screens/settings.png', fullPage: true });
  await page.getByTestId('ai-allowed').uncheck();
  await page.getByTestId('document-settings-form').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('document-settings-form').getByTestId('form-notice')).toContainText('saved');
  await startDraft(page, slug, 'Receiving raw materials');
  await expect(page.getByTestId('ai-mode')).toContainText('Offline draft');
  await page.getByRole('button', { name: 'Create offline draft' }).click();
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  await expect(page.getByTestId('sop-html')).toContainText('QA verifies with an ATP swab');
});

test('hundreds of XSS payloads in titles, model-shaped content and manual edits render as text: no script runs', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, slug } = await newOwnerWithOrg(browser, 'xss');
  await page.addInitScript(() => {
    const w = window as unknown as { __xss: string[] };
    w.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => void w.__xss.push(`${name}(${args.join(',')})`);
    }
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const payloads = loadXssPayloads();
  expect(payloads.length).toBeGreaterThan(300);
  // Every payload carries some text, so no field is empty once invisible control characters are removed.
  const text = (p: string) => `x ${p}`.slice(0, 3900);
  const steps = Array.from({ length: Math.ceil(payloads.length / 30) }, (_, i) => {
    const chunk = payloads.slice(i * 30, i * 30 + 30);
    return { text: text(chunk[0]!), callouts: [{ kind: 'warning', text: text(chunk[1] ?? '') }], substeps: chunk.slice(2).map((p) => ({ text: text(p), callouts: [], substeps: [] })) };
  });
  const content = {
    titleBlock: { title: text(payloads[0]!).slice(0, 290), documentNumber: '', department: 'QA' },
    purpose: text(payloads.slice(0, 20).join(' ')),
    scope: text(payloads[5]!),
    responsibilities: payloads.slice(0, 20).map((p) => ({ role: text(p).slice(0, 290), duties: text(p) })),
    definitions: payloads.slice(20, 50).map((p) => ({ term: text(p).slice(0, 290), definition: text(p) })),
    materialsAndEquipment: payloads.slice(50, 110).map((p) => text(p).slice(0, 290)),
    healthAndSafety: { cautions: payloads.slice(110, 130).map(text), ppe: payloads.slice(130, 150).map((p) => text(p).slice(0, 290)) },
    procedure: steps,
    records: payloads.slice(150, 180).map((p) => ({ name: text(p).slice(0, 290), retention: text(p).slice(0, 190) })),
    references: [{ framework: 'HACCP', clause: 'HACCP-P4' }],
    revisionHistory: [],
  };
  let res = await page.request.post(`/api/v1/orgs/${slug}/sops`, { data: { title: text(payloads[3]!).slice(0, 290), content } });
  expect(res.status(), await res.text()).toBe(201);
  const { sop } = (await res.json()) as { sop: { id: string; title: string; draftRevision: number } };
  // Stored as typed: the payloads are text, not markup to be removed.
  expect(sop.title).toBe(text(payloads[3]!).slice(0, 290));
  // A second version, so the history page shows a diff of payloads too.
  res = await page.request.patch(`/api/v1/orgs/${slug}/sops/${sop.id}`, { headers: { 'if-match': `"r${sop.draftRevision}"` }, data: { content: { ...content, purpose: text(payloads.slice(20, 40).join(' ')) } } });
  expect(res.status(), await res.text()).toBe(200);
  res = await page.request.post(`/api/v1/orgs/${slug}/sops/${sop.id}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: text(payloads[7]!).slice(0, 900) } });
  expect(res.status(), await res.text()).toBe(201);

  for (const path of [`/o/${slug}/sops/${sop.id}/edit`, `/o/${slug}/sops`, `/o/${slug}/sops/${sop.id}/history`]) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss), path).toEqual([]);
  }
  // The text is shown as typed (escaped), on the list, in the diff and in the document.
  await page.goto(`/o/${slug}/sops`);
  await expect(page.getByRole('link', { name: sop.title })).toBeVisible();
  await page.goto(`/o/${slug}/sops/${sop.id}/history`);
  const printable = payloads.slice(20, 40).find((p) => /^[\x21-\x7e][\x20-\x7e]*$/.test(p) && p.includes('<'))!;
  await expect(page.getByTestId('diff')).toContainText(printable);
  await page.goto(`/o/${slug}/sops/${sop.id}`);
  await expect(page.getByTestId('sop-html')).toContainText('x ');
  await expect(page.getByTestId('sop-html').locator('h1')).toHaveText(text(payloads[0]!).slice(0, 290));
  expect(payloads[0]).toBe('<script>alert(1)</script>');
  const found = await page.evaluate(() => {
    const root = document.querySelector('[data-test="sop-html"]')!;
    const bad: string[] = [];
    for (const el of root.querySelectorAll('*')) {
      if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'STYLE', 'LINK', 'META', 'BASE', 'FORM', 'IMG', 'A', 'INPUT', 'BUTTON'].includes(el.tagName.toUpperCase())) bad.push(el.tagName);
      for (const a of el.attributes) if (!['class', 'data-section'].includes(a.name)) bad.push(`${el.tagName}[${a.name}]`);
    }
    return { bad, fired: (window as unknown as { __xss: string[] }).__xss };
  });
  expect(found.bad).toEqual([]);
  expect(found.fired).toEqual([]);
  expect(dialogs).toEqual([]);
});

test('the API reference is public: /api/v1/openapi.json and its rendering at /docs/api', async ({ page, request }) => {
  const res = await request.get('/api/v1/openapi.json');
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toContain('/orgs/{org}/sops/generate');
  await page.goto('/docs/api');
  await expect(page.getByRole('heading', { name: 'API reference' })).toBeVisible();
  await expect(page.getByTestId('api-endpoint').filter({ hasText: '/orgs/{org}/sops/generate' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/api-docs.png', fullPage: false });
});

test('Export: the SOP page and the history download a valid .docx with a safe name; Export all gives a .zip', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, slug } = await newOwnerWithOrg(browser, 'export');
  const title = 'Line clearance "Lot A/B" ✓ — فحص';
  await startDraft(page, slug, title);
  await page.getByTestId('generate-submit').click();
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-docx').click()]);
  const name = download.suggestedFilename();
  expect(name).toMatch(/^SOP-0001 Line clearance .*\.docx$/);
  expect(name).not.toMatch(/[/\\"]/);
  const file = await download.path();
  const bytes = readFileSync(file!);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  if (soffice) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-docx-'));
    const docx = path.join(dir, 'export.docx');
    copyFileSync(file!, docx);
    execFileSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'txt:Text', '--outdir', dir, docx], { timeout: 90_000 });
    const text = readFileSync(path.join(dir, 'export.txt'), 'utf8');
    expect(text).toContain('SOP-0001');
    expect(text).toContain('applies lockout/tagout');
  } else {
    console.warn('!! LibreOffice not installed: the exported .docx was checked as a zip only (CI installs libreoffice-writer).');
  }

  await page.getByTestId('history-link').click();
  const [older] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-version').first().click()]);
  expect(older.suggestedFilename()).toMatch(/\.docx$/);

  await page.goto(`/o/${slug}/sops`);
  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulk-export').click()]);
  expect(zip.suggestedFilename()).toMatch(/\.zip$/);
  await expect(page.getByTestId('bulk-export-done')).toHaveText('Exported 1 SOP.');
  const zipBytes = readFileSync((await zip.path())!);
  expect(zipBytes.subarray(0, 2).toString()).toBe('PK');
  expect(zipBytes.includes(Buffer.from('SOP-0001'))).toBe(true);
});

test('Improve this section: Claude rewrites one section from an instruction, saved as a new version', async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, slug } = await newOwnerWithOrg(browser, 'improve');
  await startDraft(page, slug, 'Pallet wrapping');
  await page.getByTestId('generate-submit').click();
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });
  await page.getByTestId('edit-sop').click();
  await page.getByTestId('improve-purpose').click();
  await page.getByLabel(/Improve “Purpose” with Claude/).fill('Say why wrapping matters for load stability');
  await page.getByTestId('improve-run').click();
  await expect(page.getByTestId('ed-purpose')).toHaveValue('Rewritten as asked: Say why wrapping matters for load stability', { timeout: 30_000 });
  await expect(page.getByTestId('improve-panel')).toHaveCount(0);
  await page.goto(`/o/${slug}/sops`);
  await page.getByRole('link', { name: 'Pallet wrapping' }).click();
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.2');
  await expect(page.getByTestId('sop-html')).toContainText('Rewritten as asked');
});

test('the procedure is edited as rich text: Enter adds a step, Tab nests it, callouts from the toolbar', async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, slug } = await newOwnerWithOrg(browser, 'richtext');
  await startDraft(page, slug, 'Bottle inspection');
  await page.getByTestId('generate-submit').click();
  await expect(page.getByTestId('version-label')).toHaveText('Version 0.1', { timeout: 30_000 });
  await page.getByTestId('edit-sop').click();
  const procedure = page.getByTestId('ed-procedure');
  await expect(procedure.locator(':scope > ol > li')).toHaveCount(5);
  await procedure.locator(':scope > ol > li').last().locator('p').first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Sign the sanitation log');
  await page.keyboard.press('Tab');
  await page.getByTestId('add-warning').click();
  await page.keyboard.type('Use a pen, never a pencil');
  await expect(page.getByTestId('save-status')).toContainText('Saved at', { timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screens/editor-procedure.png', fullPage: true });
  await page.goto(new URL(page.url()).pathname.replace(/\/edit$/, ''));
  const html = page.getByTestId('sop-html');
  await expect(html).toContainText('5.1 Sign the sanitation log');
  await expect(html.locator('.callout-warning').filter({ hasText: 'Use a pen, never a pencil' })).toHaveCount(1);
});

test('the editor nests steps at most 5 levels deep (1.1.1.1.1): Tab and "Make sub-step" stop there', async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, slug } = await newOwnerWithOrg(browser, 'nesting');
  const content = sopContent({ titleBlock: { title: 'Nesting limit', documentNumber: '', department: '' }, procedure: [{ text: 'Top', callouts: [], substeps: [] }] });
  const res = await page.request.post(`/api/v1/orgs/${slug}/sops`, { data: { title: 'Nesting limit', content } });
  expect(res.status(), await res.text()).toBe(201);
  const { sop } = (await res.json()) as { sop: { id: string } };
  await page.goto(`/o/${slug}/sops/${sop.id}/edit`);
  const procedure = page.getByTestId('ed-procedure');
  await procedure.locator('p').first().click();
  await page.keyboard.press('End');
  // Each round: a new step below, then Tab makes it the first sub-step of the one above.
  for (const label of ['A', 'B', 'C', 'D', 'E']) {
    await page.keyboard.press('Enter');
    await page.keyboard.type(label);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type(' stays');
  await page.getByRole('button', { name: 'Make sub-step' }).click();
  await expect(procedure).toBeFocused();
  await page.keyboard.type(' put');
  await expect(page.getByTestId('save-status')).toContainText('Saved at', { timeout: 15_000 });
  await page.goto(`/o/${slug}/sops/${sop.id}`);
  const html = page.getByTestId('sop-html');
  await expect(html).toContainText('1.1.1.1.1 D');
  await expect(html).toContainText('1.1.1.1.2 E stays put');
  await expect(html).not.toContainText('1.1.1.1.1.1');
});
