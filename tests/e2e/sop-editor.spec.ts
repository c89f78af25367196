/**
 * The editor's save loop in Chromium where sops.spec.ts does not go: taking their text after a
 * conflict, and text typed while the server was unreachable coming back from this browser; and
 * a step's warning, typed above the step, printed before it on the SOP page and in Word, with
 * long unbroken names wrapping on the way.
 */
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg } from './support/orgs';

const CONTENT = sopContent({
  titleBlock: { title: 'Allergen changeover', documentNumber: '', department: 'Production' },
  purpose: 'Prevent allergen cross-contact between product runs.',
  scope: 'Line 3.',
  responsibilities: [{ role: 'Operator', duties: 'Cleans the line.' }],
  procedure: [{ text: 'Remove all product from the line.', callouts: [], substeps: [] }],
});

async function openEditor(page: Page, prefix: string) {
  const email = uniqueEmail(prefix);
  await signUpAndConfirm(page, email);
  const slug = await createOrg(page, `Editor ${email.slice(prefix.length + 1, prefix.length + 9)}`);
  const api = `/api/v1/orgs/${slug}/sops`;
  const res = await page.request.post(api, { data: { title: CONTENT.titleBlock.title, content: CONTENT } });
  expect(res.status()).toBe(201);
  const { sop } = (await res.json()) as { sop: { id: string } };
  await page.goto(`/o/${slug}/sops/${sop.id}/edit`);
  return { url: `${api}/${sop.id}`, etag: res.headers()['etag']! };
}

