/**
 * "My tasks" and the revision history in Chromium against the production build, with two
 * people: Ada (owner, who drafts) and Ben (approver). What can be reached without the submit
 * route (the signing ceremony's pages, built separately): Ben's My tasks tab and page with
 * nothing to sign (empty state, no count), the same through the API, the organization list
 * without tasks, and Ada's History page listing the saved versions with their state and the
 * link to each version's page, the versions API carrying state and revision label.
 * Once `POST …/versions/{versionId}/submit` exists, extend this: Ada submits to Ben, Ben sees
 * the task (count badge, row, link), signs, and the History shows revision 1.0 with both
 * signatures.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg, joinAs } from './support/orgs';

test('My tasks: an approver with nothing to sign sees the empty state and no count; the History lists saved versions with state and version links', async ({ browser }) => {
  test.setTimeout(120_000);
  const adaCtx = await browser.newContext();
  const ada = await adaCtx.newPage();
  const adaEmail = uniqueEmail('tasks-ada');
  await signUpAndConfirm(ada, adaEmail, 'Ada Author');
  const slug = await createOrg(ada, `Tasks ${adaEmail.slice(10, 18)}`);
  const org = `/api/v1/orgs/${slug}`;

  let res = await ada.request.post(`${org}/sops`, { data: { title: 'Allergen changeover', content: sopContent() } });
  expect(res.status(), await res.text()).toBe(201);
  const { sop } = (await res.json()) as { sop: { id: string } };
  res = await ada.request.post(`${org}/sops/${sop.id}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: 'First version for review' } });
  expect(res.status(), await res.text()).toBe(201);
  const { version } = (await res.json()) as { version: { id: string } };

  // The versions API carries each version's document-control state, beside the fields it always had.
  res = await ada.request.get(`${org}/sops/${sop.id}/versions`);
  expect(res.status()).toBe(200);
  // (Creating the SOP with content saved 0.1; the save above is 0.2.)
  expect(((await res.json()) as { versions: unknown[] }).versions).toEqual([
    expect.objectContaining({ id: version.id, label: '0.2', changeSummary: 'First version for review', authorName: 'Ada Author', state: 'draft', revisionLabel: null }),
    expect.objectContaining({ label: '0.1', state: 'draft', revisionLabel: null }),
  ]);

  // Ben, an approver, has nothing waiting: the tab has no count, the page says so, and so does the API.
  const ben = await joinAs(browser, ada, org, uniqueEmail('tasks-ben'), 'approver', 'Ben Approver');
  await ben.goto(`/o/${slug}`);
  const tab = ben.getByRole('link', { name: 'My tasks' });
  await expect(tab).toBeVisible();
  await expect(tab.getByTestId('count-badge')).toHaveCount(0);
  await tab.click();
  await expect(ben).toHaveURL(new RegExp(`/o/${slug}/tasks$`));
  await expect(ben.getByRole('heading', { name: 'My tasks' })).toBeVisible();
  await expect(ben.getByTestId('tasks-empty')).toContainText('Nothing waits for you');
  await expect(ben.getByTestId('task-list')).toHaveCount(0);
  const axe = await new AxeBuilder({ page: ben }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await ben.screenshot({ path: 'test-results/screens/tasks-empty.png', fullPage: true });
  res = await ben.request.get(`${org}/tasks`);
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ tasks: [] });
  await ben.goto('/o');
  await expect(ben.getByTestId('org-list')).toBeVisible();
  await expect(ben.getByTestId('tasks-per-org')).toHaveCount(0);

  // Ada's History: nothing submitted yet, the saved version with its state and a link to its page.
  await ada.goto(`/o/${slug}/sops/${sop.id}/history`);
  await expect(ada.getByRole('region', { name: 'Revision history' }).getByTestId('revisions-empty')).toContainText('No version of this SOP has been submitted');
  await expect(ada.getByTestId('version-list').locator('tbody tr')).toHaveCount(2);
  const row = ada.getByTestId('version-list').locator('tbody tr').first();
  await expect(row).toContainText('0.2');
  await expect(row.getByTestId('version-state')).toHaveText('Draft');
  await expect(row.getByTestId('version-page-link')).toHaveAttribute('href', `/o/${slug}/sops/${sop.id}/versions/${version.id}`);
  await ada.screenshot({ path: 'test-results/screens/tasks-history-draft.png', fullPage: true });

  for (const ctx of [adaCtx, ben.context()]) await ctx.close();
});
