/**
 * Issue 13's "done means", as people do it in Chromium against the production build: an SOP
 * whose revision 1.0 is effective is revised; the author submits a major revision to a
 * reviewer and two approvers ("all must sign"); the reviewer signs Reviewed; one approver
 * rejects with a comment; the author revises and resubmits; the reviewer and both approvers
 * sign (one approver with password and TOTP); revision 2.0 becomes effective and 1.0 is
 * superseded; the Word export, opened with LibreOffice, shows both approvals with printed
 * name, UTC time and meaning, and the effective date in every page header. Every password is
 * checked by the auth emulator. Screenshots: test-results/screens/journey-*.png.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { enrollTotp, PASSWORD, signUpAndConfirm, totp, uniqueEmail } from './support/auth';
import { sopContent } from './support/content';
import { createOrg, joinAs, upgradeToPro } from './support/orgs';
import { mailTo, memberId, sopWithVersion, taskLink } from './support/signing';
import { wordPages } from './support/word';

const SHOTS = 'test-results/screens';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/journey-${name}.png`, fullPage: true });

/** Sign the pending task on the version page the page is on. */
async function sign(page: Page, meaning: 'reviewed' | 'approved' | 'rejected', opts: { code?: () => string; comment?: string } = {}) {
  const ceremony = page.getByTestId('signing-ceremony');
  await ceremony.getByTestId(`meaning-${meaning}`).check();
  if (opts.comment) await ceremony.getByLabel(/^Comment/).fill(opts.comment);
  await ceremony.getByLabel('Your password').fill(PASSWORD);
  if (opts.code) await ceremony.getByLabel('Code from your authenticator app').fill(opts.code());
  await ceremony.getByTestId('sign-submit').click();
  await expect(page.getByTestId('signing-ceremony')).toHaveCount(0);
}

