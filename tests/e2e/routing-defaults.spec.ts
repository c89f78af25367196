/**
 * Review and approval defaults per department, in Chromium against the production build: the
 * owner sets the defaults for "Production" on the settings page; an author opens the submit
 * form of a Production SOP and finds those reviewers and approvers pre-checked (an SOP of
 * another department gets the "any department" entry, or nothing); the author changes nothing
 * and submits, and the tasks go to those people. The API: members read the defaults, an
 * author cannot write them (403), naming a viewer is a 400. Screenshots go to
 * test-results/screens/routing-*.png when that folder exists, else test-results/screens.
 */
import { existsSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signUpAndConfirm, uniqueEmail } from './support/auth';
import { collectConsoleProblems } from './support/console';
import { createOrg, joinAs, upgradeToPro } from './support/orgs';
import { memberId, sopWithVersion } from './support/signing';

const SHOTS = existsSync('test-results/screens') ? 'test-results/screens' : 'test-results/screens';
const shot = (page: Page, name: string, target?: ReturnType<Page['getByTestId']>) =>
  (target ?? page).screenshot({ path: `${SHOTS}/routing-${name}.png`, ...(target ? {} : { fullPage: true }) });

test('the owner sets the Production defaults in settings; an author’s submit form for a Production SOP has them pre-checked and submits to them', async ({ browser }) => {
  test.setTimeout(240_000);
  const owner = await (await browser.newContext()).newPage();
  const ownerEmail = uniqueEmail('rdowner');
  await signUpAndConfirm(owner, ownerEmail, 'Olga Owner');
  const slug = await createOrg(owner, `Routing ${ownerEmail.slice(7, 15)}`);
  const org = `/api/v1/orgs/${slug}`;
  await upgradeToPro(owner, slug);
  const authorEmail = uniqueEmail('rdauthor');
  const reviewerEmail = uniqueEmail('rdreviewer');
  const approverEmail = uniqueEmail('rdapprover');
  const viewerEmail = uniqueEmail('rdviewer');
  const author = await joinAs(browser, owner, org, authorEmail, 'author', 'Ada Author');
  const reviewer = await joinAs(browser, owner, org, reviewerEmail, 'approver', 'Rita Reviewer');
  const approver = await joinAs(browser, owner, org, approverEmail, 'approver', 'Paul Approver');
  const viewer = await joinAs(browser, owner, org, viewerEmail, 'viewer', 'Vera Viewer');
  const reviewerId = await memberId(owner, org, reviewerEmail);
  const approverId = await memberId(owner, org, approverEmail);
  const problems = [owner, author].map((p) => collectConsoleProblems(p));

  // Settings: the section offers the members who may approve (not the author, not the viewer).
  await owner.goto(`/o/${slug}/settings`);
  await expect(owner.getByRole('heading', { name: 'Review and approval defaults' })).toBeVisible();
  const add = owner.getByTestId('routing-default-new');
  await expect(add.getByTestId('approvers').getByRole('checkbox')).toHaveCount(3);
  await expect(add.getByRole('checkbox', { name: /Ada Author|Vera Viewer/ })).toHaveCount(0);
  await add.getByLabel('Department').fill('Production');
  await add.getByTestId('reviewers').getByRole('checkbox', { name: /Rita Reviewer/ }).check();
  await add.getByTestId('approvers').getByRole('checkbox', { name: /Paul Approver/ }).check();
  await add.getByRole('button', { name: 'Add defaults' }).click();
  await expect(owner.getByText('Defaults for “Production” saved.')).toBeVisible();
  await owner.reload();
  const entry = owner.getByTestId('routing-default');
  await expect(entry).toHaveCount(1);
  await expect(entry.getByTestId('routing-department-name')).toHaveText('Production');
  await expect(entry.getByTestId('reviewers').getByRole('checkbox', { name: /Rita Reviewer/ })).toBeChecked();
  await expect(entry.getByTestId('reviewers').getByRole('checkbox', { name: /Paul Approver/ })).not.toBeChecked();
  await expect(entry.getByTestId('approvers').getByRole('checkbox', { name: /Paul Approver/ })).toBeChecked();
  await expect(entry.getByTestId('approvers').getByRole('checkbox', { name: /Olga Owner/ })).not.toBeChecked();
  await shot(owner, 'settings-section', owner.getByTestId('routing-defaults'));

  // The API: members read them; an author cannot write; a viewer cannot be named.
  let res = await author.request.get(`${org}/routing-defaults`);
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { defaults: unknown[] }).defaults).toEqual([{ department: 'Production', reviewers: [reviewerId], approvers: [approverId], updatedAt: expect.any(String) }]);
  res = await author.request.put(`${org}/routing-defaults`, { data: { department: 'Production', approvers: [reviewerId] } });
  expect(res.status()).toBe(403);
  res = await owner.request.put(`${org}/routing-defaults`, { data: { department: 'Warehouse', approvers: [await memberId(owner, org, viewerEmail)] } });
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Choose reviewers and approvers among the members whose role may approve.');

  // The author's Production SOP: pre-checked, with the line saying where from.
  const prod = await sopWithVersion(author, org, 'Line clearance', 'Production');
  await author.goto(`/o/${slug}/sops/${prod.sopId}/versions/${prod.versionId}`);
  const form = author.getByTestId('submit-form');
  await expect(form.getByTestId('submit-preselected')).toHaveText('Pre-selected from the defaults for Production. Change them as needed.');
  await expect(form.getByTestId('reviewers').getByRole('checkbox', { name: /Rita Reviewer/ })).toBeChecked();
  await expect(form.getByTestId('reviewers').getByRole('checkbox', { name: /Paul Approver/ })).not.toBeChecked();
  await expect(form.getByTestId('approvers').getByRole('checkbox', { name: /Paul Approver/ })).toBeChecked();
  await expect(form.getByTestId('approvers').getByRole('checkbox', { name: /Rita Reviewer/ })).not.toBeChecked();
  await form.getByLabel('Reason for change').fill('First issue of the line clearance SOP');
  await shot(author, 'submit-prefilled', form);

  // An SOP of another department gets nothing pre-selected while there is no "any department" entry.
  const other = await sopWithVersion(author, org, 'Goods in', 'Warehouse');
  await author.goto(`/o/${slug}/sops/${other.sopId}/versions/${other.versionId}`);
  await expect(author.getByTestId('submit-form').getByRole('checkbox', { checked: true })).toHaveCount(0);
  await expect(author.getByTestId('submit-preselected')).toHaveCount(0);

  // Submitting the Production version as pre-selected routes it to those people.
  await author.goto(`/o/${slug}/sops/${prod.sopId}/versions/${prod.versionId}`);
  await form.getByLabel('Reason for change').fill('First issue of the line clearance SOP');
  await form.getByLabel('Your password').fill(PASSWORD);
  await form.getByTestId('submit-submit').click();
  await expect(author.getByTestId('version-state')).toHaveText('In review');
  const lifecycle = (await (await author.request.get(`${org}/sops/${prod.sopId}/versions/${prod.versionId}/lifecycle`)).json()) as { lifecycle: { round: { tasks: { step: string; assigneeName: string }[] } } };
  expect(lifecycle.lifecycle.round.tasks.map((t) => [t.step, t.assigneeName])).toEqual([['review', 'Rita Reviewer'], ['approval', 'Paul Approver']]);

  // Nobody ticked removes the entry.
  await owner.goto(`/o/${slug}/settings`);
  const saved = owner.getByTestId('routing-default');
  await saved.getByRole('checkbox', { checked: true }).first().uncheck();
  await saved.getByRole('checkbox', { checked: true }).first().uncheck();
  await saved.getByRole('button', { name: 'Save' }).click();
  await expect(owner.getByTestId('routing-default')).toHaveCount(0);
  expect(((await (await owner.request.get(`${org}/routing-defaults`)).json()) as { defaults: unknown[] }).defaults).toEqual([]);

  for (const p of problems) expect(p).toEqual([]);
  for (const p of [owner, author, reviewer, approver, viewer]) await p.context().close();
});