test('after a conflict, “Use their text” puts their text in the form and saves nothing of mine', async ({ page }) => {
  test.setTimeout(90_000);
  const { url, etag } = await openEditor(page, 'theirs');
  // Someone else saves first.
  const res = await page.request.patch(url, { headers: { 'if-match': etag }, data: { content: { ...CONTENT, purpose: 'Their purpose, saved first.' } } });
  expect(res.status()).toBe(200);

  await page.getByTestId('ed-purpose').fill('My purpose, typed later.');
  await expect(page.getByTestId('conflict')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('take-theirs').click();
  await expect(page.getByTestId('conflict')).toHaveCount(0);
  await expect(page.getByTestId('ed-purpose')).toHaveValue('Their purpose, saved first.');
  await expect(page.getByTestId('save-status')).toContainText('Saved at');

  // Their text stays, and the next edit saves against their revision without a new conflict.
  await page.getByLabel('Scope').fill('Lines 3 and 4.');
  await expect(page.getByTestId('save-status')).toContainText('Saved at', { timeout: 15_000 });
  const saved = (await (await page.request.get(url)).json()) as { sop: { draftContent: typeof CONTENT } };
  expect(saved.sop.draftContent).toMatchObject({ purpose: 'Their purpose, saved first.', scope: 'Lines 3 and 4.' });
});

test('text typed while the server is unreachable is kept in this browser and restored on reopening', async ({ page }) => {
  test.setTimeout(90_000);
  const { url } = await openEditor(page, 'offline');
  await page.route('**/api/v1/orgs/*/sops/*', (route) => (route.request().method() === 'PATCH' ? route.abort() : route.continue()));
  await page.getByTestId('ed-purpose').fill('Typed while the network was down.');
  await expect(page.getByTestId('save-status')).toContainText('Not saved: the server cannot be reached', { timeout: 15_000 });

  // Reopened in the same browser (a new tab: the old one would ask before leaving unsaved text).
  const again = await page.context().newPage();
  await again.goto(page.url());
  await page.close();
  await expect(again.getByText('Restored text from this browser')).toBeVisible();
  await expect(again.getByTestId('ed-purpose')).toHaveValue('Typed while the network was down.');
  await expect(again.getByTestId('save-status')).toContainText('Saved at', { timeout: 15_000 });
  const saved = (await (await again.request.get(url)).json()) as { sop: { draftContent: typeof CONTENT } };
  expect(saved.sop.draftContent.purpose).toBe('Typed while the network was down.');
});

test('a warning added to a step sits above it in the editor, on the SOP page and in Word; long names wrap; the current tab is marked', async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('callout');
  const unique = email.slice('callout'.length + 1, 'callout'.length + 9);
  const longName = `Maximiliana${'x'.repeat(60)}Featherstonehaugh`;
  await signUpAndConfirm(page, email, longName);
  const orgName = `N${unique}orthfield${'o'.repeat(102)}`;
  const slug = await createOrg(page, orgName);
  const title = `Allergen${'changeover'.repeat(11)}${unique}`.slice(0, 120);
  const res = await page.request.post(`/api/v1/orgs/${slug}/sops`, { data: { title, content: { ...CONTENT, titleBlock: { ...CONTENT.titleBlock, title } } } });
  expect(res.status()).toBe(201);
  const { sop } = (await res.json()) as { sop: { id: string } };
  await page.goto(`/o/${slug}/sops/${sop.id}/edit`);

  // The cursor in the step, "+ Warning": a callout above the step text, inside the step, with the cursor in it.
  const editor = page.getByTestId('ed-procedure');
  await editor.getByText('Remove all product from the line.').click();
  await page.getByTestId('add-warning').click();
  await page.keyboard.type('Allergen dust can cause severe reactions.');
  // Enter goes to the step text, at its start.
  await page.keyboard.press('Enter');
  await page.keyboard.type('First, ');
  // An empty note, then Backspace: it goes again, and nothing else changes.
  await page.getByTestId('add-note').click();
  await page.keyboard.press('Backspace');
  const item = editor.locator('li').first();
  expect(await item.evaluate((li) => Array.from(li.children, (c) => `${c.tagName}:${c.textContent}`))).toEqual([
    'ASIDE:Allergen dust can cause severe reactions.',
    'P:First, Remove all product from the line.',
  ]);
  // A reference with the reason it applies.
  await page.getByLabel('Add a reference').selectOption({ label: '11.10 — Controls for closed systems' });
  await page.getByTestId('ref-reason').fill('Step 1 controls allergen cross-contact.');
  await expect(page.getByTestId('save-status')).toContainText('Saved at', { timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screens/callouts-editor.png', fullPage: true });
  await page.getByLabel('Save as a new version').fill('Allergen warning before step 1');
  await page.getByTestId('save-version').click();
  await expect(page.getByTestId('version-message')).toBeVisible({ timeout: 15_000 });

  // The SOP page: the warning box before the step's number and text.
  await page.goto(`/o/${slug}/sops/${sop.id}`);
  const step = page.getByTestId('sop-html').locator('li.sop-step').first();
  expect(await step.evaluate((li) => Array.from(li.children, (c) => c.className))).toEqual(['callout callout-warning', 'sop-step-text']);
  await expect(step.locator('aside')).toHaveText('WARNING Allergen dust can cause severe reactions.');
  await expect(step.locator('p')).toHaveText('1 First, Remove all product from the line.');
  await expect(page.getByTestId('sop-html')).toContainText('Why it applies: Step 1 controls allergen cross-contact.');
  // Long unbroken names stay inside the page, at desktop and phone widths.
  const overflows = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(await overflows()).toBe(false);
  await page.screenshot({ path: 'test-results/screens/callouts-sop-page-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  expect(await overflows()).toBe(false);
  await page.screenshot({ path: 'test-results/screens/callouts-sop-page-390.png', fullPage: true });
  await expect(page.getByTestId('org-tabs').getByRole('link', { name: 'SOPs' })).toHaveAttribute('aria-current', 'page');
  await page.goto(`/o/${slug}/sops`);
  expect(await overflows()).toBe(false);
  await page.screenshot({ path: 'test-results/screens/callouts-sop-list-390.png', fullPage: true });
  await page.goto(`/o/${slug}`);
  expect(await overflows()).toBe(false);
  await expect(page.getByTestId('org-tabs').getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('org-tabs').getByRole('link', { name: 'SOPs' })).not.toHaveAttribute('aria-current', 'page');
  // Recent activity in words, with the person's name.
  await expect(page.getByTestId('audit-list')).toContainText(`${longName} saved SOP-0001 “${title}” version 0.2`);
  await page.screenshot({ path: 'test-results/screens/callouts-overview-390.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.reload();
  expect(await overflows()).toBe(false);
  await page.screenshot({ path: 'test-results/screens/callouts-overview-1280.png', fullPage: true });

  // Word: the WARNING box comes before the step's text, and the reference says why it applies.
  const docx = await page.request.get(`/api/v1/orgs/${slug}/sops/${sop.id}/export.docx`);
  expect(docx.status()).toBe(200);
  const xml = strFromU8(unzipSync(new Uint8Array(await docx.body()))['word/document.xml']!);
  const warning = xml.indexOf('Allergen dust can cause severe reactions.');
  expect(xml.lastIndexOf('WARNING: ', warning)).toBeGreaterThan(0);
  expect(warning).toBeLessThan(xml.indexOf('First, Remove all product from the line.'));
  expect(xml).toContain('Why it applies');
  expect(xml).toContain('Step 1 controls allergen cross-contact.');
});
