/**
 * Templates, in Chromium against the production build: an owner starts an SOP from the
 * built-in Receiving template with a title and department and lands on it (version 0.1, the
 * template's steps, the placeholders to fill); saves that SOP as an organization template; finds
 * it in the picker beside the built-ins. A viewer sees the templates through the API but cannot
 * create from one or save one (403), and the New SOP page says why. Screenshots go to
 * test-results/screens/templates-*.png when that folder exists, else test-results/screens.
 */
import { existsSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signUpAndConfirm, uniqueEmail } from './support/auth';
import { collectConsoleProblems } from './support/console';
import { createOrg, joinAs } from './support/orgs';

const SHOTS = existsSync('test-results/screens') ? 'test-results/screens' : 'test-results/screens';
const shot = (target: Page | Locator, name: string) => target.screenshot({ path: `${SHOTS}/templates-${name}.png`, ...('goto' in target ? { fullPage: true } : {}) });
const card = (page: Page, name: string) => page.getByTestId('template-card').filter({ has: page.getByTestId('template-name').getByText(name, { exact: true }) });

test('an owner starts an SOP from the Receiving template, saves it as an organization template and finds it in the picker; a viewer cannot create', async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await (await browser.newContext()).newPage();
  const ownerEmail = uniqueEmail('tplowner');
  await signUpAndConfirm(owner, ownerEmail, 'Tara Owner');
  const slug = await createOrg(owner, `Templates ${ownerEmail.slice(9, 17)}`);
  const org = `/api/v1/orgs/${slug}`;
  const problems = collectConsoleProblems(owner);

  // New SOP offers two ways; the template one lists the built-ins and no organization templates yet.
  await owner.goto(`/o/${slug}/sops/new`);
  await expect(owner.getByTestId('from-description')).toHaveAttribute('aria-current', 'page');
  await expect(owner.getByTestId('generate-form')).toBeVisible();
  await owner.getByTestId('from-template').click();
  await expect(owner).toHaveURL(/\/sops\/new\?from=template$/);
  const picker = owner.getByTestId('template-picker');
  for (const name of ['Sanitation', 'Receiving', 'Calibration', 'Deviation handling', 'CAPA', 'Training', 'Line clearance', 'Equipment cleaning']) {
    await expect(card(owner, name), name).toHaveCount(1);
  }
  await expect(picker.getByTestId('no-org-templates')).toBeVisible();
  // Creating without a choice says what is missing.
  await owner.getByLabel('Title').fill('Goods in — Plant 2');
  await owner.getByRole('button', { name: 'Create SOP' }).click();
  await expect(owner.getByTestId('form-error')).toHaveText('Choose a template.');

  await card(owner, 'Receiving').getByRole('radio').check();
  await expect(owner.getByTestId('chosen-template')).toContainText('Template: Receiving.');
  await owner.getByLabel('Title').fill('Goods in — Plant 2');
  await owner.getByLabel('Department').fill('Warehouse');
  await owner.getByRole('button', { name: 'Create SOP' }).click();

  // Lands on the new SOP: version 0.1 of the template's text under the user's title and department.
  await expect(owner).toHaveURL(/\/sops\/[0-9a-f-]{36}\?created=template$/);
  const sopId = new URL(owner.url()).pathname.split('/')[4]!;
  await expect(owner.getByTestId('sop-title')).toHaveText('Goods in — Plant 2');
  await expect(owner.getByTestId('version-label')).toHaveText('Version 0.1');
  await expect(owner.getByText('· Warehouse')).toBeVisible();
  await expect(owner.getByTestId('form-notice')).toContainText('Replace each “[to be confirmed]”');
  await expect(owner.getByText('Check the driver\'s paperwork against the purchase order', { exact: false })).toBeVisible();
  const sop = (await (await owner.request.get(`${org}/sops/${sopId}`)).json()) as { sop: { docNumber: string; draftContent: { titleBlock: unknown; references: { clause: string }[] } } };
  expect(sop.sop.draftContent.titleBlock).toEqual({ title: 'Goods in — Plant 2', department: 'Warehouse', documentNumber: sop.sop.docNumber });
  expect(sop.sop.draftContent.references.map((r) => r.clause)).toContain('8.4');
  await shot(owner, 'created-sop');

  // Save it as an organization template.
  await owner.getByTestId('save-template').getByText('Save as template').click();
  const form = owner.getByTestId('save-template-form');
  await expect(form.getByLabel('Template name')).toHaveValue('Goods in — Plant 2');
  await form.getByLabel('Template name').fill('Plant 2 goods in');
  await form.getByLabel('Industry').fill('Food');
  await form.getByLabel('Description').fill('Receiving with our chilled-goods checks.');
  await owner.setViewportSize({ width: 1280, height: 900 });
  await owner.getByTestId('save-template').scrollIntoViewIfNeeded();
  await owner.screenshot({ path: `${SHOTS}/templates-save-form.png` });
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(form.getByTestId('form-notice')).toHaveText('Saved as the template “Plant 2 goods in”. It is offered under New SOP → Start from a template.');
  // The same name again is refused with a message that says so.
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(form.getByTestId('form-error')).toContainText('already has a template named “Plant 2 goods in”');

  // It appears in the picker, grouped with the organization's templates.
  await form.getByTestId('saved-template-link').click();
  await expect(owner).toHaveURL(/\/sops\/new\?from=template$/);
  const own = owner.getByTestId('org-templates');
  await expect(own.getByTestId('template-card')).toHaveCount(1);
  await expect(own.getByTestId('template-name')).toHaveText('Plant 2 goods in');
  await expect(own).toContainText('Receiving with our chilled-goods checks.');
  await expect(own).toContainText('Saved by Tara Owner');
  await card(owner, 'Plant 2 goods in').getByRole('radio').check();
  await shot(owner, 'picker');
  expect(problems).toEqual([]);

  // A viewer reads the templates but can create nothing from them.
  const viewer = await joinAs(browser, owner, org, uniqueEmail('tplviewer'), 'viewer', 'Vic Viewer');
  const listed = (await (await viewer.request.get(`${org}/templates`)).json()) as { templates: { id: string; kind: string; name: string }[] };
  const mine = listed.templates.find((t) => t.kind === 'org')!;
  expect(mine.name).toBe('Plant 2 goods in');
  expect(listed.templates.find((t) => t.id === 'builtin:receiving')?.name).toBe('Receiving');
  for (const res of [
    await viewer.request.post(`${org}/sops/from-template`, { data: { templateId: 'builtin:receiving', title: 'Viewer SOP' } }),
    await viewer.request.post(`${org}/sops/from-template`, { data: { templateId: mine.id, title: 'Viewer SOP' } }),
    await viewer.request.post(`${org}/templates`, { data: { sopId, name: 'Viewer template' } }),
    await viewer.request.delete(`${org}/templates/${mine.id}`),
  ]) {
    expect(res.status(), res.url()).toBe(403);
  }
  await viewer.goto(`/o/${slug}/sops/new?from=template`);
  await expect(viewer.getByTestId('form-error')).toContainText('can read SOPs but not draft them');
  await expect(viewer.getByTestId('template-picker')).toHaveCount(0);
  await viewer.goto(`/o/${slug}/sops/${sopId}`);
  await expect(viewer.getByTestId('sop-title')).toHaveText('Goods in — Plant 2');
  await expect(viewer.getByTestId('save-template')).toHaveCount(0);
});