/** A new saved version of the SOP with this purpose; returns its id. */
async function revise(page: Page, sopUrl: string, purpose: string, summary: string): Promise<string> {
  let res = await page.request.get(sopUrl);
  res = await page.request.patch(sopUrl, { headers: { 'if-match': res.headers()['etag']! }, data: { content: sopContent({ purpose }) } });
  expect(res.status(), await res.text()).toBe(200);
  res = await page.request.post(`${sopUrl}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: summary } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { version: { id: string } }).version.id;
}

/** Submit the version on the page through the form: major, to one reviewer and both approvers, all must sign. */
async function submitMajor(page: Page, reason: string) {
  const form = page.getByTestId('submit-form');
  await form.getByTestId('kind-major').check();
  await expect(form.getByTestId('label-major')).toHaveText('2.0');
  await form.getByTestId('reviewers').getByRole('checkbox', { name: /Rita Reviewer/ }).check();
  await form.getByTestId('approvers').getByRole('checkbox', { name: /Alma Approver/ }).check();
  await form.getByTestId('approvers').getByRole('checkbox', { name: /Bruno Approver/ }).check();
  await form.getByTestId('rule-all').check();
  await form.getByLabel('Reason for change').fill(reason);
  await form.getByLabel('Your password').fill(PASSWORD);
  await form.getByTestId('submit-submit').click();
  await expect(page.getByTestId('version-state')).toHaveText('In review');
}

test('document control journey: review, a rejection with a comment, resubmission, two approvals (one with TOTP), 2.0 effective and 1.0 superseded, signatures and effective date in the Word export as LibreOffice shows it', async ({ browser }) => {
  test.setTimeout(360_000);
  mkdirSync(SHOTS, { recursive: true });
  const owner = await (await browser.newContext()).newPage();
  const ownerEmail = uniqueEmail('jnowner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Journey ${ownerEmail.slice(7, 15)}`);
  const org = `/api/v1/orgs/${slug}`;
  await upgradeToPro(owner, slug);
  const [authorEmail, reviewerEmail, almaEmail, brunoEmail] = [uniqueEmail('jnauthor'), uniqueEmail('jnreviewer'), uniqueEmail('jnalma'), uniqueEmail('jnbruno')];
  const author = await joinAs(browser, owner, org, authorEmail, 'author', 'Ada Author');
  const reviewer = await joinAs(browser, owner, org, reviewerEmail, 'approver', 'Rita Reviewer');
  const alma = await joinAs(browser, owner, org, almaEmail, 'approver', 'Alma Approver');
  const bruno = await joinAs(browser, owner, org, brunoEmail, 'approver', 'Bruno Approver');
  const secret = await enrollTotp(alma);

  // Revision 1.0 is effective already (through the API: submitted by the author, approved by Bruno).
  const { sopId, versionId: v1, sopUrl, versionUrl: v1Url } = await sopWithVersion(author, org, 'Allergen changeover, line 2');
  let res = await author.request.post(`${v1Url}/submit`, {
    data: { revisionKind: 'major', reason: 'First issue', reviewers: [], approvers: [await memberId(owner, org, brunoEmail)], password: PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(200);
  res = await bruno.request.post(`${v1Url}/signatures`, { data: { meaning: 'approved', password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(201);
  expect(((await res.json()) as { lifecycle: { state: string; revisionLabel: string } }).lifecycle).toMatchObject({ state: 'effective', revisionLabel: '1.0' });

  // The author drafts the revision and submits it as a major revision with the form.
  const v2 = await revise(author, sopUrl, 'Check two things before restarting the line.', 'Second check before restart');
  const page = (v: string) => `/o/${slug}/sops/${sopId}/versions/${v}`;
  await author.goto(page(v2));
  await expect(author.getByTestId('diff-added')).toContainText(['Check two things before restarting the line.']);
  await submitMajor(author, 'Add a second check before the line restarts');
  await shot(author, '1-submitted');

  // The reviewer signs Reviewed from the emailed link; approval opens for both approvers.
  await reviewer.goto(await taskLink(reviewerEmail, 'Please review'));
  await expect(reviewer).toHaveURL(new RegExp(`${page(v2)}$`));
  await sign(reviewer, 'reviewed');
  await expect(reviewer.getByTestId('version-state')).toHaveText('In approval');

  // Bruno rejects with a comment; the author is told, with the comment.
  await bruno.goto(await taskLink(brunoEmail, 'Please approve'));
  await expect(bruno).toHaveURL(new RegExp(`${page(v2)}$`));
  const comment = 'Step 2 must name who signs the line release.';
  await sign(bruno, 'rejected', { comment });
  await expect(bruno.getByTestId('version-state')).toHaveText('Rejected');
  await expect(bruno.locator('[data-test=signature][data-meaning=rejected]').getByTestId('signature-comment')).toContainText(comment);
  await shot(bruno, '2-rejected');
  await expect.poll(async () => (await mailTo(authorEmail)).find((m) => m.subject.startsWith('Rejected'))?.text ?? '', { timeout: 15_000 }).toContain(comment);
  // Alma's approval task went with the rejection.
  expect(((await (await alma.request.get(`${org}/tasks`)).json()) as { tasks: unknown[] }).tasks).toEqual([]);

  // The author revises and resubmits; the same people are asked again.
  const v3 = await revise(author, sopUrl, 'Check two things before restarting the line; the shift lead signs the release.', 'Name who signs the release');
  await author.goto(page(v3));
  await submitMajor(author, 'Add a second check before restart; name who signs the release');
  await reviewer.goto(page(v3));
  await sign(reviewer, 'reviewed');

  // Both approvers sign with their password; Alma's authenticator code is asked for too.
  await alma.goto(page(v3));
  await expect(alma.getByTestId('signing-ceremony').getByLabel('Code from your authenticator app')).toBeVisible();
  await shot(alma, '3-ceremony-totp');
  await sign(alma, 'approved', { code: () => totp(secret) });
  await expect(alma.getByTestId('version-state')).toHaveText('In approval');
  await bruno.goto(page(v3));
  await expect(bruno.getByTestId('signing-ceremony').getByTestId('sign-code')).toHaveCount(0);
  await sign(bruno, 'approved');

  // 2.0 is effective; 1.0 is superseded; the rejected version stays rejected.
  await expect(bruno.getByTestId('version-state')).toHaveText('Effective');
  await expect(bruno.getByTestId('revision-label')).toHaveText('· Revision 2.0');
  const rows = bruno.getByTestId('signature');
  await expect(rows.getByTestId('signature-name')).toHaveText(['Ada Author', 'Rita Reviewer', 'Alma Approver', 'Bruno Approver']);
  await expect(rows.getByTestId('signature-meaning')).toHaveText(['Authored', 'Reviewed', 'Approved', 'Approved']);
  await expect(bruno.locator('[data-test=signature][data-meaning=approved]').first()).toContainText('password and authenticator code');
  await shot(bruno, '4-effective');
  await owner.goto(page(v1));
  await expect(owner.getByTestId('version-state')).toHaveText('Superseded');
  await owner.goto(page(v2));
  await expect(owner.getByTestId('version-state')).toHaveText('Rejected');
  res = await owner.request.get(sopUrl);
  expect(((await res.json()) as { sop: { status: string } }).sop.status).toBe('effective');

  // The Word export (the effective version by default), as LibreOffice prints it.
  res = await author.request.get(`${sopUrl}/export.docx`);
  expect(res.status()).toBe(200);
  const pages = wordPages(await res.body(), `${SHOTS}/journey-5-export`);
  if (!pages) return;
  expect(pages.length).toBeGreaterThan(1);
  const today = new Date().toISOString().slice(0, 10);
  for (const [i, text] of pages.entries()) {
    expect(text, `page ${i + 1} header`).toContain(`Effective ${today}`);
    expect(text, `page ${i + 1}`).not.toContain('DRAFT');
  }
  const all = pages.join('\n');
  for (const name of ['Ada Author', 'Rita Reviewer', 'Alma Approver', 'Bruno Approver']) expect(all).toContain(name);
  const approvals = pages.find((p) => p.includes('Alma Approver') && p.includes('Bruno Approver'))!;
  expect(approvals).toMatch(/Approved/);
  expect(approvals.match(/\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
  expect(all).not.toContain('INVALID');
});
