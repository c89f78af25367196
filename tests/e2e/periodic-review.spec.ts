/**
 * Periodic review in the browser (the clock is never moved here: tests/db/periodic-review.test.ts
 * covers due dates and reminders): an owner sets a SOP's interval, signs "Reviewed, no change"
 * with their password and sees the next review date and the history; the organization default
 * on the settings page; the SOP list's Next review column, filter and sort; and the API's
 * refusals (403 role, 401 password, 400 input, 409 exempt). With SHOTS_DIR set, screenshots of
 * the panel, the ceremony, the settings and the list at 1280 and 390 px go there.
 */
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signUpAndConfirm, uniqueEmail } from './support/auth';
import { createOrg, joinAs } from './support/orgs';
import { memberId, sopWithVersion } from './support/signing';

const shots = process.env.SHOTS_DIR;
async function shoot(page: Page, name: string, testId?: string) {
  if (!shots) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (testId) await page.getByTestId(testId).screenshot({ path: `${shots}/review-${name}-${width}.png` });
    else await page.screenshot({ path: `${shots}/review-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('periodic review: set the interval, sign "Reviewed, no change", see the next date and the history; the default in settings; the list', async ({ browser }) => {
  test.setTimeout(240_000);
  const owner = await (await browser.newContext()).newPage();
  const ownerEmail = uniqueEmail('prowner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Review ${ownerEmail.slice(8, 16)}`);
  const org = `/api/v1/orgs/${slug}`;
  const approverEmail = uniqueEmail('prapprover');
  const approver = await joinAs(browser, owner, org, approverEmail, 'approver', 'Paul Approver');
  const approverId = await memberId(owner, org, approverEmail);

  const effective = async (title: string) => {
    const s = await sopWithVersion(owner, org, title);
    let res = await owner.request.post(`${s.versionUrl}/submit`, { data: { revisionKind: 'major', reason: 'First issue', reviewers: [], approvers: [approverId], password: PASSWORD } });
    expect(res.status(), await res.text()).toBe(200);
    res = await approver.request.post(`${s.versionUrl}/signatures`, { data: { meaning: 'approved', password: PASSWORD } });
    expect(res.status(), await res.text()).toBe(201);
    return s;
  };
  const a = await effective('Line clearance');
  const b = await effective('Allergen change-over');

  // The panel: the organization default, not due; no review yet.
  await owner.goto(`/o/${slug}/sops/${a.sopId}`);
  const panel = owner.getByTestId('review-panel');
  await expect(panel.getByTestId('review-interval')).toHaveText('Every 24 months (organization default)');
  await expect(panel.getByTestId('review-badge')).toHaveText('Not due');
  await expect(panel.getByTestId('review-history-empty')).toBeVisible();
  await shoot(owner, 'panel', 'review-panel');

  // Every 6 months, set for this SOP.
  await panel.getByTestId('review-change-interval').click();
  await panel.getByTestId('interval-months').click();
  await panel.getByTestId('interval-months-input').fill('6');
  await shoot(owner, 'interval-form', 'review-panel');
  await panel.getByTestId('interval-save').click();
  await expect(panel.getByTestId('form-notice')).toContainText('Saved: reviewed every 6 months.');
  await expect(panel.getByTestId('review-interval')).toHaveText('Every 6 months (set for this SOP)');

  // Reviewed, no change: the ceremony with its statement, a wrong password first.
  await panel.getByTestId('review-no-change').click();
  const ceremony = panel.getByTestId('review-ceremony');
  await expect(ceremony.getByTestId('signature-statement')).toContainText('still correct and needs no change');
  await expect(ceremony.getByTestId('signing-as')).toContainText('Olga Owner');
  await ceremony.getByTestId('review-comment').fill('Checked against the new line layout');
  await ceremony.getByTestId('sign-password').fill('not my password');
  await ceremony.getByTestId('review-sign-submit').click();
  await expect(ceremony.getByTestId('sign-error')).toHaveAttribute('data-status', '401');
  await ceremony.getByTestId('sign-password').fill(PASSWORD);
  await shoot(owner, 'ceremony', 'review-panel');
  await ceremony.getByTestId('review-sign-submit').click();
  await expect(panel.getByTestId('form-notice')).toContainText('Signed: reviewed, no change. The next periodic review is due on');

  const { schedule, reviews } = (await (await owner.request.get(`${a.sopUrl}/periodic-reviews`)).json()) as {
    schedule: { dueDate: string; lastReviewedAt: string; nextReviewAt: string; state: string };
    reviews: { signerName: string; comment: string; reviewedAt: string }[];
  };
  const expected = new Date(reviews[0]!.reviewedAt);
  expected.setUTCMonth(expected.getUTCMonth() + 6);
  expect(schedule.dueDate).toBe(expected.toISOString().slice(0, 10));
  expect(reviews).toEqual([expect.objectContaining({ signerName: 'Olga Owner', comment: 'Checked against the new line layout' })]);
  await owner.reload();
  await expect(panel.getByTestId('review-due-date')).toHaveText(schedule.dueDate);
  await expect(panel.getByTestId('review-last')).toContainText('Olga Owner');
  await expect(panel.getByTestId('review-history-row')).toHaveCount(1);
  await expect(panel.getByTestId('review-history-name')).toHaveText('Olga Owner');
  await expect(panel.getByTestId('review-history-comment')).toHaveText('“Checked against the new line layout”');
  await expect(panel.getByTestId('review-start-revision')).toHaveAttribute('href', `/o/${slug}/sops/${a.sopId}/edit`);
  await shoot(owner, 'panel-reviewed', 'review-panel');

  // The organization default: 12 months, training within 10 days; B follows it.
  await owner.goto(`/o/${slug}/settings`);
  const settings = owner.getByTestId('review-settings-form');
  await settings.getByTestId('settings-review-months').fill('12');
  await settings.getByTestId('settings-training-days').fill('10');
  await settings.getByTestId('settings-review-save').click();
  await expect(settings.getByTestId('form-notice')).toContainText('every 12 months; training is due within 10 days');
  await shoot(owner, 'settings', 'review-settings-form');
  await owner.goto(`/o/${slug}/sops/${b.sopId}`);
  await expect(panel.getByTestId('review-interval')).toHaveText('Every 12 months (organization default)');

  // The list: the Next review column, soonest first; nothing overdue or due within 30 days here.
  await owner.goto(`/o/${slug}/sops?sort=next_review`);
  const rows = owner.getByTestId('sop-list').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Line clearance');
  await expect(rows.nth(0).getByTestId('next-review')).toContainText(schedule.dueDate);
  await expect(rows.nth(1)).toContainText('Allergen change-over');
  await expect(rows.nth(1).getByTestId('review-badge')).toHaveText('Not due');
  await shoot(owner, 'list');
  await owner.getByLabel('Periodic review').selectOption('overdue');
  await owner.getByRole('button', { name: 'Filter' }).click();
  await expect(owner).toHaveURL(/review=overdue/);
  await expect(owner.getByTestId('sops-empty')).toContainText('No SOP matches these filters.');
  await owner.goto(`/o/${slug}/sops?review=due30`);
  await expect(owner.getByTestId('sops-empty')).toBeVisible();

  // The API's refusals.
  let res = await approver.request.put(`${b.sopUrl}/review-interval`, { data: { months: 6 } });
  expect(res.status(), await res.text()).toBe(403);
  res = await approver.request.post(`${b.sopUrl}/periodic-reviews`, { data: { password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(403);
  res = await owner.request.put(`${b.sopUrl}/review-interval`, { data: { months: 0 } });
  expect(res.status()).toBe(400);
  res = await owner.request.put(`${b.sopUrl}/review-interval`, { data: { months: 6, exemptReason: 'both' } });
  expect(res.status()).toBe(400);
  res = await owner.request.post(`${b.sopUrl}/periodic-reviews`, { data: { password: 'wrong password' } });
  expect(res.status()).toBe(401);
  res = await owner.request.put(`${b.sopUrl}/review-interval`, { data: { months: null, exemptReason: 'Kept for reference only' } });
  expect(res.status(), await res.text()).toBe(200);
  expect(((await res.json()) as { schedule: { nextReviewAt: string | null; exemptReason: string } }).schedule).toMatchObject({ nextReviewAt: null, exemptReason: 'Kept for reference only' });
  res = await owner.request.post(`${b.sopUrl}/periodic-reviews`, { data: { password: PASSWORD } });
  expect(res.status()).toBe(409);
  await owner.goto(`/o/${slug}/sops/${b.sopId}`);
  await expect(panel.getByTestId('review-interval')).toContainText('No periodic review');
  await expect(panel.getByTestId('review-exempt-reason')).toHaveText('Reason: Kept for reference only');
  await shoot(owner, 'panel-exempt', 'review-panel');
});
