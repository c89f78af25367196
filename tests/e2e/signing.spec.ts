/**
 * The signing API over HTTP against the production build, with the real auth emulator checking
 * every password: submit (signed "authored") → review → approval → effective; the refusals a
 * person meets (a viewer 403 in the database's words, approval before review 409, a wrong
 * password 401 that is counted until the lockout 423, another organization's ids 404); the
 * task emails with their links; and no password in any answer. Then the same in Chromium:
 * the submit form, the ceremony (one signer with TOTP), the version page and the SOP page's
 * lifecycle panel, a revision's diff against the effective version, and withdrawing.
 * Screenshots go to test-results/screens/signing-*.png.
 */
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { enrollTotp, PASSWORD, signUpAndConfirm, totp, uniqueEmail } from './support/auth';
import { collectConsoleProblems } from './support/console';
import { sopContent } from './support/content';
import { createOrg, joinAs, upgradeToPro } from './support/orgs';
import { mailTo, memberId, sopWithVersion, taskLink } from './support/signing';

type ApiError = { code: string; message: string; needs?: string; lockedUntil?: string };
const errorOf = async (res: APIResponse) => ((await res.json()) as { error: ApiError }).error;

test('signing API: submit → review → approve makes the version effective; viewer 403, approval before review 409, wrong password 401 counted up to 423, other org 404, no password echoed', async ({ browser }) => {
  test.setTimeout(180_000);
  const answers: string[] = [];
  const keep = async (res: APIResponse) => {
    answers.push(`${res.url()} ${JSON.stringify(res.headers())} ${await res.text()}`);
    return res;
  };

  const owner = await (await browser.newContext()).newPage();
  const ownerEmail = uniqueEmail('sgowner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Signing ${ownerEmail.slice(7, 15)}`);
  const org = `/api/v1/orgs/${slug}`;
  await upgradeToPro(owner, slug);
  const reviewerEmail = uniqueEmail('sgreviewer');
  const approverEmail = uniqueEmail('sgapprover');
  const reviewer = await joinAs(browser, owner, org, reviewerEmail, 'approver', 'Rita Reviewer');
  const approver = await joinAs(browser, owner, org, approverEmail, 'approver', 'Paul Approver');
  const viewer = await joinAs(browser, owner, org, uniqueEmail('sgviewer'), 'viewer', 'Vera Viewer');
  const reviewerId = await memberId(owner, org, reviewerEmail);
  const approverId = await memberId(owner, org, approverEmail);

  const { sopId, versionId, versionUrl } = await sopWithVersion(owner, org, 'Line clearance <Line 3> & co');
  const routing = { revisionKind: 'major', reason: 'First issue of the line clearance SOP', reviewers: [reviewerId], approvers: [approverId] };

  // Bad bodies are 400 before any password is checked, and name the field, not the value.
  for (const data of [{ ...routing }, { ...routing, password: '' }, { ...routing, password: PASSWORD, revisionKind: 'huge' }, { ...routing, password: PASSWORD, approvers: [] }, { ...routing, password: PASSWORD, effectiveFrom: 'tomorrow' }]) {
    const res = await keep(await owner.request.post(`${versionUrl}/submit`, { data }));
    expect(res.status(), JSON.stringify(data)).toBe(400);
    expect((await errorOf(res)).code).toBe('validation_failed');
  }

  // A wrong password: 401, says so, nothing submitted.
  let res = await keep(await owner.request.post(`${versionUrl}/submit`, { data: { ...routing, password: 'not my password' } }));
  expect(res.status()).toBe(401);
  expect(await errorOf(res)).toEqual({ code: 'unauthorized', message: 'The password is not correct. Nothing was signed; failed attempts are counted.', needs: 'password' });
  expect(((await (await owner.request.get(`${versionUrl}/lifecycle`)).json()) as { lifecycle: { state: string } }).lifecycle.state).toBe('draft');

  // The author's right password: in review, signed "authored".
  res = await keep(await owner.request.post(`${versionUrl}/submit`, { data: { ...routing, password: PASSWORD } }));
  expect(res.status(), await res.text()).toBe(200);
  const submitted = ((await res.json()) as { lifecycle: { state: string; round: { revisionKind: string; changeReason: string; tasks: { step: string; assigneeName: string; done: boolean }[] } } }).lifecycle;
  expect(submitted.state).toBe('in_review');
  expect(submitted.round).toMatchObject({ revisionKind: 'major', changeReason: routing.reason });
  expect(submitted.round.tasks.map((t) => [t.step, t.assigneeName, t.done])).toEqual([['review', 'Rita Reviewer', false], ['approval', 'Paul Approver', false]]);

  // The reviewer is emailed a link to the version page; the approver not yet. Names are escaped in the HTML.
  const versionPage = `/o/${slug}/sops/${sopId}/versions/${versionId}`;
  await expect.poll(async () => (await mailTo(reviewerEmail)).filter((m) => m.subject.startsWith('Please review')).length, { timeout: 15_000 }).toBe(1);
  const [reviewMail] = (await mailTo(reviewerEmail)).filter((m) => m.subject.startsWith('Please review'));
  expect(reviewMail!.text).toMatch(new RegExp(`https?://[^\\s]+${versionPage.replace(/\//g, '\\/')}`));
  expect(reviewMail!.text).toContain('Olga Owner asks you to review');
  expect(reviewMail!.text).toContain('Line clearance <Line 3> & co');
  expect(reviewMail!.html).toContain('Line clearance &lt;Line 3&gt; &amp; co');
  expect(reviewMail!.html).not.toContain('<Line 3>');
  expect((await mailTo(approverEmail)).filter((m) => m.subject.startsWith('Please approve'))).toEqual([]);

  // A viewer is refused before any password is checked, in the database's words.
  res = await keep(await viewer.request.post(`${versionUrl}/signatures`, { data: { meaning: 'reviewed', password: PASSWORD } }));
  expect(res.status()).toBe(403);
  expect(await errorOf(res)).toEqual({ code: 'forbidden', message: 'Your role cannot review or approve SOPs in this organization.' });
  res = await keep(await viewer.request.post(`${versionUrl}/submit`, { data: { ...routing, password: PASSWORD } }));
  expect(res.status()).toBe(403);

  // Approval before review: 409.
  res = await keep(await approver.request.post(`${versionUrl}/signatures`, { data: { meaning: 'approved', password: PASSWORD } }));
  expect(res.status()).toBe(409);

  // The reviewer signs: approval opens and the approver is emailed.
  res = await keep(await reviewer.request.post(`${versionUrl}/signatures`, { data: { meaning: 'reviewed', password: PASSWORD, comment: 'Checked against the line 3 layout.' } }));
  expect(res.status(), await res.text()).toBe(201);
  let signed = (await res.json()) as { signature: { signerName: string; meaning: string; valid: boolean; comment: string }; lifecycle: { state: string } };
  expect(signed.signature).toMatchObject({ signerName: 'Rita Reviewer', meaning: 'reviewed', valid: true, comment: 'Checked against the line 3 layout.' });
  expect(signed.lifecycle.state).toBe('in_approval');
  await expect.poll(async () => (await mailTo(approverEmail)).filter((m) => m.subject.startsWith('Please approve')).length, { timeout: 15_000 }).toBe(1);
  expect((await mailTo(approverEmail))[0]!.text).toContain(versionPage);
  // Signing the same step twice: 409.
  res = await keep(await reviewer.request.post(`${versionUrl}/signatures`, { data: { meaning: 'reviewed', password: PASSWORD } }));
  expect(res.status()).toBe(409);

  // The approver signs: approved and, with no effective date, effective as 1.0.
  res = await keep(await approver.request.post(`${versionUrl}/signatures`, { data: { meaning: 'approved', password: PASSWORD } }));
  expect(res.status(), await res.text()).toBe(201);
  signed = (await res.json()) as typeof signed;
  expect(signed.lifecycle).toMatchObject({ state: 'effective', revisionLabel: '1.0' });

  // Every signature, manifested and valid.
  res = await keep(await viewer.request.get(`${versionUrl}/signatures`));
  expect(res.status()).toBe(200);
  const { signatures } = (await res.json()) as { signatures: { signerName: string; signerEmail: string; meaning: string; signedAt: string; valid: boolean; authMethod: string }[] };
  expect(signatures.map((s) => [s.signerName, s.meaning, s.valid, s.authMethod])).toEqual([
    ['Olga Owner', 'authored', true, 'password'],
    ['Rita Reviewer', 'reviewed', true, 'password'],
    ['Paul Approver', 'approved', true, 'password'],
  ]);
  expect(signatures[2]!.signerEmail).toBe(approverEmail);
  expect(signatures.every((s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(s.signedAt))).toBe(true);

  // Another organization: 404 on every signing route, with these ids in either org's path.
  const other = await (await browser.newContext()).newPage();
  const otherEmail = uniqueEmail('sgother');
  await signUpAndConfirm(other, otherEmail, 'Otto Other');
  const otherSlug = await createOrg(other, `Other ${otherEmail.slice(8, 16)}`);
  const ownPath = `/api/v1/orgs/${otherSlug}/sops/${sopId}/versions/${versionId}`;
  for (const url of [versionUrl, ownPath]) {
    for (const r of [
      await other.request.post(`${url}/submit`, { data: { ...routing, password: PASSWORD } }),
      await other.request.post(`${url}/signatures`, { data: { meaning: 'approved', password: PASSWORD } }),
      await other.request.get(`${url}/signatures`),
    ]) {
      await keep(r);
      expect(r.status(), r.url()).toBe(404);
      expect((await errorOf(r)).code).toBe('not_found');
    }
  }

  // A rejection needs a comment; the submitter is emailed with it, and the version is final.
  const third = await sopWithVersion(owner, org, 'Hand washing');
  res = await keep(await owner.request.post(`${third.versionUrl}/submit`, { data: { ...routing, reviewers: [], password: PASSWORD } }));
  expect(res.status(), await res.text()).toBe(200);
  expect(((await res.json()) as { lifecycle: { state: string } }).lifecycle.state).toBe('in_approval');
  await expect.poll(async () => (await mailTo(approverEmail)).filter((m) => m.subject === 'Please approve: SOP-0002 Hand washing').length, { timeout: 15_000 }).toBe(1);
  res = await keep(await approver.request.post(`${third.versionUrl}/signatures`, { data: { meaning: 'rejected', password: PASSWORD } }));
  expect(res.status()).toBe(422);
  res = await keep(await approver.request.post(`${third.versionUrl}/signatures`, { data: { meaning: 'rejected', password: PASSWORD, comment: 'Step 2 & <3> are in the wrong order' } }));
  expect(res.status(), await res.text()).toBe(201);
  expect(((await res.json()) as { lifecycle: { state: string } }).lifecycle.state).toBe('rejected');
  await expect.poll(async () => (await mailTo(ownerEmail)).filter((m) => m.subject === 'Rejected: SOP-0002 Hand washing').length, { timeout: 15_000 }).toBe(1);
  const rejected = (await mailTo(ownerEmail)).find((m) => m.subject === 'Rejected: SOP-0002 Hand washing')!;
  expect(rejected.text).toContain('Paul Approver rejected SOP-0002 “Hand washing”');
  expect(rejected.text).toContain('Their comment: Step 2 & <3> are in the wrong order');
  expect(rejected.html).toContain('Step 2 &amp; &lt;3&gt; are in the wrong order');
  expect(rejected.text).toContain(`/o/${slug}/sops/${third.sopId}/versions/${third.versionId}`);

  // Failed attempts are counted: an author's 5th wrong password in a row locks signing (423, Retry-After),
  // after which even the right password is refused, and the owners are emailed.
  const authorEmail = uniqueEmail('sgauthor');
  const author = await joinAs(browser, owner, org, authorEmail, 'author', 'Ada Author');
  const second = await sopWithVersion(author, org, 'Forklift pre-use check');
  const attempt = (password: string) => author.request.post(`${second.versionUrl}/submit`, { data: { ...routing, reviewers: [], password } });
  for (let i = 1; i <= 4; i++) {
    res = await keep(await attempt(`wrong ${i}`));
    expect(res.status(), `attempt ${i}`).toBe(401);
    expect((await errorOf(res)).needs).toBe('password');
  }
  res = await keep(await attempt('wrong 5'));
  expect(res.status()).toBe(423);
  const locked = await errorOf(res);
  expect(locked.message).toMatch(/^Too many failed signing attempts: signing is locked until \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
  expect(Date.parse(locked.lockedUntil!)).toBeGreaterThan(Date.now());
  expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
  res = await keep(await attempt(PASSWORD));
  expect(res.status()).toBe(423);
  await expect.poll(async () => (await mailTo(ownerEmail)).some((m) => m.subject === `Signing locked for Ada Author in Signing ${ownerEmail.slice(7, 15)}`), { timeout: 15_000 }).toBe(true);
  expect(((await (await author.request.get(`${second.versionUrl}/lifecycle`)).json()) as { lifecycle: { state: string } }).lifecycle.state).toBe('draft');

  // No answer of all these carried the password (nor the wrong ones).
  expect(answers.length).toBeGreaterThan(25);
  for (const a of answers) {
    expect(a).not.toContain(PASSWORD);
    expect(a).not.toContain('not my password');
    expect(a).not.toMatch(/wrong \d/);
  }

  for (const p of [owner, reviewer, approver, viewer, other, author]) await p.context().close();
});

const SHOTS = 'test-results/screens';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/signing-${name}.png`, fullPage: true });

test('signing in Chromium: the author submits to a reviewer and an approver with the form, the reviewer (with TOTP) signs Reviewed, the approver signs Approved, the version is Effective with every signature shown', async ({ browser }) => {
  test.setTimeout(240_000);
  const owner = await (await browser.newContext()).newPage();
  const ownerEmail = uniqueEmail('uiowner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Signing UI ${ownerEmail.slice(8, 16)}`);
  const org = `/api/v1/orgs/${slug}`;
  await upgradeToPro(owner, slug);
  const authorEmail = uniqueEmail('uiauthor');
  const reviewerEmail = uniqueEmail('uireviewer');
  const approverEmail = uniqueEmail('uiapprover');
  const author = await joinAs(browser, owner, org, authorEmail, 'author', 'Ada Author');
  const reviewer = await joinAs(browser, owner, org, reviewerEmail, 'approver', 'Rita Reviewer');
  const approver = await joinAs(browser, owner, org, approverEmail, 'approver', 'Paul Approver');
  const secret = await enrollTotp(reviewer);
  const signingCalls = (url: string, status: number) => /\/(submit|signatures)$/.test(url) && status === 401;
  const problems = [author, reviewer, approver].map((p) => collectConsoleProblems(p, { allowStatus: signingCalls }));

  const { sopId, versionId } = await sopWithVersion(author, org, 'Allergen changeover');
  const versionPage = `/o/${slug}/sops/${sopId}/versions/${versionId}`;

  // The SOP page: no effective version yet, the latest version is a draft to submit.
  await author.goto(`/o/${slug}/sops/${sopId}`);
  const panel = author.getByTestId('lifecycle-panel');
  await expect(panel.getByTestId('no-effective')).toBeVisible();
  await expect(panel.getByTestId('version-state')).toHaveText('Draft');
  await shot(author, 'sop-page-draft');
  await panel.getByTestId('submit-link').click();
  await expect(author).toHaveURL(new RegExp(`${versionPage}#submit$`));

  // The version page before submission: content, "no effective version yet", the submit form.
  await expect(author.getByTestId('version-state')).toHaveText('Draft');
  await expect(author.getByTestId('no-effective')).toBeVisible();
  await expect(author.getByTestId('sop-html')).toContainText('Check one thing.');
  const form = author.getByTestId('submit-form');
  await expect(form.getByTestId('label-major')).toHaveText('1.0');
  await expect(form.getByTestId('signing-as')).toHaveText(`You are signing as Ada Author (${authorEmail}).`);
  await expect(form.getByTestId('sign-code')).toHaveCount(0);
  // The author is not offered as a reviewer; the approvers are members who may approve.
  await expect(form.getByTestId('reviewers').getByRole('checkbox')).toHaveCount(3);
  await form.getByTestId('reviewers').getByRole('checkbox', { name: /Rita Reviewer/ }).check();
  await form.getByTestId('approvers').getByRole('checkbox', { name: /Paul Approver/ }).check();
  await form.getByLabel('Reason for change').fill('First issue: allergen changeover on line 2');
  await form.getByLabel('Your password').fill('not my password');
  await shot(author, 'submit-form');
  await form.getByTestId('submit-submit').click();
  await expect(form.getByTestId('sign-error')).toContainText('The password is not correct. Nothing was signed; failed attempts are counted.');
  // Nothing else was lost: the choices and the reason are still there; the password is not.
  await expect(form.getByLabel('Reason for change')).toHaveValue('First issue: allergen changeover on line 2');
  await expect(form.getByTestId('reviewers').getByRole('checkbox', { name: /Rita Reviewer/ })).toBeChecked();
  await expect(form.getByLabel('Your password')).toHaveValue('');
  await shot(author, 'submit-wrong-password');
  await form.getByLabel('Your password').fill(PASSWORD);
  await form.getByTestId('submit-submit').click();
  await expect(author.getByTestId('version-state')).toHaveText('In review');
  await expect(author.getByTestId('submit-form')).toHaveCount(0);
  await expect(author.getByTestId('round-reason')).toHaveText('First issue: allergen changeover on line 2');
  await expect(author.getByTestId('signature')).toHaveCount(1);
  await expect(author.getByTestId('signature').first().getByTestId('signature-meaning')).toHaveText('Authored');
  // The submitter may withdraw; a plain author may not make effective or obsolete.
  await expect(author.getByTestId('withdraw')).toBeVisible();
  await expect(author.getByTestId('make-effective')).toHaveCount(0);

  // The reviewer follows the emailed link, sees the ceremony with the code field (TOTP), and signs Reviewed.
  await reviewer.goto(await taskLink(reviewerEmail, 'Please review'));
  await expect(reviewer).toHaveURL(new RegExp(`${versionPage}$`));
  await expect(reviewer.getByTestId('task-banner')).toBeVisible();
  const ceremony = reviewer.getByTestId('signing-ceremony');
  await expect(ceremony.getByTestId('meaning-reviewed')).toBeChecked();
  await expect(ceremony.getByTestId('meaning-approved')).toHaveCount(0);
  await expect(ceremony.getByTestId('signature-statement')).toContainText('By signing you confirm that you have reviewed this version');
  await expect(ceremony.getByTestId('signature-statement')).toContainText('legally binding equivalent of your handwritten signature');
  await expect(ceremony.getByTestId('signing-as')).toHaveText(`You are signing as Rita Reviewer (${reviewerEmail}).`);
  await ceremony.getByLabel('Your password').fill(PASSWORD);
  await ceremony.getByLabel('Code from your authenticator app').fill('000000');
  await ceremony.getByTestId('sign-submit').click();
  await expect(ceremony.getByTestId('sign-error')).toContainText('The code from your authenticator app is not correct.');
  await ceremony.getByLabel('Your password').fill(PASSWORD);
  await ceremony.getByLabel('Code from your authenticator app').fill(totp(secret));
  await shot(reviewer, 'ceremony-review');
  await ceremony.getByTestId('sign-submit').click();
  await expect(reviewer.getByTestId('version-state')).toHaveText('In approval');
  await expect(reviewer.getByTestId('signing-ceremony')).toHaveCount(0);
  const reviewed = reviewer.locator('[data-test=signature][data-meaning=reviewed]');
  await expect(reviewed.getByTestId('signature-name')).toHaveText('Rita Reviewer');
  await expect(reviewed).toContainText('password and authenticator code');

  // The approver follows the emailed link and signs Approved: effective, revision 1.0.
  await approver.goto(await taskLink(approverEmail, 'Please approve'));
  const approval = approver.getByTestId('signing-ceremony');
  await expect(approval.getByTestId('meaning-approved')).toBeChecked();
  await approval.getByTestId('meaning-rejected').check();
  await expect(approval.getByTestId('signature-statement')).toContainText('reject it');
  await expect(approval.getByLabel(/^Comment/)).toHaveAttribute('required', '');
  await approval.getByTestId('meaning-approved').check();
  await expect(approval.getByTestId('sign-code')).toHaveCount(0);
  await approval.getByLabel('Your password').fill(PASSWORD);
  await shot(approver, 'ceremony-approve');
  await approval.getByTestId('sign-submit').click();
  await expect(approver.getByTestId('version-state')).toHaveText('Effective');
  await expect(approver.getByTestId('revision-label')).toHaveText('· Revision 1.0');
  await expect(approver.getByTestId('is-effective')).toBeVisible();

  // Every signature manifested: printed name, time to the second in UTC, meaning in words, valid.
  const rows = approver.getByTestId('signature');
  await expect(rows.getByTestId('signature-name')).toHaveText(['Ada Author', 'Rita Reviewer', 'Paul Approver']);
  await expect(rows.getByTestId('signature-meaning')).toHaveText(['Authored', 'Reviewed', 'Approved']);
  for (const t of await rows.getByTestId('signature-time').allTextContents()) expect(t).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await expect(approver.getByTestId('signature-invalid')).toHaveCount(0);
  await expect(approver.getByTestId('transition')).toHaveCount(4);
  await shot(approver, 'version-effective');

  // The SOP page shows the effective version and its signatures.
  await author.goto(`/o/${slug}/sops/${sopId}`);
  await expect(author.getByTestId('effective-link')).toContainText('revision 1.0');
  await expect(author.getByTestId('lifecycle-panel').getByTestId('signature')).toHaveCount(3);
  await shot(author, 'sop-page-effective');

  // A revision: its page shows the diff against the effective version and the labels it would get.
  let res = await author.request.get(`${org}/sops/${sopId}`);
  res = await author.request.patch(`${org}/sops/${sopId}`, { headers: { 'if-match': res.headers()['etag']! }, data: { content: sopContent({ purpose: 'Check two things.' }) } });
  expect(res.status(), await res.text()).toBe(200);
  res = await author.request.post(`${org}/sops/${sopId}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: 'Second thing to check' } });
  expect(res.status(), await res.text()).toBe(201);
  const revision = ((await res.json()) as { version: { id: string } }).version.id;
  await author.goto(`/o/${slug}/sops/${sopId}/versions/${revision}`);
  await expect(author.getByTestId('diff-summary')).toContainText('Effective version 0.2 (revision 1.0) → version 0.3');
  await expect(author.getByTestId('diff-added')).toContainText(['Check two things.']);
  await expect(author.getByTestId('diff-removed')).toContainText(['Check one thing.']);
  const again = author.getByTestId('submit-form');
  await expect(again.getByTestId('label-major')).toHaveText('2.0');
  await expect(again.getByTestId('label-minor')).toHaveText('1.1');
  // Minor, straight to approval; then the submitter withdraws it with a reason.
  await again.getByTestId('kind-minor').check();
  await again.getByTestId('approvers').getByRole('checkbox', { name: /Paul Approver/ }).check();
  await again.getByLabel('Reason for change').fill('Second check added');
  await again.getByLabel('Your password').fill(PASSWORD);
  await again.getByTestId('submit-submit').click();
  await expect(author.getByTestId('version-state')).toHaveText('In approval');
  await author.getByTestId('withdraw').click();
  await author.getByTestId('withdraw-reason').fill('Wrong approver chosen');
  await author.getByTestId('withdraw-confirm').click();
  await expect(author.getByTestId('version-state')).toHaveText('Withdrawn (back to draft)');
  await expect(author.getByTestId('submit-form')).toBeVisible();
  await expect(author.locator('[data-test=transition][data-state=withdrawn]')).toContainText('Wrong approver chosen');
  await shot(author, 'version-withdrawn');

  // The owner may make the SOP obsolete from its page.
  await owner.goto(`/o/${slug}/sops/${sopId}`);
  await expect(owner.getByTestId('lifecycle-panel').getByTestId('obsolete')).toBeVisible();

  expect(problems.flat()).toEqual([]);
  for (const p of [owner, author, reviewer, approver]) await p.context().close();
});
