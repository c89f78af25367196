/**
 * Issue 15's "done means", in Chromium against the production build, moving the database
 * clock (POST /api/test/clock; this file runs in the `clock` project, after every other spec,
 * alone):
 *   1. Ada (owner) puts Olga and Oscar (viewers) in the department Packaging on the Members
 *      page and assigns a Packaging SOP to that department on its Training panel;
 *   2. revision 1.0 becomes effective (submitted by Ada, approved by Ben) → both get a
 *      read-and-understood task; Olga (with an authenticator app) signs it on the SOP page with
 *      her password and code; the training matrix shows her Current and Oscar Pending;
 *   3. the clock moves 40 days on and the scheduled job runs (twice): Oscar is Overdue in the
 *      matrix, the SOP (reviewed monthly) is in the list's overdue reviews, and Ada gets the
 *      escalation emails, once;
 *   4. the clock goes back, revision 2.0 becomes effective, and "as of" a moment between the
 *      two revisions shows 1.0 with its approver, who had acknowledged it and who had not.
 * Screenshots: test-results/screens/journey15-*.png.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { enrollTotp, PASSWORD, signUpAndConfirm, totp, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg, joinAs, upgradeToPro } from './support/orgs';
import { mailTo, makeEffective, memberId, sopWithVersion } from './support/signing';

const SHOTS = 'test-results/screens';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/journey15-${name}.png`, fullPage: true });
const DAY = 24 * 3600;

async function moveClock(page: Page, seconds: number) {
  const res = await page.request.post('/api/test/clock', { data: { seconds } });
  expect(res.status(), await res.text()).toBe(200);
}

async function runJobs(page: Page) {
  const res = await page.request.post('/api/jobs/run', { headers: { Authorization: `Bearer ${process.env.E2E_CRON_SECRET}` } });
  expect(res.status(), await res.text()).toBe(200);
}

const subjects = async (email: string) => (await mailTo(email)).map((m) => m.subject);

test.afterEach(async ({ request }) => {
  await request.post('/api/test/clock', { data: { seconds: 0 } });
});

test('training per major revision, overdue and escalation as the clock passes the due dates, and what was in effect between two revisions', async ({ browser }) => {
  test.setTimeout(300_000);
  mkdirSync(SHOTS, { recursive: true });
  const ada = await (await browser.newContext()).newPage();
  const adaEmail = uniqueEmail('j15-ada');
  await signUpAndConfirm(ada, adaEmail, 'Ada Owner');
  const orgName = `Packhouse ${adaEmail.slice(7, 15)}`;
  const slug = await createOrg(ada, orgName);
  const org = `/api/v1/orgs/${slug}`;
  await upgradeToPro(ada, slug);
  const benEmail = uniqueEmail('j15-ben');
  const ben = await joinAs(browser, ada, org, benEmail, 'approver', 'Ben Approver');
  const olgaEmail = uniqueEmail('j15-olga');
  const olga = await joinAs(browser, ada, org, olgaEmail, 'viewer', 'Olga Operator');
  const oscarEmail = uniqueEmail('j15-oscar');
  await joinAs(browser, ada, org, oscarEmail, 'viewer', 'Oscar Operator');
  const olgaSecret = await enrollTotp(olga);
  const benId = await memberId(ada, org, benEmail);

  // 1. Departments on the Members page, then the SOP assigned to its department.
  const { sopId, versionUrl, sopUrl } = await sopWithVersion(ada, org, 'Line clearance', 'Packaging');
  await ada.goto(`/o/${slug}/members`);
  for (const email of [olgaEmail, oscarEmail]) {
    const row = ada.getByTestId('member-row').filter({ hasText: email });
    await row.getByTestId('department-input').fill('Packaging');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row).toContainText('Department set to Packaging.');
  }
  await ada.goto(`/o/${slug}/sops/${sopId}`);
  const panel = ada.getByTestId('training-panel');
  await panel.getByTestId('assignment-kind').selectOption('department');
  await panel.getByTestId('assignment-department').fill('Packaging');
  await panel.getByTestId('assignment-add').click();
  await expect(panel.getByTestId('assignment')).toHaveText(['Department: PackagingRemove']);
  // Reviewed every month, so that the review falls due within the journey's 40 days.
  let res = await ada.request.put(`${sopUrl}/review-interval`, { data: { months: 1 } });
  expect(res.status(), await res.text()).toBe(200);

  // 2. Revision 1.0 effective: a task each; Olga signs with password and authenticator code.
  expect(await makeEffective(ada, ben, versionUrl, benId)).toBe('1.0');
  await olga.goto(`/o/${slug}/tasks`);
  await expect(olga.getByTestId('training-task')).toContainText('Line clearance');
  await olga.goto(`/o/${slug}/sops/${sopId}`);
  const ceremony = olga.getByTestId('acknowledge-ceremony');
  await ceremony.getByTestId('sign-password').fill(PASSWORD);
  await ceremony.getByTestId('sign-code').fill(totp(olgaSecret));
  await shot(olga, '1-ceremony');
  await ceremony.getByTestId('acknowledge-submit').click();
  await expect(olga.getByTestId('training-person').filter({ hasText: 'Olga Operator' })).toHaveAttribute('data-status', 'current');
  const acks = (await (await ada.request.get(`${sopUrl}/training`)).json()) as { counts: { current: number; total: number } };
  expect(acks.counts).toMatchObject({ current: 1, total: 2 });

  const cell = (name: string) => ada.getByTestId('matrix-person').filter({ hasText: name }).getByTestId('matrix-cell');
  await ada.goto(`/o/${slug}/training`);
  await expect(cell('Olga Operator')).toHaveAttribute('data-status', 'current');
  await expect(cell('Oscar Operator')).toHaveAttribute('data-status', 'pending');
  await expect(cell('Ben Approver')).toHaveAttribute('data-status', 'not_assigned');
  await shot(ada, '2-matrix');

  // 3. Forty days later: overdue, reminders and escalations, each sent once.
  await moveClock(ada, 40 * DAY);
  await runJobs(ada);
  await runJobs(ada);
  await ada.reload();
  await expect(cell('Oscar Operator')).toHaveAttribute('data-status', 'overdue');
  await expect(cell('Olga Operator')).toHaveAttribute('data-status', 'current');
  await shot(ada, '3-matrix-overdue');
  await ada.goto(`/o/${slug}/sops?review=overdue`);
  await expect(ada.getByRole('link', { name: 'Line clearance' })).toBeVisible();
  await shot(ada, '3-reviews-overdue');
  await expect.poll(() => subjects(adaEmail), { timeout: 15_000 }).toEqual(
    expect.arrayContaining([`Overdue training at ${orgName}: 1 acknowledgement`, `Overdue periodic reviews at ${orgName}: 1 SOP`, expect.stringMatching(/^Periodic review overdue: SOP-\d{4} Line clearance$/)]),
  );
  const toAda = await subjects(adaEmail);
  expect(toAda.filter((s) => s.startsWith('Overdue training at'))).toHaveLength(1);
  expect(toAda.filter((s) => s.startsWith('Overdue periodic reviews at'))).toHaveLength(1);
  const escalation = (await mailTo(adaEmail)).find((m) => m.subject.startsWith('Overdue training at'))!;
  expect(escalation.text).toContain('Oscar Operator');
  expect(escalation.text).not.toContain('Olga Operator');
  expect(escalation.text).toContain(`/o/${slug}/training?status=overdue`);
  expect((await subjects(oscarEmail)).filter((s) => s.startsWith('Overdue: read and understood'))).toHaveLength(1);
  expect((await subjects(olgaEmail)).filter((s) => s.startsWith('Overdue'))).toEqual([]);
  await moveClock(ada, 0);

  // 4. Revision 2.0, then "as of" a moment between 1.0 and 2.0.
  res = await ada.request.get(sopUrl);
  res = await ada.request.patch(sopUrl, { headers: { 'if-match': res.headers()['etag']! }, data: { content: sopContent({ purpose: 'Revised: a second check of the line' }) } });
  expect(res.status(), await res.text()).toBe(200);
  res = await ada.request.post(`${sopUrl}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: 'Adds a second check' } });
  expect(res.status(), await res.text()).toBe(201);
  const v2 = ((await res.json()) as { version: { id: string } }).version.id;
  // Ack and 2.0 more than a second apart, so that a whole second lies between them.
  await expect.poll(() => Date.now(), { timeout: 5_000 }).toBeGreaterThan(Date.now() + 1500);
  expect(await makeEffective(ada, ben, `${sopUrl}/versions/${v2}`, benId)).toBe('2.0');
  const { lifecycle } = (await (await ada.request.get(`${sopUrl}/versions/${v2}/lifecycle`)).json()) as { lifecycle: { effectiveAt: string } };
  const between = new Date(Math.floor(Date.parse(lifecycle.effectiveAt) / 1000) * 1000 - 1000);

  await ada.goto(`/o/${slug}/sops`);
  await ada.getByTestId('as-of-form').getByLabel('As of (UTC)').fill(between.toISOString().slice(0, 19));
  await ada.getByTestId('as-of-submit').click();
  await expect(ada).toHaveURL(/\/sops\/as-of\?at=/);
  const card = ada.getByTestId('as-of-item').filter({ hasText: 'Line clearance' });
  await expect(card.getByTestId('as-of-revision')).toContainText('1.0');
  await expect(card.getByTestId('approvers')).toContainText('Ben Approver');
  await expect(card.getByTestId('acknowledged')).toContainText('Olga Operator');
  await expect(card.getByTestId('not-acknowledged')).toContainText('Oscar Operator');
  await shot(ada, '4-as-of');
  // Today: 2.0 is in effect and both must read it.
  await ada.goto(`/o/${slug}/training`);
  await expect(cell('Olga Operator')).toHaveAttribute('data-status', 'pending');
  await expect(cell('Oscar Operator')).toHaveAttribute('data-status', 'pending');
});
