/**
 * The overview dashboard in Chromium against the production build: an empty organization
 * shows what to do in each chart; once one SOP is effective (with two people to read it) and
 * another waits for approval, the charts carry those numbers and their links go to the lists
 * behind them (the status bar to the filtered SOP list, the waiting version to its page, the
 * training row to the matrix). WCAG A/AA by axe, no sideways scrolling at 390 px, screenshots
 * at 390 and 1280 px into test-results/screens/dashboard-*.png. The clock is never moved here
 * (review buckets moving with it are tested in tests/db/dashboard.test.ts).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signUpAndConfirm, uniqueEmail } from './support/auth';
import { collectConsoleProblems } from './support/console';
import { createOrg, joinAs } from './support/orgs';
import { memberId, sopWithVersion } from './support/signing';

const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

async function lookAt(page: Page, name: string) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await overflows(page)).toBe(false);
  await page.screenshot({ path: `test-results/screens/dashboard-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await overflows(page)).toBe(false);
  await page.screenshot({ path: `test-results/screens/dashboard-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('overview dashboard: empty states, then SOPs by status, reviews, training and pending approvals with links to the lists behind them', async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await (await browser.newContext()).newPage();
  const problems = collectConsoleProblems(owner);
  const ownerEmail = uniqueEmail('dash-owner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Dashboard ${ownerEmail.slice(11, 19)}`);
  const org = `/api/v1/orgs/${slug}`;

  // An empty organization: each chart says what to do.
  await owner.goto(`/o/${slug}`);
  await expect(owner.getByTestId('status-empty')).toContainText('No SOPs yet');
  await expect(owner.getByTestId('status-empty').getByRole('link', { name: 'Draft the first SOP' })).toHaveAttribute('href', `/o/${slug}/sops/new`);
  await expect(owner.getByTestId('reviews-empty')).toContainText('No SOP is effective yet');
  await expect(owner.getByTestId('training-empty')).toContainText('No SOP is effective yet: training and reviews start when one becomes effective');
  await expect(owner.getByTestId('approvals-empty')).toContainText('Nothing waits for review or approval');
  await expect(owner.getByTestId('headline-training')).toContainText('no SOP effective yet');
  await lookAt(owner, 'empty');

  // One SOP effective (approved by Paul), one submitted and waiting for Paul's approval.
  const approverEmail = uniqueEmail('dash-approver');
  const approver = await joinAs(browser, owner, org, approverEmail, 'approver', 'Paul Approver');
  const approverId = await memberId(owner, org, approverEmail);
  const ownerId = await memberId(owner, org, ownerEmail);
  const submit = async (versionUrl: string) => {
    const res = await owner.request.post(`${versionUrl}/submit`, { data: { revisionKind: 'major', reason: 'First issue', reviewers: [], approvers: [approverId], password: PASSWORD } });
    expect(res.status(), await res.text()).toBe(200);
  };
  const effective = await sopWithVersion(owner, org, 'Line clearance');
  await submit(effective.versionUrl);
  let res = await approver.request.post(`${effective.versionUrl}/signatures`, { data: { meaning: 'approved', password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(201);
  const waiting = await sopWithVersion(owner, org, 'Allergen changeover');
  await submit(waiting.versionUrl);
  // Two people must read the effective SOP: everyone with the approver role, and Olga herself.
  for (const data of [{ kind: 'role', role: 'approver' }, { kind: 'person', userId: ownerId }]) {
    res = await owner.request.post(`${effective.sopUrl}/training-assignments`, { data });
    expect(res.status(), await res.text()).toBe(201);
  }

  await owner.goto(`/o/${slug}`);
  const bar = (chart: string, key: string) => owner.getByTestId(chart).locator(`[data-test="bar"][data-key="${key}"]`);
  await expect(bar('status-bars', 'effective')).toHaveAttribute('data-value', '1');
  await expect(bar('status-bars', 'in_review')).toHaveAttribute('data-value', '1');
  await expect(bar('status-bars', 'draft')).toHaveAttribute('data-value', '0');
  await expect(bar('status-bars', 'in_review').getByRole('link')).toHaveAccessibleName(/^In review\W+1 SOP$/);
  await expect(bar('review-bars', 'later')).toHaveAttribute('data-value', '1');
  await expect(bar('review-bars', 'overdue').getByRole('link')).toHaveAttribute('href', `/o/${slug}/sops?review=overdue`);
  await expect(bar('review-bars', 'due30').getByRole('link')).toHaveAttribute('href', `/o/${slug}/sops?review=due30`);
  const sopRow = owner.getByTestId('training-sop');
  await expect(sopRow).toHaveCount(1);
  await expect(sopRow).toContainText('Line clearance');
  await expect(sopRow.getByTestId('completion')).toHaveText('0% · 0 of 2');
  await expect(sopRow.getByRole('link')).toHaveAttribute('href', `/o/${slug}/training?sop=${effective.sopId}`);
  await expect(sopRow.getByRole('img')).toHaveAccessibleName('Line clearance: 0 of 2 current (0%), 2 pending, 0 overdue');
  await expect(owner.getByTestId('training-department')).toContainText('No department');
  const row = owner.getByTestId('waiting-version');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Allergen changeover');
  await expect(row).toContainText('Waiting for Paul Approver');
  await expect(row.getByTestId('waited')).toHaveText('waiting under an hour');
  await expect(row.getByRole('link')).toHaveAttribute('href', `/o/${slug}/sops/${waiting.sopId}/versions/${waiting.versionId}`);
  await expect(owner.getByTestId('approvals-count')).toHaveText('1 version in review or approval');
  await expect(owner.getByTestId('approvals-count')).toHaveAttribute('href', `/o/${slug}/sops?status=in_review`);
  await expect(owner.getByTestId('headline-approvals')).toContainText('1');
  await expect(owner.getByTestId('audit-list')).toBeVisible();
  await lookAt(owner, 'data');

  // The status bar goes to the list filtered by that status; the waiting version's link to its page.
  await bar('status-bars', 'in_review').getByRole('link').click();
  await expect(owner).toHaveURL(new RegExp(`/o/${slug}/sops\\?status=in_review$`));
  await expect(owner.getByTestId('sop-list')).toContainText('Allergen changeover');
  await expect(owner.getByTestId('sop-list')).not.toContainText('Line clearance');
  await owner.goBack();
  await owner.getByTestId('waiting-version').getByRole('link').click();
  await expect(owner).toHaveURL(new RegExp(`/versions/${waiting.versionId}$`));

  // Keyboard: the first chart link takes focus with a visible ring.
  await owner.goto(`/o/${slug}`);
  await owner.getByTestId('headline-approvals').focus();
  await owner.keyboard.press('Tab');
  const first = bar('status-bars', 'draft').getByRole('link');
  await expect(first).toBeFocused();
  expect(await first.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none');
  expect(problems).toEqual([]);
  await owner.context().close();
  await approver.context().close();
});
