/**
 * The editor's save loop in Chromium where sops.spec.ts does not go: taking their text after a
 * conflict, and text typed while the server was unreachable coming back from this browser.
 */
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
