/**
 * Read-and-understood training in Chromium against the production build: Ada (owner) has a SOP
 * made effective (submitted by her, approved by Ben through the API), assigns it to the
 * department Packaging on the SOP page's Training panel, and puts Olga (viewer) in Packaging on
 * the Members page. Olga sees it on My tasks (count badge, "Everything I must read"), gets the
 * email when the jobs run, signs "Read and understood" with her password on the SOP page (a
 * wrong password first: 401, nothing signed) and is Current; Ada's panel counts 1 of 1. The
 * clock is never moved here (overdue and escalation are in tests/db/training.test.ts).
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signUpAndConfirm, uniqueEmail } from './support/auth';
import { createOrg, joinAs } from './support/orgs';
import { mailTo, memberId, sopWithVersion } from './support/signing';

const SHOTS = 'test-results/screens';

async function shots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/training-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('an admin assigns a SOP to a department, a member of it sees it on My tasks, signs it as read and understood and is Current', async ({ browser }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const ada = await (await browser.newContext()).newPage();
  const adaEmail = uniqueEmail('trn-ada');
  await signUpAndConfirm(ada, adaEmail, 'Ada Owner');
  const slug = await createOrg(ada, `Training ${adaEmail.slice(8, 16)}`);
  const org = `/api/v1/orgs/${slug}`;
  const benEmail = uniqueEmail('trn-ben');
  const ben = await joinAs(browser, ada, org, benEmail, 'approver', 'Ben Approver');
  const olgaEmail = uniqueEmail('trn-olga');
  const olga = await joinAs(browser, ada, org, olgaEmail, 'viewer', 'Olga Operator');

  // Revision 1.0 effective: submitted by Ada, approved by Ben.
  const { sopId, versionUrl, sopUrl } = await sopWithVersion(ada, org, 'Line clearance', 'Packaging');
  let res = await ada.request.post(`${versionUrl}/submit`, { data: { revisionKind: 'major', reason: 'First issue', reviewers: [], approvers: [await memberId(ada, org, benEmail)], password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  res = await ben.request.post(`${versionUrl}/signatures`, { data: { meaning: 'approved', password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(201);
  const { sop } = (await (await ada.request.get(sopUrl)).json()) as { sop: { docNumber: string } };

  // Ada assigns it to the department Packaging on the Training panel.
  await ada.goto(`/o/${slug}/sops/${sopId}`);
  const panel = ada.getByTestId('training-panel');
  await expect(panel).toContainText('Nobody yet.');
  await panel.getByTestId('assignment-kind').selectOption('department');
  await panel.getByTestId('assignment-department').fill('Packaging');
  await panel.getByTestId('assignment-add').click();
  await expect(panel.getByTestId('assignment')).toHaveText(['Department: PackagingRemove']);
  await expect(panel).toContainText('No member is assigned now.');
  // A member picker offers the members; a role can be chosen as well.
  await panel.getByTestId('assignment-kind').selectOption('person');
  await expect(panel.getByTestId('assignment-person').locator('option')).toHaveCount(4);
  await panel.getByTestId('assignment-kind').selectOption('department');

  // Ada puts Olga in Packaging on the Members page (the suggestion comes from the SOP).
  await ada.goto(`/o/${slug}/members`);
  const row = ada.getByTestId('member-row').filter({ hasText: olgaEmail });
  await expect(ada.locator('#member-departments option[value="Packaging"]')).toHaveCount(1);
  await row.getByTestId('department-input').fill('Packaging');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('Department set to Packaging.');
  await shots(ada, 'members');

  // Olga: the tab counts it, My tasks lists it, the email tells her.
  await olga.goto(`/o/${slug}`);
  const tab = olga.getByRole('link', { name: /My tasks/ });
  await expect(tab.getByTestId('count-badge')).toHaveText(/^1/);
  await tab.click();
  const task = olga.getByTestId('training-task');
  await expect(task).toHaveCount(1);
  await expect(task).toContainText(sop.docNumber);
  await expect(task).toContainText('Line clearance');
  await expect(task).toContainText('1.0');
  await shots(olga, 'my-tasks');
  const mine = (await (await olga.request.get(`${org}/training/mine`)).json()) as { tasks: { sopId: string; status: string }[] };
  expect(mine.tasks).toEqual([expect.objectContaining({ sopId, status: 'pending' })]);
  res = await olga.request.post('/api/jobs/run', { headers: { Authorization: `Bearer ${process.env.E2E_CRON_SECRET}` } });
  expect(res.status(), await res.text()).toBe(200);
  await expect.poll(async () => (await mailTo(olgaEmail)).map((m) => m.subject).filter((s) => s.startsWith('Read and understood:'))).toEqual([
    expect.stringMatching(new RegExp(`^Read and understood: ${sop.docNumber} Line clearance, revision 1\\.0, due \\d{4}-\\d{2}-\\d{2}$`)),
  ]);

  // She opens it and signs with her password (a wrong one first: refused, nothing signed).
  await task.getByRole('link', { name: /Read .* and sign it/ }).click();
  await expect(olga).toHaveURL(new RegExp(`/o/${slug}/sops/${sopId}#training-title$`));
  await expect(olga.getByTestId('training-notice')).toContainText('read revision 1.0 below');
  const ceremony = olga.getByTestId('acknowledge-ceremony');
  await expect(ceremony.getByTestId('signature-statement')).toContainText('you have read this revision of the procedure in full');
  await expect(ceremony.getByTestId('signing-as')).toContainText('Olga Operator');
  await shots(olga, 'ceremony');
  await ceremony.getByTestId('sign-password').fill('not my password');
  await ceremony.getByTestId('acknowledge-submit').click();
  await expect(ceremony.getByTestId('sign-error')).toHaveAttribute('data-status', '401');
  await ceremony.getByTestId('sign-password').fill(PASSWORD);
  await ceremony.getByTestId('acknowledge-submit').click();
  const me = olga.getByTestId('training-person').filter({ hasText: 'Olga Operator' });
  await expect(me).toHaveAttribute('data-status', 'current');
  await expect(me).toContainText('acknowledged revision 1.0 on');
  await expect(olga.getByTestId('acknowledge-ceremony')).toHaveCount(0);
  await expect(olga.getByTestId('training-notice')).toHaveCount(0);
  await shots(olga, 'panel-operator');
  res = await olga.request.post(`${sopUrl}/acknowledgements`, { data: { password: PASSWORD } });
  expect(res.status()).toBe(409); // nothing left to acknowledge
  await olga.goto(`/o/${slug}/tasks`);
  await expect(olga.getByTestId('my-training-empty')).toBeVisible();

  // Ada sees her as Current: 1 of 1.
  await ada.goto(`/o/${slug}/sops/${sopId}`);
  await expect(ada.getByTestId('training-counts')).toContainText('1 of 1');
  await expect(ada.getByTestId('training-person')).toHaveAttribute('data-status', 'current');
  await ada.getByTestId('training-panel').scrollIntoViewIfNeeded();
  await shots(ada, 'panel-admin');
  const training = (await (await ada.request.get(`${sopUrl}/training`)).json()) as { counts: { current: number; total: number } };
  expect(training.counts).toMatchObject({ current: 1, total: 1 });
  // A viewer cannot assign or set departments.
  expect((await olga.request.post(`${sopUrl}/training-assignments`, { data: { kind: 'role', role: 'viewer' } })).status()).toBe(403);
  expect((await olga.request.patch(`${org}/members/${await memberId(ada, org, olgaEmail)}`, { data: { department: 'Office' } })).status()).toBe(403);
});
